/**
 * The translation part of the content stage: reads every translation file
 * (content/<type>/<lang>/...), validates it, and reports per sheet and language what is
 * missing and what is stale (with the file:line of the English text that changed).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { figureNames } from '../charts/figures.ts';
import { findReferences } from '../charts/prose.ts';
import { specFilesOf } from '../charts/vega-lite-spec.ts';
import { translatedLanguages } from '../i18n/index.ts';
import { messages } from '../messages.ts';
import {
  CommitmentTranslationSchema,
  PolicyAreaTranslationSchema,
  RecommendationsTranslationSchema,
} from '../schemas/translation.ts';
import { closest, formatFieldPath, type Issue } from '../diagnostics/index.ts';
import type { Entry, SiteContent } from './load.ts';
import { contentLayout } from './load.ts';
import { validateSource } from './schema-issues.ts';
import { readMdxFile, readYamlFile, type ParsedSource } from './source.ts';
import {
  commitmentSourceFields,
  fieldKey,
  recommendationSourceFields,
  sheetSourceFields,
  translationState,
  valueAt,
  type FieldPath,
  type SheetTranslationState,
  type SourceField,
  type TranslationData,
  type TranslationPart,
} from './translations.ts';

/** The languages' names as editors read them in messages. */
export const languageNames: Record<string, string> = { es: 'Spanish', fr: 'French' };

/** A translation file read and validated, with where its texts are. */
interface LoadedTranslation {
  file: string;
  source: ParsedSource;
  translation: TranslationData;
}

export interface TranslationCheck {
  issues: Issue[];
  /** Per sheet and language: how it stands (the publishing rule's input), and its title and summary in the language. */
  states: {
    slug: string;
    lang: string;
    state: SheetTranslationState | 'none';
    texts?: { title?: string | undefined; summary?: string | undefined; area?: string | undefined };
  }[];
  /** How many translation files were read. */
  files: number;
  /** Every valid translation file as validated (with its `translation` meta), for the content collections. */
  entries: TranslationEntry[];
}

/** A valid translation file: id "<lang>/<English id>", its data as its schema gave it, an MDX file's body. */
export interface TranslationEntry {
  kind: Kind;
  id: string;
  file: string;
  data: Record<string, unknown>;
  body?: string;
  /** The body with its line ends as written, when any is not "\n" (ParsedSource's `body.written`). */
  written?: string;
}

type Kind = 'policyAreas' | 'recommendations' | 'commitments';
const schemas = {
  policyAreas: PolicyAreaTranslationSchema,
  recommendations: RecommendationsTranslationSchema,
  commitments: CommitmentTranslationSchema,
} as const;

/** The translation of an English file: content/<type>/<lang>/<name>. */
export function translationFile(englishFile: string, lang: string): string {
  return `${path.posix.dirname(englishFile)}/${lang}/${path.posix.basename(englishFile)}`;
}

