/**
 * The figures a sheet's prose can use: computed from the sheet's built-in chart (the one
 * shown under "Commitment progress" when it is built-in, else the first built-in chart),
 * so the words and that chart are drawn from the same export, tag and years.
 */
import type { BuiltInChart } from '../schemas/chart.ts';
import { chartsIn, type PolicyArea } from '../schemas/policy-area.ts';
import { namedFigures, type Figure } from './figures.ts';
import { loadExport } from './prepare.ts';
import { fillFigures } from './prose.ts';

/** A path to a field of the sheet's frontmatter, e.g. ['statusQuo', 0, 'text']. */
export type SheetFieldPath = readonly (string | number)[];

/**
 * The sheet's text fields where `{{name}}` is filled in and typed numbers are compared with
 * the figures: all prose that states numbers. The page fills exactly these (fillSheetFigures)
 * and `check` validates exactly these, so the two cannot drift apart.
 */
export function figureTextFields(data: PolicyArea): [SheetFieldPath, string][] {
  const fields: [SheetFieldPath, string][] = [
    [['dataNote'], data.dataNote],
    [['commitmentProgress', 'text'], data.commitmentProgress.text],
    [['irmQuickStats', 'text'], data.irmQuickStats.text],
  ];
  data.keyTakeaways.forEach((text, i) => fields.push([['keyTakeaways', i], text]));
  data.statusQuo.forEach((point, i) => fields.push([['statusQuo', i, 'text'], point.text]));
  data.membersDoing.forEach((text, i) => fields.push([['membersDoing', i], text]));
  data.charts.forEach((chart, i) => {
    if (chart.caption) fields.push([['charts', i, 'caption'], chart.caption]);
    chart.footnotes.forEach((note, j) => fields.push([['charts', i, 'footnotes', j], note]));
  });
  return fields;
}

/**
 * The sheet with `{{name}}` filled in every field figureTextFields lists; the sheet given is
 * not changed. Unknown names stay as written (check reports them as errors).
 */
export function fillSheetFigures(sheet: PolicyArea, figures: Record<string, string>): PolicyArea {
  const filled = structuredClone(sheet);
  for (const [path, text] of figureTextFields(sheet)) {
    const parent = path.slice(0, -1).reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], filled);
    (parent as Record<string | number, unknown>)[path.at(-1) ?? ''] = fillFigures(text, figures);
  }
  return filled;
}

/** The built-in chart the sheet's figures come from, if it has one. */
export function figureSource(sheet: Pick<PolicyArea, 'charts' | 'commitmentProgress'>): BuiltInChart | undefined {
  const builtIn = sheet.charts.filter((c): c is BuiltInChart => c.kind !== 'vega-lite');
  const progress = chartsIn(sheet.commitmentProgress);
  return builtIn.find((c) => progress.includes(c.id)) ?? builtIn[0];
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

/** The sheet's figures as text, for `{{name}}` in its prose. Throws UserError on bad data. */
export async function figuresFor(
  root: string,
  sheet: Pick<PolicyArea, 'charts' | 'commitmentProgress'>,
): Promise<Record<string, string>> {
  const figures = await sheetFigures(root, sheet);
  return Object.fromEntries(Object.entries(figures).map(([name, f]) => [name, String(f.value)]));
}
