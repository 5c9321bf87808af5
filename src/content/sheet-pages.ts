/**
 * What each sheet page shows, per language it is published in, made once from the validated
 * content for the content store (src/content/loader.ts): the sheet in the language with its
 * `{{name}}` figures filled, its recommendations, notable commitments and their members in the
 * language, every chart drawn (SVG, table, CSV), the social card's text, the past editions and
 * the languages the sheet is published in. The pages render these as they are; they compute
 * nothing from the data. The store's digest of an entry covers everything its page reads.
 */
import { figuresFor, fillSheetFigures, renderChart, type RenderedChart } from '../charts/index.ts';
import { specFilesOf } from '../charts/vega-lite-spec.ts';
import { UserError } from '../diagnostics/index.ts';
import { languages } from '../i18n/index.ts';
import { socialCardAlt, socialCardFor } from '../publish/social-card.ts';
import type { Commitment } from '../schemas/commitment.ts';
import type { Member } from '../schemas/member.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import type { Recommendations } from '../schemas/recommendations.ts';
import type {
  CommitmentTranslation,
  PolicyAreaTranslation,
  RecommendationsTranslation,
} from '../schemas/translation.ts';
import { pastEditions, type PastEdition } from '../site/editions.ts';
import { translateSheet, type TranslationSources } from '../site/translation.ts';
import type { ContentCheck, Entry } from './index.ts';
import { renderProse } from './prose.ts';
import { translationFile } from './translation-check.ts';
import type { SheetTranslationState } from './translations.ts';

export interface SheetPage {
  slug: string;
  lang: string;
  /** Every language the sheet is published in, English first (the language links and hreflang alternates). */
  languages: string[];
  /** The sheet in the page's language, `{{name}}` figures filled. */
  sheet: PolicyArea;
  /** Its recommendations file in the page's language (undefined only when check failed). */
  recommendations: Recommendations | undefined;
  /** Its notable commitments in the page's language, by id. */
  commitments: Record<string, Commitment>;
  /** The members those commitments name, by name. */
  members: Record<string, Member>;
  /** Every chart of `sheet.charts`, drawn in the page's language, in the same order. */
  charts: RenderedChart[];
  /** For a translated page: how the translation stands (the notices show from it). */
  translation: Pick<SheetTranslationState, 'state' | 'reviewed'> | undefined;
  /** The text alternative of the sheet's social card in the page's language. */
  socialCardAlt: string;
  /** The archived past editions kept in the page's language, newest first. */
  pastEditions: PastEdition[];
  /** The prose as the page shows it: the English sheet's MDX body, or its translation's, as HTML (src/content/prose.ts). */
  proseHtml: string;
}

/** The past editions of a sheet kept in one language (a sheet's editions have pages in every language whose PDF was kept). */
export interface SheetEditions {
  slug: string;
  lang: string;
  editions: PastEdition[];
}

/** Each run's translations by kind and id, made once for all its sheets (a map per sheet grew as sheets x translations). */
const translationsOfRun = new WeakMap<ContentCheck, Map<string, ContentCheck['translations']['entries'][number]>>();

function translationsOf(checked: ContentCheck): Map<string, ContentCheck['translations']['entries'][number]> {
  let translations = translationsOfRun.get(checked);
  if (translations === undefined) {
    translations = new Map(checked.translations.entries.map((entry) => [`${entry.kind}\0${entry.id}`, entry]));
    translationsOfRun.set(checked, translations);
  }
  return translations;
}

/** The validated files, as the translation of a sheet looks them up. */
function translationSources(checked: ContentCheck): TranslationSources {
  const { content } = checked;
  const translations = translationsOf(checked);
  const translation = <T>(kind: string, lang: string, id: string): { data: T; body?: string } | undefined =>
    translations.get(`${kind}\0${lang}/${id}`) as { data: T; body?: string } | undefined;
  return {
    sheetTranslation: (lang, id) => translation<PolicyAreaTranslation>('policyAreas', lang, id),
    recommendations: (id) => content.recommendations.get(id),
    recommendationsTranslation: (lang, id) => translation<RecommendationsTranslation>('recommendations', lang, id),
    commitment: (id) => content.commitments.get(id),
    commitmentTranslation: (lang, id) => translation<CommitmentTranslation>('commitments', lang, id),
  };
}