async function listNames(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.filter((e) => e.isFile() && !e.name.startsWith('.')).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

/** Reads and validates every translation file of one type and language; `failed` gets each that is there but has errors. */
async function loadKind(
  root: string,
  kind: Kind,
  lang: string,
  issues: Issue[],
  entries: TranslationEntry[],
  failed: Set<string>,
): Promise<Map<string, LoadedTranslation>> {
  const layout = contentLayout[kind];
  const out = new Map<string, LoadedTranslation>();
  for (const name of await listNames(path.join(root, layout.dir, lang))) {
    const file = `${layout.dir}/${lang}/${name}`;
    if (!name.endsWith(layout.extension)) {
      issues.push({ file, ...messages.wrongExtension(layout.extension, path.extname(name) || 'none'), severity: 'error' });
      continue;
    }
    const absolute = path.join(root, file);
    const expected = `the ${languageNames[lang] ?? lang} translation of ${layout.expected}`;
    const read = layout.extension === '.mdx' ? await readMdxFile(absolute, file, expected) : await readYamlFile(absolute, file, expected);
    if (!read.ok) {
      issues.push(...read.issues);
      failed.add(file);
      continue;
    }
    const validated = validateSource(read.source, schemas[kind]);
    if (!validated.ok) {
      issues.push(...validated.issues);
      failed.add(file);
      continue;
    }
    const id = name.slice(0, -layout.extension.length);
    const body = read.source.body?.text;
    const written = read.source.body?.written;
    entries.push({
      kind,
      id: `${lang}/${id}`,
      file,
      data: validated.data,
      ...(body === undefined ? {} : { body }),
      ...(written === undefined ? {} : { written }),
    });
    const { translation, ...texts } = validated.data;
    const data = read.source.body === undefined ? texts : { ...texts, prose: read.source.body.text };
    out.set(id, {
      file,
      source: read.source,
      translation: { data, reviewed: translation.reviewed, source: translation.source },
    });
  }
  return out;
}

/**
 * Where an English text is: the file (the entry's, or a chart's spec file) and the line of its
 * value, or the body's first line for the prose.
 */
function englishPosition(entry: Entry<unknown>, field: SourceField): { file: string; line: number; column: number } {
  if (field.english !== undefined && 'file' in field.english)
    return { file: field.english.file, line: field.english.line, column: 1 };
  if (field.path[0] === 'prose') return { file: entry.file, line: entry.source.body?.firstLine ?? 1, column: 1 };
  return { file: entry.file, ...entry.source.locate(field.english?.path ?? field.path, 'value') };
}

const at = (position: { file: string; line: number }): string => `${position.file}:${position.line}`;

/** Checks every translation against its English file; see src/content/translations.ts for the rule. */
export async function checkTranslations(root: string, content: SiteContent): Promise<TranslationCheck> {
  const issues: Issue[] = [];
  const states: TranslationCheck['states'] = [];
  const entries: TranslationEntry[] = [];
  let files = 0;
  // A commitment shared by two sheets is reported once per language.
  const reported = new Set<string>();
  // Translation files that are there but have errors (reported as such): not "not translated".
  const failed = new Set<string>();

  for (const lang of translatedLanguages) {
    const language = languageNames[lang] ?? lang;
    const loaded = {
      policyAreas: await loadKind(root, 'policyAreas', lang, issues, entries, failed),
      recommendations: await loadKind(root, 'recommendations', lang, issues, entries, failed),
      commitments: await loadKind(root, 'commitments', lang, issues, entries, failed),
    };
    files += loaded.policyAreas.size + loaded.recommendations.size + loaded.commitments.size;

    // Translations of nothing.
    const known = {
      policyAreas: new Set(content.ids.policyAreas),
      recommendations: new Set(content.ids.recommendations),
      commitments: new Set(content.ids.commitments),
    };
    for (const kind of ['policyAreas', 'recommendations', 'commitments'] as const) {
      for (const [id, t] of loaded[kind]) {
        if (!known[kind].has(id)) {
          const english = `${contentLayout[kind].dir}/${id}${contentLayout[kind].extension}`;
          issues.push({ file: t.file, line: 1, column: 1, ...messages.translations.orphan(english), severity: 'warning' });
        }
      }
    }

    for (const sheet of content.sheets) {
      const sheetParts: { entry: Entry<unknown>; part: TranslationPart; loaded: LoadedTranslation | undefined }[] = [];
      const add = (entry: Entry<unknown>, fields: SourceField[], t: LoadedTranslation | undefined): void => {
        sheetParts.push({
          entry,
          loaded: t,
          part: { englishFile: entry.file, file: translationFile(entry.file, lang), fields, translation: t?.translation },
        });
      };
      add(
        sheet,
        sheetSourceFields(sheet.data, sheet.source.body?.text ?? '', await specFilesOf(root, sheet.data.charts)),
        loaded.policyAreas.get(sheet.id),
      );
      const recommendations = content.recommendations.get(sheet.data.recommendations);
      if (recommendations !== undefined)
        add(recommendations, recommendationSourceFields(recommendations.data), loaded.recommendations.get(recommendations.id));
      for (const id of sheet.data.notableCommitments) {
        const commitment = content.commitments.get(id);
        if (commitment !== undefined) add(commitment, commitmentSourceFields(commitment.data), loaded.commitments.get(id));
      }

      if (sheetParts.every((p) => p.loaded === undefined)) {
        states.push({ slug: sheet.id, lang, state: 'none' });
        continue;
      }
      const state = translationState(sheetParts.map((p) => p.part));
      const texts = loaded.policyAreas.get(sheet.id)?.translation.data as
        | { title?: string; summary?: string; area?: string }
        | undefined;
      states.push({ slug: sheet.id, lang, state, texts: { title: texts?.title, summary: texts?.summary, area: texts?.area } });

      for (const { entry, part, loaded: t } of sheetParts) {
        const key = `${lang}\0${part.file}`;
        if (reported.has(key)) continue;
        reported.add(key);
        if (t === undefined) {
          if (!failed.has(part.file))
            issues.push({ file: entry.file, line: 1, column: 1, ...messages.translations.missingFile(language, part.file), severity: 'warning' });
          continue;
        }
        for (const ref of state.missing.filter((r) => r.part === part)) {
          const position = t.source.locate(ref.field.path, 'key');
          issues.push({
            file: t.file,
            ...position,
            field: formatFieldPath(ref.field.path),
            ...messages.translations.missingField(language, at(englishPosition(entry, ref.field))),
            severity: 'warning',
          });
        }
        const stale = state.stale.filter((r) => r.part === part);
        if (stale.length > 1 && Object.keys(t.translation.source).length === 0) {
          // A new translation, never recorded: one warning for the file rather than one per text.
          const at = t.source.locate(['translation'], 'key');
          issues.push({ file: t.file, ...at, field: 'translation', ...messages.translations.neverRecorded(language, stale.length, t.file), severity: 'warning' });
        } else for (const ref of stale) {
          const position = englishPosition(entry, ref.field);
          const translated = ref.field.path[0] === 'prose' ? { line: t.source.body?.firstLine ?? 1 } : t.source.locate(ref.field.path, 'value');
          issues.push({
            ...position,
            field: formatFieldPath(ref.field.path),
            ...(t.translation.source[fieldKey(ref.field.path)] === undefined
              ? messages.translations.unrecorded(language, `${t.file}:${translated.line}`, t.file)
              : messages.translations.stale(language, `${t.file}:${translated.line}`, t.file)),
            severity: 'warning',
          });
        }
        issues.push(...structureIssues(entry, t), ...specTextIssues(entry, part, t), ...figureIssues(entry, part, t));
      }
    }
  }
  return { issues, states, files, entries };
}

/** Items a translation has beyond the English lists, and charts translated out of order. */
function structureIssues(entry: Entry<unknown>, t: LoadedTranslation): Issue[] {
  const issues: Issue[] = [];
  const english = entry.data as Record<string, unknown>;
  const translated = t.translation.data as Record<string, unknown>;
  const lists: FieldPath[] = [
    ['keyTakeaways'],
    ['statusQuo'],
    ['membersDoing'],
    ['irmQuickStats', 'definitions'],
    ['charts'],
    ['sources'],
    ['groups'],
    ['links'],
  ];
  (english['groups'] as unknown[] | undefined)?.forEach((_, i) => lists.push(['groups', i, 'items']));
  (english['charts'] as unknown[] | undefined)?.forEach((_, i) => lists.push(['charts', i, 'footnotes']));
  for (const listPath of lists) {
    const mine = valueAt(translated, listPath);
    const theirs = valueAt(english, listPath);
    if (!Array.isArray(mine)) continue;
    const length = Array.isArray(theirs) ? theirs.length : 0;
    for (let i = length; i < mine.length; i++) {
      issues.push({
        file: t.file,
        ...t.source.locate([...listPath, i], 'value'),
        field: formatFieldPath([...listPath, i]),
        ...messages.translations.extraItem(at({ file: entry.file, ...entry.source.locate(listPath, 'key') })),
        severity: 'warning',
      });
    }
  }
  const charts = valueAt(translated, ['charts']);
  if (Array.isArray(charts)) {
    charts.forEach((chart, i) => {
      const expected = valueAt(english, ['charts', i, 'id']);
      const found = valueAt(chart, ['id']);
      if (typeof expected === 'string' && typeof found === 'string' && expected !== found) {
        issues.push({
          file: t.file,
          ...t.source.locate(['charts', i, 'id'], 'value'),
          field: `charts[${i}].id`,
          ...messages.translations.chartId(expected, found),
          severity: 'error',
        });
      }
    });
  }
  return issues;
}

/** Places under a chart's `spec:` that are not a visible text of the English spec (a typo, or a text since removed). */
function specTextIssues(entry: Entry<unknown>, part: TranslationPart, t: LoadedTranslation): Issue[] {
  const charts = valueAt(t.translation.data, ['charts']);
  if (!Array.isArray(charts)) return [];
  return charts.flatMap((chart, i) => {
    const texts = valueAt(chart, ['spec']);
    if (typeof texts !== 'object' || texts === null) return [];
    const places = part.fields
      .filter((field) => field.path[0] === 'charts' && field.path[1] === i && field.path[2] === 'spec')
      .map((field) => String(field.path[3]));
    const chartId = String(valueAt(entry.data, ['charts', i, 'id']) ?? i);
    return Object.keys(texts)
      .filter((place) => !places.includes(place))
      .map(
        (place): Issue => ({
          file: t.file,
          ...t.source.locate(['charts', i, 'spec', place], 'key'),
          field: formatFieldPath(['charts', i, 'spec', place]),
          ...messages.translations.unknownSpecText(place, chartId, places, closest(place, places)),
          severity: 'warning',
        }),
      );
  });
}

/**
 * {{name}} figures a translated text writes that are no figure and not in its English text: a
 * misspelt or translated name is never filled in, and would be published as written.
 */
function figureIssues(entry: Entry<unknown>, part: TranslationPart, t: LoadedTranslation): Issue[] {
  const issues: Issue[] = [];
  const known = figureNames();
  for (const field of part.fields) {
    const translated = valueAt(t.translation.data, field.path);
    if (typeof translated !== 'string') continue;
    const names = [...new Set(findReferences(field.value).map((ref) => ref.name))];
    for (const ref of findReferences(translated)) {
      // A figure's own name is left to the sheet's check (a stale translation may keep one the English dropped).
      if (names.includes(ref.name) || known.includes(ref.name)) continue;
      const needle = translated.slice(ref.index, translated.indexOf('}}', ref.index) + 2);
      const body = t.source.body;
      const position =
        field.path[0] === 'prose' && body !== undefined
          ? { line: body.firstLine + (body.text.slice(0, body.text.indexOf(needle)).match(/\n/g)?.length ?? 0) }
          : (t.source.find(field.path, needle) ?? t.source.locate(field.path, 'value'));
      issues.push({
        file: t.file,
        ...position,
        field: formatFieldPath(field.path),
        ...messages.translations.unknownFigure(ref.name, at(englishPosition(entry, field)), names, closest(ref.name, names)),
        severity: 'error',
      });
    }
  }
  return issues;
}

/** The summary `check` prints: one line per sheet with any translation. */
export function translationSummary(check: TranslationCheck): string | undefined {
  const bySheet = new Map<string, string[]>();
  for (const { slug, lang, state } of check.states) {
    const line =
      state === 'none'
        ? messages.translations.state(lang, 'none', false, 0)
        : messages.translations.state(
            lang,
            state.state,
            state.reviewed,
            state.state === 'missing' ? state.missing.length + state.missingFiles.length : state.stale.length,
          );
    bySheet.set(slug, [...(bySheet.get(slug) ?? []), line]);
  }
  if (check.states.every((s) => s.state === 'none')) return undefined;
  return [messages.translations.summaryHeading(), ...[...bySheet].map(([slug, lines]) => messages.translations.summaryLine(slug, lines))].join('\n');
}
