/**
 * Stage 4, print: serves the built site on loopback HTTP and prints every sheet page to a
 * PDF with playwright-core and an installed Chromium (one browser, a pool of pages), then
 * post-processes each PDF (metadata, stable bytes) and writes it into the site.
 */
import { createHash } from 'node:crypto';
import { existsSync, linkSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { messages } from '../messages.ts';
import { pdfSizeLabel, strings } from '../i18n/index.ts';
import { formatDate, siteFile, withBase, withoutBase } from '../site/paths.ts';
import { SIZE_MARKER } from '../site/pdf-size.ts';
import { cssString, pagePrintWords } from '../site/print-footer.ts';
import { BROWSER_ARGS, findBrowser } from './browser.ts';
import { FRAMES_ON_DEMAND_ARGS, markFramesOnDemand } from './frames.ts';
import { UserError } from '../diagnostics/index.ts';
import { firstLook, FORESIGHT_STYLE, printFitted, type FirstLook, type FittedPdf } from './fit.ts';
import type { LayoutReport } from './layout-report.ts';
import { countPages, finalizePdf } from './pdf.ts';
import { readPdfLinks, type PdfLinks } from './pdf-links.ts';
import { placeCachedFile, PrintCache } from './cache.ts';
import { pageSession, runInPage, type InPageCall } from './in-page.ts';
import { printPoolSize, runPool } from './pool.ts';
import { resolveFile, serveStatic } from './server.ts';

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
  /** Copied from the print cache: nothing it is printed from changed. */
  cached?: boolean;
  /** Where the time went (printed PDFs only). */
  timing?: PrintTiming;
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

/** The values the print stylesheet's running footer shows (CSS custom properties on :root). */
export function footerProperties(job: PrintJob): Record<string, string> {
  const words = strings(job.lang).print;
  const date = formatDate(job.edition, job.lang);
  return {
    '--print-title': cssString(job.title),
    '--print-edition': cssString(`${words.edition} ${date}`),
    '--print-url': cssString(job.pageUrl.replace(/^https?:\/\//, '')),
    '--print-draft': cssString(words.draft),
    ...pagePrintWords(job.lang, job.notice),
  };
}

/**
 * Opens the sheet page on `page` from the loopback server and readies it for print:
 * fonts loaded, links made absolute public URLs, footer values and the draft mark set.
 * Returns when (performance.now()) the page itself had loaded.
 */
export async function openSheetPage(page: Page, origin: string, job: PrintJob): Promise<number> {
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
  const loadedAt = performance.now();
  await runInPage(page, [{ fn: readyForPrint, arg: readying(job) }]);
  return loadedAt;
}

/**
 * Puts another sheet into the sheet page loaded on `page`, without navigating: its <html>
 * attributes, title and <body> replace the loaded ones, under its own URL, then it is readied
 * as openSheetPage readies a page. Only for a page whose stylesheets are those of the loaded
 * one (see printHead): the document that prints is then the one a navigation would give (the
 * same PDF bytes), without loading, parsing and styling a new document for every sheet.
 * The body put in is the sheet's without what never prints (the parts the print stylesheet
 * hides for good: the site's header and footer, the charts' data tables and embed codes...;
 * see readyForPrint), which Chromium would otherwise keep in the document it lays out and
 * tags at every print; `whole` puts the page's body in as built.
 */
export async function swapSheetPage(
  page: Page,
  origin: string,
  job: PrintJob,
  html: string,
  then?: undefined,
  options?: SwapOptions,
): Promise<void>;
/** ... and then, in the same round trip, runs `then` in the page (e.g. the fit's firstLook) and returns what it returns. */
export async function swapSheetPage<A, R>(
  page: Page,
  origin: string,
  job: PrintJob,
  html: string,
  then: InPageCall<A, R>,
  options?: SwapOptions,
): Promise<R>;
export async function swapSheetPage<A, R>(
  page: Page,
  origin: string,
  job: PrintJob,
  html: string,
  then?: InPageCall<A, R>,
  options: SwapOptions = {},
): Promise<R | undefined> {
  const failed: string[] = [];
  const onResponse = (response: { status(): number; url(): string }): void => {
    if (response.status() >= 400) failed.push(`${response.status()} ${response.url().replace(origin, '')}`);
  };
  page.on('response', onResponse);
  let result: R | undefined;
  try {
    const ready: InPageCall<Readying, void> = {
      fn: readyForPrint,
      arg: { ...readying(job), html, lean: options.whole !== true },
    };
    // One round trip for both.
    if (then === undefined) await runInPage(page, [ready]);
    else result = await runInPage(page, [ready, then]);
  } finally {
    page.off('response', onResponse);
  }
  if (failed.length > 0) {
    throw new UserError(messages.print.pageFailed(job.slug, job.pagePath, `could not load ${failed.join(', ')}`));
  }
  return result;
}

export interface SwapOptions {
  /** Put the sheet page's body in as built, with what never prints (the bench's anchor). */
  whole?: boolean;
}

/** What readyForPrint needs to know of a job. */
function readying(job: PrintJob): Readying {
  const pagePath = job.pagePath;
  const publicRoot = job.pageUrl.endsWith(pagePath)
    ? job.pageUrl.slice(0, job.pageUrl.length - pagePath.length)
    : new URL(job.pageUrl).origin;
  return { publicRoot, pagePath, properties: footerProperties(job), draft: job.draft, foresight: FORESIGHT_STYLE };
}

interface Readying {
  publicRoot: string;
  pagePath: string;
  properties: Record<string, string>;
  draft: boolean;
  /** A sheet page's HTML to put in place of the loaded one (swapSheetPage). */
  html?: string;
  /** Leave out of that HTML what never prints. */
  lean?: boolean;
  /** The fit's stylesheet that lays the page out on screen as its printed pages (fit.ts FORESIGHT_STYLE). */
  foresight: string;
}

/**
 * Runs in the page: (with `html`) replaces the document's sheet by that page's, makes its
 * links absolute public URLs (jumps inside the page stay jumps), sets the footer's values and
 * the draft mark, then waits for its images and fonts.
 *
 * With `lean`, what of that page never prints is left out: every element a rule of the
 * document's stylesheets hides in print for good (`display: none !important` under a plain
 * `@media print`) becomes an empty copy of itself, but one holding a jump inside the page
 * (Chromium makes the PDF's named destinations from every such link, shown or not) or an
 * element something outside it refers to by id (a jump's target, an accessible name or
 * description, a label's control). The PDF is the same, byte for byte (tests/print/swap.test.ts),
 * for less to style, lay out and tag at every print: about 28% of a corpus sheet's elements
 * (the charts' data tables and embed codes, the site's header and footer, the hero's drawing).
 */
async function readyForPrint({
  publicRoot,
  pagePath,
  properties,
  draft,
  html,
  lean,
  foresight,
}: Readying): Promise<void> {
  const root = document.documentElement;
  if (document.getElementById('fit-foresight') === null) {
    const style = document.createElement('style');
    style.id = 'fit-foresight';
    style.textContent = foresight;
    document.head.append(style);
  }
  if (html !== undefined) {
    const next = new DOMParser().parseFromString(html, 'text/html');
    if (lean === true) {
      const hidden: string[] = [];
      const collect = (rules: CSSRuleList, print: boolean): void => {
        for (const rule of Array.from(rules)) {
          if (rule instanceof CSSMediaRule) collect(rule.cssRules, print || rule.media.mediaText === 'print');
          else if (rule instanceof CSSLayerBlockRule) collect(rule.cssRules, print);
          else if (
            print &&
            rule instanceof CSSStyleRule &&
            rule.style.getPropertyValue('display') === 'none' &&
            rule.style.getPropertyPriority('display') === 'important'
          )
            hidden.push(rule.selectorText);
        }
      };
      for (const sheet of Array.from(document.styleSheets)) {
        try {
          collect(sheet.cssRules, sheet.media.mediaText === 'print');
        } catch {
          // A stylesheet from another origin cannot be read: nothing is left out for it.
        }
      }
      // Who refers to each id (a jump, an accessible name or description, a label).
      const referrers = new Map<string, Element[]>();
      for (const element of Array.from(
        next.body.querySelectorAll('[href^="#"], [aria-labelledby], [aria-describedby], [for]'),
      )) {
        const refs = [
          element.getAttribute('href')?.slice(1),
          element.getAttribute('aria-labelledby'),
          element.getAttribute('aria-describedby'),
          element.getAttribute('for'),
        ];
        for (const ref of refs)
          for (const id of (ref ?? '').split(/\s+/))
            if (id !== '') referrers.set(id, [...(referrers.get(id) ?? []), element]);
      }
      const kept = (element: Element): boolean =>
        element.matches('a[href^="#"]') ||
        element.querySelector('a[href^="#"]') !== null ||
        [element, ...Array.from(element.querySelectorAll('[id]'))].some((e) =>
          (referrers.get(e.id) ?? []).some((referrer) => !element.contains(referrer)),
        );
      for (const selector of hidden) {
        let found: Element[];
        try {
          found = Array.from(next.body.querySelectorAll(selector));
        } catch {
          continue; // e.g. a pseudo-element's rule: no element to leave out
        }
        for (const element of found) {
          if (!element.isConnected || kept(element)) continue;
          // An empty copy in its place (same tag and attributes): the rules that match by
          // siblings ("+", "~", :has(+ ...), :nth-child...) match as before. Unless it no
          // longer matches the rule that hides it: then the element stays.
          const stub = element.cloneNode(false) as Element;
          element.replaceWith(stub);
          if (!stub.matches(selector)) stub.replaceWith(element);
        }
      }
    }
    history.replaceState(null, '', pagePath);
    for (const attribute of Array.from(root.attributes)) root.removeAttribute(attribute.name);
    for (const attribute of Array.from(next.documentElement.attributes))
      root.setAttribute(attribute.name, attribute.value);
    document.title = next.title;
    document.body.replaceWith(document.adoptNode(next.body));
  }
  // Links and footer values before the layout below: set after it, they made the page be
  // styled again for the foresight and the print.
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
  for (const [name, value] of Object.entries(properties)) root.style.setProperty(name, value);
  if (draft) root.setAttribute('data-draft', '');
  if (html !== undefined) {
    // Style and layout now, so that the fonts the new text needs start loading before fonts.ready is read.
    void document.body.offsetHeight;
    await Promise.all(
      Array.from(document.images, (image) =>
        image.complete
          ? undefined
          : new Promise((resolve) => {
              image.addEventListener('load', resolve, { once: true });
              image.addEventListener('error', resolve, { once: true });
            }),
      ),
    );
  }
  await document.fonts.ready;
}

/**
 * What of a page's <head> decides how it prints: its stylesheets (links with their media,
 * inline styles), <base> and content security policy. Two sheet pages with the same can share
 * one loaded document (swapSheetPage). Undefined for a page that cannot be swapped in: one
 * with a script (a swapped-in script does not run) or without a <head>.
 */
export function printHead(html: string): string | undefined {
  const end = html.search(/<\/head>/i);
  if (end === -1 || /<script\b/i.test(html)) return undefined;
  const head = html.slice(0, end);
  const parts = head.match(
    /<link\b[^>]*\brel=["']?[^"'>]*stylesheet[^>]*>|<style\b[^>]*>[\s\S]*?<\/style>|<base\b[^>]*>|<meta\b[^>]*http-equiv=["']?content-security-policy[^>]*>/gi,
  );
  return (parts ?? []).join('\n');
}

/** Prints the loaded sheet page and post-processes the PDF. */
export async function renderPdf(page: Page, job: PrintJob): Promise<Buffer> {
  return finalizeFor(await printPdf(page), job);
}

/**
 * What Playwright's page.pdf(PDF_OPTIONS) asks Chromium for (Page.printToPDF: A4 in inches,
 * no margins of its own, the rest Playwright's defaults), the PDF returned in the answer.
 */
const PRINT_TO_PDF = {
  transferMode: 'ReturnAsBase64',
  landscape: false,
  displayHeaderFooter: false,
  headerTemplate: '',
  footerTemplate: '',
  printBackground: PDF_OPTIONS.printBackground,
  scale: 1,
  paperWidth: 8.27,
  paperHeight: 11.7,
  marginTop: 0,
  marginBottom: 0,
  marginLeft: 0,
  marginRight: 0,
  pageRanges: '',
  preferCSSPageSize: PDF_OPTIONS.preferCSSPageSize,
  generateTaggedPDF: PDF_OPTIONS.tagged,
  generateDocumentOutline: PDF_OPTIONS.outline,
} as const;

/**
 * The page printed as page.pdf(PDF_OPTIONS) prints it, the same bytes, in one round trip:
 * Playwright asks for the PDF as a stream and reads it in three more (two reads and a close),
 * each a wait on a loaded machine (about 18 ms of a print's wall time at load 11, 30 November 2026).
 */
export async function printPdf(page: Page): Promise<Buffer> {
  const { data } = await (await pageSession(page)).send('Page.printToPDF', PRINT_TO_PDF);
  return Buffer.from(data, 'base64');
}

/** The PDF Chromium wrote, with the job's metadata and stable bytes. */
function finalizeFor(raw: Uint8Array, job: PrintJob): Buffer {
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

/**
 * Launches the installed Chromium (found by findBrowser) headless. `framesOnDemand`: its pages
 * draw no frame unless sent one (frames.ts), as the print's and the build's shared browser do.
 */
export async function launchBrowser(options: { framesOnDemand?: boolean } = {}): Promise<Browser> {
  const onDemand = options.framesOnDemand === true;
  const args = [...BROWSER_ARGS, ...(onDemand ? FRAMES_ON_DEMAND_ARGS : [])];
  const browser = await chromium.launch({ executablePath: findBrowser(), args, headless: true });
  return onDemand ? markFramesOnDemand(browser) : browser;
}

/** The print's browser: frames on demand. */
const launchPrintBrowser = (): Promise<Browser> => launchBrowser({ framesOnDemand: true });

/**
 * One browser for a build's images and print stages, launched when a stage first needs it
 * (a launch costs about 0.7 s of CPU on a 2-core machine). `launch` is the print pool's: the
 * shared browser the first time, a fresh one after (the pool's restart after a crash).
 */
export interface SharedBrowser {
  get(): Promise<Browser>;
  launch(): Promise<Browser>;
  close(): Promise<void>;
  /**
   * Opens the print stage's context and a page in it, once the browser is up, for the first print
   * in it to take (an edit's rebuild, while Astro builds: making them is a round trip to Chromium
   * and a renderer process started, which otherwise waits for the pages and the print's look-ups).
   */
  preparePrint(): void;
  /**
   * That page (made now if not yet), lent until the print takes it: an edit's social cards are
   * drawn in it (src/publish/images.ts drawCardsAhead), the print's viewport set back after, so
   * that one page and one renderer process do both, not a context and a page each (each page
   * starts a renderer: about 0.4 s of CPU, and 0.2-0.3 s of the browser's, on a 2-core machine).
   * Undefined when it could not be made or was closed.
   */
  printPage(): Promise<Page | undefined>;
}

/** The print context made ahead in a browser (SharedBrowser.preparePrint), taken by the first print there. */
const preparedContexts = new WeakMap<Browser, Promise<BrowserContext>>();

/** The context a print pool prints in: the one made ahead in `browser` if there is one, else a new one. */
function printContext(browser: Browser): Promise<BrowserContext> {
  const prepared = preparedContexts.get(browser);
  preparedContexts.delete(browser);
  const made = (): Promise<BrowserContext> => browser.newContext(CONTEXT_OPTIONS);
  return prepared === undefined ? made() : prepared.catch(made);
}

/** The print context and its page made ahead in `browser` (SharedBrowser.preparePrint), once. */
function prepareContext(browser: Browser): Promise<BrowserContext> {
  let context = preparedContexts.get(browser);
  if (context === undefined) {
    context = browser.newContext(CONTEXT_OPTIONS).then(async (made) => {
      await made.newPage();
      return made;
    });
    context.catch(() => undefined);
    preparedContexts.set(browser, context);
  }
  return context;
}

export function sharedBrowser(): SharedBrowser {
  let shared: Promise<Browser> | undefined;
  let given = false;
  const get = (): Promise<Browser> => (shared ??= launchPrintBrowser());
  return {
    get,
    launch: () => {
      if (given) return launchPrintBrowser();
      given = true;
      return get();
    },
    close: async () => {
      const browser = await shared?.catch(() => undefined);
      await browser?.close().catch(() => undefined);
    },
    preparePrint: () => {
      get()
        .then(prepareContext)
        .catch(() => undefined);
    },
    printPage: async () => {
      const context = await prepareContext(await get()).catch(() => undefined);
      return context?.pages().find((page) => !page.isClosed());
    },
  };
}

/**
 * The options of the browser context every page prints in. The viewport: as wide as
 * Playwright's default (1280 px, wider than the 320 mm that lay the page out as its printed
 * pages on screen: FORESIGHT_STYLE) and only a few pixels high, since nothing on screen is
 * ever looked at: a browser that draws its own frames (the full browser; the print's shell draws
 * them only on demand, frames.ts) draws one of the viewport after every change to the page (a
 * sheet put in, a variant set, the page restored after printing), and the pixels it rasters and
 * composites scale with the viewport (about a tenth of the print stage's CPU against the default
 * 1280 x 720, 30 November 2026). The PDFs are the same bytes: page.pdf() lays the page out for
 * its own page size.
 */
export const CONTEXT_OPTIONS = {
  javaScriptEnabled: true,
  serviceWorkers: 'block',
  viewport: { width: 1280, height: 8 },
} as const;

/** What the print cache keeps of a result besides the PDF. */
type CachedResult = Pick<PrintResult, 'pages' | 'bytes' | 'links' | 'layout' | 'variant' | 'attempts'>;

/**
 * Where the time of one PDF went, ms: loading the page (for a sheet swapped in, with the fit's
 * first look, made in the same round trip), fonts and links, page.pdf(), post-processing.
 */
export interface PrintTiming {
  load: number;
  ready: number;
  pdf: number;
  post: number;
}

/** The sheet page loaded in a pool's page: what of its <head> prints, and the files it has loaded since. */
interface LoadedDocument {
  head: string;
  /** Site paths of the files (stylesheets, fonts, images) the document has requested, cached or not. */
  loaded: Set<string>;
  /** Stops recording what it loads. */
  stop: () => void;
}

/** Each pool page's loaded document, while the next sheet can be swapped into it. */
const loadedDocuments = new WeakMap<Page, LoadedDocument>();

/**
 * Loads, prints and post-processes one job on `page`; returns the PDF, the site paths the
 * page loaded (cached or not: the print cache's record) and where the time went. A sheet
 * whose stylesheets are those of the sheet loaded last on this page is swapped into it
 * (swapSheetPage) instead of being navigated to.
 */
async function printOne(
  page: Page,
  origin: string,
  job: PrintJob,
  html: string,
): Promise<{ fitted: FittedPdf; loaded: Set<string>; timing: PrintTiming }> {
  const head = printHead(html);
  let loadedDoc = loadedDocuments.get(page);
  const started = performance.now();
  let loadedAt: number;
  let looked: FirstLook | undefined;
  if (loadedDoc !== undefined && head !== undefined && loadedDoc.head === head) {
    // The fit's first look at the sheet rides on the round trip that readies it.
    looked = await swapSheetPage(page, origin, job, html, firstLook(job.budget));
    loadedAt = performance.now();
  } else {
    loadedDoc?.stop();
    loadedDocuments.delete(page);
    const loaded = new Set<string>();
    const onRequest = (request: { url(): string; resourceType(): string }): void => {
      const url = new URL(request.url());
      if (url.origin === origin && request.resourceType() !== 'document') loaded.add(url.pathname);
    };
    // Every file the document loads from now on, for this sheet and the ones swapped in after it.
    page.on('request', onRequest);
    loadedDoc = { head: head ?? '', loaded, stop: () => void page.off('request', onRequest) };
    try {
      // Laid out for print from the start: no screen layout of the page that is never used.
      await page.emulateMedia({ media: 'print' });
      loadedAt = await openSheetPage(page, origin, job);
    } catch (error) {
      loadedDoc.stop();
      throw error;
    }
    if (head !== undefined) loadedDocuments.set(page, loadedDoc);
  }
  const ready = performance.now();
  let pdfMs = 0;
  const fitted = await printFitted(
    page,
    job.budget,
    async () => {
      const before = performance.now();
      const raw = await printPdf(page);
      pdfMs += performance.now() - before;
      return finalizeFor(raw, job);
    },
    looked,
  );
  const total = performance.now() - ready;
  // A document no other sheet can be swapped into is done with.
  if (loadedDocuments.get(page) !== loadedDoc) loadedDoc.stop();
  return {
    fitted,
    // The page itself (its HTML is in the cache key) and every file its document has loaded:
    // those of the sheets printed before it in the same document too, which can only make the
    // cache more cautious.
    loaded: new Set([job.pagePath, ...loadedDoc.loaded]),
    // "post" is everything after loading but page.pdf(): post-processing and measuring the layout.
    timing: { load: loadedAt - started, ready: ready - loadedAt, pdf: pdfMs, post: total - pdfMs },
  };
}

/**
 * Prints every job to its PDF in siteDir. With `cacheDir`, a PDF whose inputs are all
 * unchanged since it was printed is copied from the print cache (src/print/cache.ts) instead.
 * Closes the browser and server also on error.
 */
export async function printSheets(options: {
  siteDir: string;
  jobs: PrintJob[];
  concurrency?: number;
  /** The print cache's folder, e.g. `.cache/print`; none when undefined. */
  cacheDir?: string | undefined;
  /** Also copy this run's cache entries here (a shard's output, src/print/shard.ts). */
  exportTo?: string | undefined;
  /** Starts the browser to print in (closed when the stage ends); default one with frames on demand (launchBrowser). */
  launch?: () => Promise<Browser>;
}): Promise<PrintResult[]> {
  return (await planPrint(options)).print();
}

/** The print stage once it has looked its PDFs up in the cache (planPrint). */
export interface PrintPlan {
  /** The PDFs to print: those not taken from the cache. */
  pending: number;
  /** Prints them and keeps the cache bounded; resolves with every job's result, in the jobs' order. */
  print(): Promise<PrintResult[]>;
}

/**
 * printSheets in two steps: the PDFs found in the print cache are copied into siteDir now,
 * the others are printed by the plan's `print()`. A caller can so tell how much is left to
 * print before it starts (src/pipeline.ts runs the search stage alongside a small print).
 */
export async function planPrint(options: Parameters<typeof printSheets>[0]): Promise<PrintPlan> {
  const { siteDir, jobs } = options;
  if (jobs.length === 0) return { pending: 0, print: () => Promise.resolve([]) };
  const executable = findBrowser(); // before serving anything: a missing browser is the likeliest failure
  const root = path.resolve(siteDir);
  const cache =
    options.cacheDir === undefined
      ? undefined
      : await PrintCache.open(options.cacheDir, executable, PDF_OPTIONS, (urlPath) => {
          // The page requests its files under the base path, as the server serves them.
          const inside = withoutBase(urlPath);
          return inside === undefined ? undefined : resolveFile(root, inside);
        });
  const results = new Array<PrintResult>(jobs.length);
  const keys: string[] = [];
  const pending: number[] = [];
  for (const [index, job] of jobs.entries()) {
    const base = { slug: job.slug, lang: job.lang, pdfPath: job.pdfPath };
    if (cache !== undefined) {
      const key = cache.keyOf(job, job.pagePath);
      keys[index] = key;
      const hit = cache.take<CachedResult>(key, path.join(siteDir, job.pdfPath));
      if (hit !== undefined) {
        results[index] = { ...base, ...hit, ms: 0, cached: true };
        continue;
      }
    }
    pending.push(index);
  }
  return {
    pending: pending.length,
    print: async () => {
      if (pending.length > 0)
        await printPending(siteDir, jobs, pending, keys, results, cache, options.concurrency, options.launch);
      if (options.exportTo !== undefined) await cache?.exportUsed(options.exportTo);
      // Bounded: this build's entries, and as many older ones (other branches, undone edits).
      await cache?.prune(jobs.length).catch(() => undefined);
      return results;
    },
  };
}

/** Prints the jobs at `pending` (indexes into `jobs`) with the browser pool, filling `results`. */
async function printPending(
  siteDir: string,
  jobs: readonly PrintJob[],
  pending: readonly number[],
  keys: readonly string[],
  results: PrintResult[],
  cache: PrintCache | undefined,
  concurrency: number | undefined,
  launch: () => Promise<Browser> = launchPrintBrowser,
): Promise<void> {
  const server = await serveStatic(siteDir);
  try {
    await runPool(
      pending,
      async (page, index) => {
        const job = jobs[index] as PrintJob;
        const started = performance.now();
        const file = resolveFile(path.resolve(siteDir), withoutBase(job.pagePath) ?? job.pagePath);
        const html = file === undefined ? '' : await readFile(file, 'utf8');
        const { fitted, loaded, timing } = await printOne(page, server.origin, job, html);
        const postStarted = performance.now();
        const pdf = fitted.pdf;
        const printed: CachedResult = {
          pages: countPages(pdf),
          bytes: pdf.length,
          links: linksOf(pdf),
          layout: fitted.report,
          variant: fitted.variant,
          attempts: fitted.attempts,
        };
        const digest = createHash('sha256').update(pdf).digest('hex');
        // A cache that cannot be written only costs the next build a print.
        const kept = await cache?.put(keys[index] as string, pdf, digest, loaded, printed).catch(() => undefined);
        // Into the site as a link to the cache's file, as a PDF taken from the cache is; else written.
        placeCachedFile(kept, path.join(siteDir, job.pdfPath), pdf, digest);
        timing.post += performance.now() - postStarted;
        results[index] = {
          slug: job.slug,
          lang: job.lang,
          pdfPath: job.pdfPath,
          ...printed,
          ms: Math.round(performance.now() - started),
          cached: false,
          timing,
        };
      },
      {
        size: printPoolSize(pending.length, concurrency),
        launch,
        newContext: printContext,
        name: (index) => jobs[index]?.slug ?? '',
      },
    );
  } finally {
    await server.close();
  }
}

/** Which pages `writePdfSizes` visits besides the sheet pages, and where it may find them filled already. */
export interface PdfSizeOptions {
  /**
   * The last build's site (dist/): a page whose filled bytes are that site's page's is hard-linked
   * from it rather than written, as a new file (200 of them at 200 sheets, every edit's rebuild).
   */
  lastSite?: string;
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
 * Links `last` at `aside` when its bytes are `text`'s (src/replace-dist.ts unlinks it from the last
 * site once dist/ is replaced); false, with nothing at `aside`, when they are not or it cannot.
 */
function linkedIfSame(last: string, text: string, aside: string): boolean {
  try {
    if (!readFileSync(last).equals(Buffer.from(text))) return false;
    linkSync(last, aside);
    return true;
  } catch {
    rmSync(aside, { force: true });
    return false;
  }
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
    if (updated === html) continue;
    // Written aside and renamed into place: the search stage may be reading the pages meanwhile
    // (src/pipeline.ts), and must find each whole, before or after (it indexes them without sizes).
    // Never written through: the page built may be a link to Astro's cache (src/site/linked-pages.ts).
    const aside = `${full}.${process.pid}.tmp`;
    const last = options.lastSite === undefined ? undefined : path.join(options.lastSite, file);
    if (last === undefined || !linkedIfSame(last, updated, aside)) writeFileSync(aside, updated);
    renameSync(aside, full);
  }
  return filled;
}
