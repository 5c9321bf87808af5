import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCommitmentsExport, findTagColumns, COLUMNS } from '../../src/charts/commitments-export.ts';
import { readTable } from '../../src/charts/data-file.ts';
import { commitmentsPerYear, irmPerformance, namedFigures } from '../../src/charts/figures.ts';
import { FIXTURE, REPO } from './helpers.ts';

const load = async () => readCommitmentsExport(await readTable(FIXTURE, 'commitments.csv'));

describe('commitments export', () => {
  it('reads quoted cells with commas, quotes, line breaks and non-ASCII names', async () => {
    const data = await load();
    expect(data.commitments).toHaveLength(10);
    expect(data.commitments.map((c) => c.member)).toContain('Ville-Côte, Testland');
    // The record after the two-line cell starts on line 5 of the file.
    expect(data.commitments[2]?.line).toBe(5);
  });

  it('finds the tag columns: 0/1 columns that are not IRM flags', async () => {
    const data = await load();
    expect(data.tagColumns).toEqual(['Digital Governance', 'Open Parliaments', 'Gender']);
  });

  it('counts commitments per year, every year from the first, 0 where none', async () => {
    const rows = commitmentsPerYear(await load(), { tag: 'Digital Governance' });
    expect(rows).toEqual([
      { year: 2012, commitments: 1 },
      { year: 2013, commitments: 0 },
      { year: 2014, commitments: 1 },
      { year: 2015, commitments: 0 },
      { year: 2016, commitments: 1 },
      { year: 2017, commitments: 0 },
      { year: 2018, commitments: 0 },
      { year: 2019, commitments: 0 },
      { year: 2020, commitments: 1 },
      { year: 2021, commitments: 1 },
    ]);
    expect(commitmentsPerYear(await load(), { tag: 'Digital Governance', until: 2020 }).at(-1)).toEqual({
      year: 2020,
      commitments: 1,
    });
  });

  it('takes IRM shares over the commitments assessed on each measure', async () => {
    const [ambition, completion, early] = irmPerformance(await load(), { tag: 'Digital Governance' });
    // Ambition: Transformative/Substantial; "Unclear" is a rating (assessed, not ambitious); ND is not.
    expect(ambition).toEqual({
      measure: 'ambition',
      area: { assessed: 4, meeting: 2, percent: 50, smallSample: true },
      all: { assessed: 8, meeting: 3, percent: 38, smallSample: true },
    });
    // Completion: end of term, else progress report; "Unclear"/"Withdrawn" are not assessed.
    expect(completion?.area).toEqual({ assessed: 2, meeting: 2, percent: 100, smallSample: true });
    expect(completion?.all).toEqual({ assessed: 5, meeting: 3, percent: 60, smallSample: true });
    // Early results: Major/Outstanding before 2020, Significant from 2020; "No early results to report yet" is assessed.
    expect(early?.area).toEqual({ assessed: 3, meeting: 2, percent: 67, smallSample: true });
    expect(early?.all).toEqual({ assessed: 7, meeting: 3, percent: 43, smallSample: true });
  });

  it('computes the named figures, limited to plans up to `until`', async () => {
    const figures = namedFigures(await load(), { tag: 'Digital Governance', until: 2020 });
    const values = Object.fromEntries(Object.entries(figures).map(([k, f]) => [k, f.value]));
    expect(values).toMatchObject({
      total_commitments: 4,
      all_commitments: 9,
      members_total: 4,
      members_with_commitments: 3,
      members_share_percent: 75,
      members_share_under_percent: 80,
      members_recent: 1,
      first_year: 2012,
      last_year: 2020,
      recent_first_year: 2019,
      irm_ambition_percent: 67,
      irm_ambition_all_percent: 43,
    });
  });
});

// An extra check on real input when the shared subset is present (it is not part of the project).
const SUBSET = path.join(REPO, '..', 'shared', 'data', 'ogp-commitments-subset.csv');
describe.skipIf(!existsSync(SUBSET))('a real export subset (../shared/data)', () => {
  it("reads all 171 columns and the 86 tag columns, and agrees with OGP's own assessed flags", async () => {
    const table = await readTable(path.dirname(path.dirname(SUBSET)), path.basename(SUBSET));
    expect(table.columns).toHaveLength(171);
    expect(findTagColumns(table)).toHaveLength(86);
    const data = readCommitmentsExport(table);
    expect(data.commitments).toHaveLength(table.rows.length);
    const column = (name: string) => table.columns.indexOf(name);
    const sum = (name: string) => table.rows.filter((r) => r[column(name)] === '1').length;
    const assessed = (key: 'ambitious' | 'complete' | 'strongResults') =>
      data.commitments.filter((c) => c[key] !== undefined).length;
    expect(assessed('ambitious')).toBe(sum('Ambition Assessed'));
    expect(assessed('strongResults')).toBe(sum('DIOG Assessed'));
    expect(data.commitments.filter((c) => c.strongResults).length).toBe(sum('High DIOG'));
    // OGP's "Comp Assessed" has a handful of rows its own rules do not explain; ours stay within them.
    expect(Math.abs(assessed('complete') - sum('Comp Assessed'))).toBeLessThanOrEqual(3);
    expect(Object.values(COLUMNS).every((c) => column(c) >= 0)).toBe(true);
  });
});
