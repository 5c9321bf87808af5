/** The project's own sheet and sample data: checked clean, and the prose reads as the reference. */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkCharts, figuresFor, fillFigures, renderChart } from '../../src/charts/index.ts';
import { readTable } from '../../src/charts/data-file.ts';
import { loadContent } from '../../src/content/load.ts';
import { REPO } from './helpers.ts';
import { strings } from '../../src/i18n/index.ts';

const REFERENCE_PROGRESS =
  'OGP members are making more digital governance commitments in recent years (see figure below). Currently, 8 OGP members are implementing digital governance commitments from their 2019 or 2020 action plans. Altogether, under 20 percent of members have made 27 total digital governance commitments since OGP was established in 2011.';

async function digitalGovernance() {
  const { content } = await loadContent(REPO);
  const entry = content.sheets.find((s) => s.id === 'digital-governance');
  if (!entry) throw new Error('content/policy-areas/digital-governance.mdx did not load');
  return entry;
}

describe('the Digital Governance sheet on the sample export', () => {
  it('passes checkCharts', async () => {
    const entry = await digitalGovernance();
    const issues = await checkCharts({
      root: REPO,
      sheets: [{ slug: entry.id, file: entry.file, data: entry.data, locate: (p) => entry.source.locate(p) }],
    });
    expect(issues).toEqual([]);
  });

  it("fills its commitment-progress text to the reference's words", async () => {
    const entry = await digitalGovernance();
    const text = fillFigures(entry.data.commitmentProgress.text, await figuresFor(REPO, entry.data));
    expect(text.replace(/\s+/g, ' ')).toBe(REFERENCE_PROGRESS);
  });

  it('draws both figures from illustrative data, with the computed small-sample footnote', async () => {
    const entry = await digitalGovernance();
    const [perYear, performance] = await Promise.all(entry.data.charts.map((c) => renderChart(REPO, entry.id, c)));
    expect(perYear?.illustrative).toBe(true);
    expect(perYear?.csv).toBe(
      'year,commitments\n2011,1\n2012,1\n2013,0\n2014,2\n2015,1\n2016,3\n2017,2\n2018,4\n2019,6\n2020,7\n',
    );
    expect(performance?.footnotes).toContain(strings('en').chart.smallSampleFootnote);
    // Stronger early results than all commitments; ambition and completion within a few points.
    const share = (measure: string, series: string) =>
      Number(performance?.table.rows.find((r) => r[0] === measure && r[1] === series)?.[2]);
    const area = 'Digital Governance commitments';
    const all = 'All OGP commitments';
    expect(share('Early results', area)).toBeGreaterThan(share('Early results', all) + 5);
    expect(Math.abs(share('Ambition', area) - share('Ambition', all))).toBeLessThanOrEqual(5);
    expect(Math.abs(share('Completion', area) - share('Completion', all))).toBeLessThanOrEqual(5);
  });
});

describe('the sample export', () => {
  it("has the real export's 171 columns in order, and fictional members only", async () => {
    const table = await readTable(REPO, 'ogp-commitments-sample.csv');
    expect(table.columns).toHaveLength(171);
    const real = path.join(REPO, '..', 'shared', 'data', 'ogp-commitments-subset.csv');
    if (existsSync(real)) {
      const header = (await readTable(path.dirname(path.dirname(real)), path.basename(real))).columns;
      expect(table.columns).toEqual(header);
    }
    const member = table.columns.indexOf('Country/Locality');
    expect(table.rows.every((r) => /^Sample member \d\d$/.test(r[member] ?? ''))).toBe(true);
    expect(new Set(table.rows.map((r) => r[member])).size).toBe(98);
  });

  it('is what the generator writes, byte for byte (deterministic, and committed up to date)', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'sample-export-'));
    try {
      const out = path.join(dir, 'sample.csv');
      execFileSync(process.execPath, [path.join(REPO, 'scripts', 'make-sample-export.ts'), out], { stdio: 'pipe' });
      expect(await readFile(out, 'utf8')).toBe(
        readFileSync(path.join(REPO, 'data', 'ogp-commitments-sample.csv'), 'utf8'),
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
