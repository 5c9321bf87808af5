/**
 * Any host: the site built under a base path ("/fact-sheets/", as on a GitHub Pages project
 * site) has every link, asset, PDF, CSV, sitemap and JSON URL under that path, and the link
 * verifier passes over it; verified as if served from "/", the same site is broken.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteUrl } from '../../src/pipeline.ts';
import { siteFile, siteLink, withBase, withoutBase, normalizeBase } from '../../src/site/paths.ts';
import { formatIssue } from '../../src/diagnostics/index.ts';
import { listFiles, verifySite } from '../../src/verify/index.ts';
import { projectCopy, runScript } from '../quality/helpers.ts';

const base = '/fact-sheets/';

describe('base path helpers', () => {
  it('writes a base one way and maps paths into and out of it', () => {
    expect(['', '/', 'fact-sheets', '/fact-sheets', 'fact-sheets/', '//a//b//'].map(normalizeBase)).toEqual([
      '/',
      '/',
      '/fact-sheets/',
      '/fact-sheets/',
      '/fact-sheets/',
      '/a//b/',
    ]);
    expect(withBase('/policy-areas/x/', base)).toBe('/fact-sheets/policy-areas/x/');
    expect(withBase('/', '/')).toBe('/');
    expect(withoutBase('/fact-sheets/policy-areas/x/', base)).toBe('/policy-areas/x/');
    expect(withoutBase('/fact-sheets', base)).toBe('/');
    expect(withoutBase('/policy-areas/x/', base)).toBeUndefined();
    expect(siteFile('/fact-sheets/', base)).toBe('index.html');
    expect(siteFile('/fact-sheets/policy-areas/x/x.pdf', base)).toBe('policy-areas/x/x.pdf');
  });

  it('leaves anchors, relative and external links in content alone', () => {
    for (const href of ['#why', 'x.csv', 'https://example.org/', '//example.org/', 'mailto:a@b.org'])
      expect(siteLink(href)).toBe(href);
  });
});

describe('a build under a base path', () => {
  let root = '';
  let dispose = (): void => undefined;
  let dist = '';
  let status: number | null = null;
  let output = '';

  beforeAll(() => {
    ({ root, dispose } = projectCopy(undefined, { warm: true }));
    // An editor's site-absolute links, in the MDX prose and in a markdown field, follow the base too.
    const sheet = path.join(root, 'content/policy-areas/digital-governance.mdx');
    writeFileSync(
      sheet,
      `${readFileSync(sheet, 'utf8')}\nSee [all fact sheets](/) and [the status quo](/policy-areas/digital-governance/#status-quo).\n`,
    );
    const result = runScript('build', root, { env: { BASE_PATH: base } });
    status = result.status;
    output = result.stdout + result.stderr;
    dist = path.join(root, 'dist');
  });
  afterAll(() => dispose());

  it('builds, and its own verify stage passes', () => {
    expect(status, output).toBe(0);
  });

  it('passes the link verifier under the base path, and fails it when served from "/"', async () => {
    const site = await siteUrl(root);
    expect((await verifySite(dist, site, base)).map(formatIssue)).toEqual([]);
    expect((await verifySite(dist, site, '/')).length).toBeGreaterThan(0);
  });

  it('puts every site-absolute href and src of every page under the base', () => {
    const outside: string[] = [];
    for (const file of listFiles(dist).filter((name) => name.endsWith('.html'))) {
      const $ = load(readFileSync(path.join(dist, file), 'utf8'));
      $('[href], [src]').each((_, element) => {
        const url = $(element).attr('href') ?? $(element).attr('src') ?? '';
        if (url.startsWith('/') && !url.startsWith(base)) outside.push(`${file}: ${url}`);
      });
      $('meta[property^="og:"], meta[name^="twitter:"], link[rel="canonical"]').each((_, element) => {
        const url = $(element).attr('content') ?? $(element).attr('href') ?? '';
        if (/^https?:/.test(url) && !new URL(url).pathname.startsWith(base)) outside.push(`${file}: ${url}`);
      });
    }
    expect(outside).toEqual([]);
    const page = readFileSync(path.join(dist, 'policy-areas/digital-governance/index.html'), 'utf8');
    expect(page).toContain('href="/fact-sheets/policy-areas/digital-governance/#status-quo"');
  });

  it('names base-path URLs in the sitemap, JSON index and robots.txt', () => {
    const sitemap = readFileSync(path.join(dist, 'sitemap.xml'), 'utf8');
    const locs = [...sitemap.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => new URL(match[1] ?? '').pathname);
    expect(locs).toContain('/fact-sheets/policy-areas/digital-governance/');
    expect(locs.every((loc) => loc.startsWith(base))).toBe(true);
    const index = JSON.parse(readFileSync(path.join(dist, 'api/policy-areas.json'), 'utf8')) as {
      policyAreas: { url: string; pdf: string }[];
    };
    for (const sheet of index.policyAreas) {
      expect(new URL(sheet.url).pathname.startsWith(base)).toBe(true);
      expect(new URL(sheet.pdf).pathname.startsWith(base)).toBe(true);
    }
    expect(readFileSync(path.join(dist, 'robots.txt'), 'utf8')).toContain(`/fact-sheets/sitemap.xml`);
  });
});
