/**
 * `npm run dev` only: each sheet's A4 pages as the PDF prints them, at
 * `<base>/__ogp/print/<slug>/`. The sheet page is printed from the dev server with the build's
 * own print path (src/print: the same Chromium, openSheetPage, renderPdf and PDF options), its pages
 * drawn to images, and the view refreshed after every save while it is open.
 */
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import type { ViteDevServer } from 'vite';
import type { ContentCheck } from '../content/index.ts';
import { UserError } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { printJobs, siteUrl } from '../pipeline.ts';
import { printFitted } from '../print/fit.ts';
import { launchBrowser, openSheetPage, renderPdf, type PrintJob } from '../print/index.ts';
import type { LayoutReport } from '../print/layout-report.ts';
import { PAGE } from '../print/layout.ts';
import { countPages } from '../print/pdf.ts';
import { renderPdfPages, type PageImage } from '../review/pdf-pages.ts';
import { withBase } from '../site/paths.ts';
import { printPreviewPrefix } from './protocol.ts';

interface Printed {
  version: number;
  pdf: Buffer;
  pages: PageImage[];
  budget: number;
  /** What the layout report measured on the PDF, and the layout variant the fitting chose. */
  report: LayoutReport;
  variant: string;
  /** Load, print and draw, in milliseconds. */
  ms: number;
}

interface SheetState {
  printed?: Printed;
  error?: string | undefined;
  printing?: Promise<void> | undefined;
  /** Whether a save arrived while printing: print once more when done. */
  again?: boolean;
  /** The number of changes seen when the last print began: fewer than now, and the print is out of date. */
  from?: number;
  /** Prints ended, printed or failed: a preview showing fewer reloads (it may have missed the event). */
  ended?: number;
  /** Failed prints in a row, tried again automatically (see retriesAfterFailure). */
  failures?: number;
}

const escape = (text: string): string => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const printPreviewPath = (slug: string): string => withBase(`${printPreviewPrefix}${slug}/`);

/**
 * Serves the print previews. `latest` is the most recent check (its sheets are what can be
 * printed); call the returned function after every check: open previews are printed again.
 */
