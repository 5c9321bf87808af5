/**
 * The print stage's browser and its pool of pages: how many print at once, pages closed and
 * opened afresh every few jobs (so memory stays flat however many sheets there are), and a
 * browser that crashes restarted once, the jobs it was printing tried again.
 */
import { availableParallelism } from 'node:os';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { messages } from '../messages.ts';
import { UserError } from '../diagnostics/index.ts';

/**
 * How many pages print at once for `jobs` jobs: one per core. Measured on a 2-core machine
 * (npm run bench -- --sheets 200): loading and printing a page keeps the browser's renderer
 * and Node busy in turn, so a second page per core adds memory, not speed. Measured again on
 * 30 November 2026 (200 English sheets, bench/print-ab.ts, quiet): the machine is already busy
 * (1-5% idle) with two pages; three printed no faster (278-282 ms a PDF against 274-284), and
 * the bare goto + pdf loop was a little slower with three. See docs/scaling.md.
 */
export function printPoolSize(jobs: number, requested?: number): number {
  return Math.max(1, Math.min(requested ?? availableParallelism(), jobs));
}

/** Jobs a page prints before it is closed and a fresh one opened. */
export const RECYCLE_AFTER = 25;

export interface PoolOptions<J> {
  size: number;
  launch: () => Promise<Browser>;
  /** A context per browser, with the options every page shares; pages it has open are printed in first. */
  newContext: (browser: Browser) => Promise<BrowserContext>;
  /** Names the job in messages (its sheet). */
  name: (job: J) => string;
  recycleAfter?: number;
}

/** A browser that died under us (crash, killed), as opposed to a problem with the page being printed. */
function browserGone(error: unknown, browser: Browser): boolean {
  if (!browser.isConnected() || (error instanceof Error && error.name === 'TargetClosedError')) return true;
  const text = error instanceof Error ? error.message : String(error);
  return /Target (page, context or browser )?(has been )?closed|Browser (has been )?closed|crashed/i.test(text);
}

/**
 * Runs `work` on every job with `size` pages at once, in one browser; results in job order.
 * Stops at the first error (a content problem, a UserError), except that when the browser
 * itself dies it is restarted once and the jobs it held are tried again.
 */
export async function runPool<J, R>(
  jobs: readonly J[],
  work: (page: Page, job: J) => Promise<R>,
  options: PoolOptions<J>,
): Promise<R[]> {
  const results = new Array<R>(jobs.length);
  if (jobs.length === 0) return results;
  const recycleAfter = options.recycleAfter ?? RECYCLE_AFTER;
  let browser = await options.launch();
  let context = await options.newContext(browser);
  // Pages the context came with (made ahead: SharedBrowser.preparePrint), each taken by a worker.
  let spare = context.pages();
  let next = 0;
  let failure: unknown;
  /** The browser that died and the one restart allowed: every job it held shares it. */
  let crashed: Browser | undefined;
  let restarting: Promise<void> | undefined;

  /** Replaces a dead browser, once per run; false when it was already restarted once. */
  const restart = async (dead: Browser): Promise<boolean> => {
    if (crashed !== undefined && crashed !== dead) return false;
    crashed = dead;
    restarting ??= (async () => {
      await dead.close().catch(() => undefined);
      browser = await options.launch();
      context = await options.newContext(browser);
      spare = context.pages();
    })();
    await restarting;
    return true;
  };

  const worker = async (): Promise<void> => {
    let page: Page | undefined;
    let printed = 0;
    try {
      while (failure === undefined && next < jobs.length) {
        const index = next++;
        const job = jobs[index] as J;
        for (let attempt = 1; ; attempt++) {
          const owner = browser;
          try {
            if (page === undefined || page.isClosed() || printed >= recycleAfter) {
              await page?.close().catch(() => undefined);
              page = spare.pop();
              if (page === undefined || page.isClosed()) page = await context.newPage();
              printed = 0;
            }
            results[index] = await work(page, job);
            printed++;
            break;
          } catch (error) {
            if (error instanceof UserError || !browserGone(error, owner)) throw error;
            page = undefined;
            // The browser died: start it again once, and try this job once more in it.
            if (attempt > 1 || !(await restart(owner))) {
              throw new UserError(messages.print.browserCrashed(options.name(job)));
            }
          }
        }
      }
    } catch (error) {
      failure ??= error;
    } finally {
      await page?.close().catch(() => undefined);
    }
  };

  try {
    await Promise.all(Array.from({ length: Math.min(options.size, jobs.length) }, worker));
  } finally {
    await browser.close().catch(() => undefined);
  }
  if (failure !== undefined) throw failure;
  return results;
}
