/**
 * Frames on demand. A page of Chromium's headless shell otherwise paints, rasters and composites
 * a frame after every change to it (a sheet swapped in, a layout variant set), frames nobody
 * sees: a print lays the page out and paints it for itself. Launched with these flags, the shell
 * draws a frame only when sent one (HeadlessExperimental.beginFrame): about 15% less CPU a PDF,
 * the same bytes (docs/scaling.md). What needs a frame (a screenshot: the images stage's Chromium
 * drawings) asks for them (withFrames). The full browser has no such control and ignores the flags.
 */
import type { Browser, CDPSession, Page } from 'playwright-core';

/** The shell's switches: frames only when sent one, and each sent one drawn whole. */
export const FRAMES_ON_DEMAND_ARGS: readonly string[] = [
  '--enable-begin-frame-control',
  '--run-all-compositor-stages-before-draw',
];

/** The browsers launched with FRAMES_ON_DEMAND_ARGS (launchBrowser). */
const onDemand = new WeakSet<Browser>();

/** Notes that `browser` was launched with FRAMES_ON_DEMAND_ARGS. */
export function markFramesOnDemand(browser: Browser): Browser {
  onDemand.add(browser);
  return browser;
}

/** Whether `page`'s browser draws frames only when sent one. */
export function framesOnDemand(page: Page): boolean {
  const browser = page.context().browser();
  return browser !== null && onDemand.has(browser);
}

/** A frame every this many ms while a screenshot waits, after the first ones sent at once. */
const FRAME_INTERVAL_MS = 16;

/**
 * Runs `work` (a screenshot of `page`, through `session`, a protocol session of that page) and,
 * when the page's browser draws frames only on demand, sends it frames until `work` is done: a
 * screenshot waits for a frame, and Playwright's element screenshot for animation frames. A browser
 * that turns out to have no such control (the full browser: the command is unknown) is sent none.
 */
export async function withFrames<T>(page: Page, session: CDPSession, work: () => Promise<T>): Promise<T> {
  if (!framesOnDemand(page)) return work();
  let settled = false;
  const done = work().finally(() => {
    settled = true;
  });
  done.catch(() => undefined); // awaited below
  for (let sent = 0; !settled; sent++) {
    try {
      // Not awaited past `work`'s end: a frame that never completes holds nothing up.
      await Promise.race([session.send('HeadlessExperimental.beginFrame', {}), done.catch(() => undefined)]);
    } catch {
      break; // no frame control after all, or the page is gone: `work` says which
    }
    if (sent >= 2 && !settled)
      await Promise.race([
        done.catch(() => undefined),
        new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS)),
      ]);
  }
  return done;
}
