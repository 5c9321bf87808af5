/** Figures in every prose field, a broken manifest beside other problems, numbers in data, file-name messages, pages that draw nothing. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { z } from 'astro/zod';
import { afterAll, describe, expect, it } from 'vitest';
import { checkCharts, figuresFor, fillSheetFigures } from '../../src/charts/index.ts';
import { validateSource } from '../../src/content/schema-issues.ts';
import { readYamlFile } from '../../src/content/source.ts';
import { messages } from '../../src/messages.ts';
import { ChartSchema } from '../../src/schemas/chart.ts';
import { FIXTURE, REPO, SHEET_FILE, fakeLine, irmChart, makeSheet, perYearChart, sheetForCharts } from './helpers.ts';

const dirs: string[] = [];
afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));
const tempDir = async (): Promise<string> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'charts-review-'));
  dirs.push(dir);
  return dir;
};
const FIGURE_NAMES = [
  'total_commitments',
  'all_commitments',
  'members_total',
  'members_with_commitments',
  'members_share_percent',
  'members_share_under_percent',
  'members_recent',
  'first_year',
  'export_first_year',
  'last_year',
  'recent_first_year',
  'irm_ambition_percent',
  'irm_ambition_all_percent',
  'irm_ambition_assessed',
  'irm_completion_percent',
  'irm_completion_all_percent',
  'irm_completion_assessed',
  'irm_early_results_percent',
  'irm_early_results_all_percent',
  'irm_early_results_assessed',
];

describe('{{figures}} in every prose field', () => {
  const overrides = {
    dataNote: 'The export has {{members_total}} members.',
    membersDoing: ['Testing', '{{members_wtih_commitments}} members are testing.'],
    keyTakeaways: ['{{ total_commitments }} test commitments.'],
    statusQuo: [{ lead: 'Lead', text: 'Since {{first_year}}.' }],
  };
  const charts = [
    { ...perYearChart, footnotes: ['Up to {{last_year}}.'], caption: 'Of {{all_commitments}}.' },
    irmChart,
  ];

  it('check reports an unknown name in any of them, with did-you-mean', async () => {
    const issues = await checkCharts({ root: FIXTURE, sheets: [sheetForCharts(makeSheet(charts, overrides))] });
    expect(issues).toEqual([
      {
        file: SHEET_FILE,
        line: fakeLine(['membersDoing', 1]),
        column: 3,
        field: 'membersDoing[1]',
        ...messages.unknownFigure('members_wtih_commitments', 'members_with_commitments', FIGURE_NAMES),
        severity: 'error',
      },
    ]);
  });

  it('the page fills every one of them (fillSheetFigures), leaving the sheet given unchanged', async () => {
    const sheet = makeSheet(charts, overrides);
    const before = structuredClone(sheet);
    const filled = fillSheetFigures(sheet, await figuresFor(FIXTURE, sheet));
    expect(sheet).toEqual(before);
    expect(filled.dataNote).toBe('The export has 4 members.');
    expect(filled.membersDoing).toEqual(['Testing', '{{members_wtih_commitments}} members are testing.']);
    expect(filled.keyTakeaways).toEqual(['5 test commitments.']);
    expect(filled.statusQuo[0]?.text).toBe('Since 2012.');
    expect(filled.commitmentProgress.text).toBe('There are 5 commitments.');
    expect(filled.charts[0]?.caption).toBe('Of 10.');
    expect(filled.charts[0]?.footnotes).toEqual(['Up to 2021.']);
  });
});

describe('a broken data/datasets.yaml', () => {
  it('is reported together with the other chart problems of the run', async () => {
    const root = await tempDir();
    await cp(path.join(FIXTURE, 'data'), path.join(root, 'data'), { recursive: true });
    await writeFile(
      path.join(root, 'data', 'datasets.yaml'),
      'commitments.csv:\n  title: T\n  source: S\n  illustrative: maybe\n',
    );
    const issues = await checkCharts({
      root,
      sheets: [sheetForCharts(makeSheet([{ ...perYearChart, tag: 'Digital Goverance' }, irmChart]))],
    });
    expect(issues.map((i) => [i.file, i.field])).toEqual([
      ['data/datasets.yaml', 'commitments.csv.illustrative'],
      [SHEET_FILE, 'charts[0].tag'],
    ]);
  });
});

describe('file names in a chart definition', () => {
  it('say what is expected, with an example', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'charts.yaml');
    await writeFile(
      file,
      [
        'charts:',
        '  - id: shares',
        '    kind: vega-lite',
        '    title: Shares',
        '    alt: Bar chart of the share for each test member.',
        '    source: Test data.',
        '    data: export.xlsx',
        '    spec: shares.json',
        '',
      ].join('\n'),
    );
    const read = await readYamlFile(file, 'charts.yaml', 'charts');
    if (!read.ok) throw new Error('the YAML did not parse');
    const result = validateSource(read.source, z.strictObject({ charts: z.array(ChartSchema) }));
    expect(result.ok ? [] : result.issues.map((i) => [i.field, i.line, i.problem, i.fix])).toEqual([
      ['charts[0].data', 7, ...Object.values(messages.chartDataFileName('the text "export.xlsx"'))],
      ['charts[0].spec', 8, ...Object.values(messages.chartSpecFileName('the text "shares.json"'))],
    ]);
  });
});

describe('the pages and the chart code', () => {
  /** Every module a page, component or layout loads (value imports, followed through src/). */
  function pageModules(): Map<string, string> {
    const start = ['src/pages', 'src/components', 'src/layouts'].flatMap((dir) =>
      readdirSync(path.join(REPO, dir), { recursive: true, encoding: 'utf8' })
        .filter((file) => /\.(astro|ts)$/.test(file))
        .map((file) => path.join(dir, file)),
    );
    const importedBy = new Map<string, string>();
    const queue: [string, string][] = start.map((file) => [file, 'itself']);
    for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
      const [file, from] = next;
      if (importedBy.has(file)) continue;
      importedBy.set(file, from);
      const source = readFileSync(path.join(REPO, file), 'utf8');
      // A type from anywhere is fine; a value import runs that module when the page renders.
      for (const match of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^;]*?\sfrom\s+)?'(\.[^']+)'/gm)) {
        const target = path.normalize(path.join(path.dirname(file), match[1] ?? ''));
        if (existsSync(path.join(REPO, target))) queue.push([target, file]);
      }
    }
    return importedBy;
  }

  it('pages draw nothing and validate nothing: they read what the content loader stored', () => {
    const modules = pageModules();
    // The walk follows imports: the chart component and the sheet's data assembly are reached.
    expect([...modules.keys()]).toEqual(expect.arrayContaining(['src/components/Chart.astro', 'src/site/sheet.ts']));
    const forbidden =
      /^src\/(charts\/|validate\.ts|publish\/social-card\.ts|content\/(index|load|loader|sheet-pages)\.ts)/;
    const reached = [...modules].filter(([file]) => forbidden.test(file)).map(([file, from]) => `${file} <- ${from}`);
    expect(reached).toEqual([]);
    for (const file of modules.keys()) {
      expect(readFileSync(path.join(REPO, file), 'utf8'), file).not.toMatch(/process\.cwd\(\)|projectRoot|OGP_ROOT/);
    }
    // No define tells the pages where the project is: they need not know.
    expect(readFileSync(path.join(REPO, 'astro.config.mjs'), 'utf8')).not.toMatch(/define:|OGP_ROOT/);
  });
});
