/**
 * Stage 4, print: serves the built site on loopback HTTP and prints every sheet page to a
 * PDF with playwright-core and an installed Chromium (one browser, a pool of pages), then
 * post-processes each PDF (metadata, stable bytes) and writes it into the site.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { messages } from '../messages.ts';
import { pdfSizeLabel, strings } from '../i18n/index.ts';
import { formatDate, siteFile, withBase } from '../site/paths.ts';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { UserError } from '../diagnostics/index.ts';
import { printFitted } from './fit.ts';
import type { LayoutReport } from './layout-report.ts';
import { countPages, finalizePdf } from './pdf.ts';
import { readPdfLinks, type PdfLinks } from './pdf-links.ts';
import { serveStatic } from './server.ts';

export { findBrowser } from './browser.ts';
export { countPages, finalizePdf } from './pdf.ts';
export { printFitted, readOutline } from './fit.ts';
export { formatLayoutReport, reportLayout, type BrokenRule, type LayoutReport } from './layout-report.ts';
export { serveStatic } from './server.ts';

/** One PDF to print: a sheet page in one language. */
export interface PrintJob {
  slug: string;
  lang: string;
  /** The page's path in the site, e.g. '/policy-areas/digital-governance/'. */
  pagePath: string;
  /** Where to write the PDF, relative to siteDir, e.g. 'policy-areas/digital-governance/ogp-digital-governance-fact-sheet.pdf'. */
  pdfPath: string;
  title: string;
  subject: string;
  keywords: string[];
  /** The edition date, YYYY-MM-DD: the PDF's dates and the footer's date. */
  edition: string;
  /** Page budget: the most A4 pages the PDF may take. */
  budget: number;
  /** Absolute public https URL of the page: the footer's address, the base of its links. */
  pageUrl: string;
  draft: boolean;
  /** A translation's notice ("under review", "out of date"), printed at the top of every page. */
  notice?: string;
}

export interface PrintResult {
  slug: string;
  lang: string;
  pdfPath: string;
  pages: number;
  bytes: number;
  /** Time to load, print (every layout variant tried), post-process and write this PDF. */
  ms: number;
  /** The PDF's links and destinations, for the verify stage (absent if they could not be read). */
  links?: PdfLinks | undefined;
  /** Where everything landed in the PDF, and the layout rules it breaks. */
  layout: LayoutReport;
  /** The layout variant printed (see fit.ts), and how many prints it took to choose it. */
  variant: string;
  attempts: number;
}

/** A sheet whose PDF takes more pages than its budget. */
export interface PageBudgetIssue {
  /** The sheet's slug. */
  slug: string;
  /** The sheet as named in messages: its slug, with the language when not English. */
  sheet: string;
  lang: string;
  budget: number;
  pages: number;
  problem: string;
  fix: string;
}

export const PDF_AUTHOR = 'Open Government Partnership';
export const PDF_CREATOR = 'OGP Fact Sheets';

/** The options Chromium prints with: A4 from the print stylesheet, tagged, with an outline. */
export const PDF_OPTIONS = {
  format: 'A4',
  preferCSSPageSize: true,
  printBackground: true,
  tagged: true,
  outline: true,
} as const;

/**
 * The sheets whose PDF overflows its page budget (empty when all fit), with the overflow
 * measured on the PDF. `keptAt` says where the over-budget PDF is kept for the editor.
 */
export function checkPageBudgets(
  results: readonly PrintResult[],
  jobs: readonly PrintJob[],
  keptAt: (pdfPath: string) => string = (pdfPath) => pdfPath,
): PageBudgetIssue[] {
  const issues: PageBudgetIssue[] = [];
  for (const result of results) {
    const job = jobs.find((j) => j.slug === result.slug && j.lang === result.lang);
    if (job === undefined || result.pages <= job.budget) continue;
    const sheet = job.lang === 'en' ? job.slug : `${job.slug} (${job.lang})`;
    issues.push({
      slug: job.slug,
      sheet,
      lang: job.lang,
      budget: job.budget,
      pages: result.pages,
      ...messages.print.overBudget(
        sheet,
        job.budget,
        result.pages,
        result.layout.overflow ?? { lines: 1, percent: 1 },
        keptAt(result.pdfPath),
      ),
    });
  }
  return issues;
}

