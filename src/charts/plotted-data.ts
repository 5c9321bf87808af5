/**
 * What a drawn Vega-Lite chart plots, read back from the running Vega view, for a chart whose
 * marks are drawn from aggregated rows (a count, a sum, a mean...): the rows of the dataset its
 * first mark is drawn from (after the spec's filters, aggregates, bins and time units) and the
 * fields that mark encodes, headed by the axis or legend titles the chart shows. This is then
 * the chart's data table and CSV: for a bar chart that counts commitments by region, one row a
 * region with its count, not every commitment of the file. A chart that does not aggregate keeps
 * the rows of its file (src/charts/prepare.ts), blank cells included.
 */
import { field as fieldReader, type Spec as VegaSpec, type View } from 'vega';
import type { PlottedTable } from './prepare.ts';

/** Encoding channels a reader reads values from, in the order the table gives them. */
const CHANNELS = [
  'x',
  'x2',
  'y',
  'y2',
  'theta',
  'radius',
  'fill',
  'stroke',
  'shape',
  'size',
  'opacity',
  'text',
] as const;
/** The legend property naming a scale, by the channel it encodes. */
const LEGEND_OF: Partial<Record<(typeof CHANNELS)[number], string>> = {
  fill: 'fill',
  stroke: 'stroke',
  shape: 'shape',
  size: 'size',
  opacity: 'opacity',
};

interface VegaMark {
  type?: string;
  from?: { data?: string; facet?: { name?: string; data?: string } };
  encode?: { update?: Record<string, unknown>; enter?: Record<string, unknown> };
  marks?: VegaMark[];
}

interface Encoded {
  field: string;
  scale?: string;
  channel: (typeof CHANNELS)[number];
}

/** The first mark (depth first) drawn from data and encoding fields, with the dataset its rows come from. */
function firstDataMark(
  marks: readonly VegaMark[],
  facets: ReadonlyMap<string, string>,
): { data: string; fields: Encoded[] } | undefined {
  for (const mark of marks) {
    const inner = new Map(facets);
    const facet = mark.from?.facet;
    if (facet?.name !== undefined && facet.data !== undefined)
      inner.set(facet.name, facets.get(facet.data) ?? facet.data);
    if (mark.type === 'group') {
      const found = firstDataMark(mark.marks ?? [], inner);
      if (found !== undefined) return found;
      continue;
    }
    const data = mark.from?.data;
    if (data === undefined) continue;
    const encode = { ...mark.encode?.enter, ...mark.encode?.update };
    const fields: Encoded[] = [];
    for (const channel of CHANNELS) {
      const entry = encode[channel] as { field?: unknown; scale?: unknown } | undefined;
      if (typeof entry?.field !== 'string' || fields.some((f) => f.field === entry.field)) continue;
      fields.push({ field: entry.field, channel, ...(typeof entry.scale === 'string' ? { scale: entry.scale } : {}) });
    }
    if (fields.length > 0) return { data: facets.get(data) ?? data, fields };
  }
  return undefined;
}

const titleText = (title: unknown): string | undefined =>
  typeof title === 'string' && title.trim() !== ''
    ? title
    : Array.isArray(title) && title.every((line) => typeof line === 'string')
      ? title.join(' ')
      : undefined;

/** The title the chart shows for a field: its axis', or its legend's; else the field's name. */
function headingOf(spec: VegaSpec, encoded: Encoded): string {
  const { scale, channel, field } = encoded;
  if (scale !== undefined) {
    for (const axis of spec.axes ?? []) {
      const title = axis.scale === scale ? titleText(axis.title) : undefined;
      if (title !== undefined) return title;
    }
    const legendKey = LEGEND_OF[channel];
    for (const legend of spec.legends ?? []) {
      const title =
        legendKey !== undefined && (legend as Record<string, unknown>)[legendKey] === scale
          ? titleText(legend.title)
          : undefined;
      if (title !== undefined) return title;
    }
  }
  return field;
}

/** A field's name in the CSV: Vega-Lite's output name, "count" for its record count. */
const csvKey = (field: string): string => (field === '__count' ? 'count' : field);

/** A value as a table cell: dates on a time scale as ISO dates (with the time only when there is one). */
function cell(value: unknown, timeScale: boolean): string | number {
  if (value == null) return '';
  if (timeScale && (typeof value === 'number' || value instanceof Date)) {
    const iso = new Date(value).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso;
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'number' || typeof value === 'string') return value;
  return typeof value === 'object' ? JSON.stringify(value) : String(value);
}

/** Whether a dataset, or one it is derived from, aggregates rows. */
function aggregates(spec: VegaSpec, name: string): boolean {
  const byName = new Map((spec.data ?? []).map((data) => [data.name, data]));
  const seen = new Set<string>();
  for (let data = byName.get(name); data !== undefined && !seen.has(data.name);) {
    seen.add(data.name);
    if ((data.transform ?? []).some((transform) => transform.type === 'aggregate')) return true;
    const source = 'source' in data ? data.source : undefined;
    data = byName.get(Array.isArray(source) ? String(source[0]) : String(source));
  }
  return false;
}

/**
 * A stacked field's name as the data has it: Vega-Lite stacks "share" into "share_start" and
 * "share_end", which the marks encode; the table gives the value itself.
 */
function unstacked(fields: readonly Encoded[], row: Record<string, unknown> | undefined): Encoded[] {
  const out: Encoded[] = [];
  for (const encoded of fields) {
    const base = /^(.*)_(start|end)$/.exec(encoded.field)?.[1];
    const field = base !== undefined && row !== undefined && base in row ? base : encoded.field;
    if (!out.some((f) => f.field === field)) out.push({ ...encoded, field });
  }
  return out;
}

/**
 * The table of what a drawn chart plots, when its marks are drawn from aggregated rows (a count,
 * a sum, a mean...); undefined otherwise, and when no mark draws data fields.
 */
export function plottedData(view: View, spec: VegaSpec): PlottedTable | undefined {
  const found = firstDataMark((spec.marks ?? []) as VegaMark[], new Map());
  if (found === undefined || !aggregates(spec, found.data)) return undefined;
  let rows: Record<string, unknown>[];
  try {
    rows = view.data(found.data) as Record<string, unknown>[];
  } catch {
    return undefined; // not a dataset of the view (a mark of literal values)
  }
  const scaleType = new Map((spec.scales ?? []).map((scale) => [scale.name, scale.type ?? 'linear']));
  const timeScales = new Set(
    [...scaleType].filter(([, type]) => type === 'time' || type === 'utc').map(([name]) => name),
  );
  // What each row is about first (categories, dates), then its values: "Europe, 78", not "78, Europe".
  const isKey = (encoded: Encoded): boolean =>
    encoded.scale !== undefined &&
    ['band', 'point', 'ordinal', 'time', 'utc'].includes(scaleType.get(encoded.scale) ?? '');
  const fields = unstacked(found.fields, rows[0]);
  const mark = { ...found, fields: [...fields.filter(isKey), ...fields.filter((encoded) => !isKey(encoded))] };
  // Vega's own reading of a field name ("a.b" is nested, "a\\.b" a name with a dot).
  const readers = mark.fields.map((encoded) => ({
    read: fieldReader(encoded.field),
    time: encoded.scale !== undefined && timeScales.has(encoded.scale),
  }));
  return {
    columns: mark.fields.map((encoded) => headingOf(spec, encoded)),
    keys: mark.fields.map((encoded) => csvKey(encoded.field)),
    rows: rows.map((row) => readers.map(({ read, time }) => cell(read(row), time))),
  };
}
