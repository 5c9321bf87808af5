/**
 * The data of a Vega-Lite chart, typed exactly as Vega-Lite types a file it is given by
 * `data: {url}`, plus two documented rules (data/README.md) so no chart shows a number
 * nobody reported:
 *
 * - CSV/TSV cells stay text as written ("12.50" stays "12.50", "007" stays "007"), except the
 *   fields Vega-Lite itself parses (a field read as `temporal` becomes a date, a `min`/`max`
 *   aggregate's field a number) and those the chart's `format.parse` types. A blank cell is
 *   missing (`null`), never "" (which Vega plots as 0). In Vega terms: every other column gets
 *   `format.parse` "string", whose parser maps "" to null.
 * - A field read as a date whose values are whole numbers from 1000 to 9999 (a JSON `year`)
 *   is a year: parsed as "utc:%Y", 1 January of that year, as a CSV "1900" is by Date.parse.
 *   (A number as a date is otherwise milliseconds since 1970, which no editor means here.)
 *
 * JSON is kept as parsed: numbers, booleans, null, nested objects and arrays intact.
 *
 * The chart is compiled with its file as `data: {url}`; the compiled Vega spec then gets the
 * file's records (parsed once per file, copied per chart) in place of the url, with the same
 * `format`, so Vega applies the same parse it would after loading the file.
 */
import type { Spec } from 'vega';
import type { Config, TopLevelSpec } from 'vega-lite';
import type { Table } from './data-file.ts';

/** The format of a data file, by its extension. */
export type DataType = 'csv' | 'tsv' | 'json';
export const dataType = (name: string): DataType =>
  name.endsWith('.json') ? 'json' : name.endsWith('.tsv') ? 'tsv' : 'csv';

/** The address a chart's data file has in its compiled spec (and for a reference renderer). */
export const dataUrl = (name: string): string => `data/${name}`;

/** A chart entry's explicit typing of columns (Vega-Lite's `format.parse`). */
export type ParseDirectives = Record<string, string | null>;

/** A data file's records as Vega reads them from the file, before any `format.parse`. */
export interface VegaRecords {
  name: string;
  type: DataType;
  /** The header (CSV/TSV) or the keys of the records in first-seen order (JSON). */
  columns: string[];
  records: readonly Record<string, unknown>[];
}

/** Records by file name and hash: each file is parsed once per process. */
const parsed = new Map<string, VegaRecords>();

/**
 * The records of a data file (already read and checked by readTable), as Vega's reader gives them.
 * Vega is loaded here, when a chart first needs it, not with the check's modules
 * (src/charts/renderer-versions.ts).
 */
export async function vegaRecords(table: Table): Promise<VegaRecords> {
  const key = `${table.name}\0${table.hash}`;
  let known = parsed.get(key);
  if (known === undefined) {
    const type = dataType(table.name);
    const { read } = await import('vega');
    const records = read(table.text, { type }) as Record<string, unknown>[];
    known = { name: table.name, type, columns: table.columns, records };
    parsed.set(key, known);
  }
  return known;
}

/** Forgets parsed records (the bench measures a fresh process). */
export function forgetRecords(): void {
  parsed.clear();
}

/**
 * The spec as Vega-Lite gets it: the chart's file by url with its format (the chart's own
 * `format.parse` honoured), and the theme under the spec's own config.
 */
export function withFileData(
  spec: Record<string, unknown>,
  name: string,
  parse: ParseDirectives | undefined,
  theme: Config,
): TopLevelSpec {
  const { data: _ignored, config, ...rest } = spec;
  return {
    ...rest,
    data: { url: dataUrl(name), format: { type: dataType(name), ...(parse ? { parse } : {}) } },
    config: { ...theme, ...(typeof config === 'object' && config !== null ? config : {}) },
  } as unknown as TopLevelSpec;
}

/** A data entry of a compiled Vega spec, as far as binding records needs it. */
interface VegaDataEntry {
  url?: unknown;
  values?: unknown;
  format?: { type?: string; parse?: unknown; [key: string]: unknown };
}

/** A JSON value that can be a year: a whole number from 1000 to 9999 (missing values aside). */
const isYear = (value: unknown): boolean =>
  value == null || (Number.isInteger(value) && (value as number) >= 1000 && (value as number) <= 9999);

/**
 * The `format.parse` the project applies to a file, from the one Vega-Lite compiled (its own
 * implicit parses and the chart's explicit ones): see the module comment for the two rules.
 */
export function effectiveParse(
  data: VegaRecords,
  compiled: Record<string, string> | undefined,
): Record<string, string> {
  const parse: Record<string, string> = {};
  if (data.type !== 'json') for (const column of data.columns) parse[column] = 'string';
  for (const [field, type] of Object.entries(compiled ?? {})) {
    const years =
      type === 'date' && data.records.some((r) => r[field] != null) && data.records.every((r) => isYear(r[field]));
    parse[field] = years ? 'utc:%Y' : type;
  }
  return parse;
}

/**
 * Gives a compiled Vega spec the file's records in place of its url: a copy of each record
 * (Vega writes derived fields into the records it is given), the format's parse made the
 * project's (effectiveParse). Returns the spec given, changed.
 */
export function bindRecords(vega: Spec, data: VegaRecords): Spec {
  const url = dataUrl(data.name);
  for (const entry of (vega.data ?? []) as VegaDataEntry[]) {
    if (entry.url !== url) continue;
    const { type: _type, parse, ...format } = entry.format ?? {};
    const compiled = typeof parse === 'object' && parse !== null ? (parse as Record<string, string>) : undefined;
    delete entry.url;
    entry.values = data.records.map((r) => ({ ...r }));
    entry.format = { ...format, type: 'json', parse: effectiveParse(data, compiled) };
  }
  return vega;
}
