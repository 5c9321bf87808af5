/**
 * What the last successful build was made from, so that a build with nothing changed does
 * nothing, correctly. Stages reuse their own caches (charts: .cache/charts, PDFs:
 * .cache/print, verification: .cache/verify); this is the whole-build one: a fingerprint of
 * every input (the project's files, the installed packages, the Node version, the browser,
 * the system fonts, the environment variables the build reads) and of the dist/ it made.
 * When both still match, dist/ is exactly what a build would make again.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { readFile, rename, rm, writeFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { messages } from './messages.ts';
import { findBrowser } from './print/browser.ts';
import { browserVersion, systemFontsHash } from './print/cache.ts';
import { ownerOf, sheetPageKeys } from './site/page-keys.ts';

/** Where the state of the last successful build is kept. */
export const BUILD_STATE = '.cache/last-build.json';

/** Outputs, caches and tools' folders: not inputs of the build. */
export const NOT_INPUTS = new Set(['node_modules', 'dist', '.cache', '.tmp', '.astro', '.git', 'coverage', 'shards']);

/** Environment variables the build reads. */
const ENVIRONMENT = ['SITE_URL', 'BASE_PATH', 'CHROME_PATH', 'NODE_ENV'];

export interface BuildState {
  inputs: string;
  /** The input files the fingerprint was made from, each with its stamp and sha256 (unchanged stamps are not read again). */
  files?: Stamped;
  /** dist/'s files, each with its stamp and sha256. */
  dist: Stamped;
  /** What `check` printed (warnings), shown again on a build that does nothing. */
  report: string;
  /** What the last build did: the PDFs it printed, the charts it drew, the files it verified. */
  did: BuildActions;
}

/** What a build did, for people and for the tests that prove a change rebuilds only what it affects. */
export interface BuildActions {
  /** The PDFs printed (not copied from the print cache), by their path in the site. */
  printed: string[];
  /** The charts drawn (not read from the chart cache), as "<sheet>/<chart id>". */
  drawn: string[];
  /** The files of the site whose links were checked (not known unchanged). */
  verified: string[];
  /** The images drawn (chart PNGs, social cards; not copied from the image cache), by their path in the site. */
  images?: string[];
  /** The sheets' pages rendered by Astro (not copied from its last build; src/site/page-keys.ts), by their path in the site. */
  pages?: string[];
}

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

function files(dir: string, skip: ReadonlySet<string> = new Set()): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      if (sub === '' && skip.has(entry.name)) continue;
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  if (existsSync(dir)) walk('');
  return out.sort();
}

/** Files by path, each as [stamp, sha256]: the stamp (size, inode, times of change) says when the sha256 can be reused. */
export type Stamped = Record<string, [string, string]>;

/**
 * A file's stamp: its size, inode, and last modification and status change times (ns). Any
 * write changes them; the status change time cannot be set back, not even by `touch -d`.
 */
export function stampOf(file: string): string {
  const info = statSync(file, { bigint: true });
  return `${info.size}:${info.ino}:${info.mtimeNs}:${info.ctimeNs}`;
}

/**
 * Every file under `dir` with its stamp and sha256. A file whose stamp is the one in `known`
 * keeps its recorded sha256 (not read again); the stamp is taken before the file is read, so a
 * write meanwhile leaves a stamp that will not match next time.
 */
function stampedHashes(
  dir: string,
  skip?: ReadonlySet<string>,
  known: Stamped = {},
  digests?: ReadonlyMap<string, string>,
): Stamped {
  const out: Stamped = {};
  // Read synchronously: dist/ holds thousands of small files (5,100 at 200 English sheets), and
  // a promise per stat and read made this three to four times the CPU time (0.8 s against 0.2 s there).
  for (const file of files(dir, skip)) {
    const absolute = path.join(dir, file);
    const stamp = stampOf(absolute);
    const before = known[file];
    out[file] = [stamp, before?.[0] === stamp ? before[1] : (digests?.get(file) ?? sha256(readFileSync(absolute)))];
  }
  return out;
}

/** The inputs of a build: a fingerprint of them all, and the keys of each sheet's pages (src/site/page-keys.ts). */
export interface Inputs {
  fingerprint: string;
  pageKeys: Map<string, string>;
  files: Stamped;
}

/**
 * A fingerprint of everything a build reads: the project's files (all but outputs and
 * caches), the installed packages (npm's record of them), Node's version, the environment
 * variables the build reads, and `extra` (the browser's version, the system fonts).
 */
export async function readInputs(root: string, extra: Promise<string>, known?: Stamped): Promise<Inputs> {
  const stamped = stampedHashes(root, NOT_INPUTS, known);
  const files = Object.fromEntries(Object.entries(stamped).map(([file, [, digest]]) => [file, digest]));
  const installed = path.join(root, 'node_modules', '.package-lock.json');
  let environment = existsSync(installed) ? sha256(await readFile(installed)) : 'no node_modules';
  environment += `\0node ${process.version}\0${await extra}\0`;
  for (const name of ENVIRONMENT) environment += `${name}=${process.env[name] ?? '(unset)'}\0`;
  const hash = createHash('sha256');
  for (const [file, digest] of Object.entries(files)) hash.update(`${file}\0${digest}\0`);
  hash.update(environment);
  return { fingerprint: hash.digest('hex'), pageKeys: sheetPageKeys(files, environment), files: stamped };
}

