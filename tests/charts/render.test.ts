import { cp, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { draw, forgetMemory, renderChart } from '../../src/charts/render.ts';
import { colours } from '../../src/charts/theme.ts';
import { ChartSchema, type Chart } from '../../src/schemas/chart.ts';
import { FIXTURE, irmChart, perYearChart } from './helpers.ts';
import { strings } from '../../src/i18n/index.ts';

const chart = (value: unknown): Chart => ChartSchema.parse(value);
/** The text of every <text> element of a given Vega role, in document order. */
const texts = (svg: string, role: string): string[] => {
  const group = new RegExp(`<g class="mark-text role-${role}[" ][^>]*>(.*?)</g>`, 'gs');
  return [...svg.matchAll(group)].flatMap((g) =>
    [...(g[1] ?? '').matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] ?? ''),
  );
};
/** The bar paths (Vega's rect marks). */
const bars = (svg: string): string[] => {
  const group = /<g class="mark-rect role-mark[^"]*"[^>]*>(.*?)<\/g>/gs;
  return [...svg.matchAll(group)].flatMap((g) => [...(g[1] ?? '').matchAll(/<path [^>]*>/g)].map((m) => m[0]));
};

describe('commitments per year', () => {
  it('draws one bar per year with its count written on it, in the theme', async () => {
    const out = await draw(FIXTURE, 'test-area', chart({ ...perYearChart, until: 2020 }));
    const { svg } = out;
    expect(bars(svg)).toHaveLength(9); // 2012..2020
    expect(bars(svg).every((b) => b.includes(`fill="${colours.accent}"`))).toBe(true);
    expect(texts(svg, 'axis-label')).toEqual(['2012', '2013', '2014', '2015', '2016', '2017', '2018', '2019', '2020']);
    expect(texts(svg, 'mark')).toEqual(['1', '0', '1', '0', '1', '0', '0', '0', '1']);
    expect(texts(svg, 'axis-title')).toEqual([strings('en').chart.yearAxis]);
    expect(svg).toContain(`font-family="'Source Sans 3', 'Source Sans Pro', Arial, sans-serif"`);
    // One accessible image: named by its title, described by the alt text.
    expect(svg).toMatch(
      /^<svg [^>]*role="img" aria-labelledby="chart-test-area-per-year-svg-title" aria-describedby="chart-test-area-per-year-svg-desc"/,
    );
    expect(svg).toContain('<title id="chart-test-area-per-year-svg-title">Test commitments per year</title>');
    expect(svg).toContain(`<desc id="chart-test-area-per-year-svg-desc">${perYearChart.alt}</desc>`);
    // Vega's per-mark labels are off (config.aria false): the image is read as one, by its title and description.
    expect(svg).not.toMatch(/aria-label=/);
  });

  it('gives the plotted rows as table and CSV, and the CSV a path next to the sheet', async () => {
    const out = await draw(FIXTURE, 'test-area', chart({ ...perYearChart, until: 2020 }));
    expect(out.csv).toBe('year,commitments\n2012,1\n2013,0\n2014,1\n2015,0\n2016,1\n2017,0\n2018,0\n2019,0\n2020,1\n');
    expect(out.table.columns).toEqual(['Action plan year', 'Digital Governance commitments']);
    expect(out.table.rows[0]).toEqual([2012, 1]);
    expect(out.csvPath).toBe('/policy-areas/test-area/per-year.csv');
    expect(out.illustrative).toBe(true); // data/datasets.yaml marks commitments.csv
    expect(out.footnotes).toEqual([]);
  });
});

describe('IRM performance, area vs all', () => {
  it('draws grouped bars with percentages, a legend, and "*" on small samples', async () => {
    const out = await draw(FIXTURE, 'test-area', chart(irmChart));
    const { svg } = out;
    const fills = bars(svg).map((b) => /fill="(#[0-9a-f]{6})"/.exec(b)?.[1]);
    expect(fills).toEqual([
      colours.accent,
      colours.comparison,
      colours.accent,
      colours.comparison,
      colours.accent,
      colours.comparison,
    ]);
    expect(texts(svg, 'mark')).toEqual(['50%', '38%', '100%', '60%', '67%', '43%']);
    expect(texts(svg, 'axis-label')).toEqual(['Ambition*', 'Completion*', 'Early results*']);
    expect(texts(svg, 'legend-label')).toEqual(['Digital Governance commitments', 'All OGP commitments']);
    expect(out.footnotes).toEqual([strings('en').chart.smallSampleFootnote]);
    expect(out.csv).toBe(
      [
        'measure,series,percent,meeting,assessed',
        'Ambition,Digital Governance commitments,50,2,4',
        'Ambition,All OGP commitments,38,3,8',
        'Completion,Digital Governance commitments,100,2,2',
        'Completion,All OGP commitments,60,3,5',
        'Early results,Digital Governance commitments,67,2,3',
        'Early results,All OGP commitments,43,3,7',
        '',
      ].join('\n'),
    );
  });

  it('keeps a typed footnote once when it equals the computed one', async () => {
    const out = await draw(
      FIXTURE,
      'test-area',
      chart({ ...irmChart, footnotes: ['* sample size < 50', 'Another note.'] }),
    );
    expect(out.footnotes).toEqual(['* sample size < 50', 'Another note.']);
  });
});

