/**
 * checkCharts: every chart problem of every sheet as Issues, for `npm run check`.
 * Data and spec problems point into the data or spec file (its line); definition problems
 * point at the sheet's frontmatter field. Each problem names the chart it belongs to.
 */
import { closest, formatFieldPath, UserError, type Issue } from '../diagnostics/index.ts';
import { messages, type Message } from '../messages.ts';
import type { Chart } from '../schemas/chart.ts';
import { slugPattern } from '../schemas/common.ts';
import { CHART_SECTIONS, type ChartSection, type PolicyArea } from '../schemas/policy-area.ts';
import { readTable } from './data-file.ts';
import type { Figure } from './figures.ts';
import { loadManifest } from './manifest.ts';
import { loadExport, loadSpec, prepareChart } from './prepare.ts';
import { contradictions, findReferences } from './prose.ts';
import { figureTextFields, sheetFigures } from './sheet-figures.ts';
import { dryRunChart } from './dry-run.ts';
import { vegaRecords } from './vega-data.ts';
import { validateSpec } from './vega-lite-spec.ts';

export interface SheetForCharts {
  slug: string;
  /** The sheet's file, relative to the root, e.g. content/policy-areas/digital-governance.mdx. */
  file: string;
  data: PolicyArea;
  /** Position of a frontmatter field path. */
  locate: (path: readonly PropertyKey[]) => { line: number; column: number } | undefined;
}

/**
 * A sheet that failed its schema (a bad date, a wrong link...: reported by the content stage):
 * the charts of its `charts:` list that are valid on their own, by their place in the list, so
 * that their data and spec problems are reported in the same run rather than after that fix.
 */
export interface InvalidSheetForCharts extends Omit<SheetForCharts, 'data'> {
  charts: [index: number, chart: Chart][];
  /** The chart ids its sections name (chartsNamedIn), when every chart of its list is valid (so every id is known). */
  placed?: [id: string, path: Path][];
}

type Path = readonly (string | number)[];

/**
 * The chart ids a section names (its `chart:` and `charts:`), each with its path. An id that is
 * not a well-formed id is left out: the schema reports it.
 */
export function chartsNamedIn(section: ChartSection, raw: unknown): [id: string, path: Path][] {
  if (typeof raw !== 'object' || raw === null) return [];
  const { chart, charts } = raw as { chart?: unknown; charts?: unknown };
  const isId = (id: unknown): id is string => typeof id === 'string' && slugPattern.test(id);
  return [
    ...(isId(chart) ? [[chart, [section, 'chart']] as [string, Path]] : []),
    ...(Array.isArray(charts)
      ? charts.flatMap((id: unknown, j): [string, Path][] => (isId(id) ? [[id, [section, 'charts', j]]] : []))
      : []),
  ];
}

/** A section names a chart the sheet does not have: said at that name; returns the chart it probably meant. */
function unknownChart(id: string, path: Path, ids: readonly string[], atField: AtField): string | undefined {
  const suggestion = closest(id, ids);
  atField(path, messages.chartNotOnSheet(id, suggestion, ids));
  return suggestion;
}

export async function checkCharts(input: {
  root: string;
  sheets: SheetForCharts[];
  invalidSheets?: InvalidSheetForCharts[];
}): Promise<Issue[]> {
  const issues: Issue[] = [];
  const manifest = await loadManifest(input.root);
  // A broken manifest is reported, and every chart is still checked (as if it listed nothing).
  issues.push(...manifest.issues);
  for (const sheet of input.sheets) issues.push(...(await checkSheet(input.root, sheet)));
  for (const sheet of input.invalidSheets ?? []) {
    const { report, atField, inFile } = reporter(sheet);
    const ids = sheet.charts.map(([, chart]) => chart.id);
    for (const [id, path] of sheet.placed ?? []) if (!ids.includes(id)) unknownChart(id, path, ids, atField);
    await checkEachChart(input.root, sheet, sheet.charts, atField, inFile);
    issues.push(...report);
  }
  return issues;
}

type AtField = (path: Path, message: Message, severity?: Issue['severity'], chartId?: string) => void;
type InFile = (
  file: string,
  line: number | undefined,
  path: Path,
  chartId: string,
  message: Message,
  severity?: Issue['severity'],
) => void;

/** Where a sheet's chart problems go: at a field of its frontmatter, or in a data or spec file. */
function reporter(sheet: Omit<SheetForCharts, 'data'>): { report: Issue[]; atField: AtField; inFile: InFile } {
  const issues: Issue[] = [];
  /** An issue at a field of the sheet's frontmatter. */
  const atField = (path: Path, message: Message, severity: Issue['severity'] = 'error', chartId?: string): void => {
    const at = sheet.locate(path);
    issues.push({
      file: sheet.file,
      ...(at ? { line: at.line, column: at.column } : {}),
      field: formatFieldPath(path),
      ...(chartId === undefined ? message : messages.inChart(chartId, sheet.file, message)),
      severity,
    });
  };
  /** An issue in a data or spec file, naming the sheet and chart it was found through. */
  const inFile = (
    file: string,
    line: number | undefined,
    path: Path,
    chartId: string,
    message: Message,
    severity: Issue['severity'] = 'error',
  ): void => {
    issues.push({
      file,
      ...(line !== undefined && line > 0 ? { line, column: 1 } : {}),
      field: formatFieldPath(path),
      ...messages.inChart(chartId, sheet.file, message),
      severity,
    });
  };
  return { report: issues, atField, inFile };
}

