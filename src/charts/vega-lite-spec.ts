/**
 * Checking a user's Vega-Lite spec before drawing it: the mark and encoding names are
 * known, every field it reads is a column of its data, and Vega-Lite compiles it. Vega-Lite
 * itself throws terse internal errors ("Cannot read properties of undefined"), so the
 * common mistakes are caught here first, each with the path to the offending value.
 */
import type { TopLevelSpec } from 'vega-lite';
import { LineCounter, parseDocument } from 'yaml';
import { closest, UserError, yamlLocator } from '../diagnostics/index.ts';
import { readProjectFile } from '../content/project-files.ts';
import { reservedKey } from '../content/source.ts';
import { classifyLink } from '../link-policy.ts';
import { describeValue, messages, type Message } from '../messages.ts';
import { listDataFiles, refusedDataFile } from './data-file.ts';
import { fieldSegments, specFields } from './spec-fields.ts';
import { structureProblems } from './spec-structure.ts';
import { vegaLiteConfig } from './theme.ts';
import { withFileData, type ParseDirectives, type VegaRecords } from './vega-data.ts';

/** The largest spec file read: a spec is a page of JSON, its data lives in the data file. */
const maxSpecFileBytes = 1024 * 1024;

export type SpecPath = (string | number)[];

/** A problem in a spec, at a path inside the spec. */
export interface SpecProblem {
  path: SpecPath;
  message: Message;
  severity: 'error' | 'warning';
}

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
    throw new UserError(messages.chartSpecFileMissing(name, closest(name, specs)), {
      file: `data/${name}`,
      field: 'spec',
    });
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
    throw new UserError(messages.chartSpecInvalid(`the file is not valid JSON (${(error as Error).message})`), {
      file: `data/${name}`,
      line,
    });
  }
  const reserved = reservedKey(doc);
  if (reserved !== undefined) {
    throw new UserError(messages.reservedKey(reserved.key), {
      file: `data/${name}`,
      line: counter.linePos(reserved.offset).line,
    });
  }
  if (typeof spec !== 'object' || spec === null || Array.isArray(spec)) {
    throw new UserError(messages.chartSpecInvalid('the file must hold one JSON object'), {
      file: `data/${name}`,
      line: 1,
    });
  }
  const locate = yamlLocator(doc, counter);
  const lineOf = (path: SpecPath): number => locate(path).line;
  return { spec: spec as Record<string, unknown>, text, lineOf };
}

/**
 * The specs a sheet's Vega-Lite charts keep in files, by chart id, with the line of a place in
 * each (for translations: src/content/translations.ts). A file that cannot be read is left out:
 * `check` reports it with the chart.
 */
export async function specFilesOf(
  root: string,
  charts: readonly { id: string; kind: string; spec?: unknown }[],
): Promise<Map<string, { spec: unknown; file: string; lineOf: (path: SpecPath) => number | undefined }>> {
  const out = new Map<string, { spec: unknown; file: string; lineOf: (path: SpecPath) => number | undefined }>();
  for (const chart of charts) {
    if (chart.kind !== 'vega-lite' || typeof chart.spec !== 'string') continue;
    try {
      const loaded = await loadSpecFile(root, chart.spec);
      out.set(chart.id, { spec: loaded.spec, file: `data/${chart.spec}`, lineOf: loaded.lineOf ?? (() => undefined) });
    } catch {
      // Reported by check with the chart; its texts are simply not asked for.
    }
  }
  return out;
}

/**
 * Visits every key of a spec, depth first, with its path. `visit` returns false to stop
 * at that key (its value is not walked into).
 */
export function walkSpec(
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

/**
 * Every field the spec reads from its data, with its path: `field` is the column (the part
 * before the first unescaped dot of "a.b", which reads b inside a) and `segments` the whole
 * path. Fields the spec's own transforms make are left out (spec-fields.ts); `values` gives a
 * column's values (a pivot's new columns are the values of its pivot field).
 */
export function fieldsUsed(
  spec: unknown,
  values?: (column: string) => readonly unknown[],
): { field: string; segments: string[]; path: SpecPath }[] {
  const { reads, makes } = specFields(spec, values);
  return reads
    .map(({ field, path }) => {
      const segments = fieldSegments(field);
      return { field: segments[0] ?? field, segments, path };
    })
    .filter((u) => !makes.has(u.field) && !makes.has(u.segments.join('.')));
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
 * Vega-Lite's warnings collected (they usually mean an encoding is silently dropped). Vega and
 * Vega-Lite are loaded for the compile, when a spec first gets that far.
 */
export async function validateSpec(
  spec: Record<string, unknown>,
  data: VegaRecords,
  parse?: ParseDirectives,
): Promise<SpecProblem[]> {
  // Anything that would read a file or the network is refused before Vega-Lite sees the spec.
  const problems: SpecProblem[] = externalLoads(spec);
  if (problems.length > 0) return problems;
  problems.push(...structureProblems(spec));
  const { columns } = data;
  const values = (column: string) => data.records.map((r) => r[column]);
  const known = [...columns, ...specFields(spec, values).makes];
  for (const { field, path } of fieldsUsed(spec, values)) {
    if (columns.includes(field)) continue;
    problems.push({
      path,
      severity: 'error',
      message: messages.chartSpecFieldMissing(field, data.name, closest(field, known), columns),
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
  const [{ parse: parseVega }, { compile }] = await Promise.all([import('vega'), import('vega-lite')]);
  try {
    // Vega's parse too: a spec Vega-Lite compiles may still be one Vega cannot set up.
    parseVega(compile(withFileData(spec, data.name, parse, vegaLiteConfig), { logger: logger as never }).spec);
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
