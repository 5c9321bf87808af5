/**
 * Links: every internal link and #anchor in the built site resolves, in pages and in PDFs;
 * external links are well-formed https:// URLs. verifySite (src/verify/) is proved on the
 * real dist/ and, with one broken thing each, on small sites made here.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { formatIssue } from '../../src/diagnostics/index.ts';
import { load } from '../../src/cheerio.ts';
import { verifySite } from '../../src/verify/index.ts';
import { elementsOf } from '../../src/verify/site.ts';
import { siteDir, siteUrl } from './helpers.ts';

const site = 'https://factsheets.opengovpartnership.org';
const made: string[] = [];
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

/** A small site: an index page and a sheet page with anchors, the given files laid over it. */
function smallSite(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ogp-verify-'));
  made.push(dir);
  const page = (body: string): string =>
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title><link rel="stylesheet" href="/_astro/site.css"></head><body>${body}</body></html>`;
  const all: Record<string, string | Buffer> = {
    'index.html': page(
      '<a href="/policy-areas/x/">X</a> <a href="/policy-areas/x/#why">Why</a> <a href="https://www.opengovpartnership.org/">OGP</a>',
    ),
    'policy-areas/x/index.html': page(
      '<h2 id="why">Why</h2><a href="#why">again</a> <a href="/">home</a> <a href="x.csv">data</a>',
    ),
    'policy-areas/x/x.csv': 'a,b\n1,2\n',
    '_astro/site.css': '@font-face{font-family:f;src:url(/_astro/f.woff2) format("woff2")}',
    '_astro/f.woff2': 'font',
    ...files,
  };
  for (const [file, content] of Object.entries(all)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), content);
  }
  return dir;
}

const problemsOf = async (dir: string): Promise<string[]> =>
  (await verifySite(dir, site)).map((p) => `${p.file}: ${p.problem}`);

describe('verifySite on the built site', () => {
  it('finds no broken link, anchor, unsafe or insecure link, in pages, styles and PDFs', async () => {
    const problems = await verifySite(siteDir, await siteUrl());
    expect(problems.map(formatIssue)).toEqual([]);
  });
});

describe('verifySite catches each kind of broken link', () => {
  it('accepts a sound site', async () => {
    expect(await problemsOf(smallSite({}))).toEqual([]);
  });

  const index = (body: string): Record<string, string> => ({
    'index.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>\n${body}</body></html>`,
  });
  const cases: [string, Record<string, string>, string][] = [
    [
      'a broken anchor on another page',
      index('<a href="/policy-areas/x/#whyy">Why</a>'),
      messages.quality.brokenAnchor('/policy-areas/x/#whyy', 'whyy', 'the page /policy-areas/x/').problem,
    ],
    [
      'a broken anchor on the same page',
      index('<a href="#nowhere">x</a>'),
      messages.quality.brokenAnchor('#nowhere', 'nowhere', 'this page').problem,
    ],
    [
      'a link to a missing page',
      index('<a href="/policy-areas/y/">Y</a>'),
      messages.quality.brokenLink('/policy-areas/y/', '/policy-areas/y/').problem,
    ],
    [
      'a relative link to a missing file',
      { 'policy-areas/x/index.html': '<!doctype html><a href="y.csv">d</a>' },
      messages.quality.brokenLink('y.csv', '/policy-areas/x/y.csv').problem,
    ],
    [
      'a javascript: link',
      index('<a href="javascript:alert(1)">x</a>'),
      messages.quality.unsafeLinkTarget('javascript:alert(1)').problem,
    ],
    ['an empty link', index('<a href="">x</a>'), messages.quality.emptyLinkTarget('a').problem],
    ['a bare # link', index('<a href="#">x</a>'), messages.quality.emptyLinkTarget('a').problem],
    [
      'an http:// link',
      index('<a href="http://example.org/">x</a>'),
      messages.quality.insecureLink('http://example.org/').problem,
    ],
    [
      'a malformed external link',
      index('<a href="https://exa mple/">x</a>'),
      messages.quality.malformedLink('https://exa mple/').problem,
    ],
    [
      'a stylesheet from another origin',
      index('<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=X">'),
      messages.quality.offSiteResource('https://fonts.googleapis.com/css?family=X').problem,
    ],
    [
      'a script from another origin',
      index('<script src="https://cdn.example.org/x.js"></script>'),
      messages.quality.offSiteResource('https://cdn.example.org/x.js').problem,
    ],
    [
      'a missing image',
      index('<img src="/missing.png" alt="x">'),
      messages.quality.brokenLink('/missing.png', '/missing.png').problem,
    ],
    [
      'a canonical URL to a missing page',
      index(`<link rel="canonical" href="${site}/nowhere/">`),
      messages.quality.brokenLink(`${site}/nowhere/`, '/nowhere/').problem,
    ],
    [
      'an alias redirect to a missing page',
      index('<meta http-equiv="refresh" content="0; url=/policy-areas/z/">'),
      messages.quality.brokenLink('/policy-areas/z/', '/policy-areas/z/').problem,
    ],
    [
      'a missing image in an inline style',
      index('<style>.x{background:url(/missing-bg.png)}</style>'),
      messages.quality.brokenLink('/missing-bg.png', '/missing-bg.png').problem,
    ],
    [
      'a missing image in a srcset',
      index('<img src="/policy-areas/x/x.csv" srcset="/policy-areas/x/x.csv 1x, /missing@2x.png 2x" alt="x">'),
      messages.quality.brokenLink('/missing@2x.png', '/missing@2x.png').problem,
    ],
    [
      'a missing SVG 1.1 reference',
      index('<svg><use xlink:href="/sprite.svg#i"/></svg>'),
      messages.quality.brokenLink('/sprite.svg#i', '/sprite.svg').problem,
    ],
    [
      'a missing SVG filter image',
      index('<svg><filter id="f"><feImage href="/texture.png"/></filter></svg>'),
      messages.quality.brokenLink('/texture.png', '/texture.png').problem,
    ],
    [
      'a social card image missing',
      index(`<meta property="og:image" content="${site}/policy-areas/x/card.png">`),
      messages.quality.brokenLink(`${site}/policy-areas/x/card.png`, '/policy-areas/x/card.png').problem,
    ],
    [
      'a missing video poster',
      index('<video poster="/poster.png"></video>'),
      messages.quality.brokenLink('/poster.png', '/poster.png').problem,
    ],
    [
      'a font from another origin in CSS',
      { '_astro/site.css': '@font-face{font-family:f;src:url(https://fonts.gstatic.com/f.woff2)}' },
      messages.quality.offSiteResource('https://fonts.gstatic.com/f.woff2').problem,
    ],
    [
      'a missing font in CSS',
      { '_astro/site.css': '@font-face{font-family:f;src:url(/_astro/g.woff2)}' },
      messages.quality.brokenLink('/_astro/g.woff2', '/_astro/g.woff2').problem,
    ],
  ];
  it.each(cases)('%s', async (_name, files, problem) => {
    expect(await problemsOf(smallSite(files))).toContainEqual(expect.stringContaining(problem));
  });

  it('checks the site URLs in the JSON index, sitemap and robots.txt', async () => {
    const dir = smallSite({
      'api/policy-areas.json': JSON.stringify(
        { policyAreas: [{ url: `${site}/policy-areas/x/`, pdf: `${site}/policy-areas/x/x.pdf` }] },
        null,
        2,
      ),
      'sitemap.xml': `<urlset><url><loc>${site}/</loc></url><url><loc>${site}/policy-areas/gone/</loc></url></urlset>`,
      'robots.txt': `Sitemap: ${site}/sitemap.xml\n`,
    });
    expect(await problemsOf(dir)).toEqual([
      `api/policy-areas.json: ${messages.quality.brokenLink(`${site}/policy-areas/x/x.pdf`, '/policy-areas/x/x.pdf').problem}`,
      `sitemap.xml: ${messages.quality.brokenLink(`${site}/policy-areas/gone/`, '/policy-areas/gone/').problem}`,
    ]);
  });

  it('names the file, line and column of a broken link in a page', async () => {
    const problems = await verifySite(smallSite(index('<p>x</p>\n<a href="#nowhere">x</a>')), site);
    expect(problems).toEqual([
      {
        file: 'index.html',
        line: 3,
        column: 1,
        ...messages.quality.brokenAnchor('#nowhere', 'nowhere', 'this page'),
        severity: 'error',
      },
    ]);
  });
});

