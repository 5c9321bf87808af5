/** Shared setup for the chart tests: fixture paths, a minimal valid sheet, a fake locator. */
import path from 'node:path';
import { formatFieldPath } from '../../src/diagnostics/index.ts';
import type { SheetForCharts } from '../../src/charts/index.ts';
import { PolicyAreaSchema, type PolicyArea } from '../../src/schemas/policy-area.ts';

export const FIXTURE = path.join(import.meta.dirname, '..', 'fixtures', 'charts-export');
export const REPO = path.join(import.meta.dirname, '..', '..');
export const SHEET_FILE = 'content/policy-areas/test-area.mdx';

/** A stable fake line for a field path, so tests can assert where an issue points. */
export const fakeLine = (path: readonly PropertyKey[]): number =>
  [...formatFieldPath(path)].reduce((sum, ch) => (sum * 31 + ch.charCodeAt(0)) % 997, 7) + 1;

export const perYearChart = {
  id: 'per-year',
  kind: 'commitments-per-year',
  title: 'Test commitments per year',
  alt: 'Bar chart of test-area commitments per action-plan year.',
  tag: 'Digital Governance',
  data: 'commitments.csv',
  source: 'Test export.',
} as const;

export const irmChart = {
  id: 'performance',
  kind: 'irm-performance',
  title: 'Commitment Performance',
  alt: 'Bar chart comparing test-area commitments with all commitments on IRM measures.',
  tag: 'Digital Governance',
  data: 'commitments.csv',
  source: 'Test IRM data.',
} as const;

/** A valid sheet (parsed by the real schema) with the given charts, each placed in a section, and overrides. */
export function makeSheet(charts: unknown[], overrides: Record<string, unknown> = {}): PolicyArea {
  // Every chart is shown somewhere: the two built-in ones in their sections, any other after the IRM text.
  const others = [
    ...new Set(
      charts
        .map((chart) => (chart as { id?: unknown }).id)
        .filter((id): id is string => typeof id === 'string' && id !== 'per-year' && id !== 'performance'),
    ),
  ];
  return PolicyAreaSchema.parse({
    title: 'Test Area Fact Sheet',
    area: 'Test Area',
    summary: 'A sheet written for the chart tests.',
    edition: '2026-01-01',
    keyTakeaways: ['One takeaway.'],
    statusQuo: [{ lead: 'Lead', text: 'Text.' }],
    dataNote: 'Commitment data covers the test export.',
    commitmentProgress: { text: 'There are {{total_commitments}} commitments.', charts: ['per-year'] },
    membersDoing: ['Testing'],
    recommendations: 'test-area',
    notableCommitments: ['test-commitment'],
    irmQuickStats: {
      text: 'Test-area commitments do well.',
      charts: ['performance', ...others],
      definitions: [{ term: 'Ambition', text: 'A definition.' }],
    },
    charts,
    ...overrides,
  });
}

export function sheetForCharts(data: PolicyArea): SheetForCharts {
  return { slug: 'test-area', file: SHEET_FILE, data, locate: (p) => ({ line: fakeLine(p), column: 3 }) };
}
