/**
 * Checking a user's Vega-Lite spec before drawing it: the mark and encoding names are
 * known, every field it reads is a column of its data, and Vega-Lite compiles it. Vega-Lite
 * itself throws terse internal errors ("Cannot read properties of undefined"), so the
 * common mistakes are caught here first, each with the path to the offending value.
 */
import { compile, type TopLevelSpec } from 'vega-lite';
import { LineCounter, parseDocument, type Node } from 'yaml';
import { closest } from '../content/suggest.ts';
import { readProjectFile } from '../content/project-files.ts';
import { classifyLink } from '../link-policy.ts';
import { describeValue, messages, type Message } from '../messages.ts';
import { DataFileError, listDataFiles, refusedDataFile } from './data-file.ts';
import { vegaLiteConfig } from './theme.ts';

/** The largest spec file read: a spec is a page of JSON, its data lives in the data file. */
const maxSpecFileBytes = 1024 * 1024;

export type SpecPath = (string | number)[];

/** A problem in a spec, at a path inside the spec. */
export interface SpecProblem {
  path: SpecPath;
  message: Message;
  severity: 'error' | 'warning';
}

const MARKS = [
  'arc',
  'area',
  'bar',
  'image',
  'line',
  'point',
  'rect',
  'rule',
  'text',
  'tick',
  'trail',
  'circle',
  'square',
  'geoshape',
  'boxplot',
  'errorband',
  'errorbar',
];
const CHANNELS = [
  'x',
  'y',
  'x2',
  'y2',
  'xOffset',
  'yOffset',
  'xError',
  'yError',
  'xError2',
  'yError2',
  'theta',
  'theta2',
  'radius',
  'radius2',
  'longitude',
  'latitude',
  'longitude2',
  'latitude2',
  'color',
  'fill',
  'stroke',
  'opacity',
  'fillOpacity',
  'strokeOpacity',
  'strokeWidth',
  'strokeDash',
  'size',
  'angle',
  'shape',
  'text',
  'tooltip',
  'href',
  'url',
  'description',
  'detail',
  'key',
  'order',
  'row',
  'column',
  'facet',
];
const TYPES = ['quantitative', 'ordinal', 'nominal', 'temporal', 'geojson'];
const VIEW_KEYS = ['layer', 'hconcat', 'vconcat', 'concat', 'facet', 'repeat'];

/** A spec loaded from a .vl.json file, with a way to find the line of a path inside it. */
export interface LoadedSpec {
  spec: Record<string, unknown>;
  /** Where a path inside the spec is: a line in the spec file, or a path under the sheet's field. */
  text?: string;
  lineOf?: (path: SpecPath) => number | undefined;
}

/** Reads data/<name>.vl.json. JSON is YAML, so the yaml parser gives line numbers. */
export async function loadSpecFile(root: string, name: string): Promise<LoadedSpec> {
  // Only a regular file inside the project: a link out is never read (nor quoted in an error).
  const read = await readProjectFile(root, `data/${name}`, { maxBytes: maxSpecFileBytes });
  if (!read.ok && read.reason === 'missing') {
    const specs = (await listDataFiles(root)).filter((f) => f.endsWith('.vl.json'));
    throw new DataFileError(
      `data/${name}`,
      messages.chartSpecFileMissing(name, closest(name, specs)),
      undefined,
      'spec',
    );
  }
  if (!read.ok) return refusedDataFile(root, name, read, 'spec', maxSpecFileBytes);
  // A byte-order mark is accepted, as in YAML and CSV files.
  const text = read.bytes.toString('utf8').replace(/^\uFEFF/, '');
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter });
  let spec: unknown;
  try {
    spec = JSON.parse(text);
  } catch (error) {
    const line = doc.errors[0]?.linePos?.[0].line;
    throw new DataFileError(
      `data/${name}`,
      messages.chartSpecInvalid(`the file is not valid JSON (${(error as Error).message})`),
      line,
    );
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new DataFileError(`data/${name}`, messages.chartSpecInvalid('the file must hold one JSON object'), 1);
  }
  const lineOf = (path: SpecPath): number | undefined => {
    for (let n = path.length; n >= 0; n--) {
      const node = doc.getIn(path.slice(0, n), true) as Node | undefined;
      if (node?.range) return counter.linePos(node.range[0]).line;
    }
    return undefined;
  };
  return { spec: spec as Record<string, unknown>, text, lineOf };
}

