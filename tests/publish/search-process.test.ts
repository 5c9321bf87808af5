/**
 * The search stage runs in a process of its own (src/publish/search-process.ts) and Pagefind
 * writes its files itself: indexing the built pages again, apart, leaves the index the build
 * left, byte for byte; a process that outgrows its heap limit is run again without it. (The
 * index is also byte for byte the one the stage wrote in the build's process from Pagefind's
 * getFiles() before: checked on a dist/ built that way, and on 200 sheets in three languages.)
 */
import { createHash } from 'node:crypto';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
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

  it('stopped (the build failed beside it), writes none', async () => {
    const stopped = pagesCopy('stopped');
    const stop = new AbortController();
    const running = buildSearchIndexApart(stopped, undefined, undefined, undefined, { signal: stop.signal });
    stop.abort();
    await expect(running).rejects.toThrow();
    expect(existsSync(path.join(stopped, SEARCH_BUNDLE_DIR))).toBe(false);
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

describe("the last build's fragments", () => {
  // Two sheets' worth of the built site's indexed pages, the second sheet's pages edited or not.
  const built = htmlPages().filter((page) =>
    readFileSync(path.join(siteDir, page), 'utf8').includes('data-pagefind-body'),
  );
  const sheet = sheetOfPage(built[0] ?? '') ?? '';
  function site(name: string, editB: boolean): string {
    const dir = path.join(scratch, name);
    for (const page of built)
      for (const slug of ['a-sheet', 'b-sheet']) {
        const file = path.join(dir, page.replace(`/${sheet}/`, `/${slug}/`));
        mkdirSync(path.dirname(file), { recursive: true });
        const html = readFileSync(path.join(siteDir, page), 'utf8').replaceAll(sheet, slug);
        writeFileSync(file, editB && slug === 'b-sheet' ? html.replace(/<h1([^>]*)>/, '<h1$1>Edited ') : html);
      }
    return dir;
  }
  const bundleOf = (dir: string): string => path.join(dir, SEARCH_BUNDLE_DIR);
  const fragmentsIn = (dir: string): string[] => readdirSync(path.join(bundleOf(dir), 'fragment'));
  /** The fragment files of `dir`'s bundle that are the same file (hard-linked) as `last`'s. */
  const linked = (dir: string, last: string): string[] =>
    fragmentsIn(dir).filter((name) => {
      const from = path.join(bundleOf(last), 'fragment', name);
      try {
        return statSync(from).ino === statSync(path.join(bundleOf(dir), 'fragment', name)).ino;
      } catch {
        return false;
      }
    });
  /** `dir` indexed by a search process given the last build's bundle (of `last`) and the cache `cache`. */
  async function indexWith(dir: string, last: string, cache: string): Promise<Record<string, string>> {
    const process = startSearchApart();
    try {
      expect(await process.run(dir, basePath(), cache, bundleOf(last))).toBeGreaterThan(0);
    } finally {
      await process.stop();
    }
    return hashTree(bundleOf(dir));
  }

  /** A site indexed with its cache (`<name>-cache`), as the last build left it: its folder and cache. */
  async function lastBuild(name: string): Promise<{ last: string; cache: string }> {
    const cache = path.join(scratch, `${name}-cache`);
    const last = site(name, false);
    await buildSearchIndexApart(last, undefined, cache);
    return { last, cache };
  }
  // The index of the edited site, made with no last build.
  let index: Record<string, string> | undefined;
  const cleanIndex = async (): Promise<Record<string, string>> => {
    if (index !== undefined) return index;
    const clean = site('fragments-clean', true);
    await buildSearchIndexApart(clean, undefined, undefined);
    return (index = hashTree(bundleOf(clean)));
  };

  it('are linked where their page is unchanged, and the index is byte for byte the one made without them', async () => {
    expect(sheet).not.toBe('');
    const index = await cleanIndex();
    // The last build (not edited), with its cache; then the edited site with both.
    const { last, cache } = await lastBuild('fragments-last');
    const now = site('fragments-now', true);
    expect(await indexWith(now, last, cache)).toEqual(index);
    // The unchanged sheet's page and records were linked, not written; the edited sheet's page was written.
    const kept = linked(now, last);
    expect(kept.length).toBeGreaterThan(fragmentsIn(now).length / 3);
    expect(kept.length).toBeLessThan(fragmentsIn(now).length);

    // A fragment of the last bundle changed since (by hand): not linked, written by Pagefind; the same index.
    const { last: touched, cache: touchedCache } = await lastBuild('fragments-touched');
    const changed = fragmentsIn(touched)[0] ?? '';
    writeFileSync(path.join(bundleOf(touched), 'fragment', changed), 'not a fragment');
    const again = site('fragments-again', true);
    expect(await indexWith(again, touched, touchedCache)).toEqual(index);
    expect(linked(again, touched)).not.toContain(changed);
    expect(linked(again, touched).length).toBeGreaterThan(0);
  });

  it('are not kept when one linked may not be the fragment Pagefind names so: the bundle is written again whole', async () => {
    const index = await cleanIndex();
    const { last, cache } = await lastBuild('collide-last');
    // A fragment listed under another name than Pagefind gives it (as a collision of their hashes
    // would leave it): linked, then found one file too many.
    const list = path.join(cache, readdirSync(cache).find((name) => name.startsWith('fragments.')) ?? '');
    const known = JSON.parse(readFileSync(list, 'utf8')) as {
      key: string;
      fragments: Record<string, { url: string; input: string; sha256: string }>;
    };
    const [name, entry] =
      Object.entries(known.fragments).find(([, fragment]) => fragment.url.includes('/a-sheet/')) ?? [];
    expect(entry).toBeDefined();
    const bytes = readFileSync(path.join(bundleOf(last), 'fragment', name ?? ''));
    const alias = `${(name ?? '').split('_')[0]}_0000000.pf_fragment`;
    writeFileSync(path.join(bundleOf(last), 'fragment', alias), bytes);
    known.fragments[alias] = { ...(entry as { url: string; input: string; sha256: string }) };
    writeFileSync(list, JSON.stringify(known));
    const now = site('collide-now', true);
    expect(await indexWith(now, last, cache)).toEqual(index);
    expect(fragmentsIn(now)).not.toContain(alias);
    expect(linked(now, last)).toEqual([]);
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(entry?.sha256);
  });
});
