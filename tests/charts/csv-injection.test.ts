/**
 * CSV formula injection: a chart whose data cells start with =, +, -, @, a tab or a carriage
 * return (tests/fixtures/csv-injection) passes check, and its downloadable CSV holds them as
 * inert text (a leading apostrophe, quoted), while numbers, negative ones included, stay numbers.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { inertCell } from '../../src/charts/csv-out.ts';
import { renderChart } from '../../src/charts/render.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(disposers.map((dispose) => dispose())));

describe('chart CSVs neutralise formulas', () => {
  it('writes every formula-like cell of the fixture as inert text, numbers as numbers (the bytes)', async () => {
    const project = await fixtureProject('csv-injection');
    disposers.push(project.dispose);
    const checked = await validate(project.root);
    expect(checked.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    const sheet = checked.content.sheets[0];
    const chart = sheet?.data.charts.find((c) => c.id === 'injection');
    if (sheet === undefined || chart === undefined) throw new Error('the fixture has the sheet and its chart');
    const rendered = await renderChart(project.root, sheet.id, chart);
    expect(rendered.csv).toBe(
      [
        'label,amount,note',
        `"'=HYPERLINK(""http://evil.example"",""x"")",1,plain text`,
        `"'+cmd|' /C calc'!A0",-2,-7`,
        `"'-2+3+cmd|' /C calc'!A0",3.5,"'@SUM(1)"`,
        `"'@SUM(1)",-4,"'\tled by a tab"`,
        `"'\rled by a carriage return",5,"'=1+1"`,
        '',
      ].join('\n'),
    );
    // No line of the file has a cell that starts a formula: each starts a quoted apostrophe or is a number.
    for (const line of rendered.csv.split('\n').slice(1, -1)) expect(line).toMatch(/^("'|-?\d)/);
    // The page's table shows what the data says, as text (Astro escapes it).
    expect(rendered.table.rows.map((row) => row[0])).toContain('=HYPERLINK("http://evil.example","x")');
  });

  it('keeps numbers and ordinary text as they are', () => {
    expect(['-3.5', -3.5, '0', 'Europe', 'a=b', ' =1', "O'Brien"].map(inertCell)).toEqual([
      '-3.5',
      '-3.5',
      '0',
      'Europe',
      'a=b',
      ' =1',
      "O'Brien",
    ]);
    expect(['=1', '+1', '-', '@x', '\tx', '\rx', '-1e3'].map(inertCell)).toEqual([
      "'=1",
      "'+1",
      "'-",
      "'@x",
      "'\tx",
      "'\rx",
      "'-1e3",
    ]);
  });
});
