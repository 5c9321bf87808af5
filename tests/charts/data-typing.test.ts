/**
 * The values a Vega-Lite chart sees (src/charts/vega-data.ts), proved on drawn SVG: a blank
 * cell or a JSON null is missing, never 0; text stays as written; nested JSON stays nested;
 * whole-number years and ISO dates work as temporal; a chart's `format.parse` is honoured.
 * Byte-for-byte agreement with Vega-Lite itself is tests/charts/corpus.test.ts.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draw } from '../../src/charts/render.ts';
import { ChartSchema } from '../../src/schemas/chart.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

/** Draws `spec` from a data file with the given text, in a project of its own. */
async function drawWith(file: string, text: string, spec: object, format?: object) {
  const root = await mkdtemp(path.join(tmpdir(), 'data-typing-'));
  dirs.push(root);
  await mkdir(path.join(root, 'data'));
  await writeFile(path.join(root, 'data', file), text);
  const chart = ChartSchema.parse({
    id: 'typed',
    kind: 'vega-lite',
    title: 'Typing',
    alt: 'A chart drawn to test how data is typed.',
    source: 'Test data.',
    data: file,
    spec,
    ...(format ? { format } : {}),
  });
  return draw(root, 'test-area', chart);
}

/** The text of every <text> of a Vega role, in document order. */
const texts = (svg: string, role: string): string[] =>
  [...svg.matchAll(new RegExp(`<g class="mark-text role-${role}[" ][^>]*>(.*?)</g>`, 'gs'))].flatMap((g) =>
    [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? ''),
  );
/** The y of every point symbol (Vega's symbol marks are translated paths). */
const pointYs = (svg: string): number[] => {
  const group = /<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '';
  return [...group.matchAll(/transform="translate\(([-\d.]+),([-\d.]+)\)"/g)].map((m) => Number(m[2]));
};
const bars = (svg: string): string[] =>
  [...(/<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/s.exec(svg)?.[1] ?? '').matchAll(/<path [^>]*>/g)].map(
    (m) => m[0],
  );

const scatter = {
  mark: 'point',
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
};

describe('missing values', () => {
  it('a blank CSV cell is no point at all, not a point at 0', async () => {
    const { svg, csv } = await drawWith('blank.csv', 'x,y\n1,5\n2,\n3,7\n', scatter);
    expect(pointYs(svg)).toHaveLength(2);
    // The y axis starts at 0 (the bottom of the plot): nothing is drawn there.
    expect(Math.max(...pointYs(svg))).toBeLessThan(200);
    expect(csv).toBe('x,y\n1,5\n2,\n3,7\n'); // the table says blank, as the file does
  });

  it('a blank TSV cell and a JSON null are missing too', async () => {
    const tsv = await drawWith('blank.tsv', 'x\ty\n1\t5\n2\t\n3\t7\n', scatter);
    expect(pointYs(tsv.svg)).toHaveLength(2);
    const json = await drawWith('null.json', '[{"x":1,"y":5},{"x":2,"y":null},{"x":3,"y":7},{"x":4}]', scatter);
    expect(pointYs(json.svg)).toHaveLength(2);
  });

  it('a bar for a missing value is not drawn as a zero bar', async () => {
    const spec = {
      mark: 'bar',
      encoding: { x: { field: 'member', type: 'nominal' }, y: { field: 'v', type: 'quantitative' } },
    };
    const { svg } = await drawWith('bars.csv', 'member,v\nA,4\nB,\nC,6\n', spec);
    expect(bars(svg)).toHaveLength(2);
  });

  it('a layer can single out missing values (datum.v === null)', async () => {
    const spec = {
      transform: [{ filter: 'datum.v === null' }],
      mark: 'text',
      encoding: { y: { field: 'member', type: 'nominal' }, text: { field: 'member', type: 'nominal' } },
    };
    const { svg } = await drawWith('bars.csv', 'member,v\nA,4\nB,\nC,6\n', spec);
    expect(texts(svg, 'mark')).toEqual(['B']);
  });
});

describe('values as written', () => {
  const labels = {
    mark: 'text',
    encoding: { y: { field: 'member', type: 'nominal' }, text: { field: 'price', type: 'nominal' } },
  };

  it('keeps number-like text as written ("12.50", "007")', async () => {
    const { svg } = await drawWith('prices.csv', 'member,price\nA,12.50\nB,007\n', labels);
    expect(texts(svg, 'mark')).toEqual(['12.50', '007']);
  });

  it("honours the chart's format.parse", async () => {
    const { svg } = await drawWith('prices.csv', 'member,price\nA,12.50\nB,007\n', labels, {
      parse: { price: 'number' },
    });
    expect(texts(svg, 'mark')).toEqual(['12.5', '7']);
  });

  it('reads nested JSON fields ("a.b"), never "[object Object]"', async () => {
    const spec = {
      mark: 'text',
      encoding: { y: { field: 'name', type: 'nominal' }, text: { field: 'stats.share', type: 'quantitative' } },
    };
    const { svg, table } = await drawWith(
      'nested.json',
      '[{"name":"A","stats":{"share":40}},{"name":"B","stats":{"share":25}}]',
      spec,
    );
    expect(texts(svg, 'mark')).toEqual(['40', '25']);
    expect(svg).not.toContain('object Object');
    expect(table.columns).toEqual(['name', 'stats.share']);
    expect(table.rows).toEqual([
      ['A', 40],
      ['B', 25],
    ]);
  });
});

describe('dates', () => {
  const years = (file: string, text: string) =>
    drawWith(file, text, {
      mark: 'line',
      encoding: { x: { field: 'year', type: 'temporal' }, y: { field: 'n', type: 'quantitative' } },
    });

  it('reads whole-number years as years, in CSV and in JSON', async () => {
    const csv = await years('years.csv', 'year,n\n1900,1\n1950,2\n2000,3\n');
    expect(texts(csv.svg, 'axis-label').filter((l) => /^\d{4}$/.test(l))).toContain('1950');
    const json = await years('years.json', '[{"year":1900,"n":1},{"year":1950,"n":2},{"year":2000,"n":3}]');
    const labels = texts(json.svg, 'axis-label');
    expect(labels).toContain('1950');
    expect(labels.some((l) => l.startsWith('.'))).toBe(false); // not milliseconds (".990")
  });

  it('reads ISO dates as dates', async () => {
    const { svg } = await drawWith('iso.csv', 'day,n\n2020-01-01,1\n2020-03-01,2\n2020-06-01,3\n', {
      mark: 'point',
      encoding: { x: { field: 'day', type: 'temporal' }, y: { field: 'n', type: 'quantitative' } },
    });
    expect(texts(svg, 'axis-label')).toContain('March');
  });
});
