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
import { DENSITIES, foresee } from '../../src/print/fit.ts';
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
