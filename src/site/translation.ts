/**
 * A sheet in Spanish or French, for the pages: its translation files, the publishing rule of
 * src/content/translations.ts applied, and the English data with every translated text in its
 * place. Nothing English is shown under a /es/ or /fr/ address: a sheet missing any text in a
 * language is not published in it. Assembled once by the content loader (src/content/sheet-pages.ts).
 */
import { recommendationGroupId } from '../content/ids.ts';
import { typeset } from '../i18n/index.ts';
import type { Commitment } from '../schemas/commitment.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { Recommendations } from '../schemas/recommendations.ts';
import type {
  CommitmentTranslation,
  PolicyAreaTranslation,
  RecommendationsTranslation,
  TranslationMeta,
} from '../schemas/translation.ts';
import {
  applyTranslation,
  commitmentSourceFields,
  recommendationSourceFields,
  sheetSourceFields,
  translateSheetSpecs,
  translationState,
  type SheetTranslationState,
  type SourceField,
  type SpecFile,
  type TranslationPart,
} from '../content/translations.ts';

/** A validated file as the translation needs it: its data, and an MDX file's body. */
interface Source<T> {
  data: T;
  body?: string | undefined;
}

/** The validated files a translation is assembled from (English ids; translations by language and English id). */
export interface TranslationSources {
  sheetTranslation(lang: string, id: string): Source<PolicyAreaTranslation> | undefined;
  recommendations(id: string): Source<Recommendations> | undefined;
  recommendationsTranslation(lang: string, id: string): Source<RecommendationsTranslation> | undefined;
  commitment(id: string): Source<Commitment> | undefined;
  commitmentTranslation(lang: string, id: string): Source<CommitmentTranslation> | undefined;
}

/** The sheet's Vega-Lite spec files by chart id (`specFilesOf`): their texts are translated too. */
export type SpecFiles = ReadonlyMap<string, SpecFile>;

export interface TranslatedSheet {
  lang: string;
  status: SheetTranslationState;
  /** The sheet with its texts in the language. */
  sheet: PolicyArea;
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
export function translateSheet(
  entry: { id: string; data: PolicyArea; body?: string | undefined },
  lang: string,
  sources: TranslationSources,
  specFiles: SpecFiles,
): TranslatedSheet | undefined {
  const english = entry.data;
  const inLanguage = (text: string): string => typeset(text, lang);
  const sheetTranslation = sources.sheetTranslation(lang, entry.id);
  if (sheetTranslation === undefined) return undefined;
  const sheetFields = sheetSourceFields(english, entry.body ?? '', specFiles);
  const parts: TranslationPart[] = [
    part(
      `content/policy-areas/${entry.id}.mdx`,
      `content/policy-areas/${lang}/${entry.id}.mdx`,
      sheetFields,
      sheetTranslation,
    ),
  ];

  const recommendationsEntry = sources.recommendations(english.recommendations);
  const recommendationsTranslation = sources.recommendationsTranslation(lang, english.recommendations);
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
    const translated = applyTranslation(
      recommendationsEntry.data,
      fields,
      recommendationsTranslation?.data,
      inLanguage,
    );
    // Anchors are the English ones in every language, as the sections', charts' and commitments'
    // are: a partner's link works under /es/ and /fr/ too, and a translator's edit moves no anchor.
    recommendations = {
      ...translated,
      groups: translated.groups.map((group, i) => {
        const english = recommendationsEntry.data.groups[i];
        return english === undefined ? group : { ...group, id: recommendationGroupId(english) };
      }),
    };
  }

  const commitments = new Map<string, Commitment>();
  for (const id of english.notableCommitments) {
    const commitment = sources.commitment(id);
    if (commitment === undefined) continue;
    const translation = sources.commitmentTranslation(lang, id);
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
    recommendations,
    commitments,
  };
}
