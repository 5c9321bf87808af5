/** The layout rules on small measured sheets (structure elements with placed text), one rule at a time. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import {
  asForeseen,
  cannotNarrow,
  CHART_FLOOR_MM,
  DENSITIES,
  DENSITY_METRICS,
  holeBeforeLast,
  planFit,
  shorterCharts,
  worstHole,
  type Density,
  type Foresight,
} from '../../src/print/fit.ts';
import { checkLayout, LayoutMismatch, type LayoutReport } from '../../src/print/layout-report.ts';
import type { MeasuredPdf, SheetOutline, StructNode } from '../../src/print/layout.ts';

/** A text line: page, column (1 or 2), top (mm). */
type Line = [page: number, column: number, top: number, text?: string];

function node(role: string, children: StructNode[] = [], lines: Line[] = []): StructNode {
  const element: StructNode = {
    role,
    parent: undefined,
    children,
    content: [],
    runs: lines.map(([page, column, top, text]) => ({
      page,
      x: column === 1 ? 20 : 120,
      top,
      bottom: top + 4,
      size: 9.5,
      text: text ?? 'text',
    })),
  };
  for (const child of children) child.parent = element;
  return element;
}

/** Gives every element the runs of its descendants, as measurePdf does. */
function measured(root: StructNode, pages: number, bodyPt = 9.5): MeasuredPdf {
  const gather = (n: StructNode): void => {
    for (const child of n.children) {
      gather(child);
      n.runs.push(...child.runs);
    }
    n.runs.sort((a, b) => a.page - b.page || a.x - b.x || a.top - b.top);
  };
  gather(root);
  return { pages, root, bodyPt };
}

const title = (): StructNode => node('NonStruct', [node('H1', [], [[1, 1, 20, 'A Sheet']])]);
const outline = (extra: SheetOutline['headings'] = []): SheetOutline => ({
  headings: [
    { level: 1, text: 'A Sheet', role: 'title', section: 'title', id: 'sheet-title' },
    { level: 2, text: 'Where to next', role: 'section', section: 'where-to-next', id: 'where-to-next' },
    ...extra,
  ],
  charts: [],
});

