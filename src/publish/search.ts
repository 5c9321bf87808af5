/**
 * Stage "search": a Pagefind index of every sheet, written into the built site under
 * /pagefind/, so the search page works from static files alone. Pagefind's binary ships
 * inside its npm package (nothing is downloaded) and indexes offline.
 *
 * What is indexed: each sheet page's article (`data-pagefind-body`; embeds, the index page
 * and redirects are left out), whose section headings give deep links into its sections;
 * and, as records of their own, each recommendation and notable commitment
 * (`data-search-part` on the page), linked to its anchor. Their text is the page's, plus the
 * related terms of src/publish/search-terms.ts, which the results never show. The size of a
 * page's PDF ("PDF, 312 KB" in its download links) is not indexed: the pages are indexed as
 * the pages stage built them, while their PDFs are printed.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { CheerioAPI } from 'cheerio';
import { load } from '../cheerio.ts';
import { codeHash, keepCacheFile } from '../print/cache.ts';
import { basePath, SEARCH_BUNDLE_DIR } from '../site/paths.ts';
import { withoutPdfSizes } from '../site/pdf-size.ts';
import { listFiles, urlPathOf } from '../verify/files.ts';
import { relatedTermsOf } from './search-terms.ts';

/** The cache of each page's search records, under the project root. */
export const SEARCH_CACHE = '.cache/search';

/** A recommendation or commitment as its own search result. */
export interface SearchPart {
  url: string;
  language: string;
  /** "recommendation" or "commitment". */
  kind: string;
  /** The heading it stands under (a recommendation's group) or its own (a commitment's). */
  title: string;
  /** Its text, shown in the result as it is on the page. */
  text: string;
  /** The sheet's title. */
  sheet: string;
}

/**
 * The recommendations and commitments of a built sheet page (served at `pageUrl`). The page is
 * parsed by htmlparser2 rather than cheerio's default parse5: about a quarter of the CPU (1.8 s
 * against 0.5 s for 200 sheet pages), and on our pages, which Astro writes well formed, the same
 * text (tests/publish/search-parts.test.ts compares the two on the built site). The one
 * difference on valid HTML is `<noscript>`, whose content parse5 keeps as raw markup and
 * htmlparser2 reads as text.
 */
export function searchParts(html: string, pageUrl: string): SearchPart[] {
  return partsOf(load(html, { xml: { xmlMode: false } }), pageUrl);
}

/** The search parts of a page as parsed by cheerio (`searchParts` parses it). */
export function partsOf($: CheerioAPI, pageUrl: string): SearchPart[] {
  const language = $('html').attr('lang') ?? 'en';
  const sheet = $('h1').first().text().trim();
  return $('[data-search-part][id]')
    .map((_, element) => {
      const part = $(element);
      const kind = part.attr('data-search-part') ?? '';
      const title = (part.attr('data-search-title') ?? part.find('h3, h4').first().text()).replace(/\s+/g, ' ').trim();
      const text = (kind === 'commitment' ? part.find('.commitment__text') : part).text().replace(/\s+/g, ' ').trim();
      return { url: `${pageUrl}#${part.attr('id') ?? ''}`, language, kind, title, text, sheet };
    })
    .get();
}

/** What Pagefind is given for one sheet page: the page, and a record per recommendation and commitment. */
interface PageRecords {
  records: { url: string; language: string; content: string; meta: Record<string, string> }[];
}

/**
 * The records of a page with its search parts (a parse of the whole page): from the cache when this
 * page was indexed before. `key`: the page's digest (pageDigest).
 */
function recordsOf(
  html: string,
  url: string,
  key: string,
  cacheDir: string | undefined,
  used: Set<string>,
): PageRecords {
  const file = cacheDir === undefined ? '' : path.join(cacheDir, `${key}.json`);
  if (cacheDir !== undefined) {
    used.add(key);
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as PageRecords;
    } catch {
      // not indexed before (or a damaged entry): parsed below
    }
  }
  const records = searchParts(html, url).map((part) => ({
    url: part.url,
    language: part.language,
    content: [part.title, part.text, ...relatedTermsOf(`${part.title} ${part.text}`)].join('\n'),
    meta: { title: part.title, text: part.text, kind: part.kind, sheet: part.sheet },
  }));
  if (cacheDir !== undefined) keepCacheFile(file, JSON.stringify({ records }));
  return { records };
}

