/**
 * Embeddable charts and social cards, on the built site: every chart has its embed page,
 * SVG, PNG and CSV, linked from the sheet with a copyable iframe snippet; an embed fits the
 * frame it is given at any size; every sheet has its 1200x630 social card in its Open Graph
 * and Twitter tags, with alt text. All of it in every language a sheet is published in, in that
 * language. (Axe and valid HTML cover the embed pages with every page.)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { strings } from '../../src/i18n/index.ts';
import { listFiles, urlPathOf } from '../../src/verify/index.ts';
import { servedSite, siteDir, siteUrl } from '../quality/helpers.ts';

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(file: string): { width: number; height: number } {
  const bytes = readFileSync(file);
  expect(bytes.subarray(1, 4).toString('latin1'), `${file} is a PNG`).toBe('PNG');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Every sheet page, in every language: "policy-areas/<slug>/index.html", "es/policy-areas/<slug>/index.html". */
const sheetPages = listFiles(siteDir).filter((file) => /^(?:(?:es|fr)\/)?policy-areas\/[^/]+\/index\.html$/.test(file));
const embedPages = listFiles(siteDir).filter(
  (file) => /^(?:(?:es|fr)\/)?embed\//.test(file) && file.endsWith('/index.html'),
);
/** The page's language and its path prefix ("" for English, "/es", "/fr"). */
const languageOf = (file: string): { lang: string; prefix: string } => {
  const lang = /^(es|fr)\//.exec(file)?.[1] ?? 'en';
  return { lang, prefix: lang === 'en' ? '' : `/${lang}` };
};
const charts = sheetPages.flatMap((file) => {
  const $ = load(readFileSync(path.join(siteDir, file), 'utf8'));
  const { lang, prefix } = languageOf(file);
  const slug = /policy-areas\/([^/]+)\//.exec(file)?.[1] ?? '';
  return $('figure.chart')
    .map((_, figure) => ({ slug, id: $(figure).attr('id') ?? '', page: file, lang, prefix }))
    .get();
});

describe('embeddable charts', () => {
  it('finds the charts and their embed pages, in every language', () => {
    expect(charts.length).toBeGreaterThanOrEqual(2);
    expect(new Set(charts.map((c) => c.lang))).toEqual(new Set(['en', 'es', 'fr']));
    expect(embedPages.sort()).toEqual(
      charts.map((c) => `${c.prefix.slice(1)}${c.prefix ? '/' : ''}embed/${c.slug}/${c.id}/index.html`).sort(),
    );
  });

  it.each(charts)(
    '$lang $slug/$id: SVG, PNG and CSV next to the sheet, linked from its figure, with an iframe snippet',
    async (chart) => {
      const dir = path.join(siteDir, chart.prefix, 'policy-areas', chart.slug);
      for (const ext of ['svg', 'png', 'csv']) expect(existsSync(path.join(dir, `${chart.id}.${ext}`)), ext).toBe(true);
      const svg = readFileSync(path.join(dir, `${chart.id}.svg`), 'utf8');
      expect(svg).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
      const width = Number(/<svg[^>]* width="(\d+(?:\.\d+)?)"/.exec(svg)?.[1]);
      expect(pngSize(path.join(dir, `${chart.id}.png`)).width).toBe(Math.round(width * 3));

      const $ = load(readFileSync(path.join(siteDir, chart.page), 'utf8'));
      const figure = $(`figure#${chart.id}`);
      const hrefs = figure
        .find('.chart__download a')
        .map((_, a) => $(a).attr('href'))
        .get();
      expect(hrefs).toEqual(
        ['csv', 'svg', 'png'].map((ext) => `${chart.prefix}/policy-areas/${chart.slug}/${chart.id}.${ext}`),
      );
      const t = strings(chart.lang);
      expect(
        figure
          .find('.chart__download a')
          .map((_, a) => $(a).text().trim())
          .get(),
      ).toEqual([t.chart.downloadCsv, t.chart.downloadSvg, t.chart.downloadPng]);
      const snippet = load(figure.find('textarea.chart__snippet').text());
      const frame = snippet('iframe');
      expect(frame.attr('src')).toBe(new URL(`${chart.prefix}/embed/${chart.slug}/${chart.id}/`, await siteUrl()).href);
      const title = figure.find('.chart__title').text();
      expect(frame.attr('title')).toBe(t.embed.frameTitle(title));
      // The drawing in the file is the page's, in the page's language: the same title and the same words.
      expect(svg).toMatch(new RegExp(`<title id="[^"]+">${title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}</title>`));
      const words = (text: string) => text.replace(/\s+/g, ' ').trim();
      expect(words(load(svg, { xml: true })('svg').text())).toBe(words(figure.find('.chart__graphic svg').text()));
    },
  );

  it.each(charts)(
    '$lang $slug/$id: the embed page has the chart, its source and a link back, and no chrome or script',
    (chart) => {
      const $ = load(
        readFileSync(path.join(siteDir, chart.prefix, `embed/${chart.slug}/${chart.id}/index.html`), 'utf8'),
      );
      expect($('html').attr('lang')).toBe(chart.lang);
      expect($('header, footer, nav, script, .skip-link')).toHaveLength(0);
      expect($('meta[name="robots"]').attr('content')).toBe('noindex');
      expect($('figure.chart svg[role="img"]')).toHaveLength(1);
      expect($('.chart__source').text()).not.toBe('');
      const back = $('.chart__back a');
      expect(back.attr('href')).toBe(`${chart.prefix}/policy-areas/${chart.slug}/#${chart.id}`);
      expect(back.attr('target')).toBe('_top');
      const sheet = load(readFileSync(path.join(siteDir, chart.page), 'utf8'));
      expect(back.text()).toBe(strings(chart.lang).embed.backLink(sheet('h1').first().text()));
      expect($('.chart__illustrative')).toHaveLength(sheet(`figure#${chart.id} .chart__illustrative`).length);
      expect($('figure.chart .chart__graphic').html()).toBe(sheet(`figure#${chart.id} .chart__graphic`).html());
    },
  );

  describe('in a frame of any size', () => {
    const site = servedSite();
    const sizes = [
      { width: 320, height: 480 },
      { width: 640, height: 480 },
      { width: 1100, height: 600 },
    ];
    // One tab for every size, each embed loaded in it at each size in turn (the tab set to that size
    // first): every check is still of a load at that size, but a browser context and its renderer
    // process start once.
    let tab: Promise<Page> | undefined;
    afterAll(async () => {
      await (await tab)?.close().catch(() => undefined);
    });
    it.each(embedPages)('%s fits without scrolling and shows the whole drawing', async (file) => {
      for (const viewport of sizes) {
        const page = await (tab ??= site.browser.newPage({ viewport }));
        await page.setViewportSize(viewport);
        await page.goto(site.server.origin + urlPathOf(file), { waitUntil: 'load' });
        // Measured as readers see it: with the site's font (a fallback font sets the text wider).
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        const fit = await page.evaluate(() => {
          const box = document.querySelector('figure.chart svg')?.getBoundingClientRect();
          return {
            scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
            svg: box === undefined ? undefined : [box.left, box.top, box.right, box.bottom, box.width],
          };
        });
        expect(fit.scroll, `${viewport.width}x${viewport.height}`).toEqual([viewport.width, viewport.height]);
        const [left = -1, top = -1, right = Infinity, bottom = Infinity, drawn = 0] = fit.svg ?? [];
        expect(left >= 0 && top >= 0 && right <= viewport.width && bottom <= viewport.height).toBe(true);
        expect(drawn).toBeGreaterThan(viewport.width / 3);
      }
    });
  });
});

