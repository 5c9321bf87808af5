/** The render cache: keyed on what is drawn, safe under concurrent calls, each file read once. */
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it } from 'vitest';
import { DATA_CACHE, forgetFiles, readTable, saveDataCache } from '../../src/charts/data-file.ts';
import { loadManifest } from '../../src/charts/manifest.ts';
import { prepareChart } from '../../src/charts/prepare.ts';
import { cacheKey, renderChart } from '../../src/charts/render.ts';
import { ChartSchema } from '../../src/schemas/chart.ts';
import { FIXTURE, irmChart, perYearChart } from './helpers.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const copyOfFixture = async (): Promise<string> => {
  const root = await mkdtemp(path.join(tmpdir(), 'charts-cache-'));
  dirs.push(root);
  await cp(path.join(FIXTURE, 'data'), path.join(root, 'data'), { recursive: true });
  return root;
};

describe('the cache key', () => {
  it('changes when the words of chartText change (seen in the prepared chart), not with the root', async () => {
    const chart = ChartSchema.parse(irmChart);
    const prepared = await prepareChart(FIXTURE, chart);
    const input = { sheetSlug: 'test-area', chart, prepared, dataset: undefined };
    const key = await cacheKey(input);
    // Same input drawn from another root: same key (the key is what is drawn, not where).
    expect(await cacheKey({ ...input, prepared: await prepareChart(await copyOfFixture(), chart) })).toBe(key);
    // "All OGP commitments" reworded in the string table: the spec and table carry the new words.
    const reworded = JSON.parse(
      JSON.stringify(prepared).replaceAll('All OGP commitments', 'All commitments in OGP'),
    ) as typeof prepared;
    expect(reworded).not.toEqual(prepared);
    expect(await cacheKey({ ...input, prepared: reworded })).not.toBe(key);
    // A reworded table heading alone, or a footnote: a new key too.
    const heading = {
      ...prepared,
      table: { ...prepared.table, columns: ['Measure (IRM)', ...prepared.table.columns.slice(1)] },
    };
    expect(await cacheKey({ ...input, prepared: heading })).not.toBe(key);
    expect(await cacheKey({ ...input, prepared: { ...prepared, computedFootnotes: ['* n < 50'] } })).not.toBe(key);
    // The "Illustrative data" mark comes from the manifest entry.
    expect(
      await cacheKey({ ...input, dataset: { title: 'T', source: 'S', illustrative: true, coverage: 'all' } }),
    ).not.toBe(key);
  });
});

describe('concurrent calls', () => {
  it('draw a chart once: the page and its CSV endpoint share one drawing and one cache file', async () => {
    const root = await copyOfFixture();
    const chart = ChartSchema.parse(perYearChart);
    const results = await Promise.all(Array.from({ length: 4 }, () => renderChart(root, 'test-area', chart)));
    for (const result of results) expect(result).toEqual(results[0]);
    const files = await readdir(path.join(root, '.cache', 'charts'));
    expect(files).toHaveLength(1);
    expect(files.filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it("keep the sheet's own footnotes out of the cache: the same drawing serves both", async () => {
    const root = await copyOfFixture();
    const plain = await renderChart(root, 'test-area', ChartSchema.parse(irmChart));
    const noted = await renderChart(root, 'test-area', ChartSchema.parse({ ...irmChart, footnotes: ['A note.'] }));
    expect(noted.footnotes).toEqual(['A note.', ...plain.footnotes]);
    expect(noted.svg).toBe(plain.svg);
    expect(await readdir(path.join(root, '.cache', 'charts'))).toHaveLength(1);
  });
});

describe('reading once per process', () => {
  it('parses a data file once, also when asked concurrently, and again when it changes', async () => {
    const root = await copyOfFixture();
    const [a, b] = await Promise.all([readTable(root, 'shares.json'), readTable(root, 'shares.json')]);
    expect(b).toBe(a);
    expect(await readTable(root, 'shares.json')).toBe(a);
    await writeFile(path.join(root, 'data', 'shares.json'), '[{"member": "Changed", "share": 1}]\n');
    const changed = await readTable(root, 'shares.json');
    expect(changed.rows).toEqual([['Changed', '1']]);
    expect(changed.hash).not.toBe(a.hash);
  });

  it('reads and validates data/datasets.yaml once while it is unchanged', async () => {
    const root = await copyOfFixture();
    const first = await loadManifest(root);
    expect(await loadManifest(root)).toBe(first);
    await writeFile(path.join(root, 'data', 'datasets.yaml'), 'shares.json:\n  title: T\n  source: S\n');
    expect(Object.keys((await loadManifest(root)).manifest)).toEqual(['shares.json']);
  });
});

describe('the data files kept from one build to the next', () => {
  it("takes a CSV's rows from the cache while its bytes are the same, and parses it again when they change", async () => {
    const root = await copyOfFixture();
    const fresh = await readTable(root, 'commitments.csv');
    await saveDataCache(root);
    // The kept rows, changed where only the cache could have them from.
    const kept = deserialize(await readFile(path.join(root, DATA_CACHE))) as Map<string, Buffer>;
    expect(kept.size).toBe(1);
    const [[key, entry]] = [...kept] as [[string, Buffer]];
    const rows = deserialize(entry) as { columns: string[]; rows: string[][]; lines: number[] };
    expect(rows).toEqual({ columns: fresh.columns, rows: fresh.rows, lines: fresh.lines });
    await writeFile(
      path.join(root, DATA_CACHE),
      serialize(new Map([[key, serialize({ ...rows, columns: ['kept'] })]])),
    );
    forgetFiles();
    const taken = await readTable(root, 'commitments.csv');
    expect(taken.columns).toEqual(['kept']);
    expect({ ...taken, columns: fresh.columns }).toEqual(fresh);
    // Other bytes (a row more): parsed afresh.
    const lastRow = fresh.text.trimEnd().split('\n').at(-1) ?? '';
    await writeFile(path.join(root, 'data', 'commitments.csv'), `${fresh.text.trimEnd()}\n${lastRow}\n`);
    forgetFiles();
    const changed = await readTable(root, 'commitments.csv');
    expect(changed.columns).toEqual(fresh.columns);
    expect(changed.rows).toEqual([...fresh.rows, fresh.rows.at(-1)]);
  });

  it('keeps no file that did not parse', async () => {
    const root = await copyOfFixture();
    await writeFile(path.join(root, 'data', 'broken.csv'), 'a,b\n1,2,3\n');
    await expect(readTable(root, 'broken.csv')).rejects.toThrow();
    await saveDataCache(root);
    await expect(readFile(path.join(root, DATA_CACHE))).rejects.toThrow();
  });
});