export function servePrintPreview(
  server: ViteDevServer,
  root: string,
  latest: () => ContentCheck | undefined,
  warn: (message: string) => void,
): () => void {
  const sheets = new Map<string, SheetState>();
  const watchers = new Set<{ slug: string; response: ServerResponse }>();
  // When each sheet's last preview stopped listening: a preview that is reloading has no
  // listener for a moment, and a save in that moment must still reprint it.
  const leftAt = new Map<string, number>();
  let browser: Promise<Browser> | undefined;
  let version = 0;
  // Every save or refresh counts: a preview that was not listening when one came (closed, or
  // still connecting) is printed again when it is opened or connects, never left out of date.
  let changes = 0;
  const outOfDate = (state: SheetState | undefined): boolean =>
    state?.printing === undefined && (state?.from ?? changes) < changes;

  const origin = (): string => {
    const address = server.httpServer?.address() as AddressInfo | null | undefined;
    return `http://localhost:${address?.port ?? 4321}`;
  };
  server.httpServer?.once('close', () => {
    void browser?.then((opened) => opened.close()).catch(() => undefined);
    for (const watcher of watchers) watcher.response.end();
  });

  const jobFor = async (slug: string): Promise<PrintJob | undefined> => {
    const check = latest();
    if (check === undefined) return undefined;
    return printJobs(check.content, await siteUrl(root)).find((job) => job.slug === slug);
  };

  const notify = (slug: string, event: string): void => {
    for (const watcher of watchers)
      if (watcher.slug === slug) watcher.response.write(`event: ${event}\ndata: ${slug}\n\n`);
  };

  const print = (slug: string): Promise<void> => {
    const state = sheets.get(slug) ?? {};
    sheets.set(slug, state);
    if (state.printing !== undefined) {
      state.again = true;
      return state.printing;
    }
    notify(slug, 'printing');
    state.printing = (async () => {
      const started = performance.now();
      state.from = changes;
      // A sheet that cannot be printed as it is (missing, or its page answers an error) waits for the next save.
      let asItIs = false;
      try {
        const job = await jobFor(slug);
        if (job === undefined) {
          asItIs = true;
          throw new Error(messages.devPrint.noSheet(slug));
        }
        browser ??= launchBrowser();
        const page = await (await browser).newPage();
        // A dev page loads its modules one by one: slower than the built page the build prints.
        page.setDefaultTimeout(120_000);
        // Some steps wait on the page with no time limit of their own (its fonts, images and
        // scripts): a print that outlasts this is abandoned, its page closed, and reported.
        let abandoned = false;
        const watchdog = setTimeout(() => {
          abandoned = true;
          void page.close().catch(() => undefined);
        }, printTimeoutMs);
        try {
          await holdStill(page);
          // Laid out for print from the start, as the build's print does: the fit foresees its layout.
          await page.emulateMedia({ media: 'print' });
          // Vite may answer a module from before it optimised new dependencies: load it again then.
          for (let attempt = 1; ; attempt++) {
            try {
              await openSheetPage(page, origin(), job);
              // The dev server's own additions are not part of the page that is printed.
              await page.evaluate(() =>
                document
                  .querySelectorAll('astro-dev-toolbar, #ogp-dev-problems, #ogp-dev-print-preview')
                  .forEach((node) => node.remove()),
              );
              break;
            } catch (error) {
              if (attempt >= 5 || !/context was destroyed|navigat|\b504\b/i.test(String(error))) throw error;
              await page.waitForTimeout(1000 * attempt);
            }
          }
          // As the build prints: the layout fitted automatically, the report measured from the PDF.
          const { pdf, report, variant } = await printFitted(page, job.budget, () => renderPdf(page, job));
          const pages = await renderPdfPages(pdf, 1.25);
          state.printed = {
            version: ++version,
            pdf,
            pages,
            budget: job.budget,
            report,
            variant,
            ms: Math.round(performance.now() - started),
          };
          state.error = undefined;
          if (countPages(pdf) !== pages.length) throw new Error('page count mismatch');
        } catch (error) {
          throw abandoned ? new Error(messages.devPrint.tooSlow(printTimeoutMs / 1000)) : error;
        } finally {
          clearTimeout(watchdog);
          await page.close();
        }
        state.failures = 0;
      } catch (error) {
        state.error = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
        const failures = (state.failures ?? 0) + 1;
        state.failures = failures;
        // The dev server in the middle of a change (modules being optimised, a page reloading,
        // a slow first load) can fail a print that the next one passes: try again, a few times.
        // A problem of the sheet itself (a page that answers an error) waits for the next save.
        const retry = !asItIs && !(error instanceof UserError) && failures <= retriesAfterFailure;
        warn(messages.devPrint.failedInTerminal(slug, state.error, retry));
        if (retry) {
          await new Promise((resolve) => setTimeout(resolve, 2000 * failures));
          state.again = true;
        }
      } finally {
        state.printing = undefined;
        state.ended = (state.ended ?? 0) + 1;
      }
      notify(slug, 'printed');
      if (state.again === true) {
        state.again = false;
        await print(slug);
      }
    })();
    return state.printing;
  };

  server.middlewares.use((request, response, next) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const at = url.pathname.indexOf(printPreviewPrefix);
    if (at === -1) {
      next();
      return;
    }
    const rest = url.pathname.slice(at + printPreviewPrefix.length);
    void (async () => {
      const check = latest();
      const slugs = check?.content.sheets.map((sheet) => sheet.id) ?? [];
      if (rest === '' || rest === '/') {
        send(response, 'text/html; charset=utf-8', indexPage(slugs));
        return;
      }
      const match = /^([a-z0-9-]+)\/(?:(page-(\d+)\.png)|(sheet\.pdf)|(events)|(version))?$/.exec(rest);
      const slug = match?.[1];
      if (match === null || slug === undefined || !slugs.includes(slug)) {
        response.statusCode = 404;
        send(response, 'text/plain; charset=utf-8', messages.devPrint.noSheet(slug ?? rest));
        return;
      }
      if (match[6] !== undefined) {
        send(response, 'text/plain; charset=utf-8', shownAs(sheets.get(slug)));
        return;
      }
      if (match[5] !== undefined) {
        response.writeHead(200, {
          'content-type': 'text/event-stream',
          'cache-control': 'no-store',
          connection: 'keep-alive',
        });
        response.write(': print preview events\n\n');
        // The print this preview should show: a page drawn from an older one (a print ended
        // while it was loading) reloads, so no print is missed between two page loads.
        const current = sheets.get(slug);
        response.write(`event: version\ndata: ${shownAs(current)}\n\n`);
        if (current?.printing !== undefined) response.write(`event: printing\ndata: ${slug}\n\n`);
        const watcher = { slug, response };
        watchers.add(watcher);
        // A save that came before this preview listened (its page still loading) is printed now.
        if (outOfDate(current)) void print(slug);
        // The response's close, not the request's: a request may count as closed once it is read.
        response.on('close', () => {
          watchers.delete(watcher);
          leftAt.set(slug, performance.now());
        });
        return;
      }
      const state = sheets.get(slug);
      // Opening (or reloading) the preview after a failed print, or saves it did not see, prints again.
      const isPreview = match[2] === undefined && match[4] === undefined && match[6] === undefined;
      if (state?.printed === undefined || (isPreview && (state.error !== undefined || outOfDate(state))))
        await print(slug);
      const printed = sheets.get(slug)?.printed;
      if (match[2] !== undefined) {
        const image = printed?.pages[Number(match[3]) - 1];
        if (image === undefined) {
          response.statusCode = 404;
          response.end();
        } else send(response, 'image/png', image.png);
        return;
      }
      if (match[4] !== undefined) {
        if (printed === undefined) {
          response.statusCode = 404;
          response.end();
        } else send(response, 'application/pdf', printed.pdf);
        return;
      }
      const job = await jobFor(slug);
      send(response, 'text/html; charset=utf-8', previewPage(slug, job, sheets.get(slug) ?? {}));
    })().catch(next);
  });

  let pending: ReturnType<typeof setTimeout> | undefined;
  /** Prints the open previews again, once for changes that come together. */
  const reprint = (): void => {
    changes++;
    clearTimeout(pending);
    pending = setTimeout(() => {
      const open = new Set([...watchers].map((watcher) => watcher.slug));
      for (const [slug, at] of leftAt) if (performance.now() - at < reloadGraceMs) open.add(slug);
      for (const slug of open) void print(slug);
    }, 300);
  };
  // Whatever makes the dev server refresh its pages (Astro's content store after a save, a CSS
  // or component edit) refreshes the open previews: a print under way then prints once more.
  const client = server.environments.client.hot;
  const sendToPages = client.send.bind(client) as (payload: unknown, data?: unknown) => void;
  client.send = ((payload: unknown, data?: unknown) => {
    sendToPages(payload, data);
    if (refreshes(payload)) reprint();
  }) as typeof client.send;
  return reprint;
}

