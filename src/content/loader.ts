/**
 * The content collections' loader (as Starlight wraps glob in loaders of its own): every
 * collection is filled from one run of the project's own load and validation (src/validate.ts,
 * what `npm run check` runs), so the pages render exactly what was validated and nothing is
 * parsed twice. `npm run build` hands over the entries of the run it has just reported; dev
 * and a bare `astro build` run it here, once for all collections (the run is shared while content/ and
 * data/ are unchanged). In dev a change under content/ or data/ runs it again and each
 * collection rewrites the entries whose digest changed, so the dev server reloads the pages.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Loader, LoaderContext } from 'astro/loaders';
import type { z } from 'astro/zod';
import { formatIssues } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import type { ContentCheck } from './index.ts';
import { holdPageEntries, isPageCollection, pageEntryOf } from './page-entries.ts';
import type { SheetPage } from './sheet-pages.ts';

/**
 * The validation and the making of the sheet pages (charts, Vega) are loaded when first used, not
 * with this module: the pages process of `npm run build` is handed its entries and never uses
 * them, and loading them there (about 50 modules and Vega, through Vite's module runner) cost
 * about 0.5 s of CPU a build.
 */
const validation = (): Promise<typeof import('../validate.ts')> => import('../validate.ts');
const sheetPagesModule = (): Promise<typeof import('./sheet-pages.ts')> => import('./sheet-pages.ts');

/** The collections of src/content.config.ts, each a view of the validated content. */
export type CollectionName =
  | 'policyAreas'
  | 'recommendations'
  | 'commitments'
  | 'members'
  | 'policyAreaTranslations'
  | 'recommendationTranslations'
  | 'commitmentTranslations'
  | 'sheetPages'
  | 'sheetEditions';

/** Every collection, in the order src/content.config.ts declares them. */
export const collectionNames: readonly CollectionName[] = [
  'policyAreas',
  'recommendations',
  'commitments',
  'policyAreaTranslations',
  'recommendationTranslations',
  'commitmentTranslations',
  'members',
  'sheetPages',
  'sheetEditions',
];

/** An entry as the store keeps it (its digest is added on the way in). */
export interface StoredEntry {
  id: string;
  data: Record<string, unknown>;
  /**
   * An MDX file's body (as the check reads it). The pages never render it: their sheetPages
   * entries hold it as HTML (src/content/prose.ts), so no entry is `deferredRender` and Astro's
   * build compiles no sheet body as a module.
   */
  body?: string;
  /** Relative to the project root. */
  filePath?: string;
}

const translationKinds = {
  policyAreaTranslations: 'policyAreas',
  recommendationTranslations: 'recommendations',
  commitmentTranslations: 'commitments',
} as const;

/** The sheet pages of each run, made once for the collection however often it is read. */
const pagesOfRun = new WeakMap<ContentCheck, Promise<SheetPage[]>>();

/** What one collection holds of a validated run: the valid entries only (check reports the others). */
export async function entriesOf(root: string, checked: ContentCheck, collection: CollectionName): Promise<StoredEntry[]> {
  const { content } = checked;
  switch (collection) {
    case 'sheetPages': {
      let pages = pagesOfRun.get(checked);
      if (pages === undefined) {
        pages = sheetPagesModule().then(({ sheetPages }) => sheetPages(root, checked));
        pagesOfRun.set(checked, pages);
      }
      // Ids "<lang>/<slug>", English included; the data is plain (the store keeps it as it is).
      return (await pages).map((page) => ({ id: `${page.lang}/${page.slug}`, data: { ...page } }));
    }
    case 'sheetEditions': {
      const { sheetEditions } = await sheetPagesModule();
      return sheetEditions(root, checked).map((kept) => ({ id: `${kept.lang}/${kept.slug}`, data: { ...kept } }));
    }
    case 'policyAreas':
      return content.sheets.map((sheet) => ({
        id: sheet.id,
        data: sheet.data,
        ...(sheet.source.body === undefined ? {} : { body: sheet.source.body.text }),
        filePath: sheet.file,
      }));
    case 'recommendations':
    case 'commitments':
      return [...content[collection].values()].map((entry) => ({ id: entry.id, data: entry.data, filePath: entry.file }));
    case 'members':
      return [...content.members].map(([name, member]) => ({ id: name, data: member }));
    default: {
      const kind = translationKinds[collection];
      return checked.translations.entries
        .filter((entry) => entry.kind === kind)
        .map((entry) => ({
          id: entry.id,
          data: entry.data,
          ...(entry.body === undefined ? {} : { body: entry.body }),
          filePath: entry.file,
        }));
    }
  }
}

