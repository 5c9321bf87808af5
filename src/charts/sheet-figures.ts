/**
 * The figures a sheet's prose can use: computed from the sheet's built-in chart (the one
 * shown under "Commitment progress" when it is built-in, else the first built-in chart),
 * so the words and that chart are drawn from the same export, tag and years.
 */
import type { BuiltInChart } from '../schemas/chart.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import { namedFigures, type Figure } from './figures.ts';
import { loadExport } from './prepare.ts';

/** The built-in chart the sheet's figures come from, if it has one. */
export function figureSource(sheet: Pick<PolicyArea, 'charts' | 'commitmentProgress'>): BuiltInChart | undefined {
  const builtIn = sheet.charts.filter((c): c is BuiltInChart => c.kind !== 'vega-lite');
  return builtIn.find((c) => c.id === sheet.commitmentProgress.chart) ?? builtIn[0];
}

/** The sheet's figures with their units (for checks); empty when it has no built-in chart. */
export async function sheetFigures(
  root: string,
  sheet: Pick<PolicyArea, 'charts' | 'commitmentProgress'>,
): Promise<Record<string, Figure>> {
  const source = figureSource(sheet);
  if (!source) return {};
  return namedFigures(await loadExport(root, source), source);
}

/** The sheet's figures as text, for `{{name}}` in its prose. Throws DataFileError on bad data. */
export async function figuresFor(
  root: string,
  sheet: Pick<PolicyArea, 'charts' | 'commitmentProgress'>,
): Promise<Record<string, string>> {
  const figures = await sheetFigures(root, sheet);
  return Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, String(f.value)]));
}