/**
 * What a preview page shows, as a token: the print it shows and how many prints have ended. A
 * page whose token differs reloads, so it shows a failed print too, even if it missed the event.
 */
const shownAs = (state: SheetState | undefined): string => `${state?.printed?.version ?? 0}.${state?.ended ?? 0}`;

/** Failed prints in a row tried again before the preview shows the failure and waits for a save. */
const retriesAfterFailure = 2;

/** How long one print of the preview may take before it is abandoned (a normal one takes seconds). */
const printTimeoutMs = 180_000;

/** Whether an HMR message tells the dev server's pages that what they show has changed. */
const refreshes = (payload: unknown): boolean =>
  typeof payload === 'object' &&
  payload !== null &&
  'type' in payload &&
  (payload.type === 'full-reload' || payload.type === 'update');

const parseMessage = (message: string): unknown => {
  try {
    return JSON.parse(message) as unknown;
  } catch {
    return undefined;
  }
};

/**
 * Keeps the page being printed as it loaded: the dev server's messages that reload or update a
 * page do not reach it (a reload in the middle of a print could leave the print waiting forever),
 * and the change they announce is printed next, by the reprint the same message starts.
 */
async function holdStill(page: Page): Promise<void> {
  await page.routeWebSocket(
    () => true,
    (socket) => {
      const server = socket.connectToServer();
      server.onMessage((message) => {
        if (typeof message === 'string' && refreshes(parseMessage(message))) return;
        socket.send(message);
      });
    },
  );
}

/** How long after its preview stops listening a sheet is still reprinted on save (a reload). */
export const reloadGraceMs = 10_000;

function send(response: ServerResponse, type: string, body: string | Buffer): void {
  response.setHeader('content-type', type);
  response.setHeader('cache-control', 'no-store');
  response.end(body);
}

const styles = `
body { margin: 0; font: 16px/1.5 system-ui, sans-serif; background: #e8eaed; color: #1b1b1b; }
header { position: sticky; top: 0; background: #fff; border-bottom: 1px solid #ccc; padding: 0.75rem 1.5rem; display: flex; flex-wrap: wrap; gap: 0.5rem 1.5rem; align-items: baseline; z-index: 1; }
h1 { font-size: 1.2rem; margin: 0; }
.budget { font-weight: 600; }
.budget.over { color: #b3261e; }
.budget.fits { color: #1e6b34; }
.state { color: #555; }
.state[data-printing] { color: #8a5a00; font-weight: 600; }
.error { margin: 1.5rem; padding: 1rem; background: #fdecea; border: 2px solid #b3261e; }
main { display: flex; flex-wrap: wrap; gap: 1.5rem; padding: 1.5rem; justify-content: center; }
figure { margin: 0; position: relative; }
.mark { position: absolute; width: 50%; border-top: 3px solid #d00000; color: #d00000; font: 700 14px/1.2 system-ui, sans-serif; padding-left: 0.2rem; }
.findings { margin: 1rem 1.5rem 0; background: #fff; padding: 0.5rem 1rem; border-left: 4px solid #0b5c75; }
.findings ol { margin: 0.3rem 0; }
img { display: block; width: min(595px, 90vw); height: auto; background: #fff; box-shadow: 0 2px 10px rgb(0 0 0 / 0.25); }
figure.over img { outline: 4px solid #b3261e; }
figcaption { text-align: center; font-size: 0.9rem; color: #444; margin-top: 0.4rem; }
figure.over figcaption { color: #b3261e; font-weight: 600; }
a { color: #0b5c75; }
`;

