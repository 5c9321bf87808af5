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
import { buildSearchIndexApart } from '../../src/publish/search-process.ts';
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
      // 16 MB: not enough to load Pagefind's client and cheerio, so V8 aborts the first process.
      const again = pagesCopy('again');
      expect(await buildSearchIndexApart(again, undefined, undefined, 16)).toBe(count);
      expect(hashTree(path.join(again, SEARCH_BUNDLE_DIR))).toEqual(built);
      expect(said).toHaveBeenCalledWith(`${messages.searchHeapExceeded(16)}\n`);
    } finally {
      said.mockRestore();
    }
  });
});
