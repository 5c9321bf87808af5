/** Shared helpers of the quality gates: the built site, project copies, hashing, the browser. */
import { execFile, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  realpathSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { BUILD_STATE, NOT_INPUTS } from '../../src/incremental.ts';
import { copyStageCaches, siteUrl as siteUrlOf, STAGE_CACHES } from '../../src/pipeline.ts';
import { launchBrowser } from '../../src/print/index.ts';
import { serveStatic, type StaticServer } from '../../src/print/server.ts';
import { listFiles } from '../../src/verify/index.ts';
import { fixturesDir, projectRoot } from '../helpers/fixture.ts';

/** The built site the gates check: dist/, built by the site project's global setup (tests/global-setup.ts). */
export const siteDir = path.join(projectRoot, 'dist');

/** The public address of the site (astro.config.mjs `site`). */
export async function siteUrl(): Promise<string> {
  return siteUrlOf(projectRoot);
}

/** Every HTML page of the built site, relative to it. */
export function htmlPages(dir: string = siteDir): string[] {
  return listFiles(dir).filter((file) => file.endsWith('.html'));
}

/**
 * What a build left of its staging area under `root`/.tmp (it stages in .tmp/build-XXXXXX and
 * removes it, pass or fail): the names of what is left, empty when it cleaned up.
 */
export function stagingLeftovers(root: string): string[] {
  const scratch = path.join(root, '.tmp');
  return existsSync(scratch) ? readdirSync(scratch).filter((name) => name.startsWith('build-')) : [];
}

/**
 * The processes still running in `root` (their working directory: a build's and every process it
 * starts, Astro's, Pagefind's, Chromium's), by command line; empty where there is no /proc to read.
 * Waits up to `waitMs` for them to end (a process killed may take a moment to go).
 */
export async function processesIn(root: string, waitMs = 3000): Promise<string[]> {
  const running = (): string[] => {
    if (!existsSync('/proc/self/cwd')) return [];
    const dir = realpathSync(root);
    const found: string[] = [];
    for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
      try {
        if (readlinkSync(`/proc/${pid}/cwd`) !== dir) continue;
        found.push(readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ').trim());
      } catch {
        // gone meanwhile, or not ours to read
      }
    }
    return found;
  };
  const until = Date.now() + waitMs;
  let found = running();
  while (found.length > 0 && Date.now() < until) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    found = running();
  }
  return found;
}

/** sha256 of every file under `dir`: equal maps mean byte-identical trees. */
export function hashTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  for (const file of listFiles(dir))
    out[file] = createHash('sha256')
      .update(readFileSync(path.join(dir, file)))
      .digest('hex');
  return out;
}

/** What a project needs to build, besides content/ and data/. */
const projectFiles = ['src', 'public', 'scripts', 'editions', 'astro.config.mjs', 'tsconfig.json', 'package.json'];

/**
 * A throwaway copy of the whole project (sources, content, data; node_modules linked), with
 * the files of tests/fixtures/<overlay> laid over it. Builds in it never touch the real dist/.
 * `warm`: it starts from the caches of the suite's own build (see warmCaches).
 */
export function projectCopy(overlay?: string, options: { warm?: boolean } = {}): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), `ogp-project-${overlay ?? 'copy'}-`));
  for (const name of [...projectFiles, 'content', 'data']) {
    if (existsSync(path.join(projectRoot, name)))
      cpSync(path.join(projectRoot, name), path.join(root, name), { recursive: true });
  }
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  if (overlay !== undefined) cpSync(path.join(fixturesDir, overlay), root, { recursive: true });
  if (options.warm === true) warmCaches(root);
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * A throwaway copy of the project as the suite's own build left it: every input of a build (all
 * the project's files but those src/incremental.ts NOT_INPUTS names; node_modules linked), and
 * that build's dist/, stage caches and state. `npm run build` there with nothing changed finds
 * dist/ up to date, as it would run again in the project; after a change it does what the
 * change needs, as after the suite's build. For tests of what follows a build, not of a build.
 */
export function builtCopy(): { root: string; dispose: () => void } {
  const root = mkdtempSync(path.join(tmpdir(), 'ogp-project-built-'));
  for (const name of readdirSync(projectRoot))
    if (!NOT_INPUTS.has(name)) cpSync(path.join(projectRoot, name), path.join(root, name), { recursive: true });
  symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  cpSync(siteDir, path.join(root, 'dist'), { recursive: true });
  warmCaches(root, [...STAGE_CACHES, BUILD_STATE]);
  return { root, dispose: () => rmSync(root, { recursive: true, force: true }) };
}

/**
 * Lays the stage caches of the suite's own build (the project's .cache/, filled by the global
 * setup or scripts/setup.sh) into a project copy: a build there draws, prints and checks again
 * only what the copy changed (src/pipeline.ts STAGE_CACHES). For the tests of what a build
 * makes, never for those of caching or of a cold build.
 */
export function warmCaches(root: string, caches: readonly string[] = STAGE_CACHES): void {
  copyStageCaches(projectRoot, root, caches);
}

/** Runs one of the project's scripts (scripts/<name>.ts) as `npm run <name>` would, in `cwd`. */
export function runScript(
  name: 'check' | 'build',
  cwd: string,
  options: { guardNetwork?: boolean; env?: Record<string, string> } = {},
): { status: number | null; stdout: string; stderr: string } {
  const guard = options.guardNetwork === true ? ['--import', path.join(import.meta.dirname, 'network-guard.ts')] : [];
  const result = spawnSync(process.execPath, [...guard, path.join(projectRoot, 'scripts', `${name}.ts`)], {
    cwd,
    encoding: 'utf8',
    // NODE_ENV as `npm run build` has it (unset), not vitest's "test": the suite's dist/ is built so too.
    env: {
      ...process.env,
      NODE_ENV: undefined,
      FORCE_COLOR: '0',
      NO_COLOR: '1',
      ASTRO_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** runScript without blocking: several can run at once. */
export function runScriptAsync(
  name: 'check' | 'build',
  cwd: string,
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(projectRoot, 'scripts', `${name}.ts`)],
      {
        cwd,
        encoding: 'utf8',
        env: { ...process.env, NODE_ENV: undefined, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
        timeout: 300_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : null;
        resolve({ status: code, stdout, stderr });
      },
    );
  });
}

/**
 * The built site served on loopback and a headless Chromium (launched as the print stage
 * launches it), for the tests of one describe block: started before them, closed after.
 */
export function servedSite(): { readonly server: StaticServer; readonly browser: Browser } {
  let server: StaticServer | undefined;
  let browser: Browser | undefined;
  beforeAll(async () => {
    server = await serveStatic(siteDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  const started = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('servedSite() is used before its beforeAll ran');
    return value;
  };
  return {
    get server() {
      return started(server);
    },
    get browser() {
      return started(browser);
    },
  };
}