describe('checkLayout', () => {
  it('finds a heading alone at the foot of a column, and proposes a column break before its section', () => {
    const section = node('NonStruct', [node('H2', [], [[1, 1, 270, 'Where to next']]), node('P', [], [[1, 2, 60]])]);
    const report = checkLayout(measured(node('Root', [title(), section]), 1), outline(), 2);
    // (The last page's balance is another rule: only this one is looked at here.)
    expect(report.broken.find((rule) => rule.rule === 'heading-alone')).toMatchObject({
      rule: 'heading-alone',
      section: 'where-to-next',
      breakBefore: 'where-to-next',
      ...messages.layout.headingAlone('Where to next', 'column 1 of page 1', 'column 2 of page 1'),
    });
  });

  it('finds an intro sentence apart from its first group', () => {
    const group = node('NonStruct', [node('H3', [], [[2, 1, 14, 'First group']]), node('L', [], [[2, 1, 20]])]);
    const section = node('NonStruct', [
      node('H2', [], [[1, 2, 262, 'Where to next']]),
      node('P', [], [[1, 2, 270]]),
      node('NonStruct', [group]),
    ]);
    const report = checkLayout(
      measured(node('Root', [title(), section]), 2),
      outline([{ level: 3, text: 'First group', role: 'group', section: 'where-to-next', id: 'first' }]),
      2,
    );
    const rules = report.broken.map((rule) => rule.rule).filter((rule) => rule !== 'stub-page');
    expect(rules).toEqual(['intro-apart']);
    expect(report.broken.find((rule) => rule.rule === 'intro-apart')?.problem).toContain('"Where to next"');
  });

  it('reports what a section heading keeps with it: its intro and the first group', () => {
    const group = node('NonStruct', [node('H3', [], [[1, 2, 80, 'First group']]), node('L', [], [[1, 2, 86]])]);
    const section = node('NonStruct', [
      node('H2', [], [[1, 2, 60, 'Where to next']]),
      node('P', [], [[1, 2, 68]]),
      node('NonStruct', [group]),
    ]);
    const report = checkLayout(
      measured(node('Root', [title(), section]), 1),
      outline([{ level: 3, text: 'First group', role: 'group', section: 'where-to-next', id: 'first' }]),
      2,
    );
    expect(report.parts.find((part) => part.id === 'where-to-next')?.keep).toEqual({
      start: { page: 1, column: 2, y: 60 },
      end: { page: 1, column: 2, y: 90 },
    });
    // Where each column's text starts (the first column has none: its foot).
    expect(report.columns[0]?.starts).toEqual([280, 60]);
  });

  it('passes a section whose heading, intro and group share a column', () => {
    const group = node('NonStruct', [node('H3', [], [[1, 2, 80, 'First group']]), node('L', [], [[1, 2, 86]])]);
    const section = node('NonStruct', [
      node('H2', [], [[1, 2, 60, 'Where to next']]),
      node('P', [], [[1, 2, 68]]),
      node('NonStruct', [group]),
    ]);
    const report = checkLayout(
      measured(node('Root', [title(), section]), 1),
      outline([{ level: 3, text: 'First group', role: 'group', section: 'where-to-next', id: 'first' }]),
      2,
    );
    expect(report.broken).toEqual([]);
  });

  it('finds a group split over two columns', () => {
    const group = node('NonStruct', [node('H3', [], [[1, 1, 250, 'First group']]), node('L', [], [[1, 2, 30]])]);
    const section = node('NonStruct', [node('H2', [], [[1, 1, 240, 'Where to next']]), group]);
    const report = checkLayout(
      measured(node('Root', [title(), section]), 1),
      outline([{ level: 3, text: 'First group', role: 'group', section: 'where-to-next', id: 'first' }]),
      2,
    );
    expect(report.broken.map((rule) => rule.rule).filter((rule) => rule !== 'unbalanced')).toEqual(['split']);
  });

  it('finds an unbalanced last page, but not one that simply ends early, and flags a stub last page', () => {
    const lines = (page: number, column: number, from: number, to: number): StructNode[] =>
      Array.from({ length: Math.floor((to - from) / 5) }, (_, i) => node('P', [], [[page, column, from + i * 5]]));
    const sheet = (last: StructNode[]): StructNode =>
      node('Root', [
        title(),
        node('NonStruct', [
          node('H2', [], [[1, 1, 40, 'Where to next']]),
          ...lines(1, 1, 46, 270),
          ...lines(1, 2, 40, 270),
          ...last,
        ]),
      ]);
    const full = [...lines(2, 1, 12, 270), ...lines(2, 2, 12, 100)];
    expect(checkLayout(measured(sheet(full), 2), outline(), 2).broken.map((r) => r.rule)).toEqual(['unbalanced']);
    const early = [...lines(2, 1, 12, 100), ...lines(2, 2, 12, 40)];
    expect(checkLayout(measured(sheet(early), 2), outline(), 2).broken).toEqual([]);
    const stub = lines(2, 1, 12, 25);
    expect(checkLayout(measured(sheet(stub), 2), outline(), 2).broken.map((r) => r.rule)).toEqual(['stub-page']);
  });

  it('measures the overflow of a sheet over budget in lines and a share of the sheet', () => {
    const body = Array.from({ length: 40 }, (_, i) => node('P', [], [[1 + Math.floor(i / 20), 1, 20 + (i % 20) * 12]]));
    const report = checkLayout(
      measured(node('Root', [title(), node('NonStruct', [node('H2', [], [[1, 1, 10, 'Where to next']]), ...body])]), 2),
      outline(),
      1,
    );
    expect(report.overflow?.lines).toBeGreaterThan(40);
    expect(report.overflow?.percent).toBeGreaterThan(40);
    expect(report.overflow?.percent).toBeLessThan(60);
  });

  it('refuses a PDF whose headings are not the page', () => {
    const section = node('NonStruct', [node('H2', [], [[1, 1, 40, 'Something else']])]);
    expect(() => checkLayout(measured(node('Root', [title(), section]), 1), outline(), 2)).toThrow(LayoutMismatch);
  });
});

describe('worstHole: the emptiest column on a page before the last', () => {
  const report = (fills: [number, number][]): LayoutReport => ({
    pages: fills.length,
    budget: fills.length,
    bodyPt: 9.5,
    parts: [],
    columns: fills.map((fill, i) => ({ page: i + 1, top: 13, fill })),
    broken: [],
    overflow: undefined,
  });

  it('measures pages before the last only, and names the page', () => {
    expect(
      worstHole(
        report([
          [88, 55],
          [97, 85],
        ]),
      ),
    ).toEqual({ percent: 45, page: 1 });
    expect(
      worstHole(
        report([
          [90, 92],
          [60, 100],
          [40, 70],
        ]),
      ),
    ).toEqual({ percent: 40, page: 2 });
  });

  it('is none for a one-page sheet, and for a sheet that simply ends early (last page at most half full)', () => {
    expect(worstHole(report([[20, 30]]))).toEqual({ percent: 0, page: 0 });
    expect(
      worstHole(
        report([
          [93, 62],
          [35, 4],
        ]),
      ),
    ).toEqual({ percent: 0, page: 0 });
  });
});

