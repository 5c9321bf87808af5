import { z } from 'astro/zod';
import { ChartSchema } from './chart.ts';
import { isoDate, LinkSchema, markdownText, plainText, slug } from './common.ts';

/** A lead in bold followed by text, as in the "Status quo" part. */
export const PointSchema = z.strictObject({
  lead: plainText(80).describe('The bold lead, without the colon, e.g. "Up and coming".'),
  text: markdownText(600).describe('The text after the lead; markdown links allowed.'),
});

/** A term and its definition, e.g. an IRM measure. */
export const DefinitionSchema = z.strictObject({
  term: plainText(60).describe('The term, e.g. "Ambition".'),
  text: markdownText(400).describe('What it means.'),
});

/** The ids of the charts a section shows, in order. */
const chartIds = () => z.array(slug()).max(6).default([]);

/** The sections of a sheet that show charts, in the page's order. */
export const CHART_SECTIONS = ['commitmentProgress', 'irmQuickStats'] as const;
export type ChartSection = (typeof CHART_SECTIONS)[number];

export const PolicyAreaSchema = z
  .strictObject({
    title: plainText(80).describe('The sheet\'s title, e.g. "Digital Governance Fact Sheet".'),
    area: plainText(60).describe('The policy area\'s name, e.g. "Digital Governance".'),
    summary: plainText(300).describe('One or two sentences for the index page, search and link previews.'),
    edition: isoDate().describe('The edition date (YYYY-MM-DD): printed on the sheet and in the PDF.'),
    pages: z
      .int()
      .min(1)
      .max(8)
      .default(2)
      .describe('How many A4 pages the PDF may take; the build fails if it takes more.'),
    draft: z.boolean().default(false).describe('A review copy: the page and PDF carry a "DRAFT" mark.'),
    aliases: z.array(slug()).default([]).describe('Earlier slugs of this sheet, so old links redirect here.'),
    whyHeading: plainText(80).optional().describe('The heading of the prose part; defaults to "Why <area>?".'),
    keyTakeaways: z.array(markdownText(400)).min(1).max(5).describe('One to five short points that open the sheet.'),
    statusQuo: z.array(PointSchema).min(1).max(6).describe('"Status quo": points, each a bold lead and text.'),
    dataNote: markdownText(400).describe(
      'The scope of the data, e.g. "Commitment data analyzes all commitments through ...".',
    ),
    commitmentProgress: z
      .strictObject({
        text: markdownText(800).describe('The text; write {{name}} to insert a figure computed from the data.'),
        charts: chartIds().describe(
          'The ids of the charts shown under the text, in order (each one of `charts`); none shows no chart.',
        ),
        chart: slug()
          .optional()
          .describe('The id of one chart shown under the text: the short form of `charts: [<id>]`.'),
      })
      .describe('"Commitment progress": the text and the charts shown with it.'),
    membersDoing: z.array(markdownText(300)).min(1).max(8).describe('"What are OGP members doing?": short points.'),
    recommendations: slug().describe('The id of the recommendations file: content/recommendations/<id>.yaml.'),
    notableCommitments: z
      .array(slug())
      .max(8)
      .default([])
      .describe('Notable commitments, by id (content/commitments/<id>.yaml), in the order shown; none hides the part.'),
    irmQuickStats: z
      .strictObject({
        text: markdownText(800).describe('The text; write {{name}} to insert a figure computed from the data.'),
        charts: chartIds().describe(
          'The ids of the charts shown after the text, in order (each one of `charts`); none shows no chart.',
        ),
        chart: slug()
          .optional()
          .describe('The id of one chart shown after the text: the short form of `charts: [<id>]`.'),
        definitions: z.array(DefinitionSchema).min(1).max(5).describe('Definitions of the measures the chart shows.'),
      })
      .describe('"IRM quick stats": text, charts, and definitions of the measures.'),
    charts: z
      .array(ChartSchema)
      .max(6)
      .default([])
      .describe(
        'The charts this sheet shows: each placed in a section by its id (`commitmentProgress.charts`, `irmQuickStats.charts`).',
      ),
    sources: z.array(LinkSchema).default([]).describe('Sources listed at the end of the sheet.'),
  })
  .describe('A fact sheet\'s frontmatter: content/policy-areas/<slug>.mdx (the body is the "Why" prose).');
export type PolicyArea = z.output<typeof PolicyAreaSchema>;

/** The ids of the charts a section shows, in order: `chart:` (the short form) first, then `charts:`. */
export function chartsIn(section: { chart?: string | undefined; charts: readonly string[] }): string[] {
  return section.chart === undefined ? [...section.charts] : [section.chart, ...section.charts];
}
