/** The real built PDF in dist/ (built by the site project's global setup). */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { countPages } from '../../src/print/index.ts';
import { outlineTitles, pdfInfo, pdfPages, poppler, root, xrefIsConsistent } from './helpers.ts';
import { pdfSizeLabel } from '../../src/i18n/index.ts';

const siteDir = path.join(root, 'dist');
const pageDir = path.join(siteDir, 'policy-areas/digital-governance');
const pdfName = existsSync(pageDir) ? readdirSync(pageDir).find((f) => f.endsWith('-fact-sheet.pdf')) : undefined;
const file = path.join(pageDir, pdfName ?? 'ogp-digital-governance-fact-sheet.pdf');
const norm = (s: string): string =>
  s
    .replace(/\s+/g, ' ')
    .replace(/[‐-―-]/g, '-')
    .trim()
    .toLowerCase();
const strip = (html: string): string =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&quot;/g, '"');

describe('the Digital Governance PDF', () => {
  it('exists under its descriptive name', () => {
    expect(pdfName).toBe('ogp-digital-governance-fact-sheet.pdf');
  });
  it('fits its budget of 2 A4 pages', () => {
    const info = pdfInfo(file);
    expect(Number(info['Pages'])).toBeLessThanOrEqual(2);
    expect(countPages(readFileSync(file))).toBe(Number(info['Pages']));
    expect(info['Page size']).toContain('(A4)');
  });
  it('is tagged, with metadata', () => {
    const info = pdfInfo(file);
    expect(info['Tagged']).toBe('yes');
    expect(info['Title']).toBe('Digital Governance Fact Sheet');
    expect(info['Author']).toBe('Open Government Partnership');
    expect(info['Subject']).not.toBe('');
    expect(info['Keywords']).not.toBe('');
    expect(readFileSync(file, 'latin1')).toMatch(/\/Lang \(en/);
  });
  it('embeds every font, none Type 3', () => {
    const rows = poppler('pdffonts', file)
      .split('\n')
      .slice(2)
      .filter((l) => l.trim() !== '');
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).not.toContain('Type 3');
      expect(row).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    }
  });
  it('has an outline from the headings and a sound structure', () => {
    const pdf = readFileSync(file);
    const titles = outlineTitles(pdf).map(norm);
    for (const h of ['key takeaways', 'status quo', 'where to next', 'notable commitments', 'irm quick stats']) {
      expect(
        titles.some((t) => t.startsWith(h)),
        h,
      ).toBe(true);
    }
    expect(xrefIsConsistent(pdf)).toBe(true);
  });
  it('has clickable absolute links', () => {
    const text = readFileSync(file, 'latin1');
    const uris = [...text.matchAll(/\/URI \(([^)]*)\)/g)].map((m) => m[1]);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) expect(uri).toMatch(/^https:\/\//);
  });
  it('holds every section heading and recommendation of the page, in order', () => {
    const html = readFileSync(path.join(pageDir, 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('class="sheet-body"'));
    const wanted = [
      ...[
        ...body.matchAll(
          /<h2[^>]*class="section-heading"[^>]*>([\s\S]*?)<\/h2>|<div class="rec-group"[\s\S]*?<\/div>/g,
        ),
      ].flatMap((m) =>
        m[1] !== undefined
          ? [strip(m[1])]
          : [...m[0].matchAll(/<(?:h3|li)[^>]*>([\s\S]*?)<\/(?:h3|li)>/g)].map((x) => strip(x[1] ?? '')),
      ),
    ].map(norm);
    const text = norm(poppler('pdftotext', '-raw', file, '-'));
    let at = 0;
    for (const item of wanted) {
      const found = text.indexOf(item.slice(0, 60), at);
      expect(found, `"${item}" after position ${at}`).toBeGreaterThanOrEqual(0);
      at = found;
    }
  });

  it('has bookmarks that read like the headings: as written, each once', () => {
    const html = readFileSync(path.join(pageDir, 'index.html'), 'utf8');
    const body = html.slice(html.indexOf('class="sheet-body"'));
    const space = (t: string): string => t.replace(/\s+/g, ' ').trim();
    const headings = [...body.matchAll(/<h([234])\b[^>]*>([\s\S]*?)<\/h\1>/g)].map((m) => space(strip(m[2] ?? '')));
    const titles = outlineTitles(readFileSync(file)).map(space);
    expect(headings.length).toBeGreaterThan(5);
    for (const heading of headings) expect(titles, heading).toContain(heading);
    for (const title of titles)
      expect(title.toUpperCase() === title && /[a-z]/i.test(title), `"${title}" is in capitals`).toBe(false);
    for (const heading of headings) {
      expect(
        titles.filter((t) => t === `${heading}${heading}` || t === `${heading} ${heading}`),
        `"${heading}" doubled`,
      ).toEqual([]);
    }
  });
  it('carries a DRAFT mark on every page only when the sheet is a draft', () => {
    const html = readFileSync(path.join(pageDir, 'index.html'), 'utf8');
    const draft = /<html\b[^>]*\bdata-draft\b/.test(html);
    const pages = pdfPages(file);
    expect(pages.length).toBe(Number(pdfInfo(file)['Pages']));
    for (const page of pages) expect(page.includes('DRAFT')).toBe(draft);
  });
  it('gives its size on the sheet page and on the index', () => {
    const size = pdfSizeLabel(readFileSync(file).length, 'en');
    const marker = new RegExp(`data-pdf-size="/policy-areas/digital-governance/${pdfName ?? ''}">([^<]*)<`, 'g');
    for (const page of [path.join(pageDir, 'index.html'), path.join(siteDir, 'index.html')]) {
      const found = [...readFileSync(page, 'utf8').matchAll(marker)].map((m) => m[1]);
      expect(found.length, page).toBeGreaterThan(0);
      for (const text of found) expect(text, page).toBe(size);
    }
  });
});