/** The folders whose files the content is made from (editions/: the archived PDFs the pages list). */
const INPUTS = ['content', 'data', 'editions'];

/** Every file under content/, data/ and editions/ by path, size and times: a change to any makes a new run. */
async function inputsStamp(root: string): Promise<string> {
  const lines: string[] = [];
  for (const dir of INPUTS) {
    const files = await readdir(path.join(root, dir), { recursive: true }).catch(() => []);
    for (const file of files.sort()) {
      const info = await stat(path.join(root, dir, file)).catch(() => undefined);
      if (info !== undefined) lines.push(`${dir}/${file}\0${info.size}\0${info.mtimeMs}\0${info.ctimeMs}`);
    }
  }
  return lines.join('\n');
}

/** What every collection holds of one validated run, by collection: plain data, sent as it is to another process. */
export type LoaderEntries = Readonly<Record<CollectionName, readonly StoredEntry[]>>;

/**
 * Whether every valid sheet of the run has its pages among `entries`: a sheet whose charts cannot
 * be drawn (a limit reached on a busier machine than check's) has none, and the charts stage then
 * fails the build with the chart's problem.
 */
export function everySheetPaged(entries: LoaderEntries, checked: ContentCheck): boolean {
  const paged = new Set(entries.sheetPages.map((entry) => (entry.data as { slug: string }).slug));
  return checked.content.sheets.every((sheet) => paged.has(sheet.id));
}

/** Every collection's entries of a validated run. */
export async function loaderEntries(root: string, checked: ContentCheck): Promise<LoaderEntries> {
  const entries: Partial<Record<CollectionName, readonly StoredEntry[]>> = {};
  for (const name of collectionNames) entries[name] = await entriesOf(root, checked, name);
  return entries as LoaderEntries;
}

/**
 * The entries of the run `npm run build` has just reported, handed to the content loader of the
 * Astro build it runs next (in its pages process: src/site/build-pages.ts). The loader runs in
 * Vite's module graph, a module instance of its own: hence a global, by a registered symbol.
 * They may still be on their way (a promise): the build starts while the content is validated,
 * and the loader waits for them.
 */
const HANDED_OVER = Symbol.for('ogp-fact-sheets.loader-entries');
type Holder = { [HANDED_OVER]?: { root: string; entries: LoaderEntries | Promise<LoaderEntries> } };

/** Runs `build` with `entries` handed over for the project at `root`. */
export async function withEntries<T>(
  root: string,
  entries: LoaderEntries | Promise<LoaderEntries>,
  build: () => Promise<T>,
): Promise<T> {
  const holder = globalThis as Holder;
  holder[HANDED_OVER] = { root, entries };
  try {
    return await build();
  } finally {
    delete holder[HANDED_OVER];
  }
}

/** The last run per project root, shared by the collections while its inputs are unchanged. */
const runs = new Map<string, { stamp: string; checked: Promise<ContentCheck> }>();

/** The validated content of the project: the last run, or a new one. */
async function validated(root: string): Promise<ContentCheck> {
  const stamp = await inputsStamp(root);
  const last = runs.get(root);
  if (last?.stamp === stamp) return last.checked;
  const checked = validation().then(({ validate }) => validate(root));
  runs.set(root, { stamp, checked });
  return checked;
}

/**
 * Holds the collection's entries for the pages (src/content/page-entries.ts), which read them there;
 * they may still be on their way (handed over by `npm run build`). Dev writes them into Astro's
 * store too (changed ones only, by digest; gone ones deleted), whose changes make the open pages
 * reload (src/dev/content-refresh.ts); a build leaves the store empty, so that Astro's bundle
 * holds no content and its bundling need not wait for it.
 */