describe('holeBeforeLast: worstHole without the exemption of a sheet that ends early', () => {
  it('measures the pages before the last even when the last page is short', () => {
    const report: LayoutReport = {
      pages: 2,
      budget: 2,
      bodyPt: 9.5,
      parts: [],
      columns: [
        { page: 1, top: 95, fill: [93, 62] },
        { page: 2, top: 12, fill: [35, 4] },
      ],
      broken: [],
      overflow: undefined,
    };
    expect(worstHole(report)).toEqual({ percent: 0, page: 0 });
    expect(holeBeforeLast(report)).toEqual({ percent: 38, page: 1 });
  });
});

describe('cannotNarrow: a denser print that cannot close the hole is not printed', () => {
  const at = (page: number, column: number, from: number, to: number) => ({
    start: { page, column, y: from },
    end: { page, column, y: to },
  });
  /**
   * The reference sheet printed compact (measured): page 1's second column ends 72% full, as
   * "Where to next" (heading, intro, first group: 52 mm) does not fit under it; the first column
   * 86% full, as "Commitment progress" (heading, intro and a chart with a 42 mm drawing: 100 mm)
   * does not fit under it. `chartEnd` moves the end of that chart, `drawing` sets its drawing's height.
   */
  const reference = (chartEnd = 205.7, drawing = 42.1): LayoutReport => ({
    pages: 2,
    budget: 2,
    bodyPt: 9.5,
    parts: [
      { kind: 'section', id: 'why', label: 'Why', section: 'why', at: at(1, 1, 105.7, 108.9) },
      {
        kind: 'section',
        id: 'commitment-progress',
        label: 'Commitment progress',
        section: 'commitment-progress',
        at: at(1, 2, 105.7, 108.9),
        keep: at(1, 2, 105.7, chartEnd),
      },
      {
        kind: 'chart',
        id: 'per-year',
        label: 'Per year',
        section: 'commitment-progress',
        at: at(1, 2, 138.7, chartEnd),
        drawing,
      },
      {
        kind: 'section',
        id: 'where-to-next',
        label: 'Where to next',
        section: 'where-to-next',
        at: at(2, 1, 13.1, 16.3),
        keep: at(2, 1, 13.1, 64.8),
      },
      { kind: 'group', id: 'first', label: 'First', section: 'where-to-next', at: at(2, 1, 28.9, 64.8) },
    ],
    columns: [
      { page: 1, top: 97.6, fill: [86, 72], starts: [105.7, 105.7] },
      { page: 2, top: 12, fill: [97, 79], starts: [13.1, 13.5] },
    ],
    broken: [],
    overflow: undefined,
  });

  it('skips tight for the reference sheet: the first column keeps a hole of about 20% whatever moves', () => {
    // Printed, tight left the first column 73% full (a 27% hole): not kept, as a hole of 18% or less was wanted.
    expect(cannotNarrow(reference(), 'compact', 'tight', 18)).toBe(true);
    // A wide enough target is not ruled out.
    expect(cannotNarrow(reference(), 'compact', 'tight', 25)).toBe(false);
  });

  it('prints it when the part that opens the next column may move up', () => {
    expect(cannotNarrow(reference(170), 'compact', 'tight', 18)).toBe(false);
  });

  it('prints it when a column opens with running text (what moves is not known)', () => {
    const report = reference();
    report.columns[0] = { page: 1, top: 97.6, fill: [86, 72], starts: [105.7, 99] };
    expect(cannotNarrow(report, 'compact', 'tight', 18)).toBe(false);
  });

  it('shortens the charts of the hole column by what the next part lacks (the reference: 40 mm left the hole, 38 mm closed it)', () => {
    const cap = shorterCharts(reference(), 'compact');
    expect(cap).toBeGreaterThanOrEqual(CHART_FLOOR_MM);
    expect(cap).toBeLessThanOrEqual(38);
  });

  it('shortens no chart under the floor, and none when the next column opens with running text', () => {
    expect(shorterCharts(reference(205.7, CHART_FLOOR_MM + 1), 'compact')).toBeUndefined();
    // Page 2 opens with the end of a paragraph; "Where to next" comes under it.
    const report = reference();
    report.parts = report.parts.map((part) =>
      part.id === 'where-to-next' ? { ...part, at: at(2, 1, 30, 33.2), keep: at(2, 1, 30, 81.7) } : part,
    );
    report.columns[1] = { page: 2, top: 12, fill: [97, 79], starts: [12.5, 13.5] };
    expect(shorterCharts(report, 'compact')).toBeUndefined();
  });
});