/** A CSS string literal. */
function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** The values the print stylesheet's running footer shows (CSS custom properties on :root). */
export function footerProperties(job: PrintJob): Record<string, string> {
  const words = strings(job.lang).print;
  const date = formatDate(job.edition, job.lang);
  return {
    '--print-title': cssString(job.title),
    '--print-edition': cssString(`${words.edition} ${date}`),
    '--print-url': cssString(job.pageUrl.replace(/^https?:\/\//, '')),
    '--print-page': cssString(words.page),
    '--print-of': cssString(words.of),
    '--print-draft': cssString(words.draft),
    ...(job.notice === undefined ? {} : { '--print-notice': cssString(job.notice) }),
  };
}

/**
 * Opens the sheet page on `page` from the loopback server and readies it for print:
 * fonts loaded, links made absolute public URLs, footer values and the draft mark set.
 */
export async function openSheetPage(page: Page, origin: string, job: PrintJob): Promise<void> {
  const url = origin + job.pagePath;
  const failed: string[] = [];
  const onResponse = (response: { status(): number; url(): string }): void => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url().replace(origin, '')}`);
  };
  page.on('response', onResponse);
  try {
    const response = await page.goto(url, { waitUntil: 'load' });
    if (response === null || !response.ok()) {
      throw new UserError(
        messages.print.pageFailed(job.slug, job.pagePath, `answered ${response?.status() ?? 'nothing'}`),
      );
    }
    if (failed.length > 0) {
      throw new UserError(messages.print.pageFailed(job.slug, job.pagePath, `could not load ${failed.join(', ')}`));
    }
  } finally {
    page.off('response', onResponse);
  }
  const pagePath = job.pagePath;
  const publicRoot = job.pageUrl.endsWith(pagePath)
    ? job.pageUrl.slice(0, job.pageUrl.length - pagePath.length)
    : new URL(job.pageUrl).origin;
  await page.evaluate(
    async ({ publicRoot, properties, draft }) => {
      await document.fonts.ready;
      for (const a of Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'))) {
        const raw = a.getAttribute('href') ?? '';
        if (raw.startsWith('#')) continue; // stays a jump inside the PDF
        let target: URL;
        try {
          target = new URL(raw, location.href);
        } catch {
          continue;
        }
        if (target.origin !== location.origin) continue;
        if (target.pathname === location.pathname && target.search === '' && target.hash !== '') {
          a.setAttribute('href', target.hash);
          continue;
        }
        a.setAttribute('href', `${publicRoot}${target.pathname}${target.search}${target.hash}`);
      }
      const root = document.documentElement;
      for (const [name, value] of Object.entries(properties)) root.style.setProperty(name, value);
      if (draft) root.setAttribute('data-draft', '');
    },
    { publicRoot, properties: footerProperties(job), draft: job.draft },
  );
}

/** Prints the loaded sheet page and post-processes the PDF. */
export async function renderPdf(page: Page, job: PrintJob): Promise<Buffer> {
  const raw = await page.pdf(PDF_OPTIONS);
  return finalizePdf(raw, {
    title: job.title,
    author: PDF_AUTHOR,
    subject: job.subject,
    keywords: job.keywords,
    creator: PDF_CREATOR,
    date: job.edition,
    lang: job.lang,
  });
}

/** The PDF's links as the verify stage checks them; undefined lets it read the file itself. */
function linksOf(pdf: Uint8Array): PdfLinks | undefined {
  try {
    return readPdfLinks(pdf);
  } catch {
    return undefined;
  }
}

/** Launches the installed Chromium (found by findBrowser) headless. */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: findBrowser(), args: [...BROWSER_ARGS], headless: true });
}

/** Prints every job to its PDF in siteDir. Closes the browser and server also on error. */
export async function printSheets(options: {
  siteDir: string;
  jobs: PrintJob[];
  concurrency?: number;
}): Promise<PrintResult[]> {
  const { siteDir, jobs } = options;
  if (jobs.length === 0) return [];
  findBrowser(); // before serving anything: a missing browser is the likeliest failure
  const server = await serveStatic(siteDir);
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const context = await browser.newContext({ javaScriptEnabled: true, serviceWorkers: 'block' });
    const size = Math.max(1, Math.min(options.concurrency ?? availableParallelism(), jobs.length));
    const pages = await Promise.all(Array.from({ length: size }, () => context.newPage()));
    const results: PrintResult[] = new Array<PrintResult>(jobs.length);
    let next = 0;
    let stopped = false;
    const worker = async (page: Page): Promise<void> => {
      while (!stopped && next < jobs.length) {
        const index = next++;
        const job = jobs[index] as PrintJob;
        const started = performance.now();
        try {
          await openSheetPage(page, server.origin, job);
          const fitted = await printFitted(page, job.budget, () => renderPdf(page, job));
          const pdf = fitted.pdf;
          const file = path.join(siteDir, job.pdfPath);
          mkdirSync(path.dirname(file), { recursive: true });
          writeFileSync(file, pdf);
          results[index] = {
            slug: job.slug,
            lang: job.lang,
            pdfPath: job.pdfPath,
            pages: countPages(pdf),
            bytes: pdf.length,
            ms: Math.round(performance.now() - started),
            links: linksOf(pdf),
            layout: fitted.report,
            variant: fitted.variant,
            attempts: fitted.attempts,
          };
        } catch (error) {
          stopped = true;
          throw error;
        }
      }
    };
    await Promise.all(pages.map(worker));
    return results;
  } finally {
    await browser?.close().catch(() => undefined);
    await server.close();
  }
}

/** Matches the download link's size marker: `<span data-pdf-size>…</span>` or `<span data-pdf-size="/path.pdf">…</span>`. */
const SIZE_MARKER = /(<span\b[^>]*\bdata-pdf-size(?:="([^"]*)")?[^>]*>)[^<]*(<\/span>)/g;

/** Which pages `writePdfSizes` visits besides the sheet pages. */
export interface PdfSizeOptions {
  /**
   * Site paths of further pages whose named markers to fill, e.g. `['/', '/policy-areas/']`
   * (a path ending in '/' means its index.html). Default: every .html file under siteDir.
   */
  pages?: readonly string[];
}

/** Every .html file under dir, as site paths ('/index.html', '/policy-areas/x/index.html'), sorted. */
function htmlPages(dir: string, prefix = '/'): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) out.push(...htmlPages(path.join(dir, entry.name), `${prefix}${entry.name}/`));
    else if (entry.isFile() && entry.name.endsWith('.html')) out.push(`${prefix}${entry.name}`);
  }
  return out.sort();
}

/** A site path as the file it is served from: '/a/' -> '/a/index.html' (under the base: '/base/a/' too). */
function pageFile(pagePath: string): string {
  return `/${siteFile(pagePath.startsWith('/') ? pagePath : `/${pagePath}`)}`;
}

/**
 * Writes each PDF's size into the download links: the text of a `<span data-pdf-size>`
 * becomes e.g. "PDF, 312 KB".
 * - A marker whose attribute names a PDF (`data-pdf-size="/policy-areas/x/ogp-x-fact-sheet.pdf"`,
 *   or a path relative to its page) gets that PDF's size, on any page: the sheet pages, and
 *   `options.pages` or else every .html file under siteDir (the index lists every sheet's PDF).
 * - An empty marker (`data-pdf-size` with no value) on a sheet page gets that sheet's PDF size.
 * Markers naming a PDF that was not printed are left as they are. Each file is read and
 * written at most once. Returns the number of markers filled.
 */
export function writePdfSizes(
  siteDir: string,
  jobs: readonly PrintJob[],
  results: readonly Pick<PrintResult, 'pdfPath' | 'bytes'>[],
  options: PdfSizeOptions = {},
): number {
  const bytesByPath = new Map<string, number>();
  for (const r of results) bytesByPath.set(`/${r.pdfPath.replace(/^\/+/, '')}`, r.bytes);
  // Site file -> the PDF of the sheet printed from it (for empty markers).
  const ownPdf = new Map<string, number | undefined>();
  for (const job of jobs) ownPdf.set(pageFile(job.pagePath), bytesByPath.get(`/${job.pdfPath.replace(/^\/+/, '')}`));
  const others = options.pages === undefined ? htmlPages(siteDir) : options.pages.map(pageFile);
  const files = [...new Set([...ownPdf.keys(), ...others])];
  let filled = 0;
  for (const file of files) {
    const full = path.join(siteDir, file);
    if (!ownPdf.has(file) && !existsSync(full)) continue;
    const html = readFileSync(full, 'utf8');
    // The size is written in the page's language ("PDF, 312 KB", "PDF, 312 Ko").
    const lang = /<html[^>]*\slang="([^"]+)"/.exec(html)?.[1] ?? 'en';
    const own = ownPdf.get(file);
    const updated = html.replace(SIZE_MARKER, (whole, open: string, named: string | undefined, close: string) => {
      const bytes =
        named === undefined || named === ''
          ? own
          : bytesByPath.get(pageFile(new URL(named, `http://x${withBase(file)}`).pathname));
      if (bytes === undefined) return whole;
      filled++;
      return `${open}${pdfSizeLabel(bytes, lang)}${close}`;
    });
    if (updated !== html) writeFileSync(full, updated);
  }
  return filled;
}
