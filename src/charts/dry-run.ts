/**
 * `check`'s dry run of a Vega-Lite chart: what the build would refuse, found first. The limits
 * it can see in the spec and data (rows, sizes, expressions that build huge lists or texts)
 * are checked without drawing; then the chart is drawn in the chart worker, as the build draws
 * it, so expressions that fail only when run, links computed from the data, Vega's own errors
 * and warnings, and the time and memory limits are all reported by check, with the chart id.
 */
import { messages } from '../messages.ts';
import { drawInWorker } from './chart-worker.ts';
import { UserError } from '../diagnostics/index.ts';
import type { Table } from './data-file.ts';
import { chartLimits } from './limits.ts';
import type { PreparedChart } from './prepare.ts';
import { walkSpec, type SpecPath, type SpecProblem } from './vega-lite-spec.ts';

/** Keys whose number is a size in pixels. */
const SIZE_KEYS = ['width', 'height', 'step'];

/** Calls of expression functions that build a list or a text as long as a number they are given. */
const BUILDING_CALL = /\b(sequence|pad)\s*\(([^()]*)\)/g;
const NUMBER_LITERAL = /(?<![\w.])\d+(?:\.\d+)?(?:e[+-]?\d+)?/gi;

/** The limits visible in the spec itself: sizes in pixels, and expressions that build huge lists or texts. */
export function staticLimits(spec: unknown): SpecProblem[] {
  const problems: SpecProblem[] = [];
  walkSpec(spec, (key, child, path) => {
    if (SIZE_KEYS.includes(key) && typeof child === 'number' && child > chartLimits.maxSpecSize) {
      problems.push({
        path: [...path, key],
        severity: 'error',
        message: messages.limits.sizeTooLarge(key, child, chartLimits.maxSpecSize),
      });
    }
    if (typeof child === 'string') {
      for (const call of child.matchAll(BUILDING_CALL)) {
        const largest = Math.max(0, ...[...(call[2] ?? '').matchAll(NUMBER_LITERAL)].map((n) => Number(n[0])));
        if (largest > chartLimits.maxExpressionLength) {
          problems.push({
            path: [...path, key],
            severity: 'error',
            message: messages.limits.expressionTooLarge(call[1] ?? '', largest, chartLimits.maxExpressionLength),
          });
        }
      }
    }
    return true;
  });
  return problems;
}

/**
 * Checks a chart's limits and draws it as the build would (`prepare` gives what the build
 * draws). `known` are the problems already
 * reported for the spec (Vega-Lite's compile warnings are not repeated). Too many rows is the
 * data file's problem: thrown as a UserError at the chart's `data:` field.
 */
export async function dryRunChart(
  spec: Record<string, unknown>,
  table: Table,
  prepare: () => Promise<PreparedChart>,
  known: readonly SpecProblem[],
): Promise<SpecProblem[]> {
  if (table.rows.length > chartLimits.maxRows) {
    throw new UserError(messages.limits.tooManyRows(table.name, table.rows.length, chartLimits.maxRows), {
      file: `data/${table.name}`,
      field: 'data',
    });
  }
  const limits = staticLimits(spec);
  if (limits.length > 0) return limits;
  // What the build draws: the prepared spec and records.
  const prepared = await prepare();
  const drawing = await drawInWorker(prepared.spec, prepared.data?.records);
  const reported = new Set(known.map((problem) => problem.message.problem));
  const hrefAt = firstPath(spec, (key) => key === 'href') ?? [];
  return [
    ...drawing.refused.map((message): SpecProblem => ({ path: hrefAt, severity: 'error', message })),
    ...drawing.errors.map((message): SpecProblem => ({
      path: mentionedAt(spec, message.problem),
      severity: 'error',
      message,
    })),
    ...drawing.warnings
      .filter((message) => !reported.has(message.problem))
      .map((message): SpecProblem => ({ path: [], severity: 'warning', message })),
  ];
}

/** The path of the first key (depth first) that `match` accepts. */
function firstPath(spec: unknown, match: (key: string, child: unknown) => boolean): SpecPath | undefined {
  let found: SpecPath | undefined;
  walkSpec(spec, (key, child, path) => {
    if (found === undefined && match(key, child)) found = [...path, key];
    return found === undefined;
  });
  return found;
}

/**
 * Where a drawing error points: the expression that names what the error names ("Unrecognized
 * function: foo" -> the expression calling foo), else the spec itself.
 */
function mentionedAt(spec: unknown, problem: string): SpecPath {
  const name = /: ([A-Za-z_$][\w$]*)\.?$/.exec(problem.replace(/^The Vega-Lite spec is not valid: /, ''))?.[1];
  if (name === undefined) return [];
  const mention = new RegExp(`\\b${name.replace(/\$/g, '\\$')}\\b`);
  return firstPath(spec, (_key, child) => typeof child === 'string' && mention.test(child)) ?? [];
}
