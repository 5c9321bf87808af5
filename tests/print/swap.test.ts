/**
 * Printing many sheets in one browser page: a sheet whose stylesheets are those of the page
 * already loaded is swapped into it (src/print/index.ts, swapSheetPage) instead of loaded by
 * a navigation. The PDF must be the one the sheet gives printed alone, byte for byte.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CONTEXT_OPTIONS,
  launchBrowser,
  openSheetPage,
  printHead,
  printSheets,
  renderPdf,
  serveStatic,
  swapSheetPage,
  type PrintJob,
} from '../../src/print/index.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { job, pdfInfo, pdfPages } from './helpers.ts';

/** A copy of the built site (dist/, made by the global setup), to print into. */
function siteCopy(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'print-swap-'));
  cpSync(path.join(projectRoot, 'dist'), dir, { recursive: true });
  return dir;
}

describe('sheets printed one after another in the same page', () => {
  const slug = 'digital-governance';
  // The reference in its three languages: three sheet pages with the same stylesheets.
  const jobs = ['en', 'es', 'fr'].map((lang) =>
    job({
      slug,
      lang,
      title: `Digital Governance (${lang})`,
      pagePath: `${lang === 'en' ? '' : `/${lang}`}/policy-areas/${slug}/`,
      pdfPath: `${lang === 'en' ? '' : `${lang}/`}policy-areas/${slug}/swap-test.pdf`,
      pageUrl: `https://factsheets.opengovpartnership.org${lang === 'en' ? '' : `/${lang}`}/policy-areas/${slug}/`,
      ...(lang === 'en' ? {} : { notice: `Notice (${lang})` }),
    }),
  );
  const together = siteCopy();
  const alone = siteCopy();
  afterAll(() => {
    rmSync(together, { recursive: true, force: true });
    rmSync(alone, { recursive: true, force: true });
  });

  it('can swap the pages: their stylesheets are the same', () => {
    const heads = jobs.map((j) => printHead(readFileSync(path.join(together, j.pagePath, 'index.html'), 'utf8')));
    expect(heads[0]).toMatch(/<link[^>]*stylesheet/);
    expect(new Set(heads).size).toBe(1);
  });

  it('gives each sheet the bytes it has when printed alone', async () => {
    // One page prints all three (the 2nd and 3rd are swapped in); then each alone, in a page of its own.
    const swapped = await printSheets({ siteDir: together, jobs, concurrency: 1 });
    for (const j of jobs) await printSheets({ siteDir: alone, jobs: [j], concurrency: 1 });
    expect(swapped.map((r) => r.pages)).toEqual(jobs.map(() => expect.any(Number)));
    for (const j of jobs) {
      const a = readFileSync(path.join(together, j.pdfPath));
      const b = readFileSync(path.join(alone, j.pdfPath));
      expect(a.equals(b), `${j.pdfPath}: swapped in and printed alone differ`).toBe(true);
      // Each PDF is its own sheet's: its title, its language's notice; not the previous sheet's.
      expect(pdfInfo(path.join(together, j.pdfPath))['Title']).toBe(j.title);
      const text = pdfPages(path.join(together, j.pdfPath)).join('\n');
      for (const other of jobs) {
        if (other.notice !== undefined) expect(text.includes(other.notice)).toBe(other === j);
      }
    }
  }, 300_000);
});

describe('a sheet swapped in without what never prints', () => {
  it('leaves out what the print stylesheet hides, keeps the jumps, and prints the same bytes as the whole page', async () => {
    const site = path.join(projectRoot, 'dist');
    const server = await serveStatic(site);
    // A browser of its own: no state of a shared browser can make the two prints agree.
    const browser = await launchBrowser();
    try {
      const page = await (await browser.newContext(CONTEXT_OPTIONS)).newPage();
      await page.emulateMedia({ media: 'print' });
      const [en, es] = ['en', 'es'].map((lang) =>
        job({
          slug: 'digital-governance',
          lang,
          pagePath: `${lang === 'en' ? '' : `/${lang}`}/policy-areas/digital-governance/`,
          pageUrl: `https://factsheets.opengovpartnership.org${lang === 'en' ? '' : `/${lang}`}/policy-areas/digital-governance/`,
        }),
      ) as [PrintJob, PrintJob];
      await openSheetPage(page, server.origin, en);
      const html = readFileSync(path.join(site, es.pagePath, 'index.html'), 'utf8');
      const count = (): Promise<{ all: number; header: number; inHeader: number; tables: number; jumps: number }> =>
        page.evaluate(() => {
          const n = (selector: string): number => document.querySelectorAll(selector).length;
          return {
            all: n('body *'),
            header: n('.site-header'),
            inHeader: n('.site-header *, .site-footer *'),
            tables: n('details.chart__data table'),
            jumps: n('.toc a[href^="#"], .skip-link'),
          };
        });
      await swapSheetPage(page, server.origin, es, html, undefined, { whole: true });
      const whole = await count();
      const wholePdf = await renderPdf(page, es);
      await swapSheetPage(page, server.origin, es, html);
      const lean = await count();
      const leanPdf = await renderPdf(page, es);
      // The whole page has a site header and footer, data tables and in-page jumps (table of contents, skip link).
      expect(whole.inHeader).toBeGreaterThan(0);
      expect(whole.tables).toBeGreaterThan(0);
      expect(whole.jumps).toBeGreaterThan(0);
      // Swapped in lean: the header is an empty copy of itself, the data tables are gone, the jumps stay.
      expect(lean.header).toBe(1);
      expect(lean.inHeader).toBe(0);
      expect(lean.tables).toBe(0);
      expect(lean.jumps).toBe(whole.jumps);
      expect(lean.all).toBeLessThan(whole.all * 0.8);
      // The PDF is the same, byte for byte: text, tags, outline, links and named destinations.
      expect(leanPdf.equals(wholePdf), 'lean and whole prints differ').toBe(true);
    } finally {
      await browser.close();
      await server.close();
    }
  }, 120_000);
});

describe('printHead', () => {
  const page = (head: string, body = '<p>x</p>'): string =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>T</title>${head}</head><body>${body}</body></html>`;

  it('keeps what styles the page, not its title or metadata', () => {
    const a = page('<link rel="stylesheet" href="/_astro/a.css"><meta name="description" content="one">');
    const b = page('<link rel="stylesheet" href="/_astro/a.css"><meta name="description" content="two">');
    expect(printHead(a)).toBe(printHead(b));
    expect(printHead(a)).not.toBe(printHead(page('<link rel="stylesheet" href="/_astro/b.css">')));
    expect(printHead(a)).not.toBe(printHead(page('<link rel="stylesheet" href="/_astro/a.css" media="print">')));
    expect(printHead(a)).not.toBe(printHead(page('<link rel="stylesheet" href="/_astro/a.css"><style>p{}</style>')));
  });

  it('refuses a page with a script (it would not run in a swapped-in body)', () => {
    expect(printHead(page('', '<script src="/x.js"></script>'))).toBeUndefined();
    expect(printHead('<p>no head</p>')).toBeUndefined();
  });
});
