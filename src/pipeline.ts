/**
 * The build, stage by stage, data flowing one way:
 *   content (load, validate) -> charts (spec + data -> SVG) -> pages (Astro) -> print (PDF)
 *   -> verify -> dist/ (replaced whole, or not at all).
 */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rename, rm, rmdir } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkCharts, renderChart, type SheetForCharts } from './charts/index.ts';
import {
  checkContent,
  translationSummary,
  type ContentCheck,
  type Entry,
  type SiteContent,
  type TranslationCheck,
} from './content/index.ts';
import { formatIssues, sortIssues, UserError, type Issue } from './diagnostics/index.ts';
import { strings, typeset } from './i18n/index.ts';
import { messages } from './messages.ts';
import type { PolicyArea } from './schemas/policy-area.ts';
import { verifySite } from './verify/index.ts';
import {
  checkPageBudgets,
  formatLayoutReport,
  printSheets,
  writePdfSizes,
  type PageBudgetIssue,
  type PrintJob,
  type PrintResult,
} from './print/index.ts';
import type { PdfLinks } from './print/pdf-links.ts';
import { buildSearchIndex, imageJobs, renderImages } from './publish/index.ts';
import { pdfPath, publicSite, sheetPath, siteFile } from './site/paths.ts';

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Stages 1-2 without building: every content and data problem, printed at once. */
export async function validate(root: string): Promise<ContentCheck> {
  const checked = await checkContent(root);
  const chartIssues = await checkCharts({ root, sheets: checked.content.sheets.map(sheetForCharts) });
  return { ...checked, issues: sortIssues([...checked.issues, ...chartIssues]) };
}

const sheetForCharts = (sheet: Entry<PolicyArea>): SheetForCharts => ({
  slug: sheet.id,
  file: sheet.file,
  data: sheet.data,
  locate: (fieldPath) => sheet.source.locate(fieldPath),
});

/** Stage 2: draws every chart once, so the pages stage only reads the cache. */
async function renderCharts(root: string, content: SiteContent): Promise<number> {
  const jobs = content.sheets.flatMap((sheet) => sheet.data.charts.map((chart) => renderChart(root, sheet.id, chart)));
  await Promise.all(jobs);
  return jobs.length;
}

/** `npm run check`: prints every problem; true when there is no error. */
export async function runCheck(root: string): Promise<boolean> {
  const started = performance.now();
  const result = await validate(root);
  return report(result, performance.now() - started);
}

