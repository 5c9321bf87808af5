import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/index.ts';
import { renderProse } from '../../src/content/prose.ts';
import { readMdxFile } from '../../src/content/source.ts';
import { fixturesDir } from '../helpers/fixture.ts';

const corpus = (name: string): string => readFileSync(path.join(fixturesDir, 'prose', name), 'utf8');

describe('a sheet’s prose rendered as Astro’s MDX integration rendered it in the page', () => {
  const base = process.env['BASE_PATH'];
  afterEach(() => {
    if (base === undefined) delete process.env['BASE_PATH'];
    else process.env['BASE_PATH'] = base;
  });

  // rich.html and rich-es.html: the prose of the sheet page Astro built from these bodies (with
  // @astrojs/mdx and the page's ProseLink, main 905e20e): emphasis, links, smart punctuation,
  // entities, hard breaks, headings and their ids, tight and loose lists, task lists, a quote,
  // a GFM table with alignments, a rule, images, footnotes, highlighted code.
  it('renders every kind of markdown byte for byte as the page did', async () => {
    expect(await renderProse(corpus('rich.md'), 'content/policy-areas/rich.mdx')).toBe(corpus('rich.html'));
    expect(await renderProse(corpus('rich-es.md'), 'content/policy-areas/es/rich.mdx')).toBe(corpus('rich-es.html'));
  });

  it('keeps the line ends of a file written with CRLF, as Astro compiled the file as it was', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ogp-prose-'));
    try {
      const file = path.join(dir, 'crlf.mdx');
      writeFileSync(file, `\uFEFF${corpus('crlf.mdx').replace(/\n/g, '\r\n')}`);
      const read = await readMdxFile(file, 'crlf.mdx', 'a sheet');
      if (!read.ok) throw new Error('crlf.mdx does not read');
      expect(read.source.body?.text).toBe(corpus('crlf.mdx').slice(corpus('crlf.mdx').indexOf('\n---\n', 4) + 5));
      const expected = (JSON.parse(corpus('crlf.json')) as { html: string }).html;
      expect(await renderProse(read.source.body?.written ?? '', 'crlf.mdx')).toBe(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('points a site-absolute link under the base path, as the page’s links are', async () => {
    process.env['BASE_PATH'] = '/fact-sheets/';
    const html = await renderProse('A [link](/policy-areas/x/#why), [out](https://example.org/) and [here](#why).\n', 'x.mdx');
    expect(html).toBe(
      '<p>A <a href="/fact-sheets/policy-areas/x/#why">link</a>, <a href="https://example.org/">out</a> and <a href="#why">here</a>.</p>',
    );
  });

  it('renders no code, markup or syntax error the check refuses (dev only meets them)', async () => {
    for (const body of ['Text <Chart /> here.\n', 'Text {1 + 1}.\n', 'import x from "y"\n\nText.\n', 'Text <b\n']) {
      await expect(renderProse(body, 'content/policy-areas/x.mdx')).rejects.toBeInstanceOf(UserError);
    }
  });
});