describe("the verify stage's walk over a page's elements", () => {
  it("lists what $('*') lists, in the same order: template contents, SVG and noscript included", () => {
    const pages = [
      readFileSync(path.join(siteDir, 'policy-areas', 'digital-governance', 'index.html'), 'utf8'),
      '<!doctype html><html><head><noscript><link rel="stylesheet" href="/a.css"></noscript></head><body>' +
        '<template id="t"><a href="/in-template/">x</a><template><img src="/deeper.png"></template></template>' +
        '<svg><a href="#s"><feImage href="/f.png"/></a><foreignObject><p id="p">x</p></foreignObject></svg>' +
        '<table><tr><td><a name="n">n</a></td></tr></table></body></html>',
    ];
    for (const html of pages) {
      const $ = load(html);
      const walked = elementsOf($);
      expect(walked.length).toBeGreaterThan(10);
      expect(walked).toEqual($('*').toArray());
    }
  });
});

describe('verifySite on a page parsed for its anchors before its own check', () => {
  // index.html is checked first and links into the sheet page: the sheet page is parsed then for
  // its ids, and that parse is its own check's (src/verify/site.ts takeParsed).
  it("finds the link's broken anchor, then the page's own problems, at their lines and columns", async () => {
    const dir = smallSite({
      'index.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>' +
        '<a href="/policy-areas/x/#why">Why</a> <a href="/policy-areas/x/#gone">Gone</a></body></html>',
      'policy-areas/x/index.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>\n' +
        '<h2 id="why">Why</h2>\n  <a href="#nowhere">x</a> <a href="/missing/">m</a></body></html>',
    });
    expect(await verifySite(dir, site)).toEqual([
      {
        file: 'index.html',
        line: 1,
        column: 128,
        ...messages.quality.brokenAnchor('/policy-areas/x/#gone', 'gone', 'the page /policy-areas/x/'),
        severity: 'error',
      },
      {
        file: 'policy-areas/x/index.html',
        line: 3,
        column: 3,
        ...messages.quality.brokenAnchor('#nowhere', 'nowhere', 'this page'),
        severity: 'error',
      },
      {
        file: 'policy-areas/x/index.html',
        line: 3,
        column: 28,
        ...messages.quality.brokenLink('/missing/', '/missing/'),
        severity: 'error',
      },
    ]);
  });
});