let code: string | undefined;
/** This module and all it imports: what makes a page's records. */
const searchCode = (): string => (code ??= codeHash(path.join(import.meta.dirname, 'search.ts')));

const sha256 = (text: string | Uint8Array): string => createHash('sha256').update(text).digest('hex');

/** A page as given to Pagefind, with this code: the key of its records in the cache, and of its fragment. */
const pageDigest = (url: string, html: string): string => sha256(`${searchCode()}\0${url}\0${html}`);

/** Keeps the cache to this build's entries (and the fragments' list). */
function prune(cacheDir: string, used: ReadonlySet<string>): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    if (name !== FRAGMENTS && !used.has(name.replace(/\.json$/, '')))
      rmSync(path.join(cacheDir, name), { force: true });
  }
}

/**
 * The last build's site, for an index started before this build's pages exist: its pages are
 * given to Pagefind in the order a clean index takes them, up to the first page of a sheet whose
 * files changed (`changed`), while Astro builds the new ones. Each page given ahead is then
 * compared with the page built (a SHA-256 of its HTML, without the PDFs' sizes): if any differs,
 * or the pages built are others, the index is made again from the pages built alone. So the index
 * is always the one the pages built make (Pagefind's depends on the order its pages come in:
 * only a run of the first pages can go ahead).
 */
export interface LastSite {
  /** The last build's site (dist/). */
  siteDir: string;
  /** The sheets whose files changed since (slugs), so whose pages the last site has not as built now. */
  changed: readonly string[];
}

/** The sheet a built page belongs to ('policy-areas/<slug>/...', in any language's folder), if any. */
export function sheetOfPage(file: string): string | undefined {
  return /(?:^|\/)(?:policy-areas|embed)\/([^/]+)\//.exec(file)?.[1];
}

/**
 * Indexes the site in `siteDir` (served under `base`); returns the number of pages and parts
 * indexed. With `cacheDir`, each page's records (a parse of the page) are kept there under a
 * hash of the page and this code, so a rebuild parses only the pages that changed. With `last`
 * (and `siteDir` a promise of the site, still being built), the pages of the last site that come
 * before the changed sheets' are indexed meanwhile (LastSite), checked once the site is built.
 */