/**
 * Visits every key of a spec, depth first, with its path. `visit` returns false to stop
 * at that key (its value is not walked into).
 */
function walkSpec(
  value: unknown,
  visit: (key: string, child: unknown, path: SpecPath) => boolean,
  path: SpecPath = [],
): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => walkSpec(item, visit, [...path, index]));
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    if (visit(key, child, path)) walkSpec(child, visit, [...path, key]);
  }
}

/** Every `field` the spec reads, with its path; fields made by transforms (`as`) are left out. */
export function fieldsUsed(spec: unknown): { field: string; path: SpecPath }[] {
  const made = new Set<string>();
  const used: { field: string; path: SpecPath }[] = [];
  walkSpec(spec, (key, child, path) => {
    if (key === 'data' || key === 'datasets') return false;
    if (key === 'as') for (const name of [child].flat()) if (typeof name === 'string') made.add(name);
    if (key === 'field' && typeof child === 'string') {
      used.push({ field: child, path: [...path, key] });
      return false;
    }
    if ((key === 'groupby' || key === 'fold') && Array.isArray(child)) {
      child.forEach((f, i) => typeof f === 'string' && used.push({ field: f, path: [...path, key, i] }));
      return false;
    }
    return true;
  });
  // "a.b" reads nested data; the column is the part before the first unescaped dot.
  return used
    .map((u) => ({ ...u, field: u.field.split(/(?<!\\)\./)[0]?.replace(/\\(.)/g, '$1') ?? u.field }))
    .filter((u) => !made.has(u.field));
}

/** Keys through which a Vega-Lite spec loads data, images or other files. */
const LOADING_KEYS = ['data', 'url', 'datasets'];

/** The fixed link targets of an `href` (a mark property or an encoding with `value`s, also under `condition`). */
function hrefValues(def: unknown): string[] {
  if (typeof def === 'string') return [def];
  if (Array.isArray(def)) return def.flatMap(hrefValues);
  if (typeof def !== 'object' || def === null) return [];
  const { value, condition } = def as Record<string, unknown>;
  return [...(typeof value === 'string' ? [value] : []), ...hrefValues(condition ?? null)];
}

/**
 * Everything in a spec that would load something at build time (`data`, `url`, `datasets`
 * at any depth) or link where a chart may not (`href` values the link policy, src/link-policy.ts,
 * refuses). The chart's own data is supplied from its `data:` file; nothing else is read.
 */
export function externalLoads(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  walkSpec(spec, (key, child, path) => {
    if (LOADING_KEYS.includes(key)) {
      problems.push({
        path: [...path, key],
        severity: 'error',
        message: messages.chartSpecLoadsData(key, describeValue(child)),
      });
      return false;
    }
    if (key === 'href') {
      for (const href of hrefValues(child)) {
        if (!classifyLink(href).ok)
          problems.push({ path: [...path, key], severity: 'error', message: messages.chartSpecUnsafeHref(href) });
      }
    }
    return true;
  });
  return problems;
}

