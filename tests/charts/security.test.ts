/** A spec may not read files or the network: check refuses it, and drawing cannot load even if check is bypassed. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCharts } from '../../src/charts/index.ts';
import { renderSvg } from '../../src/charts/svg.ts';
import { UserError } from '../../src/diagnostics/index.ts';
import { withDataAndTheme } from '../../src/charts/vega-lite-spec.ts';
import { messages, type Message } from '../../src/messages.ts';
import { FIXTURE, SHEET_FILE, fakeLine, irmChart, makeSheet, perYearChart, sheetForCharts } from './helpers.ts';

const SECURITY = path.join(import.meta.dirname, '..', 'fixtures', 'charts-security');
const inChart = (message: Message) => messages.inChart('shares', SHEET_FILE, message);
const vegaLite = (spec: unknown) => ({
  id: 'shares',
  kind: 'vega-lite',
  title: 'Shares by member',
  alt: 'Bar chart of the share for each test member.',
  data: 'shares.json',
  source: 'Test data.',
  spec,
});
const bar = {
  mark: 'bar',
  encoding: { x: { field: 'member', type: 'nominal' }, y: { field: 'share', type: 'quantitative' } },
};
const fileLayer = (url: string) => ({
  data: { url, format: { type: 'csv', header: ['a'] } },
  mark: 'text',
  encoding: { text: { field: 'a', type: 'nominal' } },
});
/** The built-in charts come from commitments.csv, which this fixture lacks: check only the Vega-Lite chart. */
const check = async (root: string, spec: unknown) =>
  (
    await checkCharts({
      root,
      sheets: [sheetForCharts(makeSheet([perYearChart, irmChart, vegaLite(spec)]))],
    })
  ).filter((issue) => issue.problem.startsWith('Chart "shares"'));

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

describe('check refuses specs that load data', () => {
  it('reports a layer reading a local file, in the spec file at its line', async () => {
    const issues = await check(SECURITY, 'layer-url.vl.json');
    expect(issues).toEqual([
      {
        file: 'data/layer-url.vl.json',
        line: 5,
        column: 1,
        field: 'charts[2].spec.layer[1].data',
        ...inChart(messages.chartSpecLoadsData('data', 'a set of fields')),
        severity: 'error',
      },
    ]);
  });

  it('reports data, url and datasets anywhere in an inline spec, at the sheet field', async () => {
    const spec = {
      ...bar,
      datasets: { other: [{ a: 1 }] },
      layer: [{ mark: { type: 'image', url: 'https://example.org/x.png' } }, fileLayer('file:///etc/hostname')],
    };
    const issues = await check(FIXTURE, spec);
    expect(issues.map((i) => [i.field, i.line, i.problem, i.fix])).toEqual(
      [
        [['charts', 2, 'spec', 'datasets'], messages.chartSpecLoadsData('datasets', 'a set of fields')],
        [
          ['charts', 2, 'spec', 'layer', 0, 'mark', 'url'],
          messages.chartSpecLoadsData('url', 'the text "https://example.org/x.png"'),
        ],
        [['charts', 2, 'spec', 'layer', 1, 'data'], messages.chartSpecLoadsData('data', 'a set of fields')],
      ].map(([p, m]) => {
        const fieldPath = p as (string | number)[];
        const message = inChart(m as Message);
        return [
          fieldPath.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join(''),
          fakeLine(fieldPath),
          message.problem,
          message.fix,
        ];
      }),
    );
  });

  it('reports a top-level "data" too (the data comes from the chart\'s data: file)', async () => {
    const issues = await check(FIXTURE, { ...bar, data: { values: [{ member: 'X', share: 1 }] } });
    expect(issues.map((i) => [i.field, i.problem])).toEqual([
      ['charts[2].spec.data', inChart(messages.chartSpecLoadsData('data', 'a set of fields')).problem],
    ]);
  });

  it('reports link targets that are not https:// or site paths, and accepts those that are', async () => {
    const spec = (href: unknown) => ({ ...bar, mark: { type: 'bar', href } });
    for (const href of ['javascript:alert(1)', 'http://example.org/', 'file:///etc/passwd', '//evil.example/']) {
      const issues = await check(FIXTURE, spec(href));
      expect(issues.map((i) => [i.field, i.problem])).toEqual([
        ['charts[2].spec.mark.href', inChart(messages.chartSpecUnsafeHref(href)).problem],
      ]);
    }
    const encoded = await check(FIXTURE, {
      ...bar,
      encoding: { ...bar.encoding, href: { value: 'javascript:void(0)' } },
    });
    expect(encoded.map((i) => i.field)).toEqual(['charts[2].spec.encoding.href']);
    for (const href of ['https://www.opengovpartnership.org/', '/policy-areas/test-area/'])
      expect(await check(FIXTURE, spec(href))).toEqual([]);
  });
});

describe('drawing never loads, even when check is bypassed', () => {
  it('refuses a layer reading a local file, and the file never reaches the SVG', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'charts-secret-'));
    dirs.push(dir);
    const secret = path.join(dir, 'secret.csv');
    await writeFile(secret, 'a\nTOP-SECRET-VALUE\n');
    const spec = withDataAndTheme({ layer: [bar, fileLayer(pathToFileURL(secret).href)] }, [
      { member: 'Testland', share: 40 },
    ]);
    const drawn = renderSvg(spec);
    await expect(drawn).rejects.toBeInstanceOf(UserError);
    await expect(drawn).rejects.toMatchObject(
      messages.chartSpecLoadsData('url', `the text "${pathToFileURL(secret).href}"`),
    );
    // A bare path as url: also refused.
    await expect(renderSvg(withDataAndTheme({ layer: [bar, fileLayer(secret)] }, []))).rejects.toBeInstanceOf(
      UserError,
    );
  });

  it('still draws a spec that loads nothing', async () => {
    const svg = await renderSvg(withDataAndTheme(bar, [{ member: 'Testland', share: 40 }]));
    expect(svg).toMatch(/^<svg /);
  });
});
