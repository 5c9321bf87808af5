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
import { listFiles, urlPathOf } from '../verify/index.ts';
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
 * Indexes the site in `siteDir` (served under `base`); returns the number of pages and parts
 * indexed. With `cacheDir`, each page's records (a parse of the page) are kept there under a
 * hash of the page and this code, so a rebuild parses only the pages that changed.
 */
export async function buildSearchIndex(siteDir: string, base = basePath(), cacheDir?: string): Promise<number> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  const used = new Set<string>();
  // Pagefind's answers, oldest first: a request is sent before the answers to the ones before it
  // have come (at most IN_FLIGHT waiting), so Pagefind always has the next one to take.
  const answers: Promise<void>[] = [];
  const send = async (response: Promise<{ errors: string[] }>): Promise<void> => {
    const answer = check(response);
    answer.catch(() => undefined); // awaited in turn, below
    answers.push(answer);
    if (answers.length >= IN_FLIGHT) await answers.shift();
  };
  try {
    if (index === undefined) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    let count = 0;
    for (const file of listFiles(siteDir).filter((name) => name.endsWith('.html'))) {
      // Without the PDFs' sizes: the index is the same whether the print stage has written
      // them yet or not, so the stage can run while the PDFs are printed (src/pipeline.ts).
      const html = withoutPdfSizes(readFileSync(path.join(siteDir, file), 'utf8'));
      if (!html.includes('data-pagefind-body')) continue;
      const url = urlPathOf(file, base);
      await send(index.addHTMLFile({ url, content: html }));
      count++;
      for (const record of recordsOf(html, url, cacheDir, used).records) {
        await send(index.addCustomRecord(record));
        count++;
      }
    }
    for (const answer of answers.splice(0)) await answer;
    // Pagefind writes its files itself: getFiles() would send the whole index through its
    // channel (base64 in JSON, twice), held in this process at once (57 MB of files at 1,000 sheets).
    const bundle = path.join(siteDir, SEARCH_BUNDLE_DIR);
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
