/**
 * Translations as content: which English texts a sheet, its recommendations and its
 * commitments have, what a translation file holds for each, which of them changed in English
 * since the translation was made (a fingerprint per text, recorded in the translation), and the
 * publishing rule. Pure functions over plain data: `check` and the pages share them.
 *
 * The rule (docs/translating.md): a sheet is published in a language only when every text
 * of the sheet, its recommendations and its notable commitments is translated. A translation
 * whose English source changed since is still published, with an "out of date" notice linking
 * the English page; one not yet reviewed shows "translation under review". A sheet missing any
 * text in a language has no page, PDF, index entry, sitemap entry or language link in it:
 * English is never shown under a Spanish or French address.
 */
import { createHash } from 'node:crypto';
import { specTexts, translateSpec } from '../charts/spec-texts.ts';
import type { SpecPath } from '../charts/vega-lite-spec.ts';
import type { Commitment } from '../schemas/commitment.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { Recommendations } from '../schemas/recommendations.ts';

/** A path to a text field, e.g. ['groups', 1, 'items', 0]; ['prose'] is an MDX sheet's body. */
export type FieldPath = readonly (string | number)[];

/** One English text a translation must give. */
export interface SourceField {
  /** Where the translation gives it (and its fingerprint's key). */
  path: FieldPath;
  value: string;
  /** Where the English text is, when not at `path` in the English file: a place inside an inline spec, or another file. */
  english?: { path: FieldPath } | { file: string; line: number };
}

/** A Vega-Lite chart's spec kept in its own file (data/<name>.vl.json): the spec, the file and the line of a place in it. */
export interface SpecFile {
  spec: unknown;
  file: string;
  lineOf: (path: SpecPath) => number | undefined;
}

/** A chart's spec as the sheet has it: inline, or read from its file (`specFiles`, by chart id). */
function chartSpec(
  chart: PolicyArea['charts'][number],
  specFiles: ReadonlyMap<string, SpecFile> | undefined,
): { spec: unknown; file?: SpecFile } | undefined {
  if (chart.kind !== 'vega-lite') return undefined;
  if (typeof chart.spec !== 'string') return { spec: chart.spec };
  const file = specFiles?.get(chart.id);
  return file === undefined ? undefined : { spec: file.spec, file };
}

/** The key a field's fingerprint is recorded under: "groups[1].items[0]". */
export function fieldKey(path: FieldPath): string {
  return path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
}

/** A short fingerprint of a text: the same text (whatever its line wrapping) gives the same one. */
export function fingerprint(text: string): string {
  return createHash('sha256').update(text.trim().replace(/\s+/g, ' ')).digest('hex').slice(0, 8);
}

/** The value at a path, or undefined. */
export function valueAt(data: unknown, path: FieldPath): unknown {
  let node = data;
  for (const part of path) {
    if (typeof node !== 'object' || node === null) return undefined;
    node = (node as Record<string | number, unknown>)[part];
  }
  return node;
}

/**
 * The texts of a sheet that a translation gives: its frontmatter texts, the visible texts of its
 * Vega-Lite specs (`specFiles` gives those kept in files, by chart id) and its prose.
 */
export function sheetSourceFields(
  sheet: PolicyArea,
  prose: string,
  specFiles?: ReadonlyMap<string, SpecFile>,
): SourceField[] {
  const fields: SourceField[] = [];
  const add = (path: FieldPath, value: string | undefined): void => {
    if (value !== undefined) fields.push({ path, value });
  };
  add(['title'], sheet.title);
  add(['area'], sheet.area);
  add(['summary'], sheet.summary);
  add(['whyHeading'], sheet.whyHeading);
  sheet.keyTakeaways.forEach((text, i) => add(['keyTakeaways', i], text));
  sheet.statusQuo.forEach((point, i) => {
    add(['statusQuo', i, 'lead'], point.lead);
    add(['statusQuo', i, 'text'], point.text);
  });
  add(['dataNote'], sheet.dataNote);
  add(['commitmentProgress', 'text'], sheet.commitmentProgress.text);
  sheet.membersDoing.forEach((text, i) => add(['membersDoing', i], text));
  add(['irmQuickStats', 'text'], sheet.irmQuickStats.text);
  sheet.irmQuickStats.definitions.forEach((definition, i) => {
    add(['irmQuickStats', 'definitions', i, 'term'], definition.term);
    add(['irmQuickStats', 'definitions', i, 'text'], definition.text);
  });
  sheet.charts.forEach((chart, i) => {
    add(['charts', i, 'title'], chart.title);
    add(['charts', i, 'alt'], chart.alt);
    add(['charts', i, 'caption'], chart.caption);
    chart.footnotes.forEach((note, j) => add(['charts', i, 'footnotes', j], note));
    add(['charts', i, 'source'], chart.source);
    // Axis, legend and chart titles inside a Vega-Lite spec: under `spec`, by their place in it.
    const spec = chartSpec(chart, specFiles);
    for (const text of specTexts(spec?.spec)) {
      const file = spec?.file;
      fields.push({
        path: ['charts', i, 'spec', text.key],
        value: text.value,
        english:
          file === undefined
            ? { path: ['charts', i, 'spec', ...text.path] }
            : { file: file.file, line: file.lineOf(text.path) ?? 1 },
      });
    }
  });
  sheet.sources.forEach((source, i) => add(['sources', i, 'label'], source.label));
  add(['prose'], prose);
  return fields;
}