/** Each chart's data and spec. */
async function checkEachChart(
  root: string,
  sheet: Omit<SheetForCharts, 'data'>,
  charts: Iterable<[number, Chart]>,
  atField: AtField,
  inFile: InFile,
): Promise<void> {
  for (const [i, chart] of charts) {
    try {
      await checkChart(root, chart, i, sheet, atField, inFile);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      // A missing file or wrong tag is the sheet's mistake: point at the sheet. Anything inside a file: point into it.
      if (error.field !== undefined) atField(['charts', i, error.field], error.details, 'error', chart.id);
      else
        inFile(
          error.file ?? sheet.file,
          error.line,
          ['charts', i, chart.kind === 'vega-lite' && error.file !== `data/${chart.data}` ? 'spec' : 'data'],
          chart.id,
          error.details,
        );
    }
  }
}

async function checkSheet(root: string, sheet: SheetForCharts): Promise<Issue[]> {
  const { data } = sheet;
  const { report: issues, atField, inFile } = reporter(sheet);

  // Ids: unique.
  const ids = data.charts.map((c) => c.id);
  const firstIndex = new Map<string, number>();
  data.charts.forEach((chart, i) => {
    const first = firstIndex.get(chart.id);
    if (first === undefined) firstIndex.set(chart.id, i);
    else {
      const at = sheet.locate(['charts', first, 'id']);
      const firstAt = at === undefined ? `charts[${first}]` : `${sheet.file}:${at.line}:${at.column}`;
      atField(['charts', i, 'id'], messages.duplicateId('chart', chart.id, firstAt));
    }
  });
  // Placement: every id a section names is a chart of the sheet, shown once; every chart is shown somewhere.
  const placedAt = new Map<string, Path>();
  // A chart a misspelt id was probably meant for: its did-you-mean says so, "not shown" would be noise.
  const meant = new Set<string>();
  for (const section of CHART_SECTIONS) {
    const { chart: short, charts: listed } = data[section];
    if (short !== undefined && listed.length > 0)
      atField([section, 'chart'], messages.chartAndCharts(section, [short, ...listed]));
    for (const [id, path] of chartsNamedIn(section, data[section])) {
      if (!ids.includes(id)) {
        const suggestion = unknownChart(id, path, ids, atField);
        if (suggestion !== undefined) meant.add(suggestion);
      } else if (placedAt.has(id)) {
        const firstPath = placedAt.get(id) ?? [];
        const at = sheet.locate(firstPath);
        atField(
          path,
          messages.chartPlacedTwice(
            id,
            at === undefined ? formatFieldPath(firstPath) : `${sheet.file}:${at.line}:${at.column}`,
          ),
        );
      } else placedAt.set(id, path);
    }
  }
  data.charts.forEach((chart, i) => {
    if (!placedAt.has(chart.id) && !meant.has(chart.id) && firstIndex.get(chart.id) === i)
      atField(['charts', i, 'id'], messages.chartNotPlaced(chart.id, CHART_SECTIONS));
  });

  await checkEachChart(root, sheet, data.charts.entries(), atField, inFile);

  // Figures in the prose: known names, and typed numbers that agree with the data.
  let figures: Record<string, Figure> | undefined;
  try {
    figures = await sheetFigures(root, data);
  } catch (error) {
    if (!(error instanceof UserError)) throw error;
    figures = undefined; // already reported against the chart
  }
  const names = figures ? Object.keys(figures) : [];
  for (const [path, text] of figureTextFields(data)) {
    for (const ref of findReferences(text)) {
      // Without figures (the data failed, reported above) names cannot be judged.
      if (figures && !(ref.name in figures))
        atField(path, messages.unknownFigure(ref.name, closest(ref.name, names), names));
    }
    if (!figures) continue;
    for (const { typed, candidates } of contradictions(text, figures)) {
      // Name the figures nearest in value: the likely intended ones.
      const nearest = [...candidates]
        .sort(
          ([a, x], [b, y]) => Math.abs(x.value - typed.value) - Math.abs(y.value - typed.value) || a.localeCompare(b),
        )
        .slice(0, 2);
      atField(
        path,
        messages.figureContradiction(
          typed.phrase
            .replace(/\s+/g, ' ')
            .replace(/\s*%$/, '')
            .replace(/ (percent|members?|commitments?)$/i, ''),
          typed.unit,
          nearest.map(([n]) => n),
          nearest.map(([, f]) => String(f.value)),
        ),
        'warning',
      );
    }
  }
  return issues;
}

async function checkChart(
  root: string,
  chart: Chart,
  index: number,
  sheet: Omit<SheetForCharts, 'data'>,
  atField: AtField,
  inFile: InFile,
): Promise<void> {
  if (chart.kind !== 'vega-lite') {
    await loadExport(root, chart);
    return;
  }
  const loaded = await loadSpec(root, chart);
  const table = await readTable(root, chart.data);
  const problems = await validateSpec(loaded.spec, await vegaRecords(table), chart.format?.parse);
  // What the build would refuse when drawing (limits, run-time errors, links from the data), found now.
  if (!problems.some((problem) => problem.severity === 'error'))
    problems.push(...(await dryRunChart(loaded.spec, table, () => prepareChart(root, chart), problems)));
  for (const problem of problems) {
    if (typeof chart.spec === 'string') {
      inFile(
        `data/${chart.spec}`,
        loaded.lineOf?.(problem.path),
        ['charts', index, 'spec', ...problem.path],
        chart.id,
        problem.message,
        problem.severity,
      );
    } else {
      // Inline: locate the deepest part of the path the frontmatter knows.
      const path: Path = ['charts', index, 'spec', ...problem.path];
      let known = path.length;
      while (known > 3 && sheet.locate(path.slice(0, known)) === undefined) known--;
      atField(path.slice(0, known), problem.message, problem.severity, chart.id);
    }
  }
}
