/**
 * Where a PDF's wall time goes with the pool busy: prints the sheets of a built site (jobs as
 * bench/print.ts makes them) with printSheets, no cache, and records, per pool page, each round
 * trip to Chromium (page.evaluate, protocol calls) with its start and end on the monotonic clock
 * (process.hrtime: perf's clock with `-k CLOCK_MONOTONIC`). The gaps between one page's round
 * trips are Node's work for that page (or Node busy with the other page). With the pids of the
 * browser's processes (every second), `perf sched timehist` says which of them ran when.
 *   node bench/print-timeline.ts <site folder> <pool size> [sheets] [timeline.json, else stdout]
 * PRINT_PLAIN=1: nothing recorded, printed as the build prints (bench/print-ab.ts).
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { launchBrowser, printSheets } from '../src/print/index.ts';
import { jobsFromSite } from './print.ts';
import { processStats } from './proc.ts';

const [siteArg, poolArg, countArg, outArg] = process.argv.slice(2);
if (siteArg === undefined) throw new Error('usage: node bench/print-timeline.ts <site folder> <pool size> [sheets]');
const site = mkdtempSync(path.join(tmpdir(), 'print-timeline-'));
cpSync(siteArg, site, { recursive: true });
const jobs = jobsFromSite(site).slice(0, countArg === undefined || countArg === '' ? undefined : Number(countArg));
const now = (): number => Number(process.hrtime.bigint() / 1000n) / 1000; // ms, monotonic
const events: { page: number; kind: string; start: number; end: number }[] = [];
let pageCount = 0;
const ids = new WeakMap<Page, number>();

function instrument(page: Page): void {
  const id = pageCount++;
  ids.set(page, id);
  const evaluate = page.evaluate.bind(page) as (...args: unknown[]) => Promise<unknown>;
  (page as unknown as { evaluate: unknown }).evaluate = async (...args: unknown[]) => {
    const start = now();
    try {
      return await evaluate(...args);
    } finally {
      const fn = args[0];
      const what = typeof fn === 'function' ? fn.name : 'swap';
      const arg = args[1] as { foresee?: unknown[]; density?: string; chartMm?: number } | undefined;
      const detail =
        arg?.foresee === undefined
          ? ''
          : `(${arg.density}${arg.chartMm === undefined ? '' : `+${arg.chartMm}`}, foresee ${arg.foresee.join('/')})`;
      events.push({ page: id, kind: `evaluate ${what}${detail}`, start, end: now() });
    }
  };
}

function instrumentContext(context: BrowserContext): BrowserContext {
  context.on('page', instrument);
  const newCDPSession = context.newCDPSession.bind(context);
  context.newCDPSession = async (page: Page | unknown) => {
    const session: CDPSession = await newCDPSession(page as Page);
    const send = session.send.bind(session) as (...args: unknown[]) => Promise<unknown>;
    const id = ids.get(page as Page) ?? -1;
    (session as unknown as { send: unknown }).send = async (...args: unknown[]) => {
      const start = now();
      try {
        return await send(...args);
      } finally {
        events.push({ page: id, kind: String(args[0]), start, end: now() });
      }
    };
    return session;
  };
  return context;
}

const launch = async (): Promise<Browser> => {
  const browser = await launchBrowser();
  const newContext = browser.newContext.bind(browser);
  browser.newContext = async (options) => instrumentContext(await newContext(options));
  return browser;
};

/** The processes under this one (Chromium's), by pid, with their kind (--type=...), seen every second. */
const tree = new Map<number, string>();
const snapshot = (): void => {
  const parents = new Map([...processStats()].map(([pid, fields]) => [pid, Number(fields[1])]));
  for (const [pid] of parents) {
    let up = parents.get(pid);
    while (up !== undefined && up !== process.pid && up > 1) up = parents.get(up);
    if (up !== process.pid || tree.has(pid)) continue;
    try {
      // Chromium rewrites its command line: one string, arguments split by spaces.
      const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
      const sub = /--utility-sub-type=([\w.]+)/.exec(cmd)?.[1];
      tree.set(pid, `${/--type=(\w+)/.exec(cmd)?.[1] ?? 'browser'}${sub === undefined ? '' : `:${sub}`}`);
    } catch {
      // ended meanwhile
    }
  }
};
// PRINT_PLAIN=1: printed as the build prints, nothing recorded (bench/print-ab.ts).
const plain = process.env['PRINT_PLAIN'] === '1';
const sampler = setInterval(() => plain || snapshot(), 1000);
// For bench/print-ab.ts (runMeasured): the CPU between these two lines is the print's.
process.stdout.write('setup: done in 0 ms\n');
const started = now();
const results = await printSheets({
  siteDir: site,
  jobs,
  concurrency: Number(poolArg ?? 2),
  ...(plain ? {} : { launch }),
});
const ended = now();
clearInterval(sampler);
process.stdout.write(
  `print: done in ${Math.round(ended - started)} ms\n@@bare ${JSON.stringify({ pages: results.length })}\n`,
);
(outArg === undefined ? (text: string) => process.stdout.write(text) : (text: string) => writeFileSync(outArg, text))(
  JSON.stringify({
    pid: process.pid,
    started,
    ended,
    pdfs: results.length,
    tree: Object.fromEntries(tree),
    events,
    results: results.map((r) => ({
      slug: r.slug,
      ms: r.ms,
      timing: r.timing,
      attempts: r.attempts,
      variant: r.variant,
    })),
  }),
);
rmSync(site, { recursive: true, force: true });
