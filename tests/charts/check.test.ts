import { describe, expect, it } from 'vitest';
import { checkCharts } from '../../src/charts/index.ts';
import { messages, type Message } from '../../src/messages.ts';
import { FIXTURE, SHEET_FILE, fakeLine, irmChart, makeSheet, perYearChart, sheetForCharts } from './helpers.ts';

const check = async (charts: unknown[], overrides: Record<string, unknown> = {}) =>
  checkCharts({ root: FIXTURE, sheets: [sheetForCharts(makeSheet(charts, overrides))] });
const inChart = (id: string, message: Message) => messages.inChart(id, SHEET_FILE, message);
const at = (...path: (string | number)[]) => ({ file: SHEET_FILE, line: fakeLine(path), column: 3 });

const TAGS = ['Digital Governance', 'Open Parliaments', 'Gender'];
const vegaLite = (spec: unknown, data = 'shares.json') => ({
  id: 'shares',
  kind: 'vega-lite',
  title: 'Shares by member',
  alt: 'Bar chart of the share for each test member.',
  data,
  source: 'Test data.',
  spec,
});
const goodSpec = {
  mark: 'bar',
  encoding: { x: { field: 'member', type: 'nominal' }, y: { field: 'share', type: 'quantitative' } },
};

describe('checkCharts', () => {
  it('finds nothing wrong with a correct sheet', async () => {
    expect(await check([perYearChart, irmChart, vegaLite(goodSpec)])).toEqual([]);
  });

  it("reports a missing data file at the chart's data field, with did-you-mean", async () => {
    const issues = await check([{ ...perYearChart, data: 'comitments.csv' }, irmChart]);
    expect(issues).toEqual([
      {
        ...at('charts', 0, 'data'),
        field: 'charts[0].data',
        ...inChart(
          'per-year',
          messages.chartDataFileMissing('comitments.csv', 'commitments.csv', [
            'commitments.csv',
            'malformed.csv',
            'no-year.csv',
            'shares.json',
            'shares.vl.json',
          ]),
        ),
        severity: 'error',
      },
    ]);
  });

  it('reports a malformed CSV row at its line in the data file', async () => {
    const issues = await check([{ ...perYearChart, data: 'malformed.csv' }, irmChart]);
    expect(issues).toEqual([
      {
        file: 'data/malformed.csv',
        line: 4,
        column: 1,
        field: 'charts[0].data',
        ...inChart('per-year', messages.chartCsvMalformed('malformed.csv', 4, 'expected 4 cells, found 3')),
        severity: 'error',
      },
    ]);
  });

  it("reports a tag column the export lacks at the chart's tag, suggesting the closest tag", async () => {
    const issues = await check([{ ...perYearChart, tag: 'Digital Goverance' }, irmChart]);
    expect(issues).toEqual([
      {
        ...at('charts', 0, 'tag'),
        field: 'charts[0].tag',
        ...inChart(
          'per-year',
          messages.chartTagColumnMissing('commitments.csv', 'Digital Goverance', 'Digital Governance', TAGS.length),
        ),
        severity: 'error',
      },
    ]);
  });

  it('reports an export without a column every export has', async () => {
    const issues = await check([perYearChart, { ...irmChart, data: 'no-year.csv' }]);
    expect(issues).toEqual([
      {
        file: 'data/no-year.csv',
        line: 1,
        column: 1,
        field: 'charts[1].data',
        ...inChart(
          'performance',
          messages.chartExportColumnMissing('no-year.csv', 'Year Of Submission', 'Year Of Submision'),
        ),
        severity: 'error',
      },
    ]);
  });

  it('reports an invalid Vega-Lite spec at the offending key', async () => {
    const issues = await check([perYearChart, irmChart, vegaLite({ ...goodSpec, mark: 'barr' })]);
    expect(issues).toEqual([
      {
        ...at('charts', 2, 'spec', 'mark'),
        field: 'charts[2].spec.mark',
        ...inChart(
          'shares',
          messages.chartSpecInvalid(
            'the mark "barr" is not one of arc, area, bar, image, line, point, rect, rule, text, tick, trail, circle, square, geoshape, boxplot, errorbar, errorband (did you mean "bar"?)',
          ),
        ),
        severity: 'error',
      },
    ]);
  });

  it('reports a spec field the data lacks, in the spec file at its line, with did-you-mean', async () => {
    const issues = await check([perYearChart, irmChart, vegaLite('shares.vl.json')]);
    expect(issues).toEqual([
      {
        file: 'data/shares.vl.json',
        line: 5,
        column: 1,
        field: 'charts[2].spec.encoding.y.field',
        ...inChart(
          'shares',
          messages.chartSpecFieldMissing('shares', 'shares.json', 'share', ['member', 'share', 'year']),
        ),
        severity: 'error',
      },
    ]);
  });

  it('reports a spec field the data lacks in an inline spec', async () => {
    const spec = { ...goodSpec, encoding: { ...goodSpec.encoding, x: { field: 'membr', type: 'nominal' } } };
    const issues = await check([perYearChart, irmChart, vegaLite(spec)]);
    expect(issues.map((i) => [i.field, i.line, i.problem])).toEqual([
      [
        'charts[2].spec.encoding.x.field',
        fakeLine(['charts', 2, 'spec', 'encoding', 'x', 'field']),
        inChart('shares', messages.chartSpecFieldMissing('membr', 'shares.json', 'member', [])).problem,
      ],
    ]);
  });

  it('reports duplicate chart ids', async () => {
    const issues = await check([perYearChart, { ...irmChart, id: 'per-year' }], {
      irmQuickStats: { text: 'Text.', definitions: [{ term: 'A', text: 'B.' }] },
    });
    expect(issues).toEqual([
      {
        ...at('charts', 1, 'id'),
        field: 'charts[1].id',
        ...messages.duplicateId('chart', 'per-year', `${SHEET_FILE}:${fakeLine(['charts', 0, 'id'])}:3`),
        severity: 'error',
      },
    ]);
  });

  it('reports a section naming a chart the sheet lacks, with did-you-mean', async () => {
    const issues = await check([perYearChart, irmChart], {
      irmQuickStats: { text: 'Text.', chart: 'performanse', definitions: [{ term: 'A', text: 'B.' }] },
    });
    expect(issues).toEqual([
      {
        ...at('irmQuickStats', 'chart'),
        field: 'irmQuickStats.chart',
        ...messages.chartNotOnSheet('performanse', 'performance', ['per-year', 'performance']),
        severity: 'error',
      },
    ]);
  });

  it('reports an unknown {{figure}} with did-you-mean', async () => {
    const issues = await check([perYearChart, irmChart], {
      commitmentProgress: { text: 'There are {{total_comitments}} of them.', chart: 'per-year' },
    });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({
      ...at('commitmentProgress', 'text'),
      field: 'commitmentProgress.text',
      problem: expect.stringContaining('{{total_comitments}}'),
      fix: expect.stringContaining('Did you mean "total_commitments"?'),
      severity: 'error',
    });
  });

  it('warns when a typed number contradicts the data, and not when it agrees', async () => {
    // The fixture has 5 tagged commitments by 3 of its 4 members: these agree.
    const agreeing = await check([perYearChart, irmChart], {
      commitmentProgress: { text: 'Members made 5 total test commitments; 3 members did.', chart: 'per-year' },
      dataNote: 'The export has 4 national and local members.',
    });
    expect(agreeing).toEqual([]);
    const wrong = await check([perYearChart, irmChart], {
      commitmentProgress: { text: 'Members made 27 total test commitments.', chart: 'per-year' },
      dataNote: 'The export has 98 national and local members.',
    });
    expect(wrong).toEqual([
      {
        ...at('dataNote'),
        field: 'dataNote',
        ...messages.figureContradiction(
          '98 national and local',
          'members',
          ['members_total', 'members_with_commitments'],
          ['4', '3'],
        ),
        severity: 'warning',
      },
      {
        ...at('commitmentProgress', 'text'),
        field: 'commitmentProgress.text',
        ...messages.figureContradiction(
          '27 total test',
          'commitments',
          ['all_commitments', 'total_commitments'],
          ['10', '5'],
        ),
        severity: 'warning',
      },
    ]);
  });
});