/** The texts of a recommendations file that a translation gives. */
export function recommendationSourceFields(recommendations: Recommendations): SourceField[] {
  const fields: SourceField[] = [{ path: ['intro'], value: recommendations.intro }];
  recommendations.groups.forEach((group, i) => {
    fields.push({ path: ['groups', i, 'title'], value: group.title });
    group.items.forEach((item, j) => fields.push({ path: ['groups', i, 'items', j], value: item }));
  });
  return fields;
}

/** The texts of a commitment that a translation gives. */
export function commitmentSourceFields(commitment: Commitment): SourceField[] {
  const fields: SourceField[] = [
    { path: ['title'], value: commitment.title },
    { path: ['text'], value: commitment.text },
  ];
  commitment.links.forEach((link, i) => fields.push({ path: ['links', i, 'label'], value: link.label }));
  return fields;
}

/** A translation file as both loaders give it: its data (with `prose` for an MDX body) and its meta. */
export interface TranslationData {
  /** The translated texts, shaped like the English file; an MDX translation's body under `prose`. */
  data: unknown;
  reviewed: boolean;
  /** Fingerprints of the English texts it was made from, by fieldKey. */
  source: Readonly<Record<string, string>>;
}

/** One file of a sheet in one language: the English file, its translation (if any) and their texts. */
export interface TranslationPart {
  /** The English file, e.g. content/recommendations/digital-governance.yaml. */
  englishFile: string;
  /** Where its translation is (or would be), e.g. content/recommendations/es/digital-governance.yaml. */
  file: string;
  fields: SourceField[];
  translation: TranslationData | undefined;
}

export interface FieldRef {
  part: TranslationPart;
  field: SourceField;
}

/** How a sheet stands in one language, and so whether and how it is published. */
export interface SheetTranslationState {
  /** "current": published; "stale": published with the out-of-date notice; "missing": not published. */
  state: 'current' | 'stale' | 'missing';
  /** Every file has `reviewed: true` (otherwise the "under review" notice shows). */
  reviewed: boolean;
  /** Files with no translation at all. */
  missingFiles: TranslationPart[];
  /** Texts a translation file leaves out. */
  missing: FieldRef[];
  /** Texts whose English changed since the translation was made (or whose fingerprint was never recorded). */
  stale: FieldRef[];
}

const isText = (value: unknown): boolean => typeof value === 'string' && value.trim() !== '';

/** Compares each English text with the translation: missing, stale (fingerprint differs) or current. */
export function translationState(parts: readonly TranslationPart[]): SheetTranslationState {
  const missingFiles: TranslationPart[] = [];
  const missing: FieldRef[] = [];
  const stale: FieldRef[] = [];
  let reviewed = true;
  for (const part of parts) {
    const translation = part.translation;
    if (translation === undefined) {
      missingFiles.push(part);
      reviewed = false;
      continue;
    }
    if (!translation.reviewed) reviewed = false;
    for (const field of part.fields) {
      if (!isText(valueAt(translation.data, field.path))) missing.push({ part, field });
      else if (translation.source[fieldKey(field.path)] !== fingerprint(field.value)) stale.push({ part, field });
    }
  }
  const state = missingFiles.length > 0 || missing.length > 0 ? 'missing' : stale.length > 0 ? 'stale' : 'current';
  return { state, reviewed, missingFiles, missing, stale };
}

/**
 * The English data with every translated text put in its place (the English is not changed).
 * Only for a translation that is complete (state not "missing"): then every text is there.
 */
export function applyTranslation<T>(
  english: T,
  fields: readonly SourceField[],
  translated: unknown,
  typeset: (text: string) => string = (text) => text,
): T {
  const out = structuredClone(english);
  for (const { path } of fields) {
    const value = valueAt(translated, path);
    // The prose is the translation's body; a spec's texts go into the spec (translateSheetSpecs).
    if (typeof value !== 'string' || !isText(value) || path[0] === 'prose' || isSpecText(path)) continue;
    const parent = valueAt(out, path.slice(0, -1));
    if (typeof parent === 'object' && parent !== null)
      (parent as Record<string | number, unknown>)[path.at(-1) ?? ''] = typeset(value);
  }
  return out;
}

/** A text inside a Vega-Lite spec: charts[i].spec.<place>. */
const isSpecText = (path: FieldPath): boolean => path[0] === 'charts' && path[2] === 'spec';

/**
 * The sheet's Vega-Lite charts with their visible texts in the translation's language: each
 * chart's spec (inline, or read from its file) with the translated texts in place, inline.
 * Charts the translation gives no spec texts for are left as they are.
 */
export function translateSheetSpecs(
  sheet: PolicyArea,
  translated: unknown,
  specFiles: ReadonlyMap<string, SpecFile> | undefined,
  typeset: (text: string) => string = (text) => text,
): PolicyArea {
  const charts = sheet.charts.map((chart, i) => {
    const texts = valueAt(translated, ['charts', i, 'spec']);
    const spec = chartSpec(chart, specFiles);
    if (chart.kind !== 'vega-lite' || spec === undefined || typeof texts !== 'object' || texts === null) return chart;
    const inLanguage = Object.fromEntries(
      Object.entries(texts).flatMap(([key, text]) => (typeof text === 'string' ? [[key, typeset(text)]] : [])),
    );
    return { ...chart, spec: translateSpec(spec.spec, inLanguage) as Record<string, unknown> };
  });
  return { ...sheet, charts };
}

/** The fingerprints to record in a translation of these English texts (`npm run translations -- record`). */
export function currentFingerprints(fields: readonly SourceField[]): Record<string, string> {
  return Object.fromEntries(fields.map((field) => [fieldKey(field.path), fingerprint(field.value)]));
}
