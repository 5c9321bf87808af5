/**
 * The fit's foresight (src/print/fit.ts): the printer's page is laid out on screen as its
 * printed pages (FORESIGHT_STYLE, added when a sheet is readied), so that the standard
 * density is read from the layout the page has anyway; denser densities are foreseen in the
 * same round trip only when standard does not plainly pass. The print itself is laid out as
 * print.css says (the stylesheet is for media wider than any printed page).
 */
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DENSITIES, foresee, foreseeParts, HOLE, holeBeforeLast, shorterCharts } from '../../src/print/fit.ts';
import type { Extent } from '../../src/print/layout.ts';
import {
  finalizePdf,
  launchBrowser,
  openSheetPage,
  PDF_OPTIONS,
  printPdf,
  readOutline,
  renderPdf,
} from '../../src/print/index.ts';
import { reportLayout } from '../../src/print/layout-report.ts';
import { serveStatic, type StaticServer } from '../../src/print/server.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { job } from './helpers.ts';

describe('the foresight of a sheet page readied for print', () => {
  let server: StaticServer;
  let browser: Browser;
  beforeAll(async () => {
    server = await serveStatic(path.join(projectRoot, 'dist'));
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const open = async (lang: 'en' | 'es' | 'fr') => {
    const page = await browser.newPage();
    await page.emulateMedia({ media: 'print' });
    const prefix = lang === 'en' ? '' : `/${lang}`;
    const sheet = job({ slug: 'digital-governance', lang, pagePath: `${prefix}/policy-areas/digital-governance/` });
    await openSheetPage(page, server.origin, sheet);
    return { page, sheet };
  };

  it('is laid out as its pages on screen; the PDF as print.css says, as foreseen', async () => {
    const { page, sheet } = await open('fr');
    const layout = await page.evaluate(() =>
      getComputedStyle(document.querySelector('article.sheet') as Element)
        .getPropertyValue('--fit-layout')
        .trim(),
    );
    expect(layout).toBe('pages');
    // The French reference plainly passes at standard: nothing denser is foreseen.
    const { outline, foresights } = await foresee(page, DENSITIES, sheet.budget, true);
    expect(foresights.map((f) => f.density)).toEqual(['standard']);
    const report = await reportLayout(await renderPdf(page, sheet), outline ?? (await readOutline(page)), 2);
    expect(report.broken).toEqual([]);
    expect(report.pages).toBe(foresights[0]?.pages);
    for (const [i, column] of report.columns.entries()) {
      for (const [c, fill] of column.fill.entries()) {
        expect(
          Math.abs(fill - (foresights[0]?.columns[i]?.fill[c] ?? -100)),
          `page ${i + 1} column ${c + 1}`,
        ).toBeLessThanOrEqual(1);
      }
    }
    await page.close();
  });

  it('foresees the denser densities in the same round trip when standard leaves a hole', async () => {
    const { page, sheet } = await open('en');
    // The English reference leaves a hole on page 1 at standard (it prints compact, with shorter charts).
    const { foresights } = await foresee(page, DENSITIES, sheet.budget);
    expect(foresights.map((f) => f.density).slice(0, 2)).toEqual(['standard', 'compact']);
    await page.close();
  });

  it('measures the parts in the page where the PDF has them, and the shorter charts that close its hole', async () => {
    const { page, sheet } = await open('en');
    // The English reference at compact: a hole on page 1 that only shorter charts close.
    const foreseen = await foreseeParts(page, 'compact', sheet.budget);
    const outline = await readOutline(page, { density: 'compact', breaks: [] });
    const printed = await reportLayout(await renderPdf(page, sheet), outline, sheet.budget);
    if (foreseen === undefined) throw new Error('nothing foreseen');
    const parts = printed.parts.filter((part) => part.kind !== 'title');
    expect(foreseen.parts.map(({ kind, id, section }) => ({ kind, id, section }))).toEqual(
      parts.map(({ kind, id, section }) => ({ kind, id, section })),
    );
    // Text extents: in the page a line's box, in the PDF its glyphs' (a heading's top 2 mm apart).
    const near = (a: Extent | undefined, b: Extent | undefined, what: string): void => {
      expect(a === undefined, what).toBe(b === undefined);
      for (const end of ['start', 'end'] as const) {
        expect({ ...a?.[end], y: 0 }, what).toEqual({ ...b?.[end], y: 0 });
        expect(Math.abs((a?.[end].y ?? 0) - (b?.[end].y ?? 0)), `${what} ${end}`).toBeLessThanOrEqual(2.5);
      }
    };
    for (const [i, part] of foreseen.parts.entries()) {
      near(part.at, parts[i]?.at, part.id);
      near(part.keep, parts[i]?.keep, `${part.id} kept`);
      // A chart's drawing: its SVG's box in the page, the text in it in the PDF.
      if (part.kind === 'chart') {
        const more = (part.drawing ?? 0) - (parts[i]?.drawing ?? 0);
        expect(more, part.id).toBeGreaterThanOrEqual(0);
        expect(more, part.id).toBeLessThanOrEqual(3.5);
      }
    }
    for (const [i, column] of foreseen.columns.entries()) {
      expect(Math.abs(column.top - (printed.columns[i]?.top ?? 0))).toBeLessThanOrEqual(1);
      for (const c of [0, 1])
        expect(Math.abs((column.starts?.[c] ?? 0) - (printed.columns[i]?.starts?.[c] ?? 0))).toBeLessThanOrEqual(2.5);
    }
    // The cap measured in the page is within a millimetre of the one the print's report gives, and closes the hole.
    const cap = shorterCharts(foreseen, 'compact');
    expect(Math.abs((cap ?? 0) - (shorterCharts(printed, 'compact') ?? 100))).toBeLessThanOrEqual(1);
    await readOutline(page, { density: 'compact', breaks: [], ...(cap !== undefined && { chartMm: cap }) });
    const capped = await reportLayout(await renderPdf(page, sheet), outline, sheet.budget);
    expect(capped.broken).toEqual([]);
    expect(holeBeforeLast(capped).percent).toBeLessThanOrEqual(HOLE * 100);
    expect(holeBeforeLast(printed).percent).toBeGreaterThan(HOLE * 100);
    await page.close();
  });

  it("prints what Playwright's page.pdf() prints with our options, byte for byte", async () => {
    const { page } = await open('en');
    // printPdf asks Chromium in one round trip (the PDF in the answer) what page.pdf() asks in four.
    const ours = await printPdf(page);
    const playwrights = await page.pdf(PDF_OPTIONS);
    expect(ours.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(ours.length).toBeGreaterThan(10_000);
    // Chromium dates each print to the second; the post-processing sets the edition's date, as the build does.
    const metadata = {
      title: 'T',
      author: 'A',
      subject: 'S',
      keywords: ['k'],
      creator: 'C',
      date: '2021-03-15',
      lang: 'en',
    };
    expect(finalizePdf(ours, metadata).equals(finalizePdf(playwrights, metadata))).toBe(true);
    await page.close();
  });
});