describe('verifySite on a page linking with anchors into many pages not checked yet', () => {
  // More than the parses held at once (src/verify/site.ts): the others are parsed again for their check.
  it('finds every broken anchor and every page problem', async () => {
    const pages = Array.from({ length: 24 }, (_, i) => `p${String(i).padStart(2, '0')}`);
    const dir = smallSite({
      'index.html':
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>t</title></head><body>' +
        pages
          .map((page) => `<a href="/policy-areas/${page}/#${page === 'p20' ? 'gone' : 'why'}">${page}</a>`)
          .join('') +
        '</body></html>',
      ...Object.fromEntries(
        pages.map((page) => [
          `policy-areas/${page}/index.html`,
          '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>x</title></head><body>' +
            `<h2 id="why">Why</h2><a href="/missing-${page}/">m</a></body></html>`,
        ]),
      ),
    });
    expect(await problemsOf(dir)).toEqual([
      `index.html: ${messages.quality.brokenAnchor('/policy-areas/p20/#gone', 'gone', 'the page /policy-areas/p20/').problem}`,
      ...pages.map(
        (page) =>
          `policy-areas/${page}/index.html: ${messages.quality.brokenLink(`/missing-${page}/`, `/missing-${page}/`).problem}`,
      ),
    ]);
  });
});

describe('verifySite checks the links inside PDFs', () => {
  const builtPdf = (): Buffer | undefined => {
    try {
      const dir = path.join(siteDir, 'policy-areas');
      for (const slug of readdirSync(dir).sort()) {
        for (const file of readdirSync(path.join(dir, slug)).sort())
          if (file.endsWith('.pdf')) return readFileSync(path.join(dir, slug, file));
      }
    } catch {
      // no PDF built
    }
    return undefined;
  };

  it('accepts the PDF as printed, and rejects a PDF whose link points at a missing page or a loopback address', async () => {
    const pdf = builtPdf();
    expect(pdf, 'dist/ holds a PDF').toBeDefined();
    if (pdf === undefined) return;
    const good = smallSite({ 'policy-areas/x/sheet.pdf': pdf });
    expect(await problemsOf(good)).toEqual([]);

    // Same-length replacement keeps the PDF's cross-reference offsets valid.
    const text = pdf.toString('latin1');
    const external = [...text.matchAll(/\/URI \((https:\/\/[^)]+)\)/g)]
      .map((m) => m[1] ?? '')
      .sort((a, b) => b.length - a.length)[0];
    expect(external, 'the PDF has an external link long enough to rewrite').toMatch(/^.{48,}$/);
    if (external === undefined) return;
    const onSite = `${site}/nope/`.padEnd(external.length, 'x').slice(0, external.length);
    const broken = smallSite({
      'policy-areas/x/sheet.pdf': Buffer.from(text.replace(`(${external})`, `(${onSite})`), 'latin1'),
    });
    expect(await problemsOf(broken)).toContainEqual(expect.stringContaining('which is not in the built site'));
    const loopback = 'http://127.0.0.1:4321/x/'.padEnd(external.length, 'x').slice(0, external.length);
    const local = smallSite({
      'policy-areas/x/sheet.pdf': Buffer.from(text.replace(`(${external})`, `(${loopback})`), 'latin1'),
    });
    expect(await problemsOf(local)).toContainEqual(
      expect.stringContaining(messages.quality.pdfLinkNotPublic(loopback).problem),
    );
  });
});
