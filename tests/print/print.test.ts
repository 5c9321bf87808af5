/** The print stage on small fixture sites: budgets, links, metadata, determinism, messages. */
import { linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { UserError } from '../../src/diagnostics/index.ts';
import { checkPageBudgets, findBrowser, printSheets, writePdfSizes } from '../../src/print/index.ts';
import { fixtureSite, job, pdfInfo, pdfPages, sharedBrowser, xrefIsConsistent } from './helpers.ts';
import { pdfSizeLabel } from '../../src/i18n/index.ts';

// The prints of this file share a browser, but for the second print of "the same bytes when printed again".
const launch = sharedBrowser();

describe('findBrowser', () => {
  it('says what to do when CHROME_PATH points nowhere', () => {
    expect(() => findBrowser({ CHROME_PATH: '/nonexistent/chrome' })).toThrow(UserError);
    expect(() => findBrowser({ CHROME_PATH: '/nonexistent/chrome' })).toThrow(
      messages.print.chromePathMissing('/nonexistent/chrome').problem,
    );
  });
  it('finds the installed browser', () => {
    expect(findBrowser()).toMatch(/chrom|Chrome/i);
  });
});

describe('a sheet over its page budget', () => {
  const site = fixtureSite('print-over-budget');
  const jobs = [job({ slug: 'too-long', budget: 1, title: 'Too Long Fact Sheet' })];
  const printed = printSheets({ siteDir: site, jobs, launch });

  it('fails the budget check, naming the sheet, the budget and the pages it took', async () => {
    const results = await printed;
    const pages = results[0]?.pages ?? 0;
    expect(pages).toBeGreaterThan(1);
    const issues = checkPageBudgets(results, jobs);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      sheet: 'too-long',
      budget: 1,
      pages,
      ...messages.print.overBudget(
        'too-long',
        1,
        pages,
        results[0]?.layout.overflow ?? { lines: 0, percent: 0 },
        jobs[0]?.pdfPath ?? '',
      ),
    });
    // The overflow is measured on the PDF: some lines, a share of the sheet under 100%.
    expect(results[0]?.layout.overflow?.lines).toBeGreaterThan(0);
    expect(results[0]?.layout.overflow?.percent).toBeLessThan(100);
    expect(issues[0]?.problem).toContain('"too-long"');
    expect(issues[0]?.fix).toContain('pages:');
  });

  it('passes when the budget allows the pages', async () => {
    const results = await printed;
    expect(checkPageBudgets(results, [{ ...(jobs[0] as (typeof jobs)[0]), budget: 8 }])).toEqual([]);
  });

  it('writes a PDF with metadata, absolute links and a sound structure', async () => {
    await printed;
    const file = path.join(site, jobs[0]?.pdfPath ?? '');
    const info = pdfInfo(file);
    expect(info['Title']).toBe('Too Long Fact Sheet');
    expect(info['Author']).toBe('Open Government Partnership');
    expect(info['Tagged']).toBe('yes');
    expect(info['CreationDate']).toContain('2021');
    const pdf = readFileSync(file);
    expect(xrefIsConsistent(pdf)).toBe(true);
    const text = pdf.toString('latin1');
    expect(text).toContain('/URI (https://factsheets.opengovpartnership.org/policy-areas/other/)');
    expect(text).not.toContain('127.0.0.1');
    expect(text).toMatch(/\/ID \[<[0-9A-F]{32}> <[0-9A-F]{32}>\]/);
  });

  it('gives the same bytes when printed again', async () => {
    const first = readFileSync(path.join(site, jobs[0]?.pdfPath ?? ''));
    const again = fixtureSite('print-over-budget');
    await printSheets({ siteDir: again, jobs }); // in a browser of its own
    expect(readFileSync(path.join(again, jobs[0]?.pdfPath ?? '')).equals(first)).toBe(true);
  });

  it('marks a draft on every page, and only a draft', async () => {
    const draftSite = fixtureSite('print-over-budget');
    const [draft] = await printSheets({
      siteDir: draftSite,
      jobs: [{ ...(jobs[0] as (typeof jobs)[0]), draft: true }],
      launch,
    });
    const pages = pdfPages(path.join(draftSite, draft?.pdfPath ?? ''));
    expect(draft?.pages).toBeGreaterThan(1);
    expect(pages.length).toBe(draft?.pages);
    for (const page of pages) expect(page).toContain('DRAFT');
    const final = pdfPages(path.join(site, jobs[0]?.pdfPath ?? ''));
    expect(final.length).toBeGreaterThan(1);
    for (const page of final) expect(page).not.toContain('DRAFT');
  });
});

describe('a sheet whose page is marked <html data-draft>', () => {
  it('prints "DRAFT" on every page', async () => {
    const site = fixtureSite('print-draft');
    const [result] = await printSheets({ siteDir: site, jobs: [job({ slug: 'draft-sheet', budget: 4 })], launch });
    const pages = pdfPages(path.join(site, result?.pdfPath ?? ''));
    expect(result?.pages).toBeGreaterThan(1);
    expect(pages.length).toBe(result?.pages);
    for (const page of pages) expect(page).toContain('DRAFT');
  });
});