function report(result: ContentCheck, ms: number): boolean {
  const errors = result.issues.filter((issue) => issue.severity === 'error').length;
  const warnings = result.issues.length - errors;
  if (result.issues.length > 0) log(`${formatIssues(result.issues)}\n`);
  const translations = translationSummary(result.translations);
  if (translations !== undefined) log(`${translations}\n`);
  if (errors > 0) {
    log(messages.checkFailed(errors, warnings));
    return false;
  }
  log(
    warnings > 0
      ? messages.checkWarningsOnly(result.files, warnings, Math.round(ms))
      : messages.checkPassed(result.files, Math.round(ms)),
  );
  return true;
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
      const t = strings(lang).sheet;
      const notices = [
        ...(state.state === 'stale' ? [t.printStale] : []),
        ...(state.reviewed ? [] : [t.printUnreviewed]),
      ];
      jobs.push(
        job(
          lang,
          {
            title: typeset(texts?.title ?? sheet.data.title, lang),
            summary: typeset(texts?.summary ?? sheet.data.summary, lang),
            area: typeset(texts?.area ?? sheet.data.area, lang),
          },
          notices.length > 0 ? notices.join('  ·  ') : undefined,
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
export async function runBuild(root: string, options: { layoutReport?: boolean } = {}): Promise<boolean> {
  const started = performance.now();
  const checked = await validate(root);
  if (!report(checked, performance.now() - started)) return false;

  const scratch = path.join(root, '.tmp');
  await mkdir(scratch, { recursive: true });
  // A directory of its own, so two builds of one project never share a staging area.
  const staging = await mkdtemp(path.join(scratch, 'build-'));
  try {
    await stage('charts', () => renderCharts(root, checked.content));
    const site = await stage('pages', () => buildPages(root, staging));
    await stage('images', async () =>
      renderImages({ root, siteDir: staging, ...(await imageJobs(root, checked.content)) }),
    );
    const jobs = printJobs(checked.content, site, checked.translations);
    const results = await stage('print', () => printSheets({ siteDir: staging, jobs }));
    writePdfSizes(staging, jobs, results);
    // After the PDF sizes are written: the index holds the pages as readers get them.
    await stage('search', () => buildSearchIndex(staging));
    for (const result of results) {
      log(messages.pdfPrinted(result.pdfPath, result.pages, result.bytes, result.ms));
      log(messages.layout.variantChosen(result.slug, result.variant, result.attempts));
      if (options.layoutReport === true) log(formatLayoutReport(result.pdfPath, result.layout, result.variant));
    }
    const rejected = results.filter(
      (r) => r.pages > (jobs.find((j) => j.slug === r.slug)?.budget ?? Infinity) || r.layout.broken.length > 0,
    );
    const kept = await keepRejected(root, staging, rejected);
    const problems = [
      ...checkPageBudgets(results, jobs, (pdf) => kept.get(pdf) ?? pdf).map((issue) =>
        budgetIssue(checked.content, issue),
      ),
      ...results.flatMap((result) => layoutIssues(checked.content, result, kept.get(result.pdfPath))),
      ...(await stage('verify', () => verifySite(staging, site, undefined, { pdfLinks: pdfLinksOf(results) }))),
    ];
    if (problems.length > 0) {
      log(`${formatIssues(problems)}\n\n${messages.buildFailed()}`);
      return false;
    }
    await replaceDist(root, staging);
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
    await rm(staging, { recursive: true, force: true });
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

/** The layout rules a sheet's PDF breaks, each pointed at the field of the section it concerns. */
function layoutIssues(content: SiteContent, result: PrintResult, keptAt: string | undefined): Issue[] {
  const sheet = content.sheets.find((entry) => entry.id === result.slug);
  const broken = result.layout.broken;
  return broken.map((rule, index): Issue => {
    const field = sectionFields[rule.section];
    const at = sheet === undefined || field === undefined ? {} : { ...sheet.source.locate([field], 'key'), field };
    const kept = index === broken.length - 1 && keptAt !== undefined ? ` ${messages.layout.keptPdf(keptAt)}` : '';
    return {
      file: sheet?.file ?? result.slug,
      ...at,
      problem: `${rule.problem}${kept}`,
      fix: rule.fix,
      severity: 'error',
    };
  });
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
  const started = performance.now();
  const result = await run();
  log(messages.stageDone(name, Math.round(performance.now() - started)));
  return result;
}

/** The public address of the site: astro.config.mjs `site` (SITE_URL overrides it there). */
export async function siteUrl(root: string): Promise<string> {
  const config = (await import(pathToFileURL(path.join(root, 'astro.config.mjs')).href)) as {
    default: { site?: string };
  };
  return publicSite(config.default.site === undefined ? undefined : new URL(config.default.site)).href;
}

/** Runs Astro into the staging directory; returns the site's public URL. */
async function buildPages(root: string, outDir: string): Promise<string> {
  const { build } = await import('astro');
  await build({ root, outDir, logLevel: 'warn' });
  return siteUrl(root);
}

/** Swaps the staged site in: dist/ is replaced by a rename, never half-written. */
async function replaceDist(root: string, staging: string): Promise<void> {
  const dist = path.join(root, 'dist');
  const old = path.join(root, '.tmp', 'dist-old');
  // A run that died between the two renames below left the last good site here: restore it.
  if (existsSync(old) && !existsSync(dist)) await rename(old, dist);
  await rm(old, { recursive: true, force: true });
  if (existsSync(dist)) await rename(dist, old);
  await rename(staging, dist);
  await rm(old, { recursive: true, force: true });
}
