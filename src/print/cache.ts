/**
 * The print cache: a PDF is printed again only when something it is printed from changed.
 *
 * An entry's key is a hash of the print job (title, dates, footer, budget...), the page's
 * HTML as printed, the print options, the print code (every module src/print/index.ts
 * imports, followed through relative imports, so whatever the layout fitting does is in
 * it), the playwright-core version, the browser's own version, and the system fonts the
 * browser may fall back on. The entry records every file the page loaded while it was
 * printed (stylesheets, fonts, images) with a hash of its bytes: it is used only when each
 * of them is still byte-identical in the site being built. So a change to any input of a
 * PDF, and only that, prints it again.
 *
 * Entries live under .cache/print/: `<key>.json` (what was recorded) and `<key>.pdf`. A
 * damaged, partial or differently formatted entry is a miss, never an error. Entries are
 * written then renamed, so parallel builds (and shards) never read half a file.
 */
import { execFile } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { promisify } from 'node:util';

/** Bumped when the entry's layout changes: older entries then miss. */
const FORMAT = 'ogp-print-cache-2';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** What is kept of a print besides the PDF bytes (plain JSON: page count, links, layout report...). */
export interface CachedPrint {
  bytes: number;
}

interface Entry {
  format: string;
  key: string;
  /** The PDF's sha256: a damaged PDF file is a miss. */
  pdf: string;
  /** Every file the page loaded, as [site path, sha256], sorted. */
  loaded: [string, string][];
  result: CachedPrint;
  /** The PDF file's stamp when its sha256 was last checked (fileStamp): unchanged, it is not read again. */
  stamp?: string;
}

/**
 * Writes a cache file under a temporary name, then renames it into place, so a parallel build
 * never reads half a file; a failure only costs doing the work again next time.
 */
export function keepCacheFile(file: string, data: string | Uint8Array): void {
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(temporary, data);
    renameSync(temporary, file);
  } catch {
    rmSync(temporary, { force: true });
  }
}

/**
 * Puts a file of a cache into the site being built as a hard link to it, not a copy: a rebuild
 * takes hundreds of images and PDFs from the caches, and on this machine a new file's bytes cost
 * 0.1-1 ms of system time each, a link 0.02 ms. Safe because no cache file is ever written in
 * place (keepCacheFile and the print cache write a new file and rename it over), nor is a site
 * file (a file already at `target` is unlinked, not written through), and the caches check what
 * they hand out against its sha256 (a site file changed in place by another tool changes it). A
 * copy (of `bytes` when given) where a link cannot be made (another file system, a link count at
 * its limit); `bytes` written when there is no cache file (`cached` undefined: not kept).
 * `digest` is the file's sha256, known to the cache: kept for placedDigests.
 */
export function placeCachedFile(
  cached: string | undefined,
  target: string,
  bytes: Uint8Array | undefined,
  digest: string,
): void {
  placed.set(path.resolve(target), digest);
  mkdirSync(path.dirname(target), { recursive: true });
  if (cached !== undefined) {
    try {
      linkSync(cached, target);
      return;
    } catch {
      // a file there already (unlinked below), or no link possible
    }
  }
  rmSync(target, { force: true });
  if (cached !== undefined) {
    try {
      linkSync(cached, target);
      return;
    } catch {
      // copied below
    }
  }
  if (bytes === undefined) copyFileSync(cached ?? '', target);
  else writeFileSync(target, bytes);
}

/**
 * A cache file's stamp: its size, inode and modification time (ns). Any write changes it, so a
 * file whose stamp is the one recorded when its sha256 was checked need not be read to be checked
 * again. Not its status-change time, as the build's record uses (src/incremental.ts): every link
 * made to it or removed changes that (so a file written in place and its time set back is not
 * seen). Undefined when there is no such file.
 */
export function fileStamp(file: string): string | undefined {
  const info = statSync(file, { bigint: true, throwIfNoEntry: false });
  return info === undefined ? undefined : `${info.size}:${info.ino}:${info.mtimeNs}`;
}

const sizeOf = (stamp: string): number => Number(stamp.slice(0, stamp.indexOf(':')));

/**
 * A cache file checked against its recorded sha256: without reading it when its stamp is the one
 * recorded with it, else by reading it. Resolves with its sha256 and stamp now (to record), or
 * undefined when it is missing or its bytes are not the recorded ones. Without a record, the
 * file's bytes are taken as they are (a cache written before digests were kept).
 */
export function checkedFile(
  file: string,
  recorded: { sha256?: string | undefined; stamp?: string | undefined },
): { sha256: string; stamp: string; size: number } | undefined {
  const stamp = fileStamp(file);
  if (stamp === undefined) return undefined;
  const size = sizeOf(stamp);
  if (recorded.sha256 !== undefined && recorded.stamp === stamp) return { sha256: recorded.sha256, stamp, size };
  let digest: string;
  try {
    digest = sha256(readFileSync(file));
  } catch {
    return undefined;
  }
  if (recorded.sha256 !== undefined && recorded.sha256 !== digest) return undefined;
  return { sha256: digest, stamp, size };
}