function sync(
  context: LoaderContext,
  collection: CollectionName,
  entries: readonly StoredEntry[] | Promise<readonly StoredEntry[]>,
): void {
  const { store, generateDigest } = context;
  // 'html': a store written before the prose was rendered here held its sheets as deferred MDX
  // modules (Astro lists every such entry kept for its build to compile): those are replaced.
  const digestOf = (entry: StoredEntry): string =>
    generateDigest(JSON.stringify(['html', entry.data, entry.body ?? null, entry.filePath ?? null]));
  holdPageEntries(
    collection,
    Promise.resolve(entries).then((list) =>
      list.map((entry) => pageEntryOf(entry.id, entry.data, () => digestOf(entry))),
    ),
  );
  if (context.watcher === undefined || isPageCollection(collection) || entries instanceof Promise) {
    // A store written by an earlier build or dev server holds them: emptied.
    if (store.keys().length > 0) store.clear();
    return;
  }
  const ids = new Set(entries.map((entry) => entry.id));
  for (const id of store.keys()) if (!ids.has(id)) store.delete(id);
  for (const entry of entries) {
    const digest = digestOf(entry);
    if (store.get(entry.id)?.digest === digest) continue;
    store.set({ ...entry, digest });
  }
}

/** Dev: per project root, how each collection takes a new run (its latest load's context). */
const collections = new Map<string, Map<CollectionName, (checked: ContentCheck) => Promise<void>>>();
/** Dev: the watchers already listened to, per root: one run per change for all collections. */
const listening = new WeakMap<object, Set<string>>();

/**
 * Astro writes its store to disk half a second after the last change, and only then do dev
 * pages see the new entries: the announcement waits that long, so a reprint shows the change.
 */
const STORE_SAVED_MS = 750;

/** Dev: re-runs the validation on a change under content/ or data/, then updates every collection. */
function watch(root: string, watcher: NonNullable<LoaderContext['watcher']>, logger: LoaderContext['logger']): void {
  const roots = listening.get(watcher) ?? new Set<string>();
  listening.set(watcher, roots);
  if (roots.has(root)) return;
  roots.add(root);
  const dirs = INPUTS.map((dir) => path.join(root, dir));
  watcher.add(dirs);
  let pending: ReturnType<typeof setTimeout> | undefined;
  const reload = async (): Promise<void> => {
    try {
      const checked = await validated(root);
      await Promise.all([...(collections.get(root)?.values() ?? [])].map((take) => take(checked)));
      await new Promise((resolve) => setTimeout(resolve, STORE_SAVED_MS));
      (await validation()).announceChecked(root, checked);
    } catch (error) {
      logger.error(error instanceof Error ? error.message : String(error));
    }
  };
  watcher.on('all', (_event, file) => {
    if (!dirs.some((dir) => file.startsWith(dir + path.sep))) return;
    clearTimeout(pending);
    pending = setTimeout(() => void reload(), 100);
  });
}

/** The loader of one collection; `schema` types its entries (the data is validated already, never parsed again). */
export function contentLoader<S extends z.ZodType>(collection: CollectionName, schema: S): Loader & { schema: S } {
  return {
    name: 'ogp-content',
    schema,
    load: async (context) => {
      const root = path.resolve(fileURLToPath(context.config.root));
      // A build of `npm run build`: its validated run's entries, reported already (no error).
      const handed = (globalThis as Holder)[HANDED_OVER];
      if (handed?.root === root) {
        // Not awaited: Astro's build goes on to bundle the site's code meanwhile, and the pages
        // wait for the entries (src/content/page-entries.ts).
        sync(context, collection, Promise.resolve(handed.entries).then((entries) => entries[collection]));
        return;
      }
      const checked = await validated(root);
      const errors = checked.issues.filter((issue) => issue.severity === 'error');
      // Dev shows the problems in the terminal and on the pages (src/integration.ts) and serves
      // the valid entries meanwhile; a build never starts with an error.
      if (errors.length > 0 && context.watcher === undefined) {
        throw new Error(`${formatIssues(errors)}\n\n${messages.buildFailed()}`);
      }
      sync(context, collection, await entriesOf(root, checked, collection));
      if (context.watcher === undefined) return;
      const taking = collections.get(root) ?? new Map<CollectionName, (checked: ContentCheck) => Promise<void>>();
      collections.set(root, taking);
      taking.set(collection, async (next) => sync(context, collection, await entriesOf(root, next, collection)));
      watch(root, context.watcher, context.logger);
      (await validation()).announceChecked(root, checked);
    },
  };
}
