/** The link reader the verify stage relies on agrees with pdf.js on PDFs Chromium prints. */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { printSheets } from '../../src/print/index.ts';
import { readPdfLinks } from '../../src/print/pdf-links.ts';
import { job } from './helpers.ts';

const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Links</title></head><body>
<h1 id="top">Links</h1>
<p><a href="https://example.org/a_(b)?q=1&amp;r=%C3%A9">parentheses and escapes</a></p>
<p><a href="#later">a jump inside the PDF</a></p>
<p><a href="mailto:info@example.org">mail</a></p>
<p style="break-before: page"><a href="https://example.org/ünïcode">unicode</a></p>
<h2 id="later">Later</h2>
</body></html>`;

async function pdfJsLinks(pdf: Buffer): Promise<{ page: number; uri?: string; dest?: string }[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), disableFontFace: true, verbosity: 0 });
  const document = await task.promise;
  const out: { page: number; uri?: string; dest?: string }[] = [];
  for (let number = 1; number <= document.numPages; number++) {
    const annotations = (await (await document.getPage(number)).getAnnotations()) as {
      subtype?: string;
      unsafeUrl?: string;
      url?: string;
      dest?: unknown;
    }[];
    for (const a of annotations) {
      if (a.subtype !== 'Link') continue;
      const uri = a.unsafeUrl ?? a.url;
      out.push(uri !== undefined ? { page: number, uri } : { page: number, dest: String(a.dest) });
    }
  }
  await task.destroy();
  return out;
}

describe('readPdfLinks', () => {
  const site = mkdtempSync(path.join(tmpdir(), 'pdf-links-'));
  afterAll(() => rmSync(site, { recursive: true, force: true }));
  mkdirSync(path.join(site, 'policy-areas/links'), { recursive: true });
  writeFileSync(path.join(site, 'policy-areas/links/index.html'), page);
  const printed = printSheets({ siteDir: site, jobs: [job({ slug: 'links', budget: 4 })] });

  it('reads the same links as pdf.js, with the named destinations the PDF defines', async () => {
    const [result] = await printed;
    const pdf = readFileSync(path.join(site, result?.pdfPath ?? ''));
    const read = readPdfLinks(pdf);
    const expected = await pdfJsLinks(pdf);
    expect(expected.length).toBeGreaterThanOrEqual(4);
    expect(read.links).toEqual(expected);
    expect(read.links).toContainEqual({ page: 1, dest: 'later' });
    expect(read.links).toContainEqual({ page: 2, uri: 'https://example.org/%C3%BCn%C3%AFcode' });
    expect(read.destinations).toContain('later');
    // The print stage hands them to the verify stage.
    expect(result?.links).toEqual(read);
  });

  it('refuses a file it cannot read rather than guessing', () => {
    expect(() => readPdfLinks(Buffer.from('%PDF-1.7\nnot a pdf'))).toThrow();
  });
});