export async function buildSearchIndex(
  siteDir: string | Promise<string>,
  base = basePath(),
  cacheDir?: string,
  last?: LastSite,
  lastBundle?: string,
): Promise<number> {
  const pagefind = await import('pagefind');
  const used = new Set<string>();
  // What each URL given to Pagefind was made from (a page's digest, a record's): its fragment's key.
  const inputs = new Map<string, string>();
  let index = await newIndex(pagefind);
  try {
    // Each page given ahead, in order: its URL and its digest (its HTML without the sizes), not
    // the HTML itself (the process holds one page at a time: SEARCH_HEAP_MB).
    const given: { url: string; digest: string }[] = [];
    let count = 0;
    // Pagefind's answers, oldest first: a request is sent before the answers to the ones before it
    // have come (at most IN_FLIGHT waiting), so Pagefind always has the next one to take.
    let answers: Promise<void>[] = [];
    const send = async (response: Promise<{ errors: string[] }>): Promise<void> => {
      const answer = check(response);
      answer.catch(() => undefined); // awaited in turn, below
      answers.push(answer);
      if (answers.length >= IN_FLIGHT) await answers.shift();
    };
    const add = async (html: string, url: string): Promise<string> => {
      const digest = pageDigest(url, html);
      await send(index.addHTMLFile({ url, content: html }));
      inputs.set(url, digest);
      count++;
      for (const record of recordsOf(html, url, digest, cacheDir, used).records) {
        await send(index.addCustomRecord(record));
        inputs.set(record.url, sha256(JSON.stringify(record)));
        count++;
      }
      return digest;
    };
    let ahead = 0;
    if (last !== undefined) {
      const changed = new Set(last.changed);
      try {
        for (const file of htmlPages(last.siteDir)) {
          const html = readPage(last.siteDir, file);
          if (html === undefined) continue;
          // The first page indexed of a changed sheet (not its embeds, which are not indexed).
          const sheet = sheetOfPage(file);
          if (sheet !== undefined && changed.has(sheet)) break;
          const url = urlPathOf(file, base);
          given.push({ url, digest: await add(html, url) });
        }
        for (const answer of answers.splice(0)) await answer;
        ahead = given.length;
      } catch {
        // A last site Pagefind could not take (or no longer there): none of it goes ahead.
        ahead = -1;
      }
    }
    const site = await siteDir;
    let matched = 0;
    let again = ahead < 0;
    for (const file of htmlPages(site)) {
      const html = readPage(site, file);
      if (html === undefined) continue;
      const url = urlPathOf(file, base);
      const early = matched < ahead ? given[matched] : undefined;
      if (early !== undefined && early.url === url && early.digest === pageDigest(url, html)) {
        matched++;
        continue;
      }
      if (again || matched < ahead) {
        again = true;
        break;
      }
      await add(html, url);
    }
    if (again || matched < ahead) {
      // The last site's pages were not the built ones (or came in another order): made again.
      for (const answer of answers.splice(0)) await answer.catch(() => undefined);
      await index.deleteIndex();
      index = await newIndex(pagefind);
      answers = [];
      given.length = 0;
      count = 0;
      used.clear();
      inputs.clear();
      for (const file of htmlPages(site)) {
        const html = readPage(site, file);
        if (html !== undefined) await add(html, urlPathOf(file, base));
      }
    }
    for (const answer of answers.splice(0)) await answer;
    // Pagefind writes its files itself: getFiles() would send the whole index through its
    // channel (base64 in JSON, twice), held in this process at once (57 MB of files at 1,000 sheets).
    // The last build's fragments of the pages and records given unchanged are linked in first: it
    // writes only the others (KeptFragments).
    const bundle = path.join(site, SEARCH_BUNDLE_DIR);
    const known = cacheDir === undefined ? undefined : knownFragments(cacheDir);
    const kept =
      known === undefined || lastBundle === undefined ? new Map() : keepFragments(known, lastBundle, bundle, inputs);
    await writeBundle(index, bundle);
    let fragments = fragmentsOf(bundle, kept, inputs);
    if (fragments === undefined) {
      // Names made longer for a collision of their hashes, or a file Pagefind did not name: written whole.
      rmSync(bundle, { recursive: true, force: true });
      await writeBundle(index, bundle);
      fragments = fragmentsOf(bundle, new Map(), inputs) ?? {};
    }
    if (cacheDir !== undefined) {
      prune(cacheDir, used);
      // With the bundle it was written for: the build's record takes the digests of this build's alone (bundleDigests).
      keepCacheFile(path.join(cacheDir, FRAGMENTS), JSON.stringify({ key: fragmentsKey(), bundle, fragments }));
    }
    return count;
  } finally {
    await pagefind.close();
  }
}

type Pagefind = typeof import('pagefind');
type PagefindIndex = NonNullable<Awaited<ReturnType<Pagefind['createIndex']>>['index']>;

async function newIndex(pagefind: Pagefind): Promise<PagefindIndex> {
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  if (index === undefined) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
  return index;
}

/** The .html files of a site, in the order they are indexed. */
const htmlPages = (siteDir: string): string[] => listFiles(siteDir).filter((name) => name.endsWith('.html'));

/**
 * A page's HTML as indexed, or undefined when it is not indexed (no `data-pagefind-body`).
 * Without the PDFs' sizes: the index is the same whether the print stage has written them yet
 * or not, so the stage can run while the PDFs are printed (src/pipeline.ts).
 */
function readPage(siteDir: string, file: string): string | undefined {
  const html = withoutPdfSizes(readFileSync(path.join(siteDir, file), 'utf8'));
  return html.includes('data-pagefind-body') ? html : undefined;
}

