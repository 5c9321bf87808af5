/**
 * A sheet in Spanish or French, for the pages: its translation files from the content
 * collections, the publishing rule of src/content/translations.ts applied, and the English
 * data with every translated text in its place. Nothing English is shown under a /es/ or
 * /fr/ address: a sheet missing any text in a language is not published in it.
 */
import { getEntry, type CollectionEntry } from 'astro:content';
import { projectRoot } from '../charts/index.ts';
import { specFilesOf } from '../charts/vega-lite-spec.ts';
import { typeset } from '../i18n/index.ts';
import type { Commitment } from '../schemas/commitment.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { Recommendations } from '../schemas/recommendations.ts';
import type { TranslationMeta } from '../schemas/translation.ts';
import {
  applyTranslation,
  commitmentSourceFields,
  recommendationSourceFields,
  sheetSourceFields,
  translateSheetSpecs,
  translationState,
  type SheetTranslationState,
  type SourceField,
  type TranslationPart,
} from '../content/translations.ts';

type PolicyAreaEntry = CollectionEntry<'policyAreas'>;

export interface TranslatedSheet {
  lang: string;
  status: SheetTranslationState;
  /** The sheet with its texts in the language. */
  sheet: PolicyArea;
  /** The translated sheet's entry: its body is the prose to render. */
  proseEntry: CollectionEntry<'policyAreaTranslations'>;
  recommendations: Recommendations | undefined;
  /** Notable commitments with their texts in the language, by id. */
  commitments: Map<string, Commitment>;
}

const part = (
  englishFile: string,
  file: string,
  fields: SourceField[],
  entry: { data: { translation: TranslationMeta }; body?: string | undefined } | undefined,
): TranslationPart => ({
  englishFile,
  file,
  fields,
  translation:
    entry === undefined
      ? undefined
      : {
          data: { ...entry.data, prose: entry.body ?? '' },
          reviewed: entry.data.translation.reviewed,
          source: entry.data.translation.source,
        },
});

/** The sheet in a language with how its translation stands; undefined when nothing of it is translated. */
export async function translateSheet(entry: PolicyAreaEntry, lang: string): Promise<TranslatedSheet | undefined> {
  const english = entry.data;
  const inLanguage = (text: string): string => typeset(text, lang);
  const sheetTranslation = await getEntry('policyAreaTranslations', `${lang}/${entry.id}`);
  if (sheetTranslation === undefined) return undefined;
  const specFiles = await specFilesOf(projectRoot, english.charts);
  const sheetFields = sheetSourceFields(english, entry.body ?? '', specFiles);
  const parts: TranslationPart[] = [
    part(
      `content/policy-areas/${entry.id}.mdx`,
      `content/policy-areas/${lang}/${entry.id}.mdx`,
      sheetFields,
      sheetTranslation,
    ),
  ];

  const recommendationsEntry = await getEntry('recommendations', english.recommendations);
  const recommendationsTranslation = await getEntry('recommendationTranslations', `${lang}/${english.recommendations}`);
  let recommendations: Recommendations | undefined;
  if (recommendationsEntry !== undefined) {
    const fields = recommendationSourceFields(recommendationsEntry.data);
    parts.push(
      part(
        `content/recommendations/${english.recommendations}.yaml`,
        `content/recommendations/${lang}/${english.recommendations}.yaml`,
        fields,
        recommendationsTranslation,
      ),
    );
    recommendations = applyTranslation(recommendationsEntry.data, fields, recommendationsTranslation?.data, inLanguage);
  }

  const commitments = new Map<string, Commitment>();
  for (const id of english.notableCommitments) {
    const commitment = await getEntry('commitments', id);
    if (commitment === undefined) continue;
    const translation = await getEntry('commitmentTranslations', `${lang}/${id}`);
    const fields = commitmentSourceFields(commitment.data);
    parts.push(part(`content/commitments/${id}.yaml`, `content/commitments/${lang}/${id}.yaml`, fields, translation));
    commitments.set(id, applyTranslation(commitment.data, fields, translation?.data, inLanguage));
  }

  // The texts inside Vega-Lite specs go into the specs (each then drawn inline, in the language).
  const sheet = translateSheetSpecs(
    applyTranslation(english, sheetFields, sheetTranslation.data, inLanguage),
    sheetTranslation.data,
    specFiles,
    inLanguage,
  );
  // A heading English leaves to its default ("Why <area>?") may still be worded by the translation.
  if (sheetTranslation.data.whyHeading !== undefined) sheet.whyHeading = inLanguage(sheetTranslation.data.whyHeading);
  return {
    lang,
    status: translationState(parts),
    sheet,
    proseEntry: sheetTranslation,
    recommendations,
    commitments,
  };
}

/** The sheet is published in the language: every text translated (an out-of-date one still counts). */
export async function isPublishedIn(entry: PolicyAreaEntry, lang: string): Promise<boolean> {
  if (lang === 'en') return true;
  const translated = await translateSheet(entry, lang);
  return translated !== undefined && translated.status.state !== 'missing';
}
