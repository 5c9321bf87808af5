/**
 * The fields a Vega-Lite spec reads and the fields its transforms make, so `check` reports a
 * field only when neither the data nor the spec itself has it. Transform outputs follow
 * Vega-Lite's own naming: `as` where given, else its defaults (`value`/`density` of density,
 * `key`/`value` of fold, `prob`/`value` of quantile, `<op>_<field>` or `<op>` of aggregate,
 * joinaggregate and window, `<as>_end` of bin and stack), and a pivot's new columns are the
 * values of its pivot field in the data.
 */
import type { SpecPath } from './vega-lite-spec.ts';

/** A field name as written in a spec, where it is written. */
export interface FieldRead {
  /** As written, e.g. "a.b" or "a\\.b". */
  field: string;
  path: SpecPath;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const strings = (value: unknown): string[] => [value].flat().filter((v): v is string => typeof v === 'string');

/** The segments of a field name: "a.b" reads b inside a; "a\\.b" is the column "a.b". */
export function fieldSegments(field: string): string[] {
  return field.split(/(?<!\\)\./).map((s) => s.replace(/\\(.)/g, '$1'));
}

/** Where each transform kind reads fields (keys holding a field name or a list of them). */
const TRANSFORM_READS: Record<string, readonly string[]> = {
  aggregate: ['groupby'],
  joinaggregate: ['groupby'],
  window: ['groupby'],
  bin: ['field'],
  timeUnit: ['field'],
  density: ['density', 'groupby'],
  flatten: ['flatten'],
  fold: ['fold'],
  impute: ['impute', 'key', 'groupby'],
  loess: ['loess', 'on', 'groupby'],
  regression: ['regression', 'on', 'groupby'],
  pivot: ['pivot', 'value', 'groupby'],
  quantile: ['quantile', 'groupby'],
  stack: ['stack', 'groupby'],
};

/** The name Vega-Lite gives an aggregate or window result without `as`. */
const opName = (def: Json): string | undefined => {
  if (typeof def['as'] === 'string') return def['as'];
  const op = def['op'];
  if (typeof op !== 'string') return undefined;
  return typeof def['field'] === 'string' ? `${op}_${def['field']}` : op;
};

/** A start/end pair: `as: "b"` makes "b" and "b_end". */
const pair = (as: unknown): string[] => (typeof as === 'string' ? [as, `${as}_end`] : strings(as));

/** The fields one transform makes. `values` gives a data column's distinct values (for pivot). */
function transformMakes(t: Json, values: (column: string) => readonly unknown[]): string[] {
  const as = t['as'];
  if ('calculate' in t || 'timeUnit' in t || 'lookup' in t) return strings(as);
  if ('bin' in t || 'stack' in t) return pair(as);
  if ('aggregate' in t || 'joinaggregate' in t || 'window' in t) {
    const ops = [t['aggregate'], t['joinaggregate'], t['window']].flat().filter(isObject);
    return ops.map(opName).filter((n): n is string => n !== undefined);
  }
  if ('density' in t) return as === undefined ? ['value', 'density'] : strings(as);
  if ('fold' in t) return as === undefined ? ['key', 'value'] : strings(as);
  if ('quantile' in t) return as === undefined ? ['prob', 'value'] : strings(as);
  if ('flatten' in t) return as === undefined ? strings(t['flatten']) : strings(as);
  if ('loess' in t) return as === undefined ? strings([t['on'], t['loess']]) : strings(as);
  if ('regression' in t) return as === undefined ? strings([t['on'], t['regression']]) : strings(as);
  if ('pivot' in t && typeof t['pivot'] === 'string')
    return [
      ...new Set(
        values(t['pivot'])
          .filter((v) => v != null)
          .map(String),
      ),
    ];
  return [];
}

/**
 * Every field the spec reads (`field` of encodings, filters, sorts and transforms, the field
 * lists of transforms, selections and `repeat`), and every field its transforms make.
 */
export function specFields(
  spec: unknown,
  values: (column: string) => readonly unknown[] = () => [],
): { reads: FieldRead[]; makes: Set<string> } {
  const reads: FieldRead[] = [];
  const makes = new Set<string>();
  const read = (value: unknown, path: SpecPath): void => {
    if (typeof value === 'string') reads.push({ field: value, path });
    else if (Array.isArray(value))
      value.forEach((v, i) => typeof v === 'string' && reads.push({ field: v, path: [...path, i] }));
  };
  const visit = (value: unknown, path: SpecPath): void => {
    if (Array.isArray(value)) {
      value.forEach((item, i) => visit(item, [...path, i]));
      return;
    }
    if (!isObject(value)) return;
    for (const [key, child] of Object.entries(value)) {
      const at = [...path, key];
      if (key === 'data' || key === 'datasets') continue;
      if (key === 'transform' && Array.isArray(child)) {
        child.forEach((t, i) => {
          if (!isObject(t)) return;
          for (const name of transformMakes(t, values)) makes.add(name);
          const kind = Object.keys(TRANSFORM_READS).find((k) => k in t);
          for (const reader of kind ? (TRANSFORM_READS[kind] ?? []) : []) read(t[reader], [...at, i, reader]);
          // Fields inside aggregate/window definitions, sorts and filters: `field` keys below.
          for (const [k, v] of Object.entries(t)) {
            if (kind && (TRANSFORM_READS[kind] ?? []).includes(k)) continue;
            if (k !== 'as' && k !== 'from') visit(v, [...at, i, k]);
          }
        });
        continue;
      }
      if (key === 'field') {
        read(child, at);
        continue;
      }
      if (key === 'fields' && Array.isArray(child)) {
        read(child, at);
        continue;
      }
      if (key === 'repeat' && (Array.isArray(child) || isObject(child))) {
        if (Array.isArray(child)) read(child, at);
        else for (const [k, v] of Object.entries(child)) read(v, [...at, k]);
        continue;
      }
      visit(child, at);
    }
  };
  visit(spec, []);
  return { reads: reads.filter((r) => r.field !== '*'), makes };
}