function indexPage(slugs: readonly string[]): string {
  const items = slugs
    .map((slug) => `<li><a href="${escape(printPreviewPath(slug))}">${escape(slug)}</a></li>`)
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(messages.devPrint.indexTitle())}</title><style>${styles}</style></head><body><header><h1>${escape(messages.devPrint.indexTitle())}</h1></header><ul>${items}</ul></body></html>`;
}

function previewPage(slug: string, job: PrintJob | undefined, state: SheetState): string {
  const printed = state.printed;
  const title = job?.title ?? slug;
  const count = printed?.pages.length ?? 0;
  const budget = printed?.budget ?? job?.budget ?? 0;
  const over = count > budget;
  const findings = printed?.report.broken ?? [];
  // Each finding is marked where its section starts: a numbered line across that column.
  const marks = findings.flatMap((finding, index) => {
    const part = printed?.report.parts.find((candidate) => candidate.section === finding.section);
    return part === undefined ? [] : [{ number: index + 1, place: part.at.start, label: finding.problem }];
  });
  const figures = (printed?.pages ?? [])
    .map((image) => {
      const beyond = image.number > budget;
      const pageMarks = marks
        .filter((mark) => mark.place.page === image.number)
        .map(
          (mark) =>
            `<span class="mark" style="top:${((mark.place.y / PAGE.height) * 100).toFixed(2)}%;left:${mark.place.column === 1 ? 0 : 50}%" title="${escape(mark.label)}">${mark.number}</span>`,
        )
        .join('');
      return `<figure${beyond ? ' class="over"' : ''}>${pageMarks}<img src="page-${image.number}.png?v=${printed?.version ?? 0}" width="${image.width}" height="${image.height}" alt="${escape(messages.devPrint.pageAlt(image.number, count, title))}"><figcaption>${escape(beyond ? messages.devPrint.pageOverBudget(image.number, count) : messages.devPrint.pageLabel(image.number, count))}</figcaption></figure>`;
    })
    .join('');
  const error =
    state.error === undefined
      ? ''
      : `<div class="error" role="alert">${escape(messages.devPrint.failed(state.error))}</div>`;
  const findingList = findings
    .map(
      (finding) =>
        `<li data-rule="${finding.rule}">${escape(finding.problem)} <b>${escape(messages.dev.fixLabel())}</b> ${escape(finding.fix)}</li>`,
    )
    .join('');
  const report =
    printed === undefined
      ? ''
      : `<section class="findings" data-variant="${escape(printed.variant)}" data-findings="${findings.length}"><p>${escape(messages.devPrint.layout(printed.variant, findings.length))}</p>${findings.length === 0 ? '' : `<ol>${findingList}</ol>`}</section>`;
  const script = `const source = new EventSource('events');
source.addEventListener('version', (event) => { if (event.data !== ${JSON.stringify(shownAs(state))}) location.reload(); });
source.addEventListener('printing', () => { const s = document.querySelector('.state'); s.setAttribute('data-printing', ''); s.textContent = ${JSON.stringify(messages.devPrint.printing())}; });
source.addEventListener('printed', () => location.reload());
// Should an event be lost (a dropped connection), the page still catches up with the last print.
setInterval(async () => { const response = await fetch('version', { cache: 'no-store' }).catch(() => undefined); if (response?.ok && (await response.text()) !== ${JSON.stringify(shownAs(state))}) location.reload(); }, 3000);`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(messages.devPrint.title(title))}</title><style>${styles}</style></head><body>
<header><h1>${escape(messages.devPrint.title(title))}</h1>
<span class="budget ${over ? 'over' : 'fits'}" data-pages="${count}" data-budget="${budget}">${escape(messages.devPrint.budget(count, budget))}</span>
<span class="state" data-ms="${printed?.ms ?? ''}" data-version="${printed?.version ?? 0}">${escape(printed === undefined ? '' : messages.devPrint.printed(printed.ms))}</span>
<a href="sheet.pdf">${escape(messages.devPrint.pdfLink())}</a> <a href="${escape(job?.pagePath ?? '/')}">${escape(messages.devPrint.pageLink())}</a></header>
${error}${report}<main>${figures}</main><script type="module">${script}</script></body></html>`;
}
