/**
 * The widths Vega lays chart text out with (src/charts/text-metrics.ts) are the widths the
 * browser draws it at: every text of every chart on the built sheet pages, in each language,
 * measured by Chromium with the page's fonts loaded, against ours. Kerning, which we leave out,
 * is the only difference allowed.
 */
import { describe, expect, it } from 'vitest';
import { textWidth } from '../../src/charts/text-metrics.ts';
import { servedSite } from '../quality/helpers.ts';

const site = servedSite();

interface DrawnText {
  text: string;
  font: string;
  fontSize: number;
  fontWeight: string;
  fontStyle: string;
  /** The browser's width, in the SVG's own units (as Vega lays out). */
  drawn: number;
}

describe('chart text widths', () => {
  it.each([
    '/policy-areas/digital-governance/',
    '/es/policy-areas/digital-governance/',
    '/fr/policy-areas/digital-governance/',
  ])('match what the browser draws on %s', async (pagePath) => {
    const page = await site.browser.newPage();
    try {
      await page.goto(`${site.server.origin}${pagePath}`);
      await page.evaluate(() => document.fonts.ready);
      const texts: DrawnText[] = await page.evaluate(() =>
        [...document.querySelectorAll<SVGTextElement>('figure.chart svg text')].map((element) => {
          const style = getComputedStyle(element);
          return {
            text: element.textContent ?? '',
            font: element.getAttribute('font-family') ?? '',
            fontSize: Number.parseFloat(style.fontSize),
            fontWeight: style.fontWeight,
            fontStyle: style.fontStyle,
            drawn: element.getComputedTextLength(),
          };
        }),
      );
      // Axis labels, titles, values and legends of at least the two built-in charts.
      expect(texts.length).toBeGreaterThan(20);
      const off = texts
        .map((text) => ({ ...text, measured: textWidth(text, text.text) }))
        .filter(({ drawn, measured }) => Math.abs(measured - drawn) > Math.max(0.5, 0.03 * drawn))
        .map(
          ({ text, fontWeight, measured, drawn }) =>
            `"${text}" (${fontWeight}): ${measured.toFixed(1)} vs ${drawn.toFixed(1)}`,
        );
      expect(off).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
