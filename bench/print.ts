/**
 * Print benchmark: on the same already-loaded pages, the time our print step takes per
 * sheet (page.pdf with our options + post-processing + writing the file) against
 * Chromium's bare `page.pdf()`, measured in one run, alternating to share any drift. The
 * pages are loaded as the build loads them (print media), so the bare and our prints lay
 * out the same document.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { firstLook } from '../src/print/fit.ts';
import {
  CONTEXT_OPTIONS,
  launchBrowser,
  openSheetPage,
  PDF_OPTIONS,
  printFitted,
  renderPdf,
  serveStatic,
  swapSheetPage,
  type PrintJob,
} from '../src/print/index.ts';
import { processStats } from './proc.ts';

export interface PrintBench {
  sheets: number;
  rounds: number;
  /** Median ms per sheet: our print step on a loaded page. */
  printMs: number;
  /** Median ms per sheet: bare page.pdf() on the same loaded page. */
  barePdfMs: number;
  /** Median ms per sheet: page.pdf() with our options, without post-processing. */
  optionsPdfMs: number;
  ratio: number;
  ratioSameOptions: number;
  /**
   * Median ms per sheet: the whole fitted print (every variant tried, each measured), as the
   * build makes it: the fit's first look (outline, foresight) runs in the round trip that readies
   * the sheet (src/print/index.ts printOne), so what it adds to that readying is counted (against
   * readying the same sheet without it, alternating), then printFitted.
   */
  fittedMs: number;
  /**
   * The same, by CPU time, with the first look in a round trip of its own, as on a page the build
   * navigated to (the first sheet of each pool page, and every RECYCLE_AFTER-th): whole corpus,
   * against bare page.pdf() and against page.pdf() with our options.
   */
  ownLookCpuRatio: number | undefined;
  ownLookSameCpuRatio: number | undefined;
  /** Mean over the sheets of fitted / bare page.pdf() (each sheet's medians). */
  fittedRatio: number;
  /**
   * The same against page.pdf() with our options (PDF_OPTIONS: A4, backgrounds, tagged, with an
   * outline, as the standards require), by wall and by CPU time: what the fit adds to a print.
   */
  fittedSameRatio: number;
  fittedSameCpuRatio: number | undefined;
  /** Sheets whose fitting printed more than one variant. */
  secondVariant: number;
  /** Prints the fitting made, all sheets together (one per sheet when each prints once). */
  prints: number;
  /** Each sheet: bare page.pdf() and fitted print (medians, ms), their ratio, the prints and the variant chosen. */
  perSheet: {
    slug: string;
    bareMs: number;
    fittedMs: number;
    ratio: number;
    cpuRatio: number | undefined;
    /** Fitted against page.pdf() with our options, by CPU time. */
    sameCpuRatio: number | undefined;
    prints: number;
    variant: string;
  }[];
  /**
   * CPU time (this process and Chromium's) of the whole fitted print against bare page.pdf(),
   * summed over the fitting rounds: per sheet (mean of the sheets' ratios) and over the corpus.
   * Robust to a loaded machine, where the wall-clock ratios swing. Undefined without /proc.
   */
  fittedCpuRatio: number | undefined;
  corpusCpuRatio: number | undefined;
  corpusSameCpuRatio: number | undefined;
  /** Wall time per sheet of the whole set printed by a pool (one worker per core): bare page.pdf(), and fitted. */
  poolBareMs: number;
  poolFittedMs: number;
  poolRatio: number;
}

/**
 * CPU time (ms) used so far by this process and every process it started (Chromium's browser,
 * renderer and GPU processes), from /proc: what a step costs, whatever else the machine runs.
 * Undefined where there is no /proc.
 */
function cpuMs(): { children: number; before: number; after: number } | undefined {
  if (!existsSync('/proc/self/stat')) return undefined;
  const ownMs = (): number => {
    const own = process.cpuUsage();
    return (own.user + own.system) / 1000;
  };
  const before = ownMs();
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const [pid, fields] of processStats()) {
    parent.set(pid, Number(fields[1]));
    ticks.set(pid, Number(fields[11]) + Number(fields[12]));
  }
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const [pid, ppid] of parent) {
      if (!mine.has(pid) && mine.has(ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  // Clock ticks are 10 ms on Linux; this process's own time from Node, finer.
  let children = 0;
  for (const pid of mine) if (pid !== process.pid) children += (ticks.get(pid) ?? 0) * 10;
  return { children, before, after: ownMs() };
}

/** The CPU time (ms) between two readings of cpuMs, leaving out the time spent reading. */
const cpuBetween = (a: ReturnType<typeof cpuMs>, b: ReturnType<typeof cpuMs>): number | undefined =>
  a === undefined || b === undefined ? undefined : b.children - a.children + (b.before - a.after);

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
};

/** The sheet's page budget, from its content file beside the built site or in the project (`pages:`, default 2). */
function budgetOf(siteDir: string, slug: string): number {
  const candidates = [path.join(siteDir, '..'), '.'].map((root) =>
    path.join(root, 'content/policy-areas', `${slug}.mdx`),
  );
  const file = candidates.find((candidate) => existsSync(candidate)) ?? '';
  const found = existsSync(file) ? /^pages:\s*(\d+)/m.exec(readFileSync(file, 'utf8')) : null;
  return found === null ? 2 : Number(found[1]);
}

/** Jobs for every sheet page in a built site (dist/ by default). */
export function jobsFromSite(siteDir: string): PrintJob[] {
  const dir = path.join(siteDir, 'policy-areas');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => {
      const html = readFileSync(path.join(dir, d.name, 'index.html'), 'utf8');
      const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? d.name;
      return {
        slug: d.name,
        lang: 'en',
        pagePath: `/policy-areas/${d.name}/`,
        pdfPath: `policy-areas/${d.name}/bench.pdf`,
        title,
        subject: title,
        keywords: [d.name],
        edition: '2021-03-15',
        budget: budgetOf(siteDir, d.name),
        pageUrl: `https://factsheets.opengovpartnership.org/policy-areas/${d.name}/`,
        draft: false,
      };
    });
}

