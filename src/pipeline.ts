/**
 * The build, stage by stage, data flowing one way:
 *   content (load, validate) -> charts (spec + data -> SVG) -> pages (Astro) -> print (PDF)
 *   -> verify -> dist/ (replaced whole, or not at all).
 */
import { cpSync, existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { CHART_CACHE, chartsDrawn, renderChart } from './charts/index.ts';
import { saveDataCache } from './charts/data-file.ts';
import { saveFontCache } from './content/font-coverage.ts';
import type { ContentCheck, SiteContent, TranslationCheck } from './content/index.ts';
import { contentLayout } from './content/load.ts';
import { loaderEntries, type LoaderEntries } from './content/loader.ts';
import { readMdxFile, saveYamlCache } from './content/source.ts';
import { formatIssues, sortIssues, UserError, type Issue } from './diagnostics/index.ts';
import { typeset } from './i18n/index.ts';
import { messages } from './messages.ts';
import { verifySite } from './verify/index.ts';
import {
  checkPageBudgets,
  formatLayoutReport,
  planPrint,
  printSheets,
  sharedBrowser,
  writePdfSizes,
  type PageBudgetIssue,
  type PrintJob,
  type PrintResult,
  type PrintTiming,
} from './print/index.ts';
import type { PdfLinks } from './print/pdf-links.ts';
import { placedDigests } from './print/cache.ts';
import {
  buildSearchIndexApart,
  bundleDigests,
  drawCardsAhead,
  IMAGE_CACHE,
  imageJobs,
  planImages,
  SEARCH_CACHE,
} from './publish/index.ts';
import { startSearchApart, type SearchAhead } from './publish/search-process.ts';
import { mergeShards, shardFolder, shareOf, type Shard } from './print/shard.ts';
import { lastBuild, recordBuild, reportUpToDate, type LastBuild } from './incremental.ts';
import { buildPagesApart, type PagesAhead, type PagesBuilt } from './site/build-pages.ts';
import { basePath, pdfPath, publicSite, SEARCH_BUNDLE_DIR, sheetPath, siteFile } from './site/paths.ts';
import { printNotice } from './site/print-footer.ts';
import { removeLastSite, replaceDist } from './replace-dist.ts';
import { reportCheck } from './check.ts';
import { validate } from './validate.ts';

/** The print cache (src/print/cache.ts), under the project root. */
export const PRINT_CACHE = '.cache/print';

/** The verify cache (src/verify/cache.ts), under the project root. */
export const VERIFY_CACHE = '.cache/verify';

/**
 * The stages' caches under a project root. Each entry is keyed on everything its output is made
 * from, so another copy of the project can start from them and makes the same bytes, sooner
 * (npm run review's two builds do). Not Astro's cache (its page keys cover every file of the
 * project, which a copy seldom has all of) nor the record of the last build (src/incremental.ts).
 */
export const STAGE_CACHES: readonly string[] = [CHART_CACHE, IMAGE_CACHE, PRINT_CACHE, SEARCH_CACHE, VERIFY_CACHE];

/** Copies the stage caches of the project at `from` (those it has) into the project at `to`. */
export function copyStageCaches(from: string, to: string, caches: readonly string[] = STAGE_CACHES): void {
  for (const cache of caches)
    if (existsSync(path.join(from, cache))) cpSync(path.join(from, cache), path.join(to, cache), { recursive: true });
}

/** Where `--shard i/n` leaves its PDFs for the merge step, under the project root. */
export const SHARDS = 'shards';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export { validate } from './validate.ts';
export { runCheck } from './check.ts';

/**
 * Stage 2: draws every chart once, so the pages stage only reads the cache. Returns the
 * charts drawn in this build (those not in the chart cache, here or by the content loader's
 * entries) as "<sheet>/<chart id>". `check` has drawn them already; a chart that still fails (a
 * time or memory limit reached on a busier machine) is a content error in `issues`, at the
 * chart, not a crash.
 */
async function renderCharts(root: string, content: SiteContent, issues: Issue[]): Promise<string[]> {
  const jobs = content.sheets.flatMap((sheet) =>
    sheet.data.charts.map(async (chart, index) => {
      await renderChart(root, sheet.id, chart).catch((error: unknown) => {
        if (!(error instanceof UserError)) throw error;
        const field = error.field === 'data' || error.field === 'tag' ? error.field : 'spec';
        issues.push({
          file: sheet.file,
          ...sheet.source.locate(['charts', index, field]),
          field: `charts[${index}].${field}`,
          ...messages.inChart(chart.id, sheet.file, error.details),
          severity: 'error',
        });
      });
      return `${sheet.id}/${chart.id}`;
    }),
  );
  const names = new Set(await Promise.all(jobs));
  return [...chartsDrawn(root)].filter((name) => names.has(name)).sort();
}

/** The public URL of a sheet page. */
export function sheetUrl(site: string, slug: string): string {
  return new URL(sheetPath(slug), site).href;
}

/** The public URL of a sheet page in a language. */
function pageUrl(site: string, slug: string, lang: string): string {
  return new URL(sheetPath(slug, lang), site).href;
}

/**
 * What to print: one job per sheet and language it is published in (English always; Spanish
 * and French when fully translated, src/content/translations.ts).
 */
export function printJobs(content: SiteContent, site: string, translations?: TranslationCheck): PrintJob[] {
  const jobs: PrintJob[] = [];
  for (const sheet of content.sheets) {
    const job = (lang: string, texts: { title: string; summary: string; area: string }, notice?: string): PrintJob => ({
      slug: sheet.id,
      lang,
      pagePath: sheetPath(sheet.id, lang),
      pdfPath: siteFile(pdfPath(sheet.id, lang)),
      title: texts.title,
      subject: texts.summary,
      keywords: ['Open Government Partnership', 'OGP', 'fact sheet', texts.area],
      edition: sheet.data.edition,
      budget: sheet.data.pages,
      pageUrl: pageUrl(site, sheet.id, lang),
      draft: sheet.data.draft,
      ...(notice === undefined ? {} : { notice }),
    });
    jobs.push(job('en', sheet.data));
    for (const { slug, lang, state, texts } of translations?.states ?? []) {
      if (slug !== sheet.id || state === 'none' || state.state === 'missing') continue;
      jobs.push(
        job(
          lang,
          {
            title: typeset(texts?.title ?? sheet.data.title, lang),
            summary: typeset(texts?.summary ?? sheet.data.summary, lang),
            area: typeset(texts?.area ?? sheet.data.area, lang),
          },
          printNotice(lang, state),
        ),
      );
    }
  }
  return jobs;
}

/**
 * `npm run build`: validate, render, print and verify into a staging directory, then
 * replace dist/ with it. On any failure dist/ stays exactly as it was.
 */
export async function runBuild(root: string, options: BuildOptions = {}): Promise<boolean> {
  const started = options.started ?? performance.now();
  const cacheDir = path.join(root, PRINT_CACHE);
  if (options.merge !== undefined) {
    log(messages.shardsMerged(await mergeShards(path.resolve(root, options.merge), cacheDir), options.merge));
  }
  // Nothing changed since the last successful build, and dist/ is as it left it: done.
  const { inputs, current, pageKeys, files, changedSheets } =
    options.shard === undefined ? (options.last ?? (await lastBuild(root))) : NO_LAST_BUILD;
  if (current !== undefined) {
    reportUpToDate(current, started);
    return true;
  }
  let checked = options.checked;
  if (checked === undefined) {
    checked = await validate(root);
    if (!reportCheck(checked, performance.now() - started)) return false;
  }

  const scratch = path.join(root, '.tmp');
  await mkdir(scratch, { recursive: true });
  // A directory of its own, so two builds of one project never share a staging area: the one
  // the pages process started ahead builds into, or a new one.
  const staging = options.pages?.outDir ?? (await mkdtemp(path.join(scratch, 'build-')));
  // The site the last build replaced is removed meanwhile (awaited before this returns).
  const lastSiteRemoved = removeLastSite(root);
  // One browser for images and print, launched when first needed; on a rebuild (a dist/ to
  // replace), launched now, while Astro builds the pages on the other core: an edit's rebuild
  // draws or prints something, and the launch (about 0.5 s of CPU) then waits on nothing.
  const browser = sharedBrowser();
  // Likewise the search process, which then loads its modules meanwhile and waits for the pages.
  let searchAhead: SearchAhead | undefined;
  if (existsSync(path.join(root, 'dist'))) {
    browser.get().catch(() => undefined);
    // After an edit of a few sheets only, it indexes meanwhile the last site's pages that come
    // before theirs: checked against the pages built, made again if any differs.
    if (options.shard === undefined)
      searchAhead = startSearchApart(
        root,
        changedSheets === undefined
          ? undefined
          : {
              base: basePath(),
              cacheDir: path.join(root, SEARCH_CACHE),
              last: { siteDir: path.join(root, 'dist'), changed: changedSheets },
            },
      );
  }
  let searching: Promise<number> | undefined;
  // Stops a search process of this build's own that still runs when the build stops (failed).
  const stopSearch = new AbortController();
  let cardsAhead: Promise<string[]> | undefined;
  // Stops a cold build's cards drawn ahead once the pages are built (or the build stops).
  const stopCardsAhead = new AbortController();
  try {
    const chartIssues: Issue[] = [];
    // The entries the caller made (and sent to the pages process) drew the charts missing from the
    // cache: their time is the charts stage's too.
    const drawn = await stageAfter('charts', options.entries?.ms ?? 0, () =>
      renderCharts(root, checked.content, chartIssues),
    );
    if (chartIssues.length > 0) {
      log(`${formatIssues(sortIssues(chartIssues))}

${messages.buildFailed()}`);
      return false;
    }
    // The images' jobs (the charts' PNGs, the social cards) are made from the content. On a rebuild
    // the cards missing from the image cache are drawn into it now, while Astro builds the pages,
    // when there are few (an edit's: drawCardsAhead); the images stage then finds them there.
    const imageWork = imageJobs(root, checked.content, checked.translations);
    imageWork.catch(() => undefined); // awaited by the images stage
    cardsAhead =
      searchAhead === undefined
        ? // A cold build (no last site): as many as one thread draws while Astro renders the pages on
          // the other core, which it leaves otherwise idle (docs/scaling.md); the images stage draws the rest.
          imageWork
            .then(({ cards }) =>
              drawCardsAhead({
                root,
                cards,
                browser: browser.get,
                most: Infinity,
                ahead: { threads: 1, stop: stopCardsAhead.signal },
              }),
            )
            .catch((): string[] => [])
        : imageWork
            // In the print's page made ahead: one page, and one renderer process, for both.
            .then(({ cards }) =>
              drawCardsAhead({ root, cards, browser: browser.get, page: browser.printPage, most: ALONGSIDE_SEARCH }),
            )
            // A card that could not be drawn now is drawn by the images stage, or fails it there.
            .catch((): string[] => [])
            // Then the print's context and a page, for the edited sheets' PDFs (SharedBrowser.preparePrint).
            .finally(() => browser.preparePrint());
    const { site, rendered } = await stage('pages', async () =>
      buildPages(
        root,
        staging,
        options.entries?.value ?? (await loaderEntries(root, checked)),
        pageKeys,
        options.pages,
      ),
    );
    // The index is made from the pages as Astro built them (without the PDFs' sizes), in a
    // process of its own. After an edit (Astro rendered the pages of a few sheets: few images to
    // draw and PDFs to print) it starts now, while the images and print stages look their outputs
    // up and draw and print, on the other core.
    const search = (): Promise<number> =>
      stage('search', () =>
        searchAhead === undefined
          ? buildSearchIndexApart(staging, undefined, path.join(root, SEARCH_CACHE), undefined, {
              signal: stopSearch.signal,
            })
          : searchAhead.run(
              staging,
              undefined,
              path.join(root, SEARCH_CACHE),
              path.join(root, 'dist', SEARCH_BUNDLE_DIR),
            ),
      );
    if (searchAhead !== undefined && sheetsOf(rendered) <= ALONGSIDE_SEARCH) searching = search();
    // Handled now: a failure is reported where it is awaited below, not as an unhandled rejection meanwhile.
    searching?.catch(() => undefined);
    stopCardsAhead.abort();
    const drawnAhead = await cardsAhead;
    const images = await timed(async () =>
      planImages({
        root,
        siteDir: staging,
        ...(await imageWork),
        browser: browser.get,
      }),
    );
    const jobs = printJobs(checked.content, site, checked.translations);
    if (options.shard !== undefined) {
      await stageAfter('images', images.ms, images.value.draw);
      return await printShard(root, staging, jobs, options.shard, browser.launch);
    }
    // The images missing from the cache are drawn (in the shared browser) while print looks its
    // PDFs up in its cache (the pages load none of the images); print starts once they are drawn,
    // its pool then closing that browser.
    const drawStarted = performance.now();
    const drawing = images.value.draw();
    drawing.catch(() => undefined);
    const print = await timed(() => planPrint({ siteDir: staging, jobs, cacheDir, launch: browser.launch })).catch(
      async (error: unknown) => {
        await drawing.catch(() => undefined);
        throw error;
      },
    );
    // Otherwise: with little to draw and print, meanwhile, on the other core. With much (a cold
    // build), beside the drawing, and the print waits for it: the print then has both cores to
    // itself (beside it, the index slowed it by 10-20%: docs/scaling.md). A process started ahead
    // with the last site (a rebuild that redraws and reprints much) indexes after them.
    const little = images.value.missing + print.value.pending <= ALONGSIDE_SEARCH;
    const beforePrint = searching === undefined && !little && searchAhead === undefined;
    if (searching === undefined && (little || searchAhead === undefined)) {
      searching = search();
      searching.catch(() => undefined);
    }
    // A search under way when either stage fails is waited for below (finally): it writes into the staging directory.
    const imagesDrawn = await drawing;
    const imaged = drawnAhead.length === 0 ? imagesDrawn : [...new Set([...drawnAhead, ...imagesDrawn])].sort();
    log(messages.stageDone('images', Math.round(images.ms + performance.now() - drawStarted)));
    if (beforePrint) await searching;
    const results = await stageAfter('print', print.ms, print.value.print);
    // The print pool has closed it; closed here too when print launched none (every PDF cached).
    // Closed, and the PDFs' sizes written into the pages, while the search stage may still run:
    // its index leaves the sizes out, and each page is written aside and renamed into place.
    await browser.close();
    writePdfSizes(staging, jobs, results, { lastSite: path.join(root, 'dist') });
    await (searching ?? search());
    for (const result of results) {
      if (result.cached !== true) log(messages.pdfPrinted(result.pdfPath, result.pages, result.bytes, result.ms));
      log(messages.layout.variantChosen(sheetName(result), result.variant, result.attempts));
      if (options.layoutReport === true) log(formatLayoutReport(result.pdfPath, result.layout, result.variant));
    }
    log(messages.printedOfTotal(results.filter((result) => result.cached !== true).length, results.length));
    const timings = results.flatMap((result) => (result.timing === undefined ? [] : [result.timing]));
    if (timings.length > 0) log(messages.printTimes(medianTiming(timings)));
    const budgets = new Map(jobs.map((job) => [job.pdfPath, job.budget]));
    const rejected = results.filter(
      (r) => r.pages > (budgets.get(r.pdfPath) ?? Infinity) || r.layout.broken.length > 0,
    );
    const kept = await keepRejected(root, staging, rejected);
    const verified: string[] = [];
    // The digests of the files verify read, and of the search bundle's fragments, and of the images
    // and PDFs from their caches: the record reads only the others.
    const digests = new Map<string, string>();
    const problems = [
      ...checkPageBudgets(results, jobs, (pdf) => kept.get(pdf) ?? pdf).map((issue) =>
        budgetIssue(checked.content, issue),
      ),
      ...(
        await Promise.all(
          results.map((result) => layoutIssues(root, checked.content, result, kept.get(result.pdfPath))),
        )
      ).flat(),
      ...(await stage('verify', () =>
        verifySite(staging, site, undefined, {
          pdfLinks: pdfLinksOf(results),
          cacheDir: path.join(root, VERIFY_CACHE),
          checked: verified,
          digests,
        }),
      )),
    ];
    if (problems.length > 0) {
      log(`${formatIssues(problems)}\n\n${messages.buildFailed()}`);
      return false;
    }
    for (const [file, digest] of bundleDigests(staging, path.join(root, SEARCH_CACHE))) digests.set(file, digest);
    for (const [file, digest] of placedDigests(staging)) digests.set(file, digest);
    await replaceDist(root, staging, lastSiteRemoved);
    const report = checked.issues.length > 0 ? formatIssues(checked.issues) : '';
    await recordBuild(
      root,
      inputs,
      report,
      {
        printed: results.filter((result) => result.cached !== true).map((result) => result.pdfPath),
        drawn,
        verified,
        images: imaged,
        pages: rendered,
      },
      files,
      digests,
    ).catch(() => undefined);
    await saveYamlCache(root);
    await saveDataCache(root);
    await saveFontCache(root);
    log(messages.buildDone('dist', Math.round(performance.now() - started)));
    return true;
  } catch (error) {
    if (error instanceof UserError) log(`${error.problem}\n  Fix: ${error.fix}\n\n${messages.buildFailed()}`);
    else {
      // Content problems were all reported by validate(): what is left is ours to fix.
      const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      log(`${messages.buildCrashed(detail)}\n\n${messages.buildFailed()}`);
      if (process.env['OGP_DEBUG'] === '1') console.error(error);
    }
    return false;
  } finally {
    // A pages process started ahead and never sent its entries (the build stopped before its pages) is killed.
    await options.pages?.stop();
    // Never left running when the build stops: it writes into the staging directory removed below.
    // One beside a drawing that failed is stopped, not waited for.
    stopSearch.abort();
    await searching?.catch(() => undefined);
    await searchAhead?.stop();
    // Cards still being drawn ahead (the build stopped during its pages) finish first: those under way.
    stopCardsAhead.abort();
    await cardsAhead;
    await browser.close();
    await rm(staging, { recursive: true, force: true });
    await lastSiteRemoved;
    await rmdir(scratch).catch(() => undefined);
  }
}

/** The links print read from each PDF, by its path in the site. */
function pdfLinksOf(results: readonly PrintResult[]): Map<string, PdfLinks> {
  const links = new Map<string, PdfLinks>();
  for (const result of results) if (result.links !== undefined) links.set(result.pdfPath, result.links);
  return links;
}

/** Where a PDF that failed the budget or the layout rules is kept for the editor to open (dist/ is not touched). */
export const REJECTED_DIR = '.tmp/rejected';

/** Copies the rejected PDFs out of the staging directory; returns each one's kept path, relative to root. */
async function keepRejected(
  root: string,
  staging: string,
  rejected: readonly PrintResult[],
): Promise<Map<string, string>> {
  const kept = new Map<string, string>();
  if (rejected.length === 0) return kept;
  await rm(path.join(root, REJECTED_DIR), { recursive: true, force: true });
  await mkdir(path.join(root, REJECTED_DIR), { recursive: true });
  for (const result of rejected) {
    const target = `${REJECTED_DIR}/${path.basename(result.pdfPath)}`;
    await copyFile(path.join(staging, result.pdfPath), path.join(root, target));
    kept.set(result.pdfPath, target);
  }
  return kept;
}

/** The frontmatter field each section of the sheet page comes from. */
const sectionFields: Record<string, string> = {
  title: 'title',
  'key-takeaways': 'keyTakeaways',
  'status-quo': 'statusQuo',
  'commitment-progress': 'commitmentProgress',
  'what-members-are-doing': 'membersDoing',
  'where-to-next': 'recommendations',
  'notable-commitments': 'notableCommitments',
  'irm-quick-stats': 'irmQuickStats',
  sources: 'sources',
};

/** A printed sheet as the build log names it: its slug, with the language when not English. */
const sheetName = (result: PrintResult): string =>
  result.lang === 'en' ? result.slug : `${result.slug} (${result.lang})`;

/**
 * The layout rules a sheet's PDF breaks, each pointed at the field of the section it concerns:
 * in the sheet's file, or for a Spanish or French PDF in its translation (whose texts made that
 * layout), at the same field when the translation has it.
 */
async function layoutIssues(
  root: string,
  content: SiteContent,
  result: PrintResult,
  keptAt: string | undefined,
): Promise<Issue[]> {
  const broken = result.layout.broken;
  if (broken.length === 0) return [];
  const english = content.sheets.find((entry) => entry.id === result.slug);
  let sheet = english === undefined ? undefined : { file: english.file, locate: english.source.locate };
  if (result.lang !== 'en') {
    const file = `${contentLayout.policyAreas.dir}/${result.lang}/${result.slug}.mdx`;
    const read = await readMdxFile(path.join(root, file), file, contentLayout.policyAreas.expected);
    if (read.ok) sheet = { file, locate: read.source.locate };
  }
  return broken.map((rule, index): Issue => {
    const field = sectionFields[rule.section];
    const at = sheet === undefined || field === undefined ? {} : { ...sheet.locate([field], 'key'), field };
    const kept = index === broken.length - 1 && keptAt !== undefined ? ` ${messages.layout.keptPdf(keptAt)}` : '';
    return {
      file: sheet?.file ?? sheetName(result),
      ...at,
      problem: `${rule.problem}${kept}`,
      fix: rule.fix,
      severity: 'error',
    };
  });
}

/** The median of each part of the printed PDFs' times. */
function medianTiming(timings: readonly PrintTiming[]): PrintTiming {
  const median = (part: keyof PrintTiming): number => {
    const sorted = timings.map((timing) => timing[part]).sort((a, b) => a - b);
    return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
  };
  return { load: median('load'), ready: median('ready'), pdf: median('pdf'), post: median('post') };
}

/** What `npm run build` was asked to do besides a whole build. */
export interface BuildOptions {
  /** Print each sheet's layout report (--layout-report). */
  layoutReport?: boolean;
  /** The inputs' fingerprint and the last build's state, when the caller already read them. */
  last?: LastBuild | undefined;
  /** Print only this share of the PDFs, for the merge step (src/print/shard.ts); dist/ is left alone. */
  shard?: Shard | undefined;
  /** A folder of shard outputs to merge into the print cache before building. */
  merge?: string | undefined;
  /** The content, validated and reported without errors by the caller (scripts/build.ts does, before loading the stages). */
  checked?: ContentCheck | undefined;
  /**
   * The pages process, started by the caller before it validated the content (scripts/build.ts),
   * with the page keys of `last`: the build stages in its directory and sends it the entries
   * (unless the caller has sent them already).
   */
  pages?: PagesAhead | undefined;
  /** The content loader's entries of `checked`, made by the caller in `ms` (the charts missing from the cache drawn meanwhile). */
  entries?: { value: LoaderEntries; ms: number } | undefined;
  /** When the command began (performance.now()), if before this call: the time the build reports counts from it. */
  started?: number | undefined;
}

const NO_LAST_BUILD: LastBuild = { inputs: undefined, current: undefined };

/** A shard's build: its share of the PDFs, printed into the print cache and copied to shards/<i>-of-<n>/. */
async function printShard(
  root: string,
  staging: string,
  jobs: PrintJob[],
  shard: Shard,
  launch: () => Promise<Browser>,
): Promise<boolean> {
  const folder = path.join(SHARDS, shardFolder(shard));
  const share = shareOf(jobs, shard);
  const results = await stage('print', () =>
    printSheets({
      siteDir: staging,
      jobs: share,
      cacheDir: path.join(root, PRINT_CACHE),
      exportTo: path.join(root, folder),
      launch,
    }),
  );
  for (const result of results) {
    if (result.cached !== true) log(messages.pdfPrinted(result.pdfPath, result.pages, result.bytes, result.ms));
  }
  log(messages.shardDone(`${shard.index}/${shard.count}`, results.length, jobs.length, folder));
  return true;
}

/** An over-budget PDF, pointed at the `pages:` field of its sheet where the budget is set. */
function budgetIssue(content: SiteContent, issue: PageBudgetIssue): Issue {
  const sheet = content.sheets.find((entry) => entry.id === issue.slug);
  if (sheet === undefined) return { file: issue.sheet, problem: issue.problem, fix: issue.fix, severity: 'error' };
  return {
    file: sheet.file,
    ...sheet.source.locate(['pages'], 'key'),
    field: 'pages',
    problem: issue.problem,
    fix: issue.fix,
    severity: 'error',
  };
}

async function stage<T>(name: string, run: () => Promise<T>): Promise<T> {
  return stageAfter(name, 0, run);
}

/** A stage whose first step (its cache look-ups) took `earlierMs`, and that ends with `run`. */
async function stageAfter<T>(name: string, earlierMs: number, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  log(messages.stageDone(name, Math.round(earlierMs + performance.now() - started)));
  return result;
}

/** What `run` resolves with, and how long it took, ms. */
async function timed<T>(run: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await run();
  return { value, ms: performance.now() - started };
}

/**
 * At most this many images to draw and PDFs to print, and the search stage runs alongside
 * them at the build's own priority: an edit's rebuild draws a card or two and prints a PDF per
 * language, which keep one core busy in turns, while Pagefind indexes every page again on the
 * other. With more (a cold build), the index runs beside the drawing, and the print waits for it
 * (docs/scaling.md).
 */
const ALONGSIDE_SEARCH = 8;

/** The sheets whose pages Astro rendered (`rendered`: their paths in the site), by the folder of each. */
function sheetsOf(rendered: readonly string[]): number {
  return new Set(rendered.map((file) => /(?:^|\/)(?:policy-areas|embed)\/([^/]+)\//.exec(file)?.[1] ?? file)).size;
}

/** The public address of the site: astro.config.mjs `site` (SITE_URL overrides it there). */
export async function siteUrl(root: string): Promise<string> {
  const config = (await import(pathToFileURL(path.join(root, 'astro.config.mjs')).href)) as {
    default: { site?: string };
  };
  return publicSite(config.default.site === undefined ? undefined : new URL(config.default.site)).href;
}

export { ASTRO_CACHE } from './site/build-pages.ts';

/**
 * Runs Astro into the staging directory, in a process of its own (src/site/build-pages.ts), with
 * the validated run's content entries and the page keys; returns the site's public URL and the
 * keyed pages it rendered (src/site/page-keys.ts; the others it copied from the last build), by
 * their path in the site.
 */
async function buildPages(
  root: string,
  outDir: string,
  entries: LoaderEntries,
  keys: ReadonlyMap<string, string> | undefined,
  ahead: PagesAhead | undefined,
): Promise<{ site: string } & PagesBuilt> {
  const [site, built] = await Promise.all([
    // The site's address (astro.config.mjs) is read while Astro builds.
    siteUrl(root),
    ahead === undefined ? buildPagesApart({ root, outDir, entries, keys }) : ahead.build(entries, keys),
  ]);
  return { site, ...built };
}