/** A sheet's prose in a language as its translation's file has it (its line ends as written). */
function proseWritten(checked: ContentCheck, lang: string, id: string): string {
  const entry = translationsOf(checked).get(`policyAreas\0${lang}/${id}`);
  return entry?.written ?? entry?.body ?? '';
}

/** One sheet's pages: English always, each other language when the sheet is fully translated into it. */
async function pagesOf(root: string, checked: ContentCheck, entry: Entry<PolicyArea>): Promise<SheetPage[]> {
  const { content } = checked;
  const sources = translationSources(checked);
  const englishProse = entry.source.body?.text ?? '';
  const englishWritten = entry.source.body?.written ?? englishProse;
  const english = { id: entry.id, data: entry.data, body: englishProse };
  const specFiles = await specFilesOf(root, entry.data.charts);
  const pages: Omit<SheetPage, 'languages'>[] = [];
  for (const lang of languages) {
    const translated = lang === 'en' ? undefined : translateSheet(english, lang, sources, specFiles);
    if (lang !== 'en' && (translated === undefined || translated.status.state === 'missing')) continue;
    const inLanguage = translated?.sheet ?? entry.data;
    // {{name}} figure references in the sheet's texts (and its charts') are computed from the data.
    const sheet = fillSheetFigures(inLanguage, await figuresFor(root, inLanguage));
    // The series legend names the policy area in the language (in English: the chart's tag).
    const area = lang === 'en' ? {} : { area: sheet.area };
    const commitments: Record<string, Commitment> = {};
    const members: Record<string, Member> = {};
    for (const id of sheet.notableCommitments) {
      const commitment = translated?.commitments.get(id) ?? content.commitments.get(id)?.data;
      if (commitment === undefined) continue;
      commitments[id] = commitment;
      const member = content.members.get(commitment.member);
      if (member !== undefined) members[commitment.member] = member;
      // A local member's country, for its name in the language (src/site/member-label.ts).
      const country = member?.country;
      const countryMember = country === undefined ? undefined : content.members.get(country);
      if (country !== undefined && countryMember !== undefined) members[country] = countryMember;
    }
    pages.push({
      slug: entry.id,
      lang,
      sheet,
      recommendations: translated?.recommendations ?? content.recommendations.get(sheet.recommendations)?.data,
      commitments,
      members,
      charts: await Promise.all(sheet.charts.map((chart) => renderChart(root, entry.id, chart, { lang, ...area }))),
      translation:
        translated === undefined ? undefined : { state: translated.status.state, reviewed: translated.status.reviewed },
      // The card is drawn from the sheet's title and area as written (the images stage's card).
      socialCardAlt: socialCardAlt(await socialCardFor(root, inLanguage, lang)),
      pastEditions: pastEditions(root, entry.id, inLanguage.edition, lang),
      proseHtml: await renderProse(
        lang === 'en' ? englishWritten : proseWritten(checked, lang, entry.id),
        lang === 'en' ? entry.file : translationFile(entry.file, lang),
      ),
    });
  }
  const published = pages.map((page) => page.lang);
  return pages.map((page) => ({ ...page, languages: published }));
}

/**
 * Every page of every valid sheet. A sheet whose data cannot be drawn has no pages: its
 * problem is in the run's issues (the build never starts then; dev shows it on every page).
 */
export async function sheetPages(root: string, checked: ContentCheck): Promise<SheetPage[]> {
  const pages = await Promise.all(
    checked.content.sheets.map((entry) =>
      pagesOf(root, checked, entry).catch((error: unknown) => {
        if (error instanceof UserError) return [];
        throw error;
      }),
    ),
  );
  return pages.flat();
}

/**
 * The past editions of every valid sheet in every language, an empty list where none was kept:
 * the pages look each one up.
 */
export function sheetEditions(root: string, checked: ContentCheck): SheetEditions[] {
  return checked.content.sheets.flatMap((entry) =>
    languages.map((lang) => ({ slug: entry.id, lang, editions: pastEditions(root, entry.id, entry.data.edition, lang) })),
  );
}
