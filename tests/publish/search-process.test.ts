/**
 * The search stage runs in a process of its own (src/publish/search-process.ts) and Pagefind
 * writes its files itself: indexing the built pages again, apart, leaves the index the build
 * left, byte for byte; a process that outgrows its heap limit is run again without it. (The
 * index is also byte for byte the one the stage wrote in the build's process from Pagefind's
 * getFiles() before: checked on a dist/ built that way, and on 200 sheets in three languages.)
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { buildSearchIndexApart, startSearchApart } from '../../src/publish/search-process.ts';
import { sheetOfPage } from '../../src/publish/search.ts';
import { basePath } from '../../src/site/paths.ts';
import { SEARCH_BUNDLE_DIR } from '../../src/site/paths.ts';
import { messages } from '../../src/messages.ts';
import { withoutPdfSizes } from '../../src/site/pdf-size.ts';
import { hashTree, htmlPages, siteDir } from '../quality/helpers.ts';

const scratch = mkdtempSync(path.join(tmpdir(), 'ogp-search-process-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the built site's HTML pages (no index), under a folder of its own, each page passed through `as`. */
function pagesCopy(name: string, as?: (html: string) => string): string {
  const dir = path.join(scratch, name);
  for (const page of htmlPages()) {
    mkdirSync(path.dirname(path.join(dir, page)), { recursive: true });
    if (as === undefined) cpSync(path.join(siteDir, page), path.join(dir, page));
    else writeFileSync(path.join(dir, page), as(readFileSync(path.join(siteDir, page), 'utf8')));
  }
  return dir;
}

describe('the search index', () => {
  it("is the same whether the PDFs' sizes are in the pages yet or not (the stage runs while they are printed)", async () => {
    const built = hashTree(path.join(siteDir, SEARCH_BUNDLE_DIR));
    let sized = 0;
    // The pages as the pages stage wrote them, before the print stage filled in the sizes.
    const before = pagesCopy('before-sizes', (html) => {
      const without = withoutPdfSizes(html);
      if (without !== html) sized++;
      return without;
    });
    expect(sized).toBeGreaterThan(0);
    await buildSearchIndexApart(before, undefined, undefined);
    expect(hashTree(path.join(before, SEARCH_BUNDLE_DIR))).toEqual(built);
  });
});

describe('the search process', () => {
  it('leaves the index the build left, byte for byte, also from a process run again without its heap limit', async () => {
    const built = hashTree(path.join(siteDir, SEARCH_BUNDLE_DIR));
    expect(Object.keys(built).some((file) => file.endsWith('.pf_fragment'))).toBe(true);
    // Pagefind's interface files are not kept: the search page has its own.
    expect(Object.keys(built).some((file) => /pagefind-(?:[a-z-]*ui|highlight)/.test(file))).toBe(false);

    const apart = pagesCopy('apart');
    const count = await buildSearchIndexApart(apart, undefined, undefined);
    expect(count).toBeGreaterThan(0);
    expect(hashTree(path.join(apart, SEARCH_BUNDLE_DIR))).toEqual(built);

    const said = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      // 8 MB: not enough to load Pagefind's client and cheerio, so V8 aborts the first process.
      const again = pagesCopy('again');
      expect(await buildSearchIndexApart(again, undefined, undefined, 8)).toBe(count);
      expect(hashTree(path.join(again, SEARCH_BUNDLE_DIR))).toEqual(built);
      expect(said).toHaveBeenCalledWith(`${messages.searchHeapExceeded(8)}\n`);
    } finally {
      said.mockRestore();
    }
  });
});

describe('the search process started ahead with the last site', () => {
  // The built sheet's pages copied as several sheets': the index takes them in order, sheet by sheet.
  const built = htmlPages().filter((page) =>
    readFileSync(path.join(siteDir, page), 'utf8').includes('data-pagefind-body'),
  );
  const sheet = sheetOfPage(built[0] ?? '') ?? '';
  const sheets = ['a-sheet', 'b-sheet', 'c-sheet', 'd-sheet'];

  /** A site of the sheets' pages, each page passed through `as` (with its sheet). */
  function sheetsSite(name: string, as: (html: string, slug: string) => string = (html) => html): string {
    const dir = path.join(scratch, name);
    for (const page of built)
      for (const slug of sheets) {
        const file = path.join(dir, page.replace(`/${sheet}/`, `/${slug}/`));
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, as(readFileSync(path.join(siteDir, page), 'utf8').replaceAll(sheet, slug), slug));
      }
    return dir;
  }
  const edited = (html: string): string => html.replace(/<h1([^>]*)>/, '<h1$1>Edited ');

  /** The index of `name` (the sheets' pages) made by a process started ahead with `last` and `changed`. */
  async function indexAhead(name: string, last: string, changed: string[]): Promise<Record<string, string>> {
    const now = sheetsSite(name);
    const ahead = startSearchApart(undefined, {
      base: basePath(),
      cacheDir: undefined,
      last: { siteDir: last, changed },
    });
    try {
      expect(await ahead.run(now, basePath(), undefined)).toBeGreaterThan(0);
    } finally {
      await ahead.stop();
    }
    return hashTree(path.join(now, SEARCH_BUNDLE_DIR));
  }

  it('leaves the index of the pages built, byte for byte, whether the changed sheets it is told are right or not', async () => {
    expect(sheet).not.toBe('');
    const clean = sheetsSite('clean');
    await buildSearchIndexApart(clean, undefined, undefined);
    const index = hashTree(path.join(clean, SEARCH_BUNDLE_DIR));
    expect(Object.keys(index).length).toBeGreaterThan(0);
    // The last site had another version of one sheet's pages: told, the pages before them go ahead.
    const last = sheetsSite('last-edited', (html, slug) => (slug === 'c-sheet' ? edited(html) : html));
    expect(await indexAhead('told', last, ['c-sheet'])).toEqual(index);
    // Not told (or told a later sheet): a page given ahead differs from the one built, and the index is made again.
    expect(await indexAhead('not-told', last, [])).toEqual(index);
    expect(await indexAhead('told-later', last, ['d-sheet'])).toEqual(index);
    // The same pages: all of them go ahead.
    expect(await indexAhead('unchanged', sheetsSite('last-same'), [])).toEqual(index);
    // A last site without a sheet the site built has, or with one more; or no last site at all.
    const fewer = sheetsSite('last-fewer');
    for (const page of built)
      rmSync(path.join(fewer, path.dirname(page.replace(`/${sheet}/`, '/d-sheet/'))), { recursive: true });
    expect(await indexAhead('fewer', fewer, [])).toEqual(index);
    const more = sheetsSite('last-more');
    for (const page of built)
      cpSync(
        path.join(more, page.replace(`/${sheet}/`, '/d-sheet/')),
        path.join(more, page.replace(`/${sheet}/`, '/e-sheet/')),
      );
    expect(await indexAhead('more', more, [])).toEqual(index);
    expect(await indexAhead('none', path.join(scratch, 'no-such-site'), [])).toEqual(index);
  });
});
