import { z } from 'astro/zod';
import { markdownText, plainText, slug } from './common.ts';

/**
 * Translations: content/policy-areas/<lang>/<slug>.mdx, content/recommendations/<lang>/<slug>.yaml,
 * content/commitments/<lang>/<id>.yaml, each mirroring its English file's text fields (same
 * names, same order of list items). Every text is optional: what is left out is reported as
 * missing by `npm run check`, and the page in that language is not published until it is there.
 * Spanish and French run longer than English, so the length limits are half as long again.
 */
const longer = (max: number): number => Math.ceil(max * 1.5);
const plain = (max: number) => plainText(longer(max)).optional();
const markdown = (max: number) => markdownText(longer(max)).optional();

/** Which English version a translation was made from, and whether it has been reviewed. */
export const TranslationMetaSchema = z.strictObject({
  /** false until someone has reviewed the translation: the page and PDF say "translation under review". */
  reviewed: z.boolean(),
  /** A fingerprint of each English text this translation was made from, by field path; written by `npm run translations -- record <file>`. */
  source: z.record(z.string(), z.string().regex(/^[0-9a-f]{8}$/)).default({}),
});
export type TranslationMeta = z.output<typeof TranslationMetaSchema>;

/** A translated chart: its texts, for the chart with the same `id` (in the same place) in the English sheet. */
export const ChartTranslationSchema = z.strictObject({
  /** The id of the English chart this translates (ids are not translated). */
  id: slug(),
  /** The chart's heading. */
  title: plain(120),
  /** What the chart shows, for screen-reader users. */
  alt: plain(400),
  /** The caption under the chart. */
  caption: markdown(400),
  /** The footnotes, in the English order. */
  footnotes: z.array(markdownText(longer(300))).optional(),
  /** Where the data comes from. */
  source: markdown(300),
  /** A Vega-Lite chart's own words (axis, legend and chart titles in its spec), each under its place in the spec, e.g. "encoding.x.title": Año del plan de acción. */
  spec: z.record(z.string(), plainText(longer(200))).optional(),
});

/** content/policy-areas/<lang>/<slug>.mdx: a sheet's frontmatter texts in one language (the body is the translated prose). */
export const PolicyAreaTranslationSchema = z.strictObject({
  /** Which English version this translates, and whether it has been reviewed. */
  translation: TranslationMetaSchema,
  /** The sheet's title. */
  title: plain(80),
  /** The policy area's name. */
  area: plain(60),
  /** One or two sentences for the index page and link previews (plain text). */
  summary: plain(300),
  /** The heading of the prose part; defaults to "Why <area>?" in the language. */
  whyHeading: plain(80),
  /** The key takeaways, in the English order. */
  keyTakeaways: z.array(markdownText(longer(400))).optional(),
  /** "Status quo": each point's lead and text. */
  statusQuo: z.array(z.strictObject({ lead: plain(80), text: markdown(600) })).optional(),
  /** The scope of the data. */
  dataNote: markdown(400),
  /** "Commitment progress": its text ({{name}} figures as in English). */
  commitmentProgress: z.strictObject({ text: markdown(800) }).optional(),
  /** "What are OGP members doing?": the points. */
  membersDoing: z.array(markdownText(longer(300))).optional(),
  /** "IRM quick stats": the text and each definition's term and text. */
  irmQuickStats: z
    .strictObject({
      text: markdown(800),
      definitions: z.array(z.strictObject({ term: plain(60), text: markdown(400) })).optional(),
    })
    .optional(),
  /** The charts' texts, in the English order. */
  charts: z.array(ChartTranslationSchema).optional(),
  /** The sources' link texts (the addresses stay the English ones). */
  sources: z.array(z.strictObject({ label: plain(120) })).optional(),
});
export type PolicyAreaTranslation = z.output<typeof PolicyAreaTranslationSchema>;

/** content/recommendations/<lang>/<slug>.yaml: "Where to next" in one language. */
export const RecommendationsTranslationSchema = z.strictObject({
  /** Which English version this translates, and whether it has been reviewed. */
  translation: TranslationMetaSchema,
  /** The sentence introducing the recommendations. */
  intro: markdown(300),
  /** The groups in the English order: each heading and its recommendations. */
  groups: z
    .array(z.strictObject({ title: plain(100), items: z.array(markdownText(longer(400))).optional() }))
    .optional(),
});
export type RecommendationsTranslation = z.output<typeof RecommendationsTranslationSchema>;

/** content/commitments/<lang>/<id>.yaml: one notable commitment in one language. */
export const CommitmentTranslationSchema = z.strictObject({
  /** Which English version this translates, and whether it has been reviewed. */
  translation: TranslationMetaSchema,
  /** The commitment's title. */
  title: plain(160),
  /** What it does and why it matters. */
  text: markdown(1200),
  /** The links' texts, in the English order (the addresses stay the English ones). */
  links: z.array(z.strictObject({ label: plain(120) })).optional(),
});
export type CommitmentTranslation = z.output<typeof CommitmentTranslationSchema>;
