import { createHash } from 'node:crypto';
import type { CDPSession, Page } from 'playwright-core';

/**
 * A function the print runs in a sheet page, with its argument: self-contained (it is sent
 * to the page as its source), its argument and result plain JSON values.
 */
export interface InPageCall<A, R> {
  // A method signature, so that a call of any argument type fits a list of calls (bivariance).
  fn(arg: A): R | Promise<R>;
  arg: A;
}

/** The calls of one round trip, run one after another: any functions, the last one's result returned. */
type Calls<R> = readonly [...InPageCall<unknown, unknown>[], InPageCall<unknown, R>];

/** Where the page's document keeps the print's functions once defined (not enumerable). */
const FUNCTIONS = '__ogpPrintFunctions';

/** Each page's DevTools protocol session, opened when the page is first used to print. */
const sessions = new WeakMap<Page, Promise<CDPSession>>();

/** The page's DevTools protocol session (one a page, for its prints and in-page calls). */
export function pageSession(page: Page): Promise<CDPSession> {
  let session = sessions.get(page);
  if (session === undefined) {
    session = page.context().newCDPSession(page);
    sessions.set(page, session);
  }
  return session;
}

/**
 * Runs `calls` in the page's document one after another, in one round trip, and returns the
 * last one's result. Each function is defined in the document once (until it navigates), and a
 * call sends only its key (functionKey) and argument: sent with every sheet through
 * page.evaluate, the functions' source (about 20 KB) was parsed and compiled again each time,
 * with Playwright's own handling of the expression: 64-74 ms a sheet's swap against 44-50 ms so
 * (docs/scaling.md).
 */
export async function runInPage<R>(page: Page, calls: Calls<R>): Promise<R> {
  const session = await pageSession(page);
  const list: readonly InPageCall<unknown, unknown>[] = calls;
  const names = list.map((call) => JSON.stringify(functionKey(call.fn)));
  const run =
    `(async () => { const fns = globalThis[${JSON.stringify(FUNCTIONS)}];` +
    ` if (fns === undefined || ${names.map((name) => `!(${name} in fns)`).join(' || ')}) return { missing: true };` +
    ` let value; ${list.map((call, i) => `value = await fns[${names[i]}](${JSON.stringify(call.arg)});`).join(' ')}` +
    ` return { value }; })()`;
  let answer = (await evaluate(session, run)) as { missing?: true; value?: R };
  if (answer.missing === true) {
    const sources = list.map((call, i) => `fns[${names[i]}] = ${call.fn.toString()};`).join(' ');
    await evaluate(
      session,
      `(() => { const fns = globalThis[${JSON.stringify(FUNCTIONS)}] ?? {}; ${sources}` +
        ` Object.defineProperty(globalThis, ${JSON.stringify(FUNCTIONS)}, { value: fns, configurable: true }); })()`,
    );
    answer = (await evaluate(session, run)) as { missing?: true; value?: R };
  }
  return answer.value as R;
}

/** Each function's key in the page: its name and a hash of its source, so two functions never share one. */
const keys = new WeakMap<object, string>();

function functionKey(fn: (arg: never) => unknown): string {
  let key = keys.get(fn);
  if (key === undefined) {
    key = `${fn.name}:${createHash('sha256').update(fn.toString()).digest('hex').slice(0, 16)}`;
    keys.set(fn, key);
  }
  return key;
}

/** Evaluates an expression in the page's main world; its (awaited) value, or the page's exception thrown. */
async function evaluate(session: CDPSession, expression: string): Promise<unknown> {
  const { result, exceptionDetails } = await session.send('Runtime.evaluate', {
    expression,
    awaitPromise: true,
    returnByValue: true,
  });
  if (exceptionDetails !== undefined) {
    throw new Error(
      `In the page: ${exceptionDetails.exception?.description ?? exceptionDetails.text} (line ${exceptionDetails.lineNumber})`,
    );
  }
  return result.value as unknown;
}
