/**
 * From a chart definition to what gets drawn: the Vega-Lite spec and the exact rows it
 * plots (which become the data table and the CSV), plus computed footnotes. Shared by
 * rendering and by `check` (which stops before drawing).
 */
import type { TopLevelSpec } from 'vega-lite';
import type { BuiltInChart, Chart } from '../schemas/chart.ts';
import { UserError } from '../diagnostics/index.ts';
import { chartLocale } from '../i18n/chart-locale.ts';
import { strings } from '../i18n/index.ts';
import { messages } from '../messages.ts';
import { readCommitmentsExport, requireTag, type CommitmentsExport } from './commitments-export.ts';
import { readTable } from './data-file.ts';
import { commitmentsPerYear, irmPerformance, select } from './figures.ts';
import { readManifest } from './manifest.ts';
import { commitmentsPerYearSpec, irmPerformanceSpec, irmRows } from './specs.ts';
import { vegaLiteConfig } from './theme.ts';
import { vegaRecords, withFileData, type VegaRecords } from './vega-data.ts';
import { fieldTitle } from './spec-texts.ts';
import { fieldsUsed, loadSpecFile, type LoadedSpec } from './vega-lite-spec.ts';

export interface PlottedTable {
  /** Column headings for readers (the table on the page). */
  columns: string[];
  /** Column names in the CSV: short, stable, for scripts. */
  keys: string[];
  rows: (string | number)[][];
}

export interface PreparedChart {
  /** The spec with the theme; a Vega-Lite chart's names its data file by url (see vega-data.ts). */
  spec: TopLevelSpec;
  /** A Vega-Lite chart's data file: its name and hash (in the cache key) and, not hashed, its records. */
  data?: { name: string; hash: string; records: VegaRecords };
  table: PlottedTable;
  /** Footnotes computed from the data, e.g. "* sample size < 50". */
  computedFootnotes: string[];
}

/** Reads the export behind a built-in chart and checks its tag; throws UserError. */
export async function loadExport(root: string, chart: BuiltInChart): Promise<CommitmentsExport> {
  const data = readCommitmentsExport(await readTable(root, chart.data));
  requireTag(data, chart.tag);
  if (select(data, chart).area.length === 0) {
    throw new UserError(messages.chartNoTaggedCommitments(chart.data, chart.tag), {
      file: `data/${chart.data}`,
      field: 'tag',
    });
  }
  return data;
}

/** The spec of a Vega-Lite chart: inline, or loaded from its .vl.json file. */
export async function loadSpec(root: string, chart: Extract<Chart, { kind: 'vega-lite' }>): Promise<LoadedSpec> {
  return typeof chart.spec === 'string' ? loadSpecFile(root, chart.spec) : { spec: chart.spec };
}

/** A table cell for a value as the data file has it: missing is blank, nested data is written as JSON. */
const cellText = (value: unknown): string | number =>
  value == null
    ? ''
    : typeof value === 'number' || typeof value === 'string'
      ? value
      : typeof value === 'object'
        ? JSON.stringify(value)
        : String(value);

/**
 * The fields a Vega-Lite chart plots (those its spec reads from the data, "a.b" for nested
 * ones, in the data's column order; every column when it reads none) and their values as the
 * file has them. The CSV names the columns by field; the table heads them with the spec's
 * title for the field where it gives one.
 */
export function plottedTable(spec: Record<string, unknown>, data: VegaRecords): PlottedTable {
  const used = fieldsUsed(spec).filter((f) => data.columns.includes(f.field));
  const fields = [...new Map(used.map((f) => [f.segments.join('.'), f.segments])).values()].sort(
    (a, b) => data.columns.indexOf(a[0] ?? '') - data.columns.indexOf(b[0] ?? ''),
  );
  const paths = fields.length > 0 ? fields : data.columns.map((c) => [c]);
  const keys = paths.map((p) => p.join('.'));
  // Readers see a column under the title the spec gives its field (an axis or legend title), if any.
  const columns = keys.map((key) => fieldTitle(spec, key) ?? key);
  const rows = data.records.map((record) =>
    paths.map((p) =>
      cellText(p.reduce<unknown>((v, key) => (v == null ? undefined : (v as Record<string, unknown>)[key]), record)),
    ),
  );
  return { columns, keys, rows };
}

/** The language a chart is drawn in, and the policy area's name in that language (default: the chart's tag). */
export interface ChartLanguage {
  lang?: string;
  area?: string;
}

/** The spec with the language's number and time formats (Vega's `config.locale`); English specs are left as they are. */
function inLanguage(spec: TopLevelSpec, lang: string): TopLevelSpec {
  if (lang === 'en') return spec;
  return { ...spec, config: { ...(spec.config ?? {}), locale: spec.config?.locale ?? chartLocale(lang) } };
}

export async function prepareChart(root: string, chart: Chart, language: ChartLanguage = {}): Promise<PreparedChart> {
  const lang = language.lang ?? 'en';
  const prepared = await prepareInLanguage(root, chart, lang, language.area);
  return { ...prepared, spec: inLanguage(prepared.spec, lang) };
}

async function prepareInLanguage(
  root: string,
  chart: Chart,
  lang: string,
  area: string | undefined,
): Promise<PreparedChart> {
  const t = strings(lang).chart;
  switch (chart.kind) {
    case 'commitments-per-year': {
      const rows = commitmentsPerYear(await loadExport(root, chart), chart);
      return {
        spec: commitmentsPerYearSpec(rows, lang),
        table: {
          columns: [t.yearAxis, t.areaSeries(area ?? chart.tag)],
          keys: ['year', 'commitments'],
          rows: rows.map((r) => [r.year, r.commitments]),
        },
        computedFootnotes: [],
      };
    }
    case 'irm-performance': {
      const data = await loadExport(root, chart);
      const performance = irmPerformance(data, chart);
      // "All" is what the file holds: when it is a subset of OGP's commitments, say so and how many.
      const subset = (await readManifest(root))[chart.data]?.coverage === 'subset';
      const allSeries = subset ? t.allSeriesSubset(select(data, chart).all.length) : t.allSeries;
      const rows = irmRows(area ?? chart.tag, performance, lang, allSeries);
      return {
        spec: irmPerformanceSpec(area ?? chart.tag, performance, lang, allSeries),
        table: {
          columns: [t.measureColumn, t.seriesColumn, t.shareColumn, t.meetingColumn, t.assessedColumn],
          keys: ['measure', 'series', 'percent', 'meeting', 'assessed'],
          rows: rows.map((r) => [r.measure, r.series, r.percent, r.meeting, r.assessed]),
        },
        computedFootnotes: performance.some((p) => p.area.smallSample) ? [t.smallSampleFootnote] : [],
      };
    }
    case 'vega-lite': {
      const { spec } = await loadSpec(root, chart);
      const table = await readTable(root, chart.data);
      const records = await vegaRecords(table);
      return {
        spec: withFileData(spec, chart.data, chart.format?.parse, vegaLiteConfig),
        data: { name: chart.data, hash: table.hash, records },
        table: plottedTable(spec, records),
        computedFootnotes: [],
      };
    }
  }
}
