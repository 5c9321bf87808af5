/**
 * Search, on the built site served from dist/ in Chromium: "algorithm" finds the Netherlands
 * commitment and the recommendation on automated decision-making, whose links land on their
 * anchors; the page works by keyboard alone, with no CSP violation and no axe violation with
 * results shown; and no page but the search page loads any script.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { load } from 'cheerio';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { strings } from '../../src/i18n/index.ts';
import { relatedTermsOf } from '../../src/publish/search-terms.ts';
import { htmlPages, servedSite, siteDir } from '../quality/helpers.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Result {
  kind: string;
  href: string;
  text: string;
}

async function results(page: Page): Promise<Result[]> {
  // The count is announced when the results are there ("3 results for …", "3 resultados para …").
  await page.waitForFunction(() => /\d/.test(document.querySelector('#search-status')?.textContent ?? ''));
  return page.$$eval('#search-results > li', (items) =>
    items.map((item) => ({
      kind: item.querySelector('.search-result__kind')?.textContent ?? '',
      href: item.querySelector('h2 a')?.getAttribute('href') ?? '',
      text: item.textContent ?? '',
    })),
  );
}

describe('search', () => {
  const site = servedSite();

  // One tab for every search below (a browser context and its renderer cost more CPU than a
  // load): each test loads its page afresh in it and reads the problems of its own loads only.
  let tab: Page | undefined;
  const problems: string[] = [];
  beforeAll(async () => {
    tab = await site.browser.newPage({ viewport: { width: 1100, height: 900 } });
    tab.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    tab.on('pageerror', (error) => problems.push(error.message));
  });
  afterAll(async () => tab?.close());
  const open = async (): Promise<{ page: Page; problems: string[] }> => {
    if (tab === undefined) throw new Error('the tab is opened before the tests');
    problems.length = 0; // the last test left the tab on about:blank (its finally)
    return { page: tab, problems };
  };

  it('finds the Netherlands commitment and the automated decision-making recommendation for "algorithm", with working deep links', async () => {
    const { page, problems } = await open();
    try {
      await page.goto(`${site.server.origin}/search/?q=algorithm`);
      const found = await results(page);
      const commitment = found.find((r) => r.href.endsWith('#netherlands-2020-algorithms'));
      const recommendation = found.find((r) => r.text.includes('automated decision-making'));
      expect(commitment?.kind).toContain(strings('en').search.commitment);
      expect(recommendation?.kind).toContain(strings('en').search.recommendation);
      expect(recommendation?.href).toMatch(/^\/policy-areas\/digital-governance\/#[a-z0-9-]+$/);
      expect(found.some((r) => r.kind === strings('en').search.sheet)).toBe(true);
      for (const target of [commitment, recommendation]) {
        await page.goto(`${site.server.origin}${target?.href ?? ''}`);
        const id = decodeURIComponent(new URL(page.url()).hash.slice(1));
        const text = await page.evaluate((anchor) => document.getElementById(anchor)?.textContent ?? null, id);
        expect(text, target?.href).not.toBeNull();
      }
      expect(problems).toEqual([]);
    } finally {
      await page.goto('about:blank'); // nothing of this page reports into the next test's problems
    }
  });

  it.each(['es', 'fr'])(
    '/%s/search/ searches the pages in its language, in its words, with links to them',
    async (lang) => {
      const { page, problems } = await open();
      try {
        const query = lang === 'es' ? 'algoritmos' : 'algorithmes';
        await page.goto(`${site.server.origin}/${lang}/search/?q=${query}`);
        const t = strings(lang).search;
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        const found = await results(page);
        const commitment = found.find((r) => r.href.endsWith('#netherlands-2020-algorithms'));
        expect(commitment?.kind).toContain(t.commitment);
        expect(commitment?.href).toMatch(new RegExp(`^/${lang}/policy-areas/digital-governance/#`));
        // Only pages in the language: Pagefind keeps an index per <html lang>.
        expect(found.every((r) => r.href.startsWith(`/${lang}/`))).toBe(true);
        expect(await page.textContent('#search-status')).toBe(t.count(found.length, query));
        expect(problems).toEqual([]);
      } finally {
        await page.goto('about:blank'); // nothing of this page reports into the next test's problems
      }
    },
  );

  it('works by keyboard alone, announces the count, and has no axe violation with results shown', async () => {
    const { page, problems } = await open();
    try {
      await page.goto(`${site.server.origin}/search/`);
      // Tab from the top: skip link, home, the language links, search link, then the search field.
      for (let i = 0; i < 10 && !(await page.evaluate(() => document.activeElement?.id === 'search-query')); i++)
        await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('search-query');
      await page.keyboard.type('surveillance');
      await page.keyboard.press('Enter');
      expect((await results(page)).length).toBeGreaterThan(0);
      expect(await page.getAttribute('#search-status', 'role')).toBe('status');
      expect(new URL(page.url()).searchParams.get('q')).toBe('surveillance');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.closest('#search-results') !== null)).toBe(true);

      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as { axe: { run: (d: Document, o: unknown) => Promise<{ violations: { id: string }[] }> } }
        ).axe;
        const result = await axe.run(document, {
          runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
        });
        return result.violations.map((v) => v.id);
      });
      expect(violations).toEqual([]);
      expect(problems).toEqual([]);
    } finally {
      await page.goto('about:blank'); // nothing of this page reports into the next test's problems
    }
  });

  it('loads no script on any page but the search pages, and allows WebAssembly only there', () => {
    const searchPages = ['search/index.html', 'es/search/index.html', 'fr/search/index.html'];
    expect(htmlPages()).toEqual(expect.arrayContaining(searchPages));
    for (const file of htmlPages()) {
      const $ = load(readFileSync(path.join(siteDir, file), 'utf8'));
      const csp = $('meta[http-equiv="Content-Security-Policy"]').attr('content') ?? '';
      if (searchPages.includes(file)) {
        expect($('script[src]')).toHaveLength(1);
        expect($('script:not([src])')).toHaveLength(0);
        expect(csp).toContain("script-src 'self' 'wasm-unsafe-eval';");
      } else {
        expect($('script'), file).toHaveLength(0);
        expect(csp, file).toContain("script-src 'self';");
      }
    }
  });

  it('adds related terms to the index only where a text uses one of their group', () => {
    expect(relatedTermsOf('oversight of automated decision-making systems')).toEqual(['algorithm', 'algorithms']);
    expect(relatedTermsOf('a text about open parliaments')).toEqual([]);
  });
});