export async function benchPrint(options: { siteDir?: string; rounds?: number } = {}): Promise<PrintBench> {
  const siteDir = options.siteDir ?? 'dist';
  const rounds = options.rounds ?? 15;
  const jobs = jobsFromSite(siteDir);
  const out = mkdtempSync(path.join(tmpdir(), 'bench-print-'));
  const server = await serveStatic(siteDir);
  const browser = await launchBrowser();
  try {
    // As the build's printer does (src/print/index.ts): its context options, the viewport included.
    const context = await browser.newContext(CONTEXT_OPTIONS);
    const pages = await Promise.all(jobs.map(() => context.newPage()));
    // As the build's printer does (src/print/index.ts printOne): laid out for print from the start.
    await Promise.all(pages.map((page) => page.emulateMedia({ media: 'print' })));
    await Promise.all(pages.map((page, i) => openSheetPage(page, server.origin, jobs[i] as PrintJob)));
    const ours: number[] = [];
    const bare: number[] = [];
    const same: number[] = [];
    for (let round = 0; round < rounds + 2; round++) {
      for (let i = 0; i < jobs.length; i++) {
        const page = pages[i];
        const job = jobs[i] as PrintJob;
        if (page === undefined) continue;
        let t = performance.now();
        await page.pdf();
        const b = performance.now() - t;
        t = performance.now();
        await page.pdf(PDF_OPTIONS);
        const s = performance.now() - t;
        t = performance.now();
        writeFileSync(path.join(out, `${job.slug}.pdf`), await renderPdf(page, job));
        const o = performance.now() - t;
        if (round >= 2) {
          bare.push(b);
          same.push(s);
          ours.push(o);
        }
      }
    }
    // Fitting: per sheet, the whole fitted print against bare page.pdf(), alternating. Each
    // starts from the sheet freshly put in its page and laid out (swapSheetPage, not measured),
    // as every print of a build does: a print of a page printed before, unchanged, is cheaper.
    // Bare page.pdf() and page.pdf() with our options print the sheet page as built (its whole
    // body); the fitted print is the build's, of the sheet without what never prints (the body
    // swapSheetPage puts in by default).
    const fitRounds = Math.max(3, Math.round(rounds / 3));
    const fitted: number[] = [];
    const ratios: number[] = [];
    const sameRatios: number[] = [];
    const perSheet: PrintBench['perSheet'] = [];
    let secondVariant = 0;
    let prints = 0;
    let [cpuBare, cpuSame, cpuFitted, cpuOwnLook] = [0, 0, 0, 0];
    for (let i = 0; i < jobs.length; i++) {
      const page = pages[i];
      const job = jobs[i] as PrintJob;
      if (page === undefined) continue;
      const mine: number[] = [];
      const theirs: number[] = [];
      const withOptions: number[] = [];
      const cpu = { bare: 0, same: 0, fitted: 0, ownLook: 0 };
      let chosen = { prints: 0, variant: '' };
      const html = readFileSync(path.join(siteDir, job.pagePath, 'index.html'), 'utf8');
      const fresh = async (whole = false): Promise<void> => {
        await swapSheetPage(page, server.origin, job, html, undefined, { whole });
        await page.evaluate(() => document.body.offsetHeight);
      };
      for (let round = 0; round < fitRounds + 1; round++) {
        await fresh(true);
        const c0 = cpuMs();
        let t = performance.now();
        await page.pdf();
        const b = performance.now() - t;
        const c1 = cpuMs();
        await fresh(true);
        const s0 = cpuMs();
        t = performance.now();
        await page.pdf(PDF_OPTIONS);
        const s = performance.now() - t;
        const s1 = cpuMs();
        // As the build prints a sheet: readied with the fit's first look in the same round trip,
        // then printFitted. The first look's share: that readying less a plain one, each from a
        // freshly readied page.
        await fresh();
        const r0 = cpuMs();
        t = performance.now();
        await swapSheetPage(page, server.origin, job, html);
        const plain = performance.now() - t;
        const r1 = cpuMs();
        await fresh();
        const l0 = cpuMs();
        t = performance.now();
        const looked = await swapSheetPage(page, server.origin, job, html, firstLook(job.budget));
        const look = performance.now() - t;
        const l1 = cpuMs();
        t = performance.now();
        const result = await printFitted(page, job.budget, () => renderPdf(page, job), looked);
        const f = performance.now() - t + (look - plain);
        const c2 = cpuMs();
        // With the first look in a round trip of its own (a page navigated to).
        await fresh();
        const o0 = cpuMs();
        await printFitted(page, job.budget, () => renderPdf(page, job));
        const o1 = cpuMs();
        const [cb, cs, cr, cl, cf, co] = [
          cpuBetween(c0, c1),
          cpuBetween(s0, s1),
          cpuBetween(r0, r1),
          cpuBetween(l0, l1),
          cpuBetween(l1, c2),
          cpuBetween(o0, o1),
        ];
        if (
          round > 0 &&
          cb !== undefined &&
          cs !== undefined &&
          cr !== undefined &&
          cl !== undefined &&
          cf !== undefined &&
          co !== undefined
        ) {
          cpu.bare += cb;
          cpu.same += cs;
          cpu.fitted += cl - cr + cf;
          cpu.ownLook += co;
        }
        if (round === 0) {
          if (result.attempts > 1) secondVariant++;
          prints += result.attempts;
          chosen = { prints: result.attempts, variant: result.variant };
          continue;
        }
        theirs.push(b);
        withOptions.push(s);
        mine.push(f);
      }
      fitted.push(median(mine));
      ratios.push(median(mine) / median(theirs));
      sameRatios.push(median(mine) / median(withOptions));
      cpuBare += cpu.bare;
      cpuSame += cpu.same;
      cpuFitted += cpu.fitted;
      cpuOwnLook += cpu.ownLook;
      perSheet.push({
        slug: job.slug,
        bareMs: median(theirs),
        fittedMs: median(mine),
        ratio: median(mine) / median(theirs),
        cpuRatio: cpu.bare > 0 ? cpu.fitted / cpu.bare : undefined,
        sameCpuRatio: cpu.same > 0 ? cpu.fitted / cpu.same : undefined,
        ...chosen,
      });
    }
    // The print stage as a build runs it: a pool of workers (one per core) over all the sheets,
    // each sheet's page already loaded; wall time of the whole corpus, fitted against bare.
    const workers = Math.max(1, Math.min(availableParallelism(), jobs.length));
    const pool = async (each: (index: number) => Promise<unknown>): Promise<number> => {
      let next = 0;
      const started = performance.now();
      await Promise.all(
        Array.from({ length: workers }, async () => {
          while (next < jobs.length) await each(next++);
        }),
      );
      return performance.now() - started;
    };
    const poolBare: number[] = [];
    const poolFitted: number[] = [];
    for (let round = 0; round < fitRounds; round++) {
      poolBare.push(await pool((i) => (pages[i] as Page).pdf()));
      poolFitted.push(
        await pool((i) =>
          printFitted(pages[i] as Page, (jobs[i] as PrintJob).budget, () =>
            renderPdf(pages[i] as Page, jobs[i] as PrintJob),
          ),
        ),
      );
    }
    const printMs = median(ours);
    const barePdfMs = median(bare);
    const optionsPdfMs = median(same);
    return {
      sheets: jobs.length,
      rounds,
      printMs,
      barePdfMs,
      optionsPdfMs,
      ratio: printMs / barePdfMs,
      ratioSameOptions: printMs / optionsPdfMs,
      fittedMs: median(fitted),
      fittedRatio: ratios.reduce((a, b) => a + b, 0) / Math.max(1, ratios.length),
      fittedSameRatio: sameRatios.reduce((a, b) => a + b, 0) / Math.max(1, sameRatios.length),
      fittedSameCpuRatio: perSheet.every((sheet) => sheet.sameCpuRatio !== undefined)
        ? perSheet.reduce((sum, sheet) => sum + (sheet.sameCpuRatio ?? 0), 0) / Math.max(1, perSheet.length)
        : undefined,
      corpusSameCpuRatio: cpuSame > 0 ? cpuFitted / cpuSame : undefined,
      secondVariant,
      prints,
      perSheet,
      fittedCpuRatio: perSheet.every((sheet) => sheet.cpuRatio !== undefined)
        ? perSheet.reduce((sum, sheet) => sum + (sheet.cpuRatio ?? 0), 0) / Math.max(1, perSheet.length)
        : undefined,
      corpusCpuRatio: cpuBare > 0 ? cpuFitted / cpuBare : undefined,
      ownLookCpuRatio: cpuBare > 0 ? cpuOwnLook / cpuBare : undefined,
      ownLookSameCpuRatio: cpuSame > 0 ? cpuOwnLook / cpuSame : undefined,
      poolBareMs: median(poolBare) / jobs.length,
      poolFittedMs: median(poolFitted) / jobs.length,
      poolRatio: median(poolFitted) / median(poolBare),
    };
  } finally {
    await browser.close();
    await server.close();
    rmSync(out, { recursive: true, force: true });
  }
}