/**
 * Requests to Pagefind sent ahead of their answers. Its service takes them in the order they are
 * sent (the same index, byte for byte), and answers each before it reads the next: awaited one by
 * one, each of the 3,000 requests at 200 sheets waited for both processes to be scheduled in turn,
 * which on two busy cores (the images and print stages alongside) cost 1-2 s of the stage. A
 * page's HTML is about 45 KB: at most 3 MB of requests wait in the channel.
 */
const IN_FLIGHT = 64;

async function check(response: Promise<{ errors: string[] }>): Promise<void> {
  const { errors } = await response;
  if (errors.length > 0) throw new Error(`Pagefind could not index a page: ${errors.join('; ')}`);
}

/** Pagefind's index and search script written into `bundle` (files already there of the same name are not written again). */
async function writeBundle(index: PagefindIndex, bundle: string): Promise<void> {
  const written = await index.writeFiles({ outputPath: bundle });
  if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
  // Only the index and its search script: the page has its own interface, not Pagefind's UI.
  for (const name of readdirSync(bundle)) {
    if (/^pagefind-(?:[a-z-]*ui|highlight)|playground/.test(name)) rmSync(path.join(bundle, name), { recursive: true });
  }
}

/**
 * The fragments kept (in the search cache, FRAGMENTS): Pagefind writes a file per page and record
 * indexed (its "fragment": the text and data a result shows; 2,800 at 200 sheets) and names each by
 * a hash of its contents, as it does its index files, and it does not write a file whose name is in
 * the folder already. Making that many new files was most of its CPU in an edit's rebuild (the
 * system's time to create a file: 0.1-1 ms each on the build machine, where a hard link costs
 * 0.02 ms). So the last build's fragment files whose page or record is given to Pagefind unchanged
 * (the same URL, made from the same page with the same code and Pagefind) are hard-linked into the
 * new bundle before it writes, each checked first against the SHA-256 its bytes had when kept; it
 * writes the others (and its index files, which an edit changes).
 *
 * Such a fragment is the one Pagefind would write: its data is made from its page or record alone,
 * its name from its data (language, then 7 characters of a hash), its bytes from its data. Two
 * fragments whose hashes begin alike are the exception: Pagefind names the second one longer, so a
 * file linked under the name might hold the other's data. Hence, if any fragment has a name longer
 * than usual, or the folder has more fragments than the index has pages (a file linked that the
 * index does not name), the bundle is written again whole, nothing linked.
 */
interface FragmentEntry {
  /** The URL of its page or record. */
  url: string;
  /** The digest of what it was made from (`inputs` in buildSearchIndex). */
  input: string;
  /** The SHA-256 of the file's bytes. */
  sha256: string;
}
type KeptFragments = Map<string, FragmentEntry>;

/** The fragments' list in the search cache: each fragment file of the last bundle (by name) and what it was made from. */
const FRAGMENTS = 'fragments.v1.json';
const FRAGMENT_DIR = 'fragment';
/** A fragment's usual name: its language, then the first 7 characters of its hash. */
const USUAL_FRAGMENT = /^[a-z0-9-]+_[0-9a-f]{7}\.pf_fragment$/i;

/** What the fragments were written with: this code and Pagefind (its version, and any binary put in its place). */
function fragmentsKey(): string {
  // Its package.json is not among its exports: found where Node looks for the package.
  const lookups = createRequire(import.meta.url).resolve.paths('pagefind') ?? [];
  const manifest = lookups.map((dir) => path.join(dir, 'pagefind', 'package.json')).find((file) => existsSync(file));
  const { version } = JSON.parse(manifest === undefined ? '{}' : readFileSync(manifest, 'utf8')) as {
    version?: string;
  };
  const binaries = ['PAGEFIND_EXTENDED_BINARY_PATH', 'PAGEFIND_BINARY_PATH'].map((name) => process.env[name] ?? '');
  return sha256([searchCode(), version ?? '', ...binaries].join('\0'));
}