async function readState(root: string): Promise<BuildState | undefined> {
  try {
    const state = JSON.parse(await readFile(path.join(root, BUILD_STATE), 'utf8')) as BuildState;
    // A state of an older format (dist/ without stamps) is no state: the next build is a whole one.
    const stamped = Object.values(state.dist ?? {}).every(Array.isArray);
    return typeof state.inputs === 'string' && typeof state.dist === 'object' && stamped ? state : undefined;
  } catch {
    return undefined;
  }
}

/**
 * What a build depends on outside the project: the browser that prints (its version) and the
 * system fonts it may fall back on. A missing browser fails the build later, with its message.
 */
async function buildEnvironment(): Promise<string> {
  let browser: string;
  try {
    browser = await browserVersion(findBrowser());
  } catch {
    browser = 'no browser';
  }
  return JSON.stringify({ browser, fonts: systemFontsHash() });
}

/** The inputs of a build about to run, and the last build's state when it made dist/ from the same. */
export interface LastBuild {
  inputs: string | undefined;
  current: BuildState | undefined;
  /** Each sheet's page key for Astro's incremental build (src/site/page-keys.ts). */
  pageKeys?: Map<string, string> | undefined;
  /** The input files read, with their stamps, for the next build. */
  files?: Stamped | undefined;
  /**
   * The sheets whose own files changed since the last build (src/site/page-keys.ts ownerOf),
   * when no other input file did; undefined when one did, or there is no last build to compare.
   * A hint only (the environment is not compared): what is made from it is checked against the
   * pages built (the search stage's index started ahead, src/publish/search.ts).
   */
  changedSheets?: string[] | undefined;
}

/**
 * Fingerprints the inputs and compares them with the last successful build's. Loads no
 * stage, so `npm run build` with nothing changed answers in a moment.
 */
export async function lastBuild(root: string): Promise<LastBuild> {
  const environment = buildEnvironment(); // asks the browser its version meanwhile
  const state = await readState(root);
  const read = await readInputs(root, environment, state?.files).catch(() => undefined);
  const inputs = read?.fingerprint;
  return {
    inputs,
    current: inputs === undefined ? undefined : await upToDate(root, inputs, state),
    pageKeys: read?.pageKeys,
    files: read?.files,
    changedSheets:
      state?.files === undefined || read === undefined ? undefined : changedSheets(state.files, read.files),
  };
}

/** The sheets whose own files differ between two readings of the inputs; undefined when a shared file does. */
function changedSheets(before: Stamped, now: Stamped): string[] | undefined {
  const sheets = new Set<string>();
  for (const file of new Set([...Object.keys(before), ...Object.keys(now)])) {
    if (before[file]?.[1] === now[file]?.[1]) continue;
    const owner = ownerOf(file);
    if (owner === undefined) return undefined;
    sheets.add(owner);
  }
  return [...sheets].sort();
}

/** Says that nothing changed, with what the last build's check warned about. */
export function reportUpToDate(state: BuildState, started: number): void {
  if (state.report !== '') process.stdout.write(`${state.report}\n\n`);
  process.stdout.write(`${messages.buildUpToDate('dist', Math.round(performance.now() - started))}\n`);
}

/** The last build's state when its inputs are `inputs` and dist/ is still exactly what it made. */
async function upToDate(root: string, inputs: string, state: BuildState | undefined): Promise<BuildState | undefined> {
  if (state?.inputs !== inputs) return undefined;
  const dist = path.join(root, 'dist');
  const names = files(dist);
  if (names.length !== Object.keys(state.dist).length) return undefined;
  for (const file of names) {
    const recorded = state.dist[file];
    if (recorded === undefined) return undefined;
    // The same stamp: not written since it was recorded. Otherwise its bytes must be the same.
    const absolute = path.join(dist, file);
    if (stampOf(absolute) !== recorded[0] && sha256(readFileSync(absolute)) !== recorded[1]) return undefined;
  }
  return state;
}

/** Records a successful build: its inputs and the dist/ it made. A build that fails forgets it. */
export async function recordBuild(
  root: string,
  inputs: string | undefined,
  report: string,
  did: BuildActions,
  inputFiles?: Stamped,
  digests?: ReadonlyMap<string, string>,
): Promise<void> {
  const file = path.join(root, BUILD_STATE);
  if (inputs === undefined) {
    await forgetBuild(root);
    return;
  }
  // The images' and PDFs' digests come from their caches (placedDigests): the rest is read.
  const dist = stampedHashes(path.join(root, 'dist'), undefined, {}, digests);
  const state: BuildState = { inputs, ...(inputFiles === undefined ? {} : { files: inputFiles }), dist, report, did };
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(`${file}.${process.pid}.tmp`, JSON.stringify(state));
  await rename(`${file}.${process.pid}.tmp`, file);
}

export async function forgetBuild(root: string): Promise<void> {
  await rm(path.join(root, BUILD_STATE), { force: true });
}

/** What the last successful build did (the tests read it). */
export async function lastBuildActions(root: string): Promise<BuildActions | undefined> {
  return (await readState(root))?.did;
}
