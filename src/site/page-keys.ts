/**
 * Keys for Astro's incremental build (`experimental.incrementalBuild`): a page whose key and
 * code (its module graph, which Astro hashes itself) are those of the last build is copied
 * from it rather than rendered again. A sheet's pages (its page, chart embeds, CSV and SVG
 * files, alias and past-edition pages, in every language) read that sheet's own files and the
 * project's shared ones (data, commitments, recommendations, members, code, packages), never
 * another sheet's: so a sheet's key is a digest of its own files and of every other input but
 * the other sheets' own files. An edit to one sheet changes its key only; any other change
 * changes every key.
 *
 * `npm run build` computes the keys from the fingerprint it takes anyway (src/incremental.ts)
 * and hands them to the Astro build it runs (in its pages process). A bare `astro build` has none:
 * a sheet page then goes by its sheetPages entry's digest (src/content/sheet-pages.ts), and
 * the sheet's other pages are rendered.
 */
import { createHash } from 'node:crypto';

/** Bumped when what a key covers changes, so no key of an older scheme ever matches. */
const SCHEME = 'sheet-pages-1';

/**
 * The sheet a project file belongs to: `content/policy-areas/<slug>.mdx`, its translations
 * `content/policy-areas/<lang>/<slug>.mdx`, and `editions/<slug>/...`. Undefined for a shared file.
 */
export function ownerOf(file: string): string | undefined {
  const sheet = /^content\/policy-areas\/(?:[^/]+\/)?([^/]+)\.mdx$/.exec(file);
  if (sheet !== null) return sheet[1];
  return /^editions\/([^/]+)\//.exec(file)?.[1];
}

/**
 * Each sheet's key, from the project's input files (path -> content digest) and `environment`
 * (whatever else the build reads: packages, Node, environment variables).
 */
export function sheetPageKeys(files: Readonly<Record<string, string>>, environment: string): Map<string, string> {
  const shared = createHash('sha256').update(`${SCHEME}\0${environment}\0`);
  const own = new Map<string, string[]>();
  for (const file of Object.keys(files).sort()) {
    const owner = ownerOf(file);
    const line = `${file}\0${files[file]}\0`;
    if (owner === undefined) shared.update(line);
    else own.set(owner, [...(own.get(owner) ?? []), line]);
  }
  const sharedDigest = shared.digest('hex');
  const keys = new Map<string, string>();
  for (const [slug, lines] of own) {
    keys.set(
      slug,
      createHash('sha256')
        .update(`${sharedDigest}\0${lines.join('')}`)
        .digest('hex'),
    );
  }
  return keys;
}

/**
 * Handed from `npm run build` to the pages of the Astro build it runs next (its pages process)
 * (the pages run in Vite's module graph, module instances of their own: hence a global, by a
 * registered symbol). A key is a digest of everything the sheet's pages are made from, so a key
 * can only ever match a page made from the same inputs: whichever build it comes from, a page
 * copied under it is the page a render would make.
 */
const HANDED_OVER = Symbol.for('ogp-fact-sheets.page-keys');
/** 'coming': the keys come with the entries, which the pages wait for (src/content/page-entries.ts). */
type Holder = { [HANDED_OVER]?: ReadonlyMap<string, string> | 'coming' };

/** Hands the sheets' page keys over now: to a build already running, before its pages render. */
export function handOverPageKeys(keys: ReadonlyMap<string, string> | undefined): void {
  if (keys !== undefined) (globalThis as Holder)[HANDED_OVER] = keys;
}

/**
 * Says that the keys will be handed over (handOverPageKeys) with the entries, before any page
 * renders: Astro's build, started ahead, reaches its start (src/integration.ts) before them.
 */
export function pageKeysComing(): void {
  (globalThis as Holder)[HANDED_OVER] ??= 'coming';
}

/** Runs `build` with the sheets' page keys handed over. */
export async function withPageKeys<T>(
  keys: ReadonlyMap<string, string> | undefined,
  build: () => Promise<T>,
): Promise<T> {
  if (keys === undefined) return build();
  const holder = globalThis as Holder;
  handOverPageKeys(keys);
  try {
    return await build();
  } finally {
    delete holder[HANDED_OVER];
  }
}

/** Whether `npm run build` hands the keys over to this process (its pages process): handed over, or coming. */
export function pageKeysHandedOver(): boolean {
  return (globalThis as Holder)[HANDED_OVER] !== undefined;
}

/** The key of sheet `slug`'s pages when `npm run build` handed the keys over; else undefined. */
export function sheetCacheKey(slug: string): string | undefined {
  const keys = (globalThis as Holder)[HANDED_OVER];
  return keys === 'coming' ? undefined : keys?.get(slug);
}

/** `{ cacheKey }` for a static path of sheet `slug`'s pages when the keys were handed over; else `{}`. */
export function sheetKeyed(slug: string): { cacheKey?: string } {
  const key = sheetCacheKey(slug);
  return key === undefined ? {} : { cacheKey: key };
}
