/**
 * The collections made for the pages from the others (what each sheet page shows, a sheet's past
 * editions: src/content/sheet-pages.ts), held in the memory of the process that renders the pages
 * instead of Astro's content store. Astro writes its store to disk and bundles it whole into its
 * build as one module, which the build then parses again: at 200 sheets the sheet pages were
 * 3.3 MB of the store's 3.7 MB, and carrying them cost Astro's process about 2 s of its 6 s of CPU
 * in a rebuild after one edit. The content loader (src/content/loader.ts) holds them here as it
 * loads them; the pages read them with pageEntry(). Astro's incremental build no longer sees the
 * pages read them: a sheet page's key (src/site/page-keys.ts) is a digest of all they are made
 * from, so a copied page is still the page a render would make.
 */

/** The collections held here. */
export type PageCollection = 'sheetPages' | 'sheetEditions';

/** Whether a collection of src/content.config.ts is held here rather than in Astro's store. */
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
type Holder = { [HELD]?: Map<PageCollection, ReadonlyMap<string, PageEntry>> };

/** Replaces a held collection's entries with `entries`. */
export function holdPageEntries(collection: PageCollection, entries: readonly PageEntry[]): void {
  const holder = globalThis as Holder;
  holder[HELD] ??= new Map();
  holder[HELD].set(collection, new Map(entries.map((entry) => [entry.id, entry])));
}

/**
 * A held collection's entry by id, or undefined when it has none (a language a sheet is not
 * published in). Throws when the collection was never loaded in this process: a page rendered
 * without its content would be a wrong page, not a missing one.
 */
export function pageEntry(collection: PageCollection, id: string): PageEntry | undefined {
  const entries = (globalThis as Holder)[HELD]?.get(collection);
  if (entries === undefined) throw new Error(`The ${collection} entries were not loaded before the pages were rendered.`);
  return entries.get(id);
}
