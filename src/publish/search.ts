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
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { codeHash, keepCacheFile } from '../print/cache.ts';
import { basePath, SEARCH_BUNDLE_DIR } from '../site/paths.ts';
import { withoutPdfSizes } from '../site/pdf-size.ts';
import { listFiles, urlPathOf } from '../verify/site.ts';
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

/** The recommendations and commitments of a built sheet page (served at `pageUrl`). */
export function searchParts(html: string, pageUrl: string): SearchPart[] {
  const $ = load(html);
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

/** The records of a page with its search parts (a parse of the whole page): from the cache when this page was indexed before. */
function recordsOf(html: string, url: string, cacheDir: string | undefined, used: Set<string>): PageRecords {
  const key = cacheDir === undefined ? '' : sha256(`${searchCode()}\0${url}\0${html}`);
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

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Keeps the cache to this build's entries. */
function prune(cacheDir: string, used: ReadonlySet<string>): void {
  if (!existsSync(cacheDir)) return;
  for (const name of readdirSync(cacheDir)) {
    if (!used.has(name.replace(/\.json$/, ''))) rmSync(path.join(cacheDir, name), { force: true });
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
): Promise<number> {
  const pagefind = await import('pagefind');
  const used = new Set<string>();
  let index = await newIndex(pagefind);
  try {
    // Each page given ahead, in order: its URL and a digest of its HTML (without the sizes), not
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
    const add = async (html: string, url: string): Promise<void> => {
      await send(index.addHTMLFile({ url, content: html }));
      count++;
      for (const record of recordsOf(html, url, cacheDir, used).records) {
        await send(index.addCustomRecord(record));
        count++;
      }
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
          await add(html, url);
          given.push({ url, digest: sha256(html) });
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
      if (early !== undefined && early.url === url && early.digest === sha256(html)) {
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
      for (const file of htmlPages(site)) {
        const html = readPage(site, file);
        if (html !== undefined) await add(html, urlPathOf(file, base));
      }
    }
    for (const answer of answers.splice(0)) await answer;
    // Pagefind writes its files itself: getFiles() would send the whole index through its
    // channel (base64 in JSON, twice), held in this process at once (57 MB of files at 1,000 sheets).
    const bundle = path.join(site, SEARCH_BUNDLE_DIR);
    const written = await index.writeFiles({ outputPath: bundle });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    // Only the index and its search script: the page has its own interface, not Pagefind's UI.
    for (const name of readdirSync(bundle)) {
      if (/^pagefind-(?:[a-z-]*ui|highlight)|playground/.test(name))
        rmSync(path.join(bundle, name), { recursive: true });
    }
    if (cacheDir !== undefined) prune(cacheDir, used);
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