describe('DENSITY_METRICS', () => {
  it('are what print.css sets for each density', () => {
    const css = readFileSync(path.join(import.meta.dirname, '../../src/styles/print.css'), 'utf8');
    const blocks = new Map<string, string>();
    for (const m of css.matchAll(/:root(?:\[data-fit='(\w+)'\])? \{([^}]*)\}/g)) {
      if (m[1] !== undefined || /--fit-space/.test(m[2] ?? '')) blocks.set(m[1] ?? 'standard', m[2] ?? '');
    }
    const value = (density: string, name: string): number | undefined => {
      const found = new RegExp(`${name}:\\s*([\\d.]+)`).exec(blocks.get(density) ?? '');
      return found === null ? undefined : Number(found[1]);
    };
    for (const density of DENSITIES) {
      const set = (name: string): number | undefined => value(density, name) ?? value('standard', name);
      expect(
        {
          bodyPt: set('--text-base'),
          leading: set('--leading'),
          space: set('--fit-space'),
          chartMm: set('--fit-chart-height'),
        },
        density,
      ).toEqual(DENSITY_METRICS[density]);
    }
  });
});

describe('planFit: the variant the fit would choose, from the sheet laid out as pages in the page', () => {
  const f = (density: Density, fills: [number, number][], broken = false): Foresight => ({
    density,
    pages: fills.length,
    columns: fills.map((fill, i) => ({ page: i + 1, fill })),
    broken,
  });
  /** planFit over these foresights, and the densities it looked at. */
  async function plan(foresights: Foresight[], budget = 2) {
    const looked: Density[] = [];
    const result = await planFit(async (density) => {
      looked.push(density);
      return foresights.find((x) => x.density === density);
    }, budget);
    return { result, looked };
  }

  it('a sheet that fits at standard without a hole: standard, nothing denser laid out', async () => {
    const { result, looked } = await plan([
      f('standard', [
        [88, 89],
        [96, 84],
      ]),
    ]);
    expect(result).toMatchObject({ density: 'standard', passing: 'standard', hole: 12 });
    expect(looked).toEqual(['standard']);
  });

  it('over budget, or a stub last page, at standard: the first density that passes', async () => {
    const { result } = await plan([
      f('standard', [
        [95, 81],
        [88, 96],
        [5, 5],
      ]),
      f('compact', [
        [94, 100],
        [73, 84],
      ]),
    ]);
    expect(result).toMatchObject({ density: 'compact', passing: 'compact' });
  });

  it('a hole at standard: the denser density that closes it, past one that does not narrow it (many-commitments)', async () => {
    const { result, looked } = await plan([
      f('standard', [
        [65, 65],
        [76, 85],
      ]),
      f('compact', [
        [58, 91],
        [66, 63],
      ]),
      f('tight', [
        [99, 92],
        [34, 44],
      ]),
    ]);
    expect(result).toMatchObject({ density: 'tight', passing: 'standard', hole: 8, holePage: 1 });
    expect(looked).toEqual(['standard', 'compact', 'tight']);
  });

  it('cannot tell without printing: a figure at a threshold, a part apart within budget, a page not in print media', async () => {
    // A hole of 24% is within the margin of the 25% threshold.
    expect(
      (
        await plan([
          f('standard', [
            [76, 98],
            [83, 65],
          ]),
        ])
      ).result,
    ).toBeUndefined();
    expect(
      (
        await plan([
          f(
            'standard',
            [
              [90, 90],
              [80, 80],
            ],
            true,
          ),
        ])
      ).result,
    ).toBeUndefined();
    expect((await plan([])).result).toBeUndefined();
  });

  it('asForeseen: a print kept only when it keeps every rule and each column is within a point of its foresight', () => {
    const foreseen = f('compact', [
      [96, 90],
      [70, 62],
    ]);
    const report = (fills: [number, number][], broken = 0) =>
      ({
        pages: fills.length,
        budget: 2,
        broken: Array.from({ length: broken }, () => ({ rule: 'split' })),
        columns: fills.map((fill, i) => ({ page: i + 1, top: 90, fill })),
      }) as unknown as LayoutReport;
    expect(
      asForeseen(
        report([
          [96, 90],
          [69, 62],
        ]),
        foreseen,
        2,
      ),
    ).toBe(true);
    expect(
      asForeseen(
        report([
          [96, 90],
          [67, 62],
        ]),
        foreseen,
        2,
      ),
    ).toBe(false);
    expect(
      asForeseen(
        report(
          [
            [96, 90],
            [70, 62],
          ],
          1,
        ),
        foreseen,
        2,
      ),
    ).toBe(false);
    expect(asForeseen(report([[96, 90]]), foreseen, 2)).toBe(false);
  });
});