describe('social cards', () => {
  it.each(sheetPages)('%s: a 1200x630 card in its Open Graph and Twitter tags, with alt text', async (file) => {
    const $ = load(readFileSync(path.join(siteDir, file), 'utf8'));
    const { prefix } = languageOf(file);
    const slug = /policy-areas\/([^/]+)\//.exec(file)?.[1] ?? '';
    const url = new URL(`${prefix}/policy-areas/${slug}/social-card.png`, await siteUrl()).href;
    expect($('meta[property="og:image"]').attr('content')).toBe(url);
    expect($('meta[name="twitter:image"]').attr('content')).toBe(url);
    expect($('meta[property="og:image:width"]').attr('content')).toBe('1200');
    expect($('meta[property="og:image:height"]').attr('content')).toBe('630');
    const alt = $('meta[property="og:image:alt"]').attr('content') ?? '';
    expect(alt).toContain($('h1').first().text());
    expect($('meta[name="twitter:image:alt"]').attr('content')).toBe(alt);
    expect(pngSize(path.join(siteDir, prefix, 'policy-areas', slug, 'social-card.png'))).toEqual({
      width: 1200,
      height: 630,
    });
  });

  it('each language has its own card: the images differ, and each alt text is in the page language', () => {
    const slug = 'digital-governance';
    const bytes = ['', 'es', 'fr'].map((prefix) =>
      readFileSync(path.join(siteDir, prefix, 'policy-areas', slug, 'social-card.png')).toString('base64'),
    );
    expect(new Set(bytes).size).toBe(3);
    for (const lang of ['es', 'fr']) {
      const $ = load(readFileSync(path.join(siteDir, lang, 'policy-areas', slug, 'index.html'), 'utf8'));
      const alt = $('meta[property="og:image:alt"]').attr('content') ?? '';
      const english = load(readFileSync(path.join(siteDir, 'policy-areas', slug, 'index.html'), 'utf8'));
      expect(alt).not.toBe(english('meta[property="og:image:alt"]').attr('content'));
      // "…, una ficha informativa de la Alianza para el Gobierno Abierto. …": the language's own sentence.
      expect(alt).toContain(strings(lang).card.alt($('h1').first().text(), '').trim());
    }
  });
});
