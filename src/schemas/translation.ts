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
  reviewed: z
    .boolean()
    .describe('false until someone has reviewed the translation: the page and PDF say "translation under review".'),
  source: z
    .record(z.string(), z.string().regex(/^[0-9a-f]{8}$/))
    .default({})
    .describe(
      'A fingerprint of each English text this translation was made from, by field path; written by `npm run translations -- record <file>`.',
    ),
});
export type TranslationMeta = z.output<typeof TranslationMetaSchema>;

/** A translated chart: its texts, for the chart with the same `id` (in the same place) in the English sheet. */
export const ChartTranslationSchema = z.strictObject({
  id: slug().describe('The id of the English chart this translates (ids are not translated).'),
  title: plain(120).describe("The chart's heading."),
  alt: plain(400).describe('What the chart shows, for screen-reader users.'),
  caption: markdown(400).describe('The caption under the chart.'),
  footnotes: z
    .array(markdownText(longer(300)))
    .optional()
    .describe('The footnotes, in the English order.'),
  source: markdown(300).describe('Where the data comes from.'),
  spec: z
    .record(z.string(), plainText(longer(200)))
    .optional()
    .describe(
      'A Vega-Lite chart\'s own words (axis, legend and chart titles in its spec), each under its place in the spec, e.g. "encoding.x.title": Año del plan de acción.',
    ),
});

export const PolicyAreaTranslationSchema = z
  .strictObject({
    translation: TranslationMetaSchema.describe(
      'Which English version this translates, and whether it has been reviewed.',
    ),
    title: plain(80).describe("The sheet's title."),
    area: plain(60).describe("The policy area's name."),
    summary: plain(300).describe('One or two sentences for the index page and link previews (plain text).'),
    whyHeading: plain(80).describe('The heading of the prose part; defaults to "Why <area>?" in the language.'),
    keyTakeaways: z
      .array(markdownText(longer(400)))
      .optional()
      .describe('The key takeaways, in the English order.'),
    statusQuo: z
      .array(
        z.strictObject({
          lead: plain(80).describe('The bold lead, without the colon.'),
          text: markdown(600).describe('The text after the lead.'),
        }),
      )
      .optional()
      .describe('"Status quo": each point\'s lead and text.'),
    dataNote: markdown(400).describe('The scope of the data.'),
    commitmentProgress: z
      .strictObject({ text: markdown(800).describe('The text; write {{name}} where English does.') })
      .optional()
      .describe('"Commitment progress": its text ({{name}} figures as in English).'),
    membersDoing: z
      .array(markdownText(longer(300)))
      .optional()
      .describe('"What are OGP members doing?": the points.'),
    irmQuickStats: z
      .strictObject({
        text: markdown(800).describe('The text; write {{name}} where English does.'),
        definitions: z
          .array(
            z.strictObject({
              term: plain(60).describe('The term.'),
              text: markdown(400).describe('What it means.'),
            }),
          )
          .optional()
          .describe('The definitions of the measures, in the English order.'),
      })
      .optional()
      .describe('"IRM quick stats": the text and each definition\'s term and text.'),
    charts: z.array(ChartTranslationSchema).optional().describe("The charts' texts, in the English order."),
    sources: z
      .array(z.strictObject({ label: plain(120).describe('The words shown for the link.') }))
      .optional()
      .describe("The sources' link texts (the addresses stay the English ones)."),
  })
  .describe(
    "content/policy-areas/<lang>/<slug>.mdx: a sheet's frontmatter texts in one language (the body is the translated prose).",
  );
export type PolicyAreaTranslation = z.output<typeof PolicyAreaTranslationSchema>;

export const RecommendationsTranslationSchema = z
  .strictObject({
    translation: TranslationMetaSchema.describe(
      'Which English version this translates, and whether it has been reviewed.',
    ),
    intro: markdown(300).describe('The sentence introducing the recommendations.'),
    groups: z
      .array(
        z.strictObject({
          title: plain(100).describe("The group's heading."),
          items: z
            .array(markdownText(longer(400)))
            .optional()
            .describe('The recommendations, in the English order.'),
        }),
      )
      .optional()
      .describe('The groups in the English order: each heading and its recommendations.'),
  })
  .describe('content/recommendations/<lang>/<slug>.yaml: "Where to next" in one language.');
export type RecommendationsTranslation = z.output<typeof RecommendationsTranslationSchema>;

export const CommitmentTranslationSchema = z
  .strictObject({
    translation: TranslationMetaSchema.describe(
      'Which English version this translates, and whether it has been reviewed.',
    ),
    title: plain(160).describe("The commitment's title."),
    text: markdown(1200).describe('What it does and why it matters.'),
    links: z
      .array(z.strictObject({ label: plain(120).describe('The words shown for the link.') }))
      .optional()
      .describe("The links' texts, in the English order (the addresses stay the English ones)."),
  })
  .describe('content/commitments/<lang>/<id>.yaml: one notable commitment in one language.');
export type CommitmentTranslation = z.output<typeof CommitmentTranslationSchema>;
