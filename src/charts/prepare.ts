/**
 * From a chart definition to what gets drawn: the Vega-Lite spec and the exact rows it
 * plots (which become the data table and the CSV), plus computed footnotes. Shared by
 * rendering and by `check` (which stops before drawing).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BuiltInChart, Chart } from '../schemas/chart.ts';
import { messages } from '../messages.ts';
import { readCommitmentsExport, requireTag, type CommitmentsExport } from './commitments-export.ts';
import { DataFileError, readTable, toRecords, type Table } from './data-file.ts';
import { commitmentsPerYear, irmPerformance, select } from './figures.ts';
import { commitmentsPerYearSpec, irmPerformanceSpec, irmRows } from './specs.ts';
import { fieldsUsed, loadSpecFile, withDataAndTheme, type LoadedSpec } from './vega-lite-spec.ts';

export interface PlottedTable {
  /** Column headings for readers (the table on the page). */
  columns: string[];
  /** Column names in the CSV: short, stable, for scripts. */
  keys: string[];
  rows: (string | number)[][];
}

export interface PreparedChart {
  spec: TopLevelSpec;
  table: PlottedTable;
  /** Footnotes computed from the data, e.g. "* sample size < 50". */
  computedFootnotes: string[];
}

/** Reads the export behind a built-in chart and checks its tag; throws DataFileError. */
export async function loadExport(root: string, chart: BuiltInChart): Promise<CommitmentsExport> {
  const data = readCommitmentsExport(await readTable(root, chart.data));
  requireTag(data, chart.tag);
  if (select(data, chart).area.length === 0) {
    throw new DataFileError(
      `data/${chart.data}`,
      messages.chartNoTaggedCommitments(chart.data, chart.tag),
      undefined,
      'tag',
    );
  }
  return data;
}

/** The spec of a Vega-Lite chart: inline, or loaded from its .vl.json file. */
export async function loadSpec(root: string, chart: Extract<Chart, { kind: 'vega-lite' }>): Promise<LoadedSpec> {
  return typeof chart.spec === 'string' ? loadSpecFile(root, chart.spec) : { spec: chart.spec };
}

/** The columns a Vega-Lite chart plots: those its spec reads, in the data's order (all when it reads none). */
export function plottedColumns(spec: Record<string, unknown>, table: Table): string[] {
  const used = new Set(fieldsUsed(spec).map((f) => f.field));
  const columns = table.columns.filter((c) => used.has(c));
  return columns.length > 0 ? columns : table.columns;
}

export async function prepareChart(root: string, chart: Chart): Promise<PreparedChart> {
  const t = messages.chartText;
  switch (chart.kind) {
    case 'commitments-per-year': {
      const rows = commitmentsPerYear(await loadExport(root, chart), chart);
      return {
        spec: commitmentsPerYearSpec(rows),
        table: {
          columns: [t.yearAxis(), t.areaSeries(chart.tag)],
          keys: ['year', 'commitments'],
          rows: rows.map((r) => [r.year, r.commitments]),
        },
        computedFootnotes: [],
      };
    }
    case 'irm-performance': {
      const performance = irmPerformance(await loadExport(root, chart), chart);
      const rows = irmRows(chart.tag, performance);
      return {
        spec: irmPerformanceSpec(chart.tag, performance),
        table: {
          columns: ['Measure', 'Commitments', 'Share (%)', 'Meeting the measure', 'Assessed by the IRM'],
          keys: ['measure', 'series', 'percent', 'meeting', 'assessed'],
          rows: rows.map((r) => [r.measure, r.series, r.percent, r.meeting, r.assessed]),
        },
        computedFootnotes: performance.some((p) => p.area.smallSample) ? [t.smallSampleFootnote()] : [],
      };
    }
    case 'vega-lite': {
      const { spec } = await loadSpec(root, chart);
      const data = await readTable(root, chart.data);
      const records = toRecords(data);
      const columns = plottedColumns(spec, data);
      return {
        spec: withDataAndTheme(spec, records),
        table: { columns, keys: columns, rows: records.map((r) => columns.map((c) => r[c] ?? '')) },
        computedFootnotes: [],
      };
    }
  }
}