/** The sha256 of each file placeCachedFile put into a site, by its absolute path. */
const placed = new Map<string, string>();

/**
 * The sha256 of the files placed in `siteDir` (placeCachedFile), by their path in it ('/'
 * separated), forgotten here: the build's record (src/incremental.ts) takes them rather than
 * read and hash the site's images and PDFs again (80% of its bytes), at the very end of a build.
 */
export function placedDigests(siteDir: string): Map<string, string> {
  const prefix = path.resolve(siteDir) + path.sep;
  const digests = new Map<string, string>();
  for (const [file, digest] of placed) {
    if (!file.startsWith(prefix)) continue;
    digests.set(file.slice(prefix.length).split(path.sep).join('/'), digest);
    placed.delete(file);
  }
  return digests;
}

/** A module and every module it imports through relative paths, hashed: the code a stage runs. */
export function codeHash(entry: string): string {
  const seen = new Set<string>();
  const hash = createHash('sha256');
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from\s+|import\s*\(\s*|import\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      const target = path.resolve(path.dirname(file), m[1] as string);
      if (existsSync(target) && statSync(target).isFile()) visit(target);
    }
  };
  visit(entry);
  for (const file of [...seen].sort()) {
    hash.update(`${path.relative(path.dirname(entry), file)}\0`).update(readFileSync(file));
  }
  return hash.digest('hex');
}

/** The print code: src/print/index.ts and all it imports (the fitting too), and playwright-core's version. */
function printCodeHash(): string {
  const require = createRequire(import.meta.url);
  const playwright = require('playwright-core/package.json') as { version: string };
  return sha256(`${codeHash(path.join(import.meta.dirname, 'index.ts'))}\0playwright-core@${playwright.version}`);
}

/** The fonts the browser may fall back on: every font file in the system's font folders, by name and size. */
export function systemFontsHash(): string {
  const hash = createHash('sha256');
  const dirs = ['/usr/share/fonts', '/usr/local/share/fonts', '/etc/fonts'];
  const home = process.env['HOME'];
  if (home !== undefined) dirs.push(path.join(home, '.fonts'), path.join(home, '.local/share/fonts'));
  for (const dir of dirs) {
    if (!existsSync(dir)) continue;
    const files = readdirSync(dir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => path.join(entry.parentPath, entry.name))
      .sort();
    for (const file of files) hash.update(`${file}\0${statSync(file).size}\0`);
  }
  return hash.digest('hex');
}

const browserVersions = new Map<string, Promise<string>>();

/** The browser's version as it reports it (`--version`), asked once per executable and build. */
export function browserVersion(executable: string): Promise<string> {
  let version = browserVersions.get(executable);
  if (version === undefined) {
    version = promisify(execFile)(executable, ['--version'], { timeout: 30_000 }).then(
      ({ stdout }) => stdout.trim(),
      // No answer: a key no other browser can share, so nothing is reused.
      () => `${realpathSync(executable)} ${randomBytes(8).toString('hex')}`,
    );
    browserVersions.set(executable, version);
  }
  return version;
}

/** Where the page's files come from: the site folder, as the print server resolves them. */
export type ResolveFile = (sitePath: string) => string | undefined;

export class PrintCache {
  readonly dir: string;
  private readonly identity: string;
  private readonly resolveFile: ResolveFile;
  private readonly fileHashes = new Map<string, string | undefined>();
  /** Keys used by this build: kept when pruning. */
  private readonly used = new Set<string>();

  private constructor(dir: string, identity: string, resolveFile: ResolveFile) {
    this.dir = dir;
    this.identity = identity;
    this.resolveFile = resolveFile;
  }

  /** A cache in `dir` for printing with `executable` and these print options. */
  static async open(dir: string, executable: string, options: unknown, resolveFile: ResolveFile): Promise<PrintCache> {
    const identity = JSON.stringify({
      format: FORMAT,
      code: printCodeHash(),
      browser: await browserVersion(executable),
      fonts: systemFontsHash(),
      options,
    });
    return new PrintCache(dir, sha256(identity), resolveFile);
  }

  // The look-ups read synchronously (keyOf, hashOf, take): after an edit every job is looked up
  // (200 at 200 English sheets, a few small files each), and a promise per read and write made
  // that two to three times the CPU time.

  /** The key of a job: its fields, the page's HTML as it will be printed, and the identity. */
  keyOf(job: object, pagePath: string): string {
    const file = this.resolveFile(pagePath);
    const html = file === undefined ? 'missing' : sha256(readFileSync(file));
    // The page is one of the files its print loads: its hash is not read again (hashOf).
    if (file !== undefined) this.fileHashes.set(pagePath, html);
    return sha256(`${this.identity}\0${JSON.stringify(job)}\0${html}`);
  }