describe('Vega-Lite charts', () => {
  const inline = {
    id: 'shares',
    kind: 'vega-lite',
    title: 'Shares by member',
    alt: 'Bar chart of the share for each test member.',
    data: 'shares.json',
    source: 'Test data.',
    spec: {
      mark: 'bar',
      encoding: { x: { field: 'member', type: 'nominal' }, y: { field: 'share', type: 'quantitative' } },
    },
  };

  it('draws an inline spec from JSON data with the theme, and the CSV holds the plotted fields', async () => {
    const out = await draw(FIXTURE, 'test-area', chart(inline));
    expect(bars(out.svg)).toHaveLength(3);
    expect(bars(out.svg).every((b) => b.includes(`fill="${colours.accent}"`))).toBe(true);
    // Vega-Lite sorts a nominal axis alphabetically by default.
    expect(texts(out.svg, 'axis-label').slice(0, 3)).toEqual(['Exampleia', 'Nowhere Town', 'Testland']);
    expect(out.csv).toBe('member,share\nTestland,40\nExampleia,25\nNowhere Town,10\n');
    expect(out.illustrative).toBe(false); // shares.json is listed without `illustrative`
  });

  it('tables an aggregating chart as it plots it: a count a region, not every row counted', async () => {
    const byRegion = {
      ...inline,
      id: 'by-region',
      data: 'commitments.csv',
      spec: {
        transform: [{ filter: "datum['Digital Governance'] == 1" }],
        mark: 'bar',
        encoding: {
          y: { field: 'Region', type: 'nominal', title: null },
          x: { aggregate: 'count', type: 'quantitative', title: 'Commitments' },
        },
      },
    };
    const out = await draw(FIXTURE, 'test-area', chart(byRegion));
    expect(out.table).toEqual({
      columns: ['Region', 'Commitments'],
      rows: [
        ['Europe', 3],
        ['Americas', 2],
      ],
    });
    expect(out.csv).toBe('Region,count\nEurope,3\nAmericas,2\n');
    // Stacked by a colour: the count itself, not where its bar segment starts and ends.
    const stacked = await draw(
      FIXTURE,
      'test-area',
      chart({
        ...byRegion,
        spec: {
          mark: 'bar',
          encoding: {
            y: { field: 'Region', type: 'nominal' },
            x: { aggregate: 'count', type: 'quantitative', title: 'Commitments' },
            color: { field: 'Digital Governance', type: 'nominal', title: 'Tagged' },
          },
        },
      }),
    );
    expect(stacked.table.columns).toEqual(['Region', 'Tagged', 'Commitments']);
    expect(stacked.table.rows).toEqual([
      ['Europe', '1', 3],
      ['Europe', '0', 2],
      ['Americas', '0', 2],
      ['Americas', '1', 2],
      ['Africa and the Middle East', '0', 1],
    ]);
  });

  it("measures labels in the page's font, so one a browser shows whole is drawn whole", async () => {
    // "Nowhere Town regions" is ~120 px in Source Sans 3 at the axis' 13 px, under Vega's default
    // 180 px label limit; Vega's estimate without a canvas (0.8 em a character, 208 px) cut it.
    const out = await draw(
      FIXTURE,
      'test-area',
      chart({
        ...inline,
        spec: {
          transform: [{ calculate: "datum.member + ' regions'", as: 'region' }],
          mark: 'bar',
          encoding: { y: { field: 'region', type: 'nominal' }, x: { field: 'share', type: 'quantitative' } },
        },
      }),
    );
    const names = texts(out.svg, 'axis-label').filter((label) => !/^\d+$/.test(label)); // not the x axis' numbers
    expect(names).toEqual(['Exampleia regions', 'Nowhere Town regions', 'Testland regions']);
  });
});

describe('determinism and the cache', () => {
  const dirs: string[] = [];
  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('gives the same bytes every time, with ids unique to the chart', async () => {
    const a = await draw(FIXTURE, 'test-area', chart(irmChart));
    await draw(FIXTURE, 'test-area', chart(perYearChart)); // advances Vega's global id counters
    const b = await draw(FIXTURE, 'test-area', chart(irmChart));
    expect(b.svg).toBe(a.svg);
    for (const [, id] of a.svg.matchAll(/\sid="([^"]+)"/g)) expect(id).toMatch(/^chart-test-area-performance-/);
  });

  it('caches by content hash on disk, and a data change draws anew', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'charts-cache-'));
    dirs.push(root);
    await cp(path.join(FIXTURE, 'data'), path.join(root, 'data'), { recursive: true });
    const first = await renderChart(root, 'test-area', chart(perYearChart));
    const cached = await readdir(path.join(root, '.cache', 'charts'));
    expect(cached).toHaveLength(1);
    forgetMemory();
    expect(await renderChart(root, 'test-area', chart(perYearChart))).toEqual(first);
    expect(await readdir(path.join(root, '.cache', 'charts'))).toEqual(cached);
    // Append a 2022 Digital Governance commitment: the figure changes, a new entry is written.
    const csv = path.join(root, 'data', 'commitments.csv');
    const { readFile } = await import('node:fs/promises');
    await writeFile(
      csv,
      `${await readFile(csv, 'utf8')}TST0011,Testland,National,Europe,2022,T,T,1,0,0,ND,Modest,ND,ND,ND,ND,0,1\n`,
    );
    const second = await renderChart(root, 'test-area', chart(perYearChart));
    expect(second.csv.endsWith('2022,1\n')).toBe(true);
    expect(await readdir(path.join(root, '.cache', 'charts'))).toHaveLength(2);
  });
});
