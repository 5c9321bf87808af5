/**
 * The words a reader sees inside a Vega-Lite spec (kind: vega-lite): the chart's, axes' and
 * legends' titles, subtitles and descriptions, and text marks written as values. A
 * translation gives each in its language under its place in the spec ("encoding.x.title",
 * "layer[1].encoding.y.axis.title"); everything else in a spec (field names, formats,
 * expressions) stays as it is. Pure functions over plain JSON.
 */
import type { SpecPath } from './vega-lite-spec.ts';

/** One visible text of a spec: where it is, its key (as a translation writes it) and its words. */
export interface SpecText {
  path: SpecPath;
  key: string;
  value: string;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keys whose string value (or list of lines) is shown to readers wherever they stand. */
const TEXT_KEYS = new Set(['title', 'subtitle', 'description']);

/** The key of a path, as a translation file writes it: ["layer", 1, "encoding", "y", "title"] -> "layer[1].encoding.y.title". */
export function specTextKey(path: SpecPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** A string, or each line of a multi-line text (a list of strings), with its path. */
function textsAt(value: unknown, path: SpecPath): SpecText[] {
  const one = (text: unknown, at: SpecPath): SpecText[] =>
    typeof text === 'string' && text.trim() !== '' ? [{ path: at, key: specTextKey(at), value: text }] : [];
  return Array.isArray(value) ? value.flatMap((line, i) => one(line, [...path, i])) : one(value, path);
}

/**
 * Every visible text of a spec, in the order it is written: `title`, `subtitle` and
 * `description` strings (also a title object's `text`), a text mark's `text`, and the `value`
 * of a `text` encoding. Titles inside `config` count too (they are drawn); `data`, `datasets`
 * and expressions are never read.
 */
export function specTexts(spec: unknown): SpecText[] {
  const out: SpecText[] = [];
  const walk = (node: unknown, path: SpecPath): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    for (const [key, value] of Object.entries(node)) {
      const at = [...path, key];
      if (key === 'data' || key === 'datasets') continue;
      if (TEXT_KEYS.has(key) && (typeof value === 'string' || Array.isArray(value))) out.push(...textsAt(value, at));
      else if (key === 'title' && isObject(value)) {
        out.push(...textsAt(value['text'], [...at, 'text']), ...textsAt(value['subtitle'], [...at, 'subtitle']));
      } else if (key === 'mark' && isObject(value)) out.push(...textsAt(value['text'], [...at, 'text']));
      else if (key === 'text' && path.at(-1) === 'encoding' && isObject(value))
        out.push(...textsAt(value['value'], [...at, 'value']));
      else walk(value, at);
    }
  };
  walk(spec, []);
  return out;
}

/**
 * The spec with its visible texts in another language: `texts` maps a text's key (specTextKey)
 * to its translation. Texts without a translation, and keys that are not a visible text of
 * this spec, are left as they are: the spec's structure never changes.
 */
export function translateSpec<T>(spec: T, texts: Readonly<Record<string, string>>): T {
  const out = structuredClone(spec);
  for (const { path, key } of specTexts(spec)) {
    const translated = texts[key];
    if (translated === undefined || translated.trim() === '') continue;
    let parent: unknown = out;
    for (const part of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[part];
    (parent as Record<string | number, unknown>)[path.at(-1) ?? ''] = translated;
  }
  return out;
}

/**
 * The title a spec gives a data field (the first title of an encoding channel that reads it:
 * its own, its axis's or its legend's), for the heading of that column in the chart's data
 * table; undefined when none does.
 */
export function fieldTitle(spec: unknown, field: string): string | undefined {
  let found: string | undefined;
  const walk = (node: unknown): void => {
    if (found !== undefined) return;
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isObject(node)) return;
    const encoding = node['encoding'];
    if (isObject(encoding)) {
      for (const channel of Object.values(encoding)) {
        for (const def of [channel].flat()) {
          if (!isObject(def) || def['field'] !== field) continue;
          const guide = (key: string): unknown => (isObject(def[key]) ? def[key]['title'] : undefined);
          const title = [def['title'], guide('axis'), guide('legend')].find(
            (t) => typeof t === 'string' && t.trim() !== '',
          );
          if (typeof title === 'string') {
            found = title;
            return;
          }
        }
      }
    }
    for (const [key, value] of Object.entries(node)) if (key !== 'data' && key !== 'encoding') walk(value);
  };
  walk(spec);
  return found;
}