/** Structural checks Vega-Lite would otherwise fail on with an internal error. */
function structure(spec: Record<string, unknown>, path: SpecPath, problems: SpecProblem[]): void {
  const isView = VIEW_KEYS.some((k) => k in spec);
  if (!('mark' in spec) && !isView) {
    problems.push({
      path,
      severity: 'error',
      message: messages.chartSpecInvalid('it has no "mark" (e.g. mark: bar) and no "layer"'),
    });
    return;
  }
  if ('mark' in spec) {
    const mark = spec['mark'];
    const type = typeof mark === 'object' && mark !== null ? (mark as Record<string, unknown>)['type'] : mark;
    if (typeof type !== 'string' || !MARKS.includes(type)) {
      const suggestion = typeof type === 'string' ? closest(type, MARKS) : undefined;
      problems.push({
        path: typeof mark === 'object' ? [...path, 'mark', 'type'] : [...path, 'mark'],
        severity: 'error',
        message: messages.chartSpecInvalid(
          `the mark ${JSON.stringify(type ?? null)} is not one of ${MARKS.slice(0, 11).join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
        ),
      });
    }
  }
  const encoding = spec['encoding'];
  if (typeof encoding === 'object' && encoding !== null) {
    for (const [channel, def] of Object.entries(encoding)) {
      if (!CHANNELS.includes(channel)) {
        const suggestion = closest(channel, CHANNELS);
        problems.push({
          path: [...path, 'encoding', channel],
          severity: 'error',
          message: messages.chartSpecInvalid(
            `"${channel}" is not an encoding channel${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ),
        });
        continue;
      }
      const type = typeof def === 'object' && def !== null ? (def as Record<string, unknown>)['type'] : undefined;
      if (type !== undefined && (typeof type !== 'string' || !TYPES.includes(type))) {
        const suggestion = typeof type === 'string' ? closest(type, TYPES) : undefined;
        problems.push({
          path: [...path, 'encoding', channel, 'type'],
          severity: 'error',
          message: messages.chartSpecInvalid(
            `the type ${JSON.stringify(type)} of "${channel}" is not one of ${TYPES.join(', ')}${suggestion ? ` (did you mean "${suggestion}"?)` : ''}`,
          ),
        });
      }
    }
  }
  for (const key of ['layer', 'hconcat', 'vconcat', 'concat'] as const) {
    const parts = spec[key];
    if (Array.isArray(parts)) {
      parts.forEach((part, i) => {
        if (typeof part === 'object' && part !== null)
          structure(part as Record<string, unknown>, [...path, key, i], problems);
      });
    }
  }
}

/** The spec with the chart's data and the shared theme: what gets compiled and drawn. */
export function withDataAndTheme(
  spec: Record<string, unknown>,
  values: readonly Record<string, unknown>[],
): TopLevelSpec {
  const { data: _ignored, config, ...rest } = spec;
  return {
    ...rest,
    data: { values: [...values] },
    config: { ...vegaLiteConfig, ...(typeof config === 'object' && config !== null ? config : {}) },
  } as TopLevelSpec;
}

/**
 * Validates a spec against its data's columns: structure, fields, then a real compile with
 * Vega-Lite's warnings collected (they usually mean an encoding is silently dropped).
 */
export function validateSpec(
  spec: Record<string, unknown>,
  columns: readonly string[],
  dataFile: string,
  values: readonly Record<string, unknown>[],
): SpecProblem[] {
  // Anything that would read a file or the network is refused before Vega-Lite sees the spec.
  const problems: SpecProblem[] = externalLoads(spec);
  if (problems.length > 0) return problems;
  structure(spec, [], problems);
  for (const { field, path } of fieldsUsed(spec)) {
    if (columns.includes(field)) continue;
    problems.push({
      path,
      severity: 'error',
      message: messages.chartSpecFieldMissing(field, dataFile, closest(field, columns), columns),
    });
  }
  if (problems.length > 0) return problems;
  const warnings: string[] = [];
  const logger = {
    level: () => logger,
    warn: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
    info: () => logger,
    debug: () => logger,
    error: (...args: unknown[]) => (warnings.push(args.map(String).join(' ')), logger),
  };
  try {
    compile(withDataAndTheme(spec, values), { logger: logger as never });
  } catch (error) {
    problems.push({
      path: [],
      severity: 'error',
      message: messages.chartSpecInvalid((error as Error).message.replace(/\.$/, '')),
    });
  }
  for (const warning of warnings) {
    problems.push({ path: [], severity: 'warning', message: messages.chartSpecWarning(warning.replace(/\.$/, '')) });
  }
  return problems;
}