describe('writePdfSizes', () => {
  it('fills the download link marker with the PDF size', () => {
    const site = fixtureSite('print-over-budget');
    const j = job({ slug: 'too-long' });
    const file = path.join(site, 'policy-areas/too-long/index.html');
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, '<a href="x.pdf">PDF <span class="size" data-pdf-size></span></a>');
    const filled = writePdfSizes(site, [j], [{ pdfPath: j.pdfPath, bytes: 319_488 }]);
    expect(filled).toBe(1);
    expect(readFileSync(file, 'utf8')).toBe(
      `<a href="x.pdf">PDF <span class="size" data-pdf-size>${pdfSizeLabel(319_488, 'en')}</span></a>`,
    );
    expect(pdfSizeLabel(319_488, 'en')).toBe('PDF, 312 KB');
  });

  it("links the last site's page when it is the page filled, else writes a new file; never writes through", () => {
    const site = fixtureSite('print-over-budget');
    const last = fixtureSite('print-over-budget');
    const j = job({ slug: 'too-long' });
    const page = 'policy-areas/too-long/index.html';
    const built = '<a href="x.pdf">PDF <span class="size" data-pdf-size></span></a>';
    const filled = built.replace('</span>', `${pdfSizeLabel(319_488, 'en')}</span>`);
    // The page as built is a link to another file (Astro's cache copy, src/site/linked-pages.ts).
    const copy = path.join(last, 'astro-copy.html');
    writeFileSync(copy, built);
    rmSync(path.join(site, page), { force: true });
    linkSync(copy, path.join(site, page));
    mkdirSync(path.dirname(path.join(last, page)), { recursive: true });
    writeFileSync(path.join(last, page), filled);
    writePdfSizes(site, [j], [{ pdfPath: j.pdfPath, bytes: 319_488 }], { lastSite: last });
    expect(readFileSync(path.join(site, page), 'utf8')).toBe(filled);
    expect(statSync(path.join(site, page)).ino).toBe(statSync(path.join(last, page)).ino);
    expect(readFileSync(copy, 'utf8')).toBe(built);
    // Another size: the last site's page is not it, so a new file; neither the last site's page nor the copy changes.
    rmSync(path.join(site, page));
    linkSync(copy, path.join(site, page));
    writePdfSizes(site, [j], [{ pdfPath: j.pdfPath, bytes: 1_048_576 }], { lastSite: last });
    expect(readFileSync(path.join(site, page), 'utf8')).toBe(
      built.replace('</span>', `${pdfSizeLabel(1_048_576, 'en')}</span>`),
    );
    expect(statSync(path.join(site, page)).ino).not.toBe(statSync(path.join(last, page)).ino);
    expect(readFileSync(path.join(last, page), 'utf8')).toBe(filled);
    expect(readFileSync(copy, 'utf8')).toBe(built);
    expect(readdirSync(path.dirname(path.join(site, page)))).toEqual(['index.html']);
  });
});

describe('writePdfSizes on other pages', () => {
  const bytes = 319_488;
  const pdf = 'policy-areas/too-long/ogp-too-long-fact-sheet.pdf';
  const results = [{ slug: 'too-long', lang: 'en', pdfPath: pdf, pages: 2, bytes, ms: 1 }];
  const marker = (attr: string): string => `<span class="pdf-link__size" ${attr}></span>`;
  const filledMarker = (attr: string): string =>
    `<span class="pdf-link__size" ${attr}>${pdfSizeLabel(bytes, 'en')}</span>`;

  it('fills named markers on every page of the site, e.g. the index', () => {
    const site = fixtureSite('print-over-budget');
    const named = `data-pdf-size="/${pdf}"`;
    writeFileSync(
      path.join(site, 'index.html'),
      `<li>${marker(named)}</li><li>${marker('data-pdf-size="/policy-areas/gone/x.pdf"')}</li>`,
    );
    writeFileSync(path.join(site, 'policy-areas/too-long/index.html'), marker(named));
    const filled = writePdfSizes(site, [job({ slug: 'too-long' })], results);
    expect(filled).toBe(2);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toBe(
      `<li>${filledMarker(named)}</li><li>${marker('data-pdf-size="/policy-areas/gone/x.pdf"')}</li>`,
    );
    expect(readFileSync(path.join(site, 'policy-areas/too-long/index.html'), 'utf8')).toBe(filledMarker(named));
  });

  it('visits only the pages named in options.pages, and leaves an empty marker off a sheet page alone', () => {
    const site = fixtureSite('print-over-budget');
    const named = `data-pdf-size="/${pdf}"`;
    mkdirSync(path.join(site, 'about'), { recursive: true });
    writeFileSync(path.join(site, 'index.html'), `${marker(named)}${marker('data-pdf-size')}`);
    writeFileSync(path.join(site, 'about/index.html'), marker(named));
    writeFileSync(path.join(site, 'policy-areas/too-long/index.html'), marker('data-pdf-size'));
    const filled = writePdfSizes(site, [job({ slug: 'too-long' })], results, { pages: ['/'] });
    expect(filled).toBe(2);
    expect(readFileSync(path.join(site, 'index.html'), 'utf8')).toBe(
      `${filledMarker(named)}${marker('data-pdf-size')}`,
    );
    expect(readFileSync(path.join(site, 'about/index.html'), 'utf8')).toBe(marker(named));
    expect(readFileSync(path.join(site, 'policy-areas/too-long/index.html'), 'utf8')).toBe(
      filledMarker('data-pdf-size'),
    );
  });
});
