/**
 * The pages are given to Pagefind without what it reads nothing of (src/publish/search-html.ts:
 * their SVG's content, their style, their <meta> and <link> tags): Pagefind makes the same files,
 * byte for byte, from the pages trimmed as from the pages whole, on the built site and on pages
 * made to catch a trimming too eager (text, titles, ids and Pagefind's attributes in and around
 * SVG, markup that only looks like it in comments, scripts and text areas).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { forPagefind } from '../../src/publish/search-html.ts';
import { htmlPages, siteDir } from '../quality/helpers.ts';

const pagefind = await import('pagefind');
afterAll(async () => pagefind.close());

/** Pagefind's files (path -> SHA-256) for these pages, each given as `as` makes it. */
async function indexOf(pages: readonly { url: string; html: string }[], as: (html: string) => string) {
  const { index, errors } = await pagefind.createIndex({ keepIndexUrl: false });
  if (index === undefined) throw new Error(errors.join('; '));
  for (const page of pages) {
    const added = await index.addHTMLFile({ url: page.url, content: as(page.html) });
    expect(added.errors).toEqual([]);
  }
  const { files } = await index.getFiles();
  await index.deleteIndex();
  return Object.fromEntries(files.map((file) => [file.path, createHash('sha256').update(file.content).digest('hex')]));
}

const whole = (html: string): string => html;

describe('the pages given to Pagefind', () => {
  it('make the same index trimmed as whole, on the built site', async () => {
    const pages = htmlPages()
      .map((file) => ({ url: `/${file}`, html: readFileSync(path.join(siteDir, file), 'utf8') }))
      .filter((page) => page.html.includes('data-pagefind-body'));
    expect(pages.length).toBeGreaterThan(2);
    // A third or more of each sheet page is what Pagefind reads nothing of.
    for (const page of pages) expect(forPagefind(page.html).length).toBeLessThan(page.html.length * 0.75);
    const trimmed = await indexOf(pages, forPagefind);
    expect(Object.keys(trimmed).some((file) => file.endsWith('.pf_fragment'))).toBe(true);
    expect(trimmed).toEqual(await indexOf(pages, whole));
  });

  const head = (title = '<title>A page | Site</title>'): string =>
    `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">${title}<meta name="description" content="About">` +
    `<link rel="stylesheet" href="/a.css"><style>body { color: red } h1::before { content: "<svg>" }</style></head>`;
  const chart =
    '<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 10 10" role="img"><title id="t">Chart of ' +
    'lemons</title><desc>Lemons per year</desc><g id="marks"><rect width="1" height="2"/><text x="1">Hidden ' +
    'words</text><text><tspan>more</tspan> words</text></g></svg>';
  /** Odd pages: each, and whether it is trimmed (false: given whole, as the trimming cannot be sure). */
  const odd: [string, string, boolean][] = [
    [
      'a chart among text, sections with ids after it',
      `${head()}<body><nav id="n">Menu</nav><main><article data-pagefind-body><h1 id="top">Lemons</h1>` +
        `<p>Before ${chart} after.</p><style>.x { color: blue }</style><h2 id="more">More</h2><p>Text` +
        `<svg viewBox="0 0 2 2" aria-hidden="true"><path d="M0 0h2"/></svg>end.</p></article></main></body></html>`,
      true,
    ],
    [
      'an SVG with an id (an anchor)',
      `${head()}<body><article data-pagefind-body><h1>Limes</h1><svg id="figure">Figure words<text>drawn</text>` +
        `<g><text>more</text></g></svg><p>After ${chart}</p></article></body></html>`,
      true,
    ],
    [
      'no <title> in the head: the first SVG title is the fallback title',
      `${head('')}<body><article data-pagefind-body><p>No heading ${chart}</p></article></body></html>`,
      true,
    ],
    [
      "Pagefind's attributes inside an SVG and in the head",
      `${head('<title>Meta</title><meta data-pagefind-filter="kind[content]" content="sheet"><meta data-pagefind-meta="image[content]" content="/x.png"><link id="l" rel="x" href="/y">')}` +
        `<body><article data-pagefind-body><h1>Oranges</h1><svg><g data-pagefind-meta="chart:oranges"><text>o</text>` +
        `</g></svg><svg data-pagefind-filter="shape:round"><circle r="1"/></svg><style id="s">.y{}</style>${chart}` +
        `</article></body></html>`,
      true,
    ],
    [
      'markup that is text: in a comment, a script, a text area and a title',
      `${head('<title>Of <svg> and <style></title>')}<body><article data-pagefind-body><h1>Text</h1><!-- <svg><text>` +
        `in a comment</text></svg> <style> --><textarea><style>not a style</style> <svg><text>typed</text></svg>` +
        `</textarea><script>const s = "<svg><text>scripted</text></svg>";</script><p data-x="<svg>">Shown</p>${chart}` +
        `</article></body></html>`,
      true,
    ],
    [
      'HTML inside an SVG (it leaves the SVG)',
      `${head()}<body><article data-pagefind-body><h1>Pears</h1><svg><text>a</text><p>Out of the SVG</p>` +
        `<img src="/pear.png" alt="A pear"></svg>${chart}</article></body></html>`,
      false,
    ],
    [
      'an SVG with a comment, a self-closing SVG, MathML',
      `${head()}<body><article data-pagefind-body><h1>Plums</h1><svg><!-- </svg> --><text>a</text></svg>` +
        `<svg/><math><mi>x</mi></math>${chart}</article></body></html>`,
      false,
    ],
    ['a style not closed', `${head()}<body><article data-pagefind-body><h1>Figs</h1>${chart}<style>.a{}`, false],
  ];

  it.each(odd)('make the same index trimmed as whole: %s', async (_, html, trims) => {
    expect(forPagefind(html) !== html).toBe(trims);
    const pages = [{ url: '/odd/', html }];
    expect(await indexOf(pages, forPagefind)).toEqual(await indexOf(pages, whole));
  });

  it('keep what Pagefind reads: titles in SVG, ids, its attributes; drop the rest of SVG and style', () => {
    const html = odd[3]?.[1] ?? '';
    const trimmed = forPagefind(html);
    for (const kept of [
      '<title>Meta</title>',
      'data-pagefind-filter="kind[content]"',
      '<link id="l"',
      'data-pagefind-meta="chart:oranges"',
      '<svg data-pagefind-filter="shape:round"><circle r="1"/></svg>',
      '<style id="s">.y{}</style>',
      '<title id="t">Chart of lemons</title>',
    ])
      expect(trimmed).toContain(kept);
    for (const gone of ['Hidden', 'Lemons per year', 'color: red', '<meta charset', 'a.css'])
      expect(trimmed).not.toContain(gone);
  });
});
