import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { afterAll } from 'vitest';
import { BROWSER_ARGS } from '../../src/print/browser.ts';
import { findBrowser, type PrintJob } from '../../src/print/index.ts';

export const root = path.resolve(import.meta.dirname, '../..');

/** A temporary copy of tests/fixtures/<name>/site with the real print.css and fonts. */
export function fixtureSite(name: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), `${name}-`));
  cpSync(path.join(root, 'tests/fixtures', name, 'site'), dir, { recursive: true });
  cpSync(path.join(root, 'src/styles/print.css'), path.join(dir, 'print.css'));
  mkdirSync(path.join(dir, 'fonts'), { recursive: true });
  for (const weight of ['400', '700']) {
    const file = `source-sans-3-latin-${weight}-normal.woff2`;
    cpSync(path.join(root, 'node_modules/@fontsource/source-sans-3/files', file), path.join(dir, 'fonts', file));
  }
  return dir;
}

/**
 * One browser for the prints of a test file, as `printSheets`' `launch`: started (as the print
 * stage starts its own) at the first print, closed when the file's tests end. Each print connects
 * to it and gets contexts of its own (each with its own renderer process); closing the connection
 * closes them, not the browser. A browser launch costs about a second of CPU, a connection next
 * to nothing. Tests that compare two prints for the same bytes print the second on a browser of
 * its own (the default launch), so that no state of a browser process can make them agree.
 */
export function sharedBrowser(): () => Promise<Browser> {
  let server: Promise<BrowserServer> | undefined;
  afterAll(async () => {
    await (await server?.catch(() => undefined))?.close();
  });
  return async () => {
    server ??= chromium.launchServer({ executablePath: findBrowser(), args: [...BROWSER_ARGS], headless: true });
    return chromium.connect((await server).wsEndpoint());
  };
}

export function job(overrides: Partial<PrintJob> & Pick<PrintJob, 'slug'>): PrintJob {
  const slug = overrides.slug;
  return {
    lang: 'en',
    pagePath: `/policy-areas/${slug}/`,
    pdfPath: `policy-areas/${slug}/ogp-${slug}-fact-sheet.pdf`,
    title: `${slug} Fact Sheet`,
    subject: `Open Government Partnership fact sheet: ${slug}`,
    keywords: ['open government', slug],
    edition: '2021-03-15',
    budget: 2,
    pageUrl: `https://factsheets.opengovpartnership.org/policy-areas/${slug}/`,
    draft: false,
    ...overrides,
  };
}

/** Runs a poppler tool and returns its standard output. */
export function poppler(tool: 'pdfinfo' | 'pdffonts' | 'pdftotext', ...args: string[]): string {
  return execFileSync(tool, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
}

/** The text of each page of a PDF (pdftotext), in order. */
export function pdfPages(file: string): string[] {
  const pages = poppler('pdftotext', '-layout', file, '-').split('\f');
  if (pages.at(-1)?.trim() === '') pages.pop();
  return pages;
}

/** The fields `pdfinfo` prints, by name. */
export function pdfInfo(file: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of poppler('pdfinfo', file).split('\n')) {
    const m = /^([^:]+):\s*(.*)$/.exec(line);
    if (m !== null) out[m[1] as string] = m[2] as string;
  }
  return out;
}

/** Every cross-reference offset points at its object: the file's structure is intact. */
export function xrefIsConsistent(pdf: Buffer): boolean {
  const text = pdf.toString('latin1');
  const start = Number(/startxref\s+(\d+)\s+%%EOF\s*$/.exec(text)?.[1]);
  const table = /^xref\n0 (\d+)\n/.exec(text.slice(start));
  if (table === null) return false;
  const count = Number(table[1]);
  let at = start + table[0].length;
  for (let num = 0; num < count; num++, at += 20) {
    const e = /^(\d{10}) (\d{5}) ([nf])/.exec(text.slice(at, at + 20));
    if (e === null) return false;
    if (e[3] === 'n' && !text.startsWith(`${num} ${Number(e[2])} obj`, Number(e[1]))) return false;
  }
  return true;
}

/** The outline's bookmark titles, in file order (Chromium writes them as literal strings). */
export function outlineTitles(pdf: Buffer): string[] {
  const text = pdf.toString('latin1');
  const titles: string[] = [];
  for (const m of text.matchAll(
    /<<\/Title (\((?:[^()\\]|\\.)*\)|<[0-9A-Fa-f]+>)\n(?:\/(?!Parent)[A-Za-z]+ [^\n]*\n)*\/Parent \d+ 0 R/g,
  )) {
    const raw = m[1] as string;
    if (raw.startsWith('(')) titles.push(raw.slice(1, -1).replace(/\\(.)/g, '$1'));
    else {
      const hex = raw.slice(1, -1);
      const bytes = Buffer.from(hex, 'hex');
      titles.push(bytes[0] === 0xfe ? bytes.subarray(2).swap16().toString('utf16le') : bytes.toString('latin1'));
    }
  }
  return titles;
}
