/**
 * The bare print loop `npm run bench -- --sheets N` compares the print stage with (anchor b):
 * page.goto + page.pdf() with Playwright's defaults over every built sheet page of the site in
 * the folder given, with the print stage's pool size (or the one given after the folder, for
 * bench/print-ab.ts). Run as a program by bench/scale.ts, which samples it as it samples the builds. Prints "setup: done" once the browser and pages are open
 * and "loop: done" when every page is printed (the CPU between the two is the loop's), then
 * `@@bare {"ms", "pages", "pool"}` with the loop's wall time.
 */
import path from 'node:path';
import { launchBrowser, serveStatic } from '../src/print/index.ts';
import { printPoolSize } from '../src/print/pool.ts';
import { listFiles } from '../src/verify/index.ts';

const siteDir = process.argv[2];
if (siteDir === undefined) throw new Error('usage: node bench/bare-loop.ts <built site folder>');

// The sheet pages: every page whose folder holds the PDF printed from it.
const files = listFiles(siteDir);
const withPdf = new Set(files.filter((file) => file.endsWith('.pdf')).map((file) => path.posix.dirname(file)));
const pagePaths = files
  .filter((file) => path.posix.basename(file) === 'index.html' && withPdf.has(path.posix.dirname(file)))
  .map((file) => `/${path.posix.dirname(file)}/`);

const server = await serveStatic(siteDir);
const browser = await launchBrowser();
try {
  // A pool size given (bench/print-ab.ts), else the print stage's.
  const pool = printPoolSize(pagePaths.length, process.argv[3] === undefined ? undefined : Number(process.argv[3]));
  const context = await browser.newContext();
  const pages = await Promise.all(Array.from({ length: pool }, () => context.newPage()));
  process.stdout.write('setup: done in 0 ms\n');
  let next = 0;
  const started = performance.now();
  await Promise.all(
    pages.map(async (page) => {
      while (next < pagePaths.length) {
        const pagePath = pagePaths[next++] as string;
        await page.goto(server.origin + pagePath, { waitUntil: 'load' });
        await page.pdf();
      }
    }),
  );
  const ms = performance.now() - started;
  process.stdout.write(`loop: done in ${Math.round(ms)} ms\n`);
  process.stdout.write(`@@bare ${JSON.stringify({ ms, pages: pagePaths.length, pool })}\n`);
} finally {
  await browser.close();
  await server.close();
}
