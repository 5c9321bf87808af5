/**
 * Structural checks of a Vega-Lite spec against the installed Vega-Lite's own schema
 * (vega-lite-schema.ts): mark types, view keys, mark properties, encoding channels, their
 * properties and data types. Vega-Lite silently ignores an unknown key (a typo such as
 * "encodng" drops every encoding) or fails with an internal error, so each is reported
 * here with its path and the nearest known name.
 */
import { closest } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import type { SpecPath, SpecProblem } from './vega-lite-spec.ts';
import { vegaLiteVocabulary } from './vega-lite-schema.ts';

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const didYouMean = (suggestion: string | undefined): string => (suggestion ? ` (did you mean "${suggestion}"?)` : '');

/** Keys that make a view a composition rather than a single mark. */
const COMPOSITIONS = ['layer', 'hconcat', 'vconcat', 'concat', 'facet', 'repeat'];

/** Every structural problem of a spec (and of the views inside it). */
export function structureProblems(spec: Json, path: SpecPath = []): SpecProblem[] {
  const problems: SpecProblem[] = [];
  const error = (at: SpecPath, detail: string): void => {
    problems.push({ path: at, severity: 'error', message: messages.chartSpecInvalid(detail) });
  };
  const vocabulary = vegaLiteVocabulary();
  const unknownKeys = (object: Json, allowed: Set<string>, at: SpecPath, what: string): void => {
    for (const key of Object.keys(object)) {
      if (!allowed.has(key))
        error([...at, key], `"${key}" is not a property of ${what}${didYouMean(closest(key, allowed))}`);
    }
  };

  const view = (node: Json, at: SpecPath): void => {
    unknownKeys(node, vocabulary.viewKeys, at, 'a Vega-Lite view');
    if (!('mark' in node) && !COMPOSITIONS.some((k) => k in node)) {
      error(at, 'it has no "mark" (e.g. mark: bar) and no "layer"');
      return;
    }
    if ('mark' in node) mark(node['mark'], [...at, 'mark']);
    if (isObject(node['encoding'])) encoding(node['encoding'], [...at, 'encoding']);
    for (const key of ['layer', 'hconcat', 'vconcat', 'concat'] as const) {
      const parts = node[key];
      if (Array.isArray(parts)) parts.forEach((part, i) => isObject(part) && view(part, [...at, key, i]));
    }
    if (isObject(node['spec'])) view(node['spec'], [...at, 'spec']);
  };

  const mark = (value: unknown, at: SpecPath): void => {
    const type = isObject(value) ? value['type'] : value;
    if (isObject(value)) unknownKeys(value, vocabulary.markKeys, at, 'a mark');
    if (typeof type !== 'string' || !vocabulary.marks.includes(type)) {
      const suggestion = typeof type === 'string' ? closest(type, vocabulary.marks) : undefined;
      error(
        isObject(value) ? [...at, 'type'] : at,
        `the mark ${JSON.stringify(type ?? null)} is not one of ${vocabulary.marks.join(', ')}${didYouMean(suggestion)}`,
      );
    }
  };

  const encoding = (value: Json, at: SpecPath): void => {
    for (const [channel, def] of Object.entries(value)) {
      const allowed = vocabulary.channelKeys.get(channel);
      if (allowed === undefined) {
        error(
          [...at, channel],
          `"${channel}" is not an encoding channel${didYouMean(closest(channel, vocabulary.channels))}`,
        );
        continue;
      }
      if (channel === 'time') {
        problems.push({ path: [...at, channel], severity: 'error', message: messages.chartSpecAnimated() });
        continue;
      }
      for (const [i, item] of (Array.isArray(def) ? def.entries() : [[undefined, def] as const]) as Iterable<
        [number | undefined, unknown]
      >) {
        if (!isObject(item)) continue;
        const itemAt = i === undefined ? [...at, channel] : [...at, channel, i];
        unknownKeys(item, allowed, itemAt, `the "${channel}" channel`);
        const type = item['type'];
        if (type !== undefined && (typeof type !== 'string' || !vocabulary.types.includes(type))) {
          const suggestion = typeof type === 'string' ? closest(type, vocabulary.types) : undefined;
          error(
            [...itemAt, 'type'],
            `the type ${JSON.stringify(type)} of "${channel}" is not one of ${vocabulary.types.join(', ')}${didYouMean(suggestion)}`,
          );
        }
      }
    }
  };

  view(spec, path);
  return problems;
}
