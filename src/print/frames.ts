/**
 * Frames on demand. A page of Chromium's headless shell otherwise paints, rasters and composites
 * a frame after every change to it (a sheet swapped in, a layout variant set), frames nobody
 * sees: a print lays the page out and paints it for itself. Launched with these flags, the shell
 * draws a frame only when sent one (HeadlessExperimental.beginFrame): about 15% less CPU a PDF,
 * the same bytes (docs/scaling.md). What needs a frame (a screenshot: an edit's card drawn in the
 * print's page) asks for them (withFrames); a clip of the page cannot be captured so (the shell
 * answers "Unable to capture screenshot"): the images stage draws in a browser of its own. The
 * full browser has no begin-frame control: it draws its frames as usual (and
 * `--run-all-compositor-stages-before-draw` only makes each frame whole).
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

/** Whether `page`'s browser (or `browser`) draws frames only when sent one. */
export function framesOnDemand(of: Page | Browser): boolean {
  const browser = 'context' in of ? of.context().browser() : of;
  return browser !== null && onDemand.has(browser);
}

/** A frame every this many ms while a screenshot waits, after the first ones sent at once. */
const FRAME_INTERVAL_MS = 16;

/** How long a frame under way is waited for before the next is sent anyway. */
const FRAME_WAIT_MS = 1000;

/** Each session's frame under way: the shell draws one at a time and refuses another meanwhile. */
const framing = new WeakMap<CDPSession, Promise<void>>();

/** The shell's answer to a frame sent while one is under way. */
const FRAME_PENDING = /another frame is pending/i;

/**
 * Sends `session`'s page a frame, once the one under way (a withFrames before may have stopped
 * waiting for it) is drawn. False when no frame can be sent: the browser has no frame control (the
 * full browser: the command is unknown), or the page is gone.
 */
async function sendFrame(session: CDPSession): Promise<boolean> {
  const before = framing.get(session);
  if (before !== undefined) await Promise.race([before, new Promise((resolve) => setTimeout(resolve, FRAME_WAIT_MS))]);
  const frame = session.send('HeadlessExperimental.beginFrame', {});
  framing.set(
    session,
    frame.then(
      () => undefined,
      () => undefined,
    ),
  );
  try {
    await frame;
    return true;
  } catch (error) {
    // One still under way after all: tried again at the next turn.
    return FRAME_PENDING.test(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs `work` (a screenshot of `page`, through `session`, a protocol session of that page) and,
 * when the page's browser draws frames only on demand, sends it frames until `work` is done: a
 * screenshot waits for a frame, and Playwright's element screenshot for animation frames. A
 * browser that turns out to have no such control is sent none (and draws its own).
 */
export async function withFrames<T>(page: Page, session: CDPSession, work: () => Promise<T>): Promise<T> {
  if (!framesOnDemand(page)) return work();
  let settled = false;
  const done = work().finally(() => {
    settled = true;
  });
  const ended = done.then(
    () => false,
    () => false,
  );
  for (let sent = 0; !settled; sent++) {
    // Not awaited past `work`'s end: the next frame sent to this page waits for it (sendFrame).
    if (!(await Promise.race([sendFrame(session), ended]))) break;
    if (sent >= 2 && !settled)
      await Promise.race([ended, new Promise((resolve) => setTimeout(resolve, FRAME_INTERVAL_MS))]);
  }
  return done;
}