/** The last bundle's fragments, when kept with this code and Pagefind. */
function knownFragments(cacheDir: string): Record<string, FragmentEntry> | undefined {
  try {
    const known = JSON.parse(readFileSync(path.join(cacheDir, FRAGMENTS), 'utf8')) as {
      key?: unknown;
      fragments?: Record<string, FragmentEntry>;
    };
    return known.key === fragmentsKey() && typeof known.fragments === 'object' ? known.fragments : undefined;
  } catch {
    return undefined; // none kept, or a damaged list: none linked
  }
}

/** Links into `bundle` the fragments of `lastBundle` whose page or record is given unchanged; returns them. */
function keepFragments(
  known: Record<string, FragmentEntry>,
  lastBundle: string,
  bundle: string,
  inputs: ReadonlyMap<string, string>,
): KeptFragments {
  const kept: KeptFragments = new Map();
  const into = path.join(bundle, FRAGMENT_DIR);
  for (const [name, entry] of Object.entries(known)) {
    if (!USUAL_FRAGMENT.test(name) || inputs.get(entry.url) !== entry.input) continue;
    const from = path.join(lastBundle, FRAGMENT_DIR, name);
    try {
      const bytes = readFileSync(from);
      if (sha256(bytes) !== entry.sha256) continue; // changed since: written by Pagefind
      if (kept.size === 0) mkdirSync(into, { recursive: true });
      const to = path.join(into, name);
      try {
        linkSync(from, to);
      } catch {
        writeFileSync(to, bytes); // another file system
      }
      kept.set(name, entry);
    } catch {
      // gone from the last site: written by Pagefind
    }
  }
  return kept;
}

/**
 * The fragments of the bundle written, for the next build; undefined when one of those `kept` may
 * not be Pagefind's (KeptFragments). A fragment written now is read for its URL.
 */
function fragmentsOf(
  bundle: string,
  kept: KeptFragments,
  inputs: ReadonlyMap<string, string>,
): Record<string, FragmentEntry> | undefined {
  const dir = path.join(bundle, FRAGMENT_DIR);
  const names = existsSync(dir) ? readdirSync(dir) : [];
  if (kept.size > 0) {
    const entry = JSON.parse(readFileSync(path.join(bundle, 'pagefind-entry.json'), 'utf8')) as {
      languages: Record<string, { page_count: number }>;
    };
    const pages = Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0);
    if (names.length !== pages || !names.every((name) => USUAL_FRAGMENT.test(name))) return undefined;
  }
  const fragments: Record<string, FragmentEntry> = {};
  for (const name of names) {
    const known = kept.get(name);
    if (known !== undefined) {
      fragments[name] = known;
      continue;
    }
    const bytes = readFileSync(path.join(dir, name));
    // Gzipped: Pagefind's marker, then the fragment's JSON.
    const text = gunzipSync(bytes).toString('utf8');
    const url = (JSON.parse(text.slice(text.indexOf('{'))) as { url?: unknown }).url;
    const input = typeof url === 'string' ? inputs.get(url) : undefined;
    if (typeof url === 'string' && input !== undefined) fragments[name] = { url, input, sha256: sha256(bytes) };
  }
  return fragments;
}

/**
 * The sha256 of each fragment file of the search bundle written into `siteDir`, by its path in the
 * site, from the fragments' list in the search cache (written with their bytes' digests): the
 * build's record takes them rather than reading and hashing 2,800 files again at 200 sheets. Empty
 * when the list is not that bundle's (not written, or another build's).
 */
export function bundleDigests(siteDir: string, cacheDir: string): Map<string, string> {
  const digests = new Map<string, string>();
  try {
    const list = JSON.parse(readFileSync(path.join(cacheDir, FRAGMENTS), 'utf8')) as {
      bundle?: unknown;
      fragments?: Record<string, Partial<FragmentEntry>>;
    };
    if (list.bundle !== path.join(siteDir, SEARCH_BUNDLE_DIR)) return digests;
    for (const [name, entry] of Object.entries(list.fragments ?? {}))
      if (typeof entry.sha256 === 'string') digests.set(`${SEARCH_BUNDLE_DIR}/${FRAGMENT_DIR}/${name}`, entry.sha256);
  } catch {
    // no list: the record reads the fragments
  }
  return digests;
}
