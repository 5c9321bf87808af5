/**
 * The collections' entries as the pages read them, held in the memory of the process that renders
 * the pages instead of read from Astro's content store. Astro writes its store to disk and bundles
 * it whole into its build as one module, which the build then parses again: at 200 sheets the sheet
 * pages were 3.3 MB of the store's 3.7 MB, and carrying them cost Astro's process about 2 s of its
 * 6 s of CPU in a rebuild after one edit. And a store in the bundle makes the bundling wait for the
 * content: with none, Astro's build bundles the site's code while `npm run build` is still checking
 * the content, and only the pages wait for the entries (src/content/loader.ts holds them here as a
 * promise). Astro's incremental build does not see the pages read them: a sheet page's key
 * (src/site/page-keys.ts) is a digest of all they are made from, so a copied page is still the page
 * a render would make, and a page without a key is always rendered.
 */
import type { CollectionName } from './loader.ts';

/** The collections only the pages read, which dev keeps out of Astro's store too (src/content/loader.ts). */
export type PageCollection = 'sheetPages' | 'sheetEditions';

/** Whether a collection of src/content.config.ts is made for the pages only (never in Astro's store). */
export const isPageCollection = (collection: string): collection is PageCollection =>
  collection === 'sheetPages' || collection === 'sheetEditions';

/** An entry as the pages read it: as Astro's getEntry would give it. */
export interface PageEntry {
  id: string;
  data: Record<string, unknown>;
  /** Changes whenever the data does. */
  readonly digest: string;
}

/**
 * An entry whose digest is made when first read: only a page without a key handed over reads it
 * (dev, a bare `astro build`: src/pages/[...lang]/policy-areas/[slug].astro), and making it for
 * every page (3.3 MB of JSON hashed at 200 sheets) cost Astro's process 0.1-0.2 s of CPU a build.
 */
export function pageEntryOf(id: string, data: Record<string, unknown>, digest: () => string): PageEntry {
  let made: string | undefined;
  return {
    id,
    data,
    get digest() {
      return (made ??= digest());
    },
  };
}

/**
 * The collections held in this process, by a registered symbol: the loader runs in Astro's
 * content layer and the pages in Vite's module graph, each with module instances of its own.
 */
const HELD = Symbol.for('ogp-fact-sheets.page-entries');
type Holder = { [HELD]?: Map<CollectionName, Promise<ReadonlyMap<string, PageEntry>>> };

/**
 * Replaces a collection's entries with `entries`, which may still be on their way (`npm run
 * build` hands them over once the content is checked): the pages wait for them.
 */
export function holdPageEntries(
  collection: CollectionName,
  entries: readonly PageEntry[] | Promise<readonly PageEntry[]>,
): void {
  const holder = globalThis as Holder;
  holder[HELD] ??= new Map();
  const held = Promise.resolve(entries).then((list) => new Map(list.map((entry) => [entry.id, entry])));
  // Awaited by the pages; entries that never come are a build stopped before its pages.
  held.catch(() => undefined);
  holder[HELD].set(collection, held);
}

/**
 * A collection's entries by id, once they are there. Throws when the collection was never loaded
 * in this process: a page rendered without its content would be a wrong page, not a missing one.
 */
export async function pageEntries(collection: CollectionName): Promise<ReadonlyMap<string, PageEntry>> {
  const entries = (globalThis as Holder)[HELD]?.get(collection);
  if (entries === undefined) throw new Error(`The ${collection} entries were not loaded before the pages were rendered.`);
  return entries;
}

/** A collection's entry by id, or undefined when it has none (a language a sheet is not published in). */
export async function pageEntry(collection: CollectionName, id: string): Promise<PageEntry | undefined> {
  return (await pageEntries(collection)).get(id);
}
