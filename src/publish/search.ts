/**
 * Stage "search": a Pagefind index of every sheet, written into the built site under
 * /pagefind/, so the search page works from static files alone. Pagefind's binary ships
 * inside its npm package (nothing is downloaded) and indexes offline.
 *
 * What is indexed: each sheet page's article (`data-pagefind-body`; embeds, the index page
 * and redirects are left out), whose section headings give deep links into its sections;
 * and, as records of their own, each recommendation and notable commitment
 * (`data-search-part` on the page), linked to its anchor. Their text is the page's, plus the
 * related terms of src/publish/search-terms.ts, which the results never show.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { basePath } from '../site/paths.ts';
import { listFiles, urlPathOf } from '../verify/index.ts';
import { relatedTermsOf } from './search-terms.ts';

/** The folder of the index and its script in the built site: "/pagefind/". */
export const SEARCH_BUNDLE_DIR = 'pagefind';

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

/** Indexes the site in `siteDir` (served under `base`); returns the number of pages and parts indexed. */
export async function buildSearchIndex(siteDir: string, base = basePath()): Promise<number> {
  const pagefind = await import('pagefind');
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  try {
    if (index === undefined) throw new Error(`Pagefind could not start: ${errors.join('; ')}`);
    let count = 0;
    for (const file of listFiles(siteDir).filter((name) => name.endsWith('.html'))) {
      const html = readFileSync(path.join(siteDir, file), 'utf8');
      if (!html.includes('data-pagefind-body')) continue;
      const url = urlPathOf(file, base);
      await check(index.addHTMLFile({ url, content: html }));
      count++;
      for (const part of searchParts(html, url)) {
        const related = relatedTermsOf(`${part.title} ${part.text}`);
        await check(
          index.addCustomRecord({
            url: part.url,
            language: part.language,
            content: [part.title, part.text, ...related].join('\n'),
            meta: { title: part.title, text: part.text, kind: part.kind, sheet: part.sheet },
          }),
        );
        count++;
      }
    }
    const written = await index.getFiles();
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join('; ')}`);
    for (const output of written.files) {
      // Only the index and its search script: the page has its own interface, not Pagefind's UI.
      if (/(^|\/)pagefind-(?:[a-z-]*ui|highlight)[^/]*$|playground/.test(output.path)) continue;
      const target = path.join(siteDir, SEARCH_BUNDLE_DIR, output.path);
      mkdirSync(path.dirname(target), { recursive: true });
      writeFileSync(target, output.content);
    }
    return count;
  } finally {
    await pagefind.close();
  }
}

async function check(response: Promise<{ errors: string[] }>): Promise<void> {
  const { errors } = await response;
  if (errors.length > 0) throw new Error(`Pagefind could not index a page: ${errors.join('; ')}`);
}
