/**
 * Honest figures for the built-in chart kinds: a tag matches the export's column whatever its
 * capitalisation, `{{first_year}}` is the area's first year (not the export's), "all" says what
 * it is when the data file is a subset, and a new sheet's scaffold uses the export's column.
 */
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCharts } from '../../src/charts/index.ts';
import { exportTagColumn, readCommitmentsExport } from '../../src/charts/commitments-export.ts';
import { readTable } from '../../src/charts/data-file.ts';
import { commitmentsPerYear, namedFigures } from '../../src/charts/figures.ts';
import { draw } from '../../src/charts/render.ts';
import { ChartSchema } from '../../src/schemas/chart.ts';
import { FIXTURE, irmChart, makeSheet, perYearChart, sheetForCharts } from './helpers.ts';
import { strings } from '../../src/i18n/index.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const load = async () => readCommitmentsExport(await readTable(FIXTURE, 'commitments.csv'));

describe('a tag in another capitalisation', () => {
  it('is the same column: same figures, same chart, and check is content', async () => {
    const data = await load();
    const exact = namedFigures(data, { tag: 'Digital Governance' });
    const lower = namedFigures(data, { tag: 'digital  governance' });
    expect(lower).toEqual(exact);
    expect(commitmentsPerYear(data, { tag: 'DIGITAL GOVERNANCE' })).toEqual(
      commitmentsPerYear(data, { tag: 'Digital Governance' }),
    );
    const charts = [
      { ...perYearChart, tag: 'digital governance' },
      { ...irmChart, tag: 'Digital governance' },
    ];
    expect(await checkCharts({ root: FIXTURE, sheets: [sheetForCharts(makeSheet(charts))] })).toEqual([]);
  });

  it('the scaffold of a new sheet takes the export spelling', async () => {
    expect(await exportTagColumn(FIXTURE, 'commitments.csv', 'open parliaments')).toBe('Open Parliaments');
    expect(await exportTagColumn(FIXTURE, 'commitments.csv', 'Fisheries')).toBeUndefined();
    expect(await exportTagColumn(FIXTURE, 'no-such-file.csv', 'Gender')).toBeUndefined();
  });
});

describe('{{first_year}}', () => {
  it("is the first year with a commitment tagged with the area; the export's is export_first_year", async () => {
    const data = await load();
    for (const tag of data.tagColumns) {
      const tagged = data.commitments.filter((c) => c.tags.has(tag)).map((c) => c.year);
      if (tagged.length === 0) continue;
      const figures = namedFigures(data, { tag });
      expect(figures['first_year']?.value).toBe(Math.min(...tagged));
      expect(figures['export_first_year']?.value).toBe(Math.min(...data.commitments.map((c) => c.year)));
    }
    // The fixture has an area that starts later than the export, so the two can differ.
    expect(
      data.tagColumns.some(
        (tag) =>
          namedFigures(data, { tag })['first_year']?.value !== namedFigures(data, { tag })['export_first_year']?.value,
      ),
    ).toBe(true);
  });
});

describe('"All commitments" of a subset', () => {
  it('names the export and its count when data/datasets.yaml says coverage: subset', async () => {
    const root = await mkdtemp(path.join(tmpdir(), 'subset-'));
    dirs.push(root);
    await cp(path.join(FIXTURE, 'data'), path.join(root, 'data'), { recursive: true });
    const chart = ChartSchema.parse(irmChart);
    const whole = await draw(root, 'test-area', chart);
    expect(whole.csv).toContain(strings('en').chart.allSeries);
    const manifest = path.join(root, 'data', 'datasets.yaml');
    await writeFile(
      manifest,
      (await readFile(manifest, 'utf8')).replace(
        '  illustrative: true\n',
        '  illustrative: true\n  coverage: subset\n',
      ),
    );
    const subset = await draw(root, 'test-area', chart);
    const all = strings('en').chart.allSeriesSubset((await load()).commitments.length);
    expect(all).toBe('All commitments in this export (10)');
    expect(subset.svg).toContain(`>${all}</text>`);
    expect(subset.csv).toContain(all);
    expect(subset.csv).not.toContain(strings('en').chart.allSeries);
  });
});
