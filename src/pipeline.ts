/**
 * The build, stage by stage, data flowing one way:
 *   content (load, validate) -> charts (spec + data -> SVG) -> pages (Astro) -> print (PDF)
 *   -> verify -> dist/ (replaced whole, or not at all).
 */
import { existsSync } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { checkCharts, renderChart, type SheetForCharts } from './charts/index.ts';
import { checkContent, type ContentCheck, type Entry, type SiteContent } from './content/index.ts';
import { sortIssues } from './content/issue.ts';
import { formatIssues } from './content/report.ts';
import { messages } from './messages.ts';
import type { PolicyArea } from './schemas/policy-area.ts';
import { formatSiteProblem, verifySite } from './verify/index.ts';
import { checkPageBudgets, pdfFileName, PrintError, printSheets, writePdfSizes, type PrintJob } from './print/index.ts';

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
  if (errors > 0) {
    log(messages.checkFailed(errors, warnings));
    return false;
  }
  if (warnings > 0) log(messages.checkWarnings(warnings));
  log(messages.checkPassed(result.files, Math.round(ms)));
  return true;
}

/** Where the build is staged before it replaces dist/ (same file system, so the swap is a rename). */
const stagingDir = (root: string): string => path.join(root, '.tmp', 'build');

/** The public URL of a sheet page. */
export function sheetUrl(site: string, slug: string): string {
  return new URL(`/policy-areas/${slug}/`, site).href;
}

/** What to print: one job per sheet (and, later, per language). */
export function printJobs(content: SiteContent, site: string): PrintJob[] {
  return content.sheets.map((sheet) => ({
    slug: sheet.id,
    lang: 'en',
    pagePath: `/policy-areas/${sheet.id}/`,
    pdfPath: `policy-areas/${sheet.id}/${pdfFileName(sheet.data.area)}`,
    title: sheet.data.title,
    subject: sheet.data.summary,
    keywords: ['Open Government Partnership', 'OGP', 'fact sheet', sheet.data.area],
    edition: sheet.data.edition,
    budget: sheet.data.pages,
    pageUrl: sheetUrl(site, sheet.id),
    draft: sheet.data.draft,
  }));
}

/**
 * `npm run build`: validate, render, print and verify into a staging directory, then
 * replace dist/ with it. On any failure dist/ stays exactly as it was.
 */
export async function runBuild(root: string): Promise<boolean> {
  const started = performance.now();
  const checked = await validate(root);
  if (!report(checked, performance.now() - started)) return false;

  const staging = stagingDir(root);
  await rm(staging, { recursive: true, force: true });
  try {
    await stage('charts', () => renderCharts(root, checked.content));
    const site = await stage('pages', () => buildPages(root, staging));
    const jobs = printJobs(checked.content, site);
    const results = await stage('print', () => printSheets({ siteDir: staging, jobs }));
    writePdfSizes(staging, jobs, results);
    for (const result of results)
      log(
        `  ${result.pdfPath}: ${result.pages} page${result.pages === 1 ? '' : 's'}, ${result.bytes} bytes, ${result.ms} ms`,
      );
    const overBudget = checkPageBudgets(results, jobs);
    if (overBudget.length > 0) {
      for (const issue of overBudget) log(`${issue.problem}\n  Fix: ${issue.fix}\n`);
      throw new BuildStopped(messages.buildFailed());
    }
    const siteProblems = await stage('verify', () => verifySite(staging, site));
    if (siteProblems.length > 0) {
      log(`${siteProblems.map(formatSiteProblem).join('\n\n')}\n\n${messages.quality.siteFailed(siteProblems.length)}`);
      throw new BuildStopped(messages.buildFailed());
    }
    await replaceDist(root, staging);
    log(
      messages.buildDone(
        path.relative(root, path.join(root, 'dist')) || 'dist',
        Math.round(performance.now() - started),
      ),
    );
    return true;
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    if (error instanceof BuildStopped) log(error.message);
    else if (error instanceof PrintError) log(`${error.problem}\n  Fix: ${error.fix}\n\n${messages.buildFailed()}`);
    else throw error;
    return false;
  }
}

/** A failure already explained to the user: no stack trace. */
class BuildStopped extends Error {}

async function stage<T>(name: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  log(`${name}: done in ${Math.round(performance.now() - started)} ms`);
  return result;
}

/** Runs Astro into the staging directory; returns the site's public URL. */
async function buildPages(root: string, outDir: string): Promise<string> {
  const { build } = await import('astro');
  const previous = process.env['ASTRO_TELEMETRY_DISABLED'];
  process.env['ASTRO_TELEMETRY_DISABLED'] = '1';
  try {
    await build({ root, outDir, logLevel: 'warn', telemetry: false } as Parameters<typeof build>[0]);
  } finally {
    if (previous === undefined) delete process.env['ASTRO_TELEMETRY_DISABLED'];
  }
  const config = (await import(pathToFileURL(path.join(root, 'astro.config.mjs')).href)) as {
    default: { site?: string };
  };
  return config.default.site ?? 'https://factsheets.opengovpartnership.org';
}

/** Swaps the staged site in: dist/ is replaced by a rename, never half-written. */
async function replaceDist(root: string, staging: string): Promise<void> {
  const dist = path.join(root, 'dist');
  const old = path.join(root, '.tmp', 'dist-old');
  await rm(old, { recursive: true, force: true });
  if (existsSync(dist)) await rename(dist, old);
  await rename(staging, dist);
  await rm(old, { recursive: true, force: true });
}