  private hashOf(sitePath: string): string | undefined {
    if (this.fileHashes.has(sitePath)) return this.fileHashes.get(sitePath);
    const file = this.resolveFile(sitePath);
    let hash: string | undefined;
    try {
      hash = file === undefined ? undefined : sha256(readFileSync(file));
    } catch {
      hash = undefined;
    }
    this.fileHashes.set(sitePath, hash);
    return hash;
  }

  /**
   * The cached print for `key`, its PDF linked to `target` (placeCachedFile), when every file the page loaded
   * is unchanged; else undefined.
   */
  take<R extends CachedPrint>(key: string, target: string): R | undefined {
    const base = path.join(this.dir, key);
    let entry: Entry;
    try {
      entry = JSON.parse(readFileSync(`${base}.json`, 'utf8')) as Entry;
    } catch {
      return undefined;
    }
    if (
      entry.format !== FORMAT ||
      entry.key !== key ||
      !Array.isArray(entry.loaded) ||
      typeof entry.result !== 'object'
    ) {
      return undefined;
    }
    for (const [sitePath, hash] of entry.loaded) if (this.hashOf(sitePath) !== hash) return undefined;
    const pdf = `${base}.pdf`;
    const checked = checkedFile(pdf, { sha256: entry.pdf, stamp: entry.stamp });
    if (checked === undefined || checked.size !== entry.result.bytes) return undefined;
    placeCachedFile(pdf, target, undefined, entry.pdf);
    this.used.add(key);
    if (checked.stamp !== entry.stamp) {
      // Read and checked this time (a copied cache, an entry from before stamps): not next time.
      keepCacheFile(`${base}.json`, JSON.stringify({ ...entry, stamp: checked.stamp }));
      return entry.result as R;
    }
    // Recently used entries are the last to be pruned.
    const now = new Date();
    try {
      utimesSync(`${base}.json`, now, now);
    } catch {
      // not marked: pruned sooner
    }
    return entry.result as R;
  }

  /**
   * Records a fresh print: its PDF (`digest`: its sha256) and the site paths the page loaded.
   * Resolves with the PDF's file in the cache (to link into the site, placeCachedFile), or
   * undefined when it was not kept.
   */
  async put(
    key: string,
    pdf: Uint8Array,
    digest: string,
    loaded: Iterable<string>,
    result: CachedPrint,
  ): Promise<string | undefined> {
    const files: [string, string][] = [];
    for (const sitePath of [...new Set(loaded)].sort()) {
      const hash = this.hashOf(sitePath);
      // A file that cannot be read now cannot be proven unchanged later: do not cache.
      if (hash === undefined) return undefined;
      files.push([sitePath, hash]);
    }
    const entry: Entry = {
      format: FORMAT,
      key,
      pdf: digest,
      loaded: files,
      result,
    };
    await mkdir(this.dir, { recursive: true });
    const base = path.join(this.dir, key);
    const suffix = `${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      // The PDF first: an entry whose .json exists always has its PDF.
      await writeFile(`${base}.pdf.${suffix}`, pdf);
      await rename(`${base}.pdf.${suffix}`, `${base}.pdf`);
      const stamp = fileStamp(`${base}.pdf`);
      await writeFile(`${base}.json.${suffix}`, JSON.stringify(stamp === undefined ? entry : { ...entry, stamp }));
      await rename(`${base}.json.${suffix}`, `${base}.json`);
    } finally {
      await rm(`${base}.pdf.${suffix}`, { force: true });
      await rm(`${base}.json.${suffix}`, { force: true });
    }
    this.used.add(key);
    return `${base}.pdf`;
  }

  /**
   * Keeps the cache bounded: the entries this build used, and as many others (the most
   * recently used first) as `spare`; the rest are removed.
   */
  async prune(spare: number): Promise<void> {
    if (!existsSync(this.dir)) return;
    const others: { key: string; used: number }[] = [];
    for (const name of readdirSync(this.dir)) {
      const key = name.replace(/\.(json|pdf)(\..*)?$/, '');
      if (!name.endsWith('.json') || this.used.has(key)) continue;
      const info = await stat(path.join(this.dir, name)).catch(() => undefined);
      others.push({ key, used: info?.mtimeMs ?? 0 });
    }
    others.sort((a, b) => b.used - a.used);
    for (const { key } of others.slice(spare)) {
      await rm(path.join(this.dir, `${key}.json`), { force: true });
      await rm(path.join(this.dir, `${key}.pdf`), { force: true });
    }
  }

  /** Copies this build's entries into `dir` (a shard's output, merged later). */
  async exportUsed(dir: string): Promise<void> {
    await mkdir(dir, { recursive: true });
    for (const key of this.used) {
      for (const ext of ['.pdf', '.json']) await copyFile(path.join(this.dir, key + ext), path.join(dir, key + ext));
    }
  }
}
