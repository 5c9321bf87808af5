import { z } from 'astro/zod';
import { ChartSchema } from './chart.ts';
import { isoDate, LinkSchema, markdownText, plainText, slug } from './common.ts';

/** A lead in bold followed by text, as in the "Status quo" part. */
export const PointSchema = z.strictObject({
  /** The bold lead, without the colon, e.g. "Up and coming". */
  lead: plainText(80),
  /** The text after the lead; markdown links allowed. */
  text: markdownText(600),
});

/** A term and its definition, e.g. an IRM measure. */
export const DefinitionSchema = z.strictObject({
  /** The term, e.g. "Ambition". */
  term: plainText(60),
  /** What it means. */
  text: markdownText(400),
});

/** The ids of the charts a section shows, in order. */
const chartIds = () => z.array(slug()).max(6).default([]);

/** The sections of a sheet that show charts, in the page's order. */
export const CHART_SECTIONS = ['commitmentProgress', 'irmQuickStats'] as const;
export type ChartSection = (typeof CHART_SECTIONS)[number];

/** A fact sheet's frontmatter: content/policy-areas/<slug>.mdx (the body is the "Why" prose). */
export const PolicyAreaSchema = z.strictObject({
  /** The sheet's title, e.g. "Digital Governance Fact Sheet". */
  title: plainText(80),
  /** The policy area's name, e.g. "Digital Governance". */
  area: plainText(60),
  /** One or two sentences for the index page, search and link previews. */
  summary: plainText(300),
  /** The edition date (YYYY-MM-DD): printed on the sheet and in the PDF. */
  edition: isoDate(),
  /** How many A4 pages the PDF may take; the build fails if it takes more. */
  pages: z.int().min(1).max(8).default(2),
  /** A review copy: the page and PDF carry a "DRAFT" mark. */
  draft: z.boolean().default(false),
  /** Earlier slugs of this sheet, so old links redirect here. */
  aliases: z.array(slug()).default([]),
  /** The heading of the prose part; defaults to "Why <area>?". */
  whyHeading: plainText(80).optional(),
  /** One to five short points that open the sheet. */
  keyTakeaways: z.array(markdownText(400)).min(1).max(5),
  /** "Status quo": points, each a bold lead and text. */
  statusQuo: z.array(PointSchema).min(1).max(6),
  /** The scope of the data, e.g. "Commitment data analyzes all commitments through ...". */
  dataNote: markdownText(400),
  /** "Commitment progress": the text and the charts shown with it. */
  commitmentProgress: z.strictObject({
    /** The text; write {{name}} to insert a figure computed from the data. */
    text: markdownText(800),
    /** The ids of the charts shown under the text, in order (each one of `charts`); none shows no chart. */
    charts: chartIds(),
    /** The id of one chart shown under the text: the short form of `charts: [<id>]`. */
    chart: slug().optional(),
  }),
  /** "What are OGP members doing?": short points. */
  membersDoing: z.array(markdownText(300)).min(1).max(8),
  /** The id of the recommendations file: content/recommendations/<id>.yaml. */
  recommendations: slug(),
  /** Notable commitments, by id (content/commitments/<id>.yaml), in the order shown; none hides the part. */
  notableCommitments: z.array(slug()).max(8).default([]),
  /** "IRM quick stats": text, charts, and definitions of the measures. */
  irmQuickStats: z.strictObject({
    /** The text; write {{name}} to insert a figure computed from the data. */
    text: markdownText(800),
    /** The ids of the charts shown after the text, in order (each one of `charts`); none shows no chart. */
    charts: chartIds(),
    /** The id of one chart shown after the text: the short form of `charts: [<id>]`. */
    chart: slug().optional(),
    /** Definitions of the measures the chart shows. */
    definitions: z.array(DefinitionSchema).min(1).max(5),
  }),
  /** The charts this sheet shows: each placed in a section by its id (`commitmentProgress.charts`, `irmQuickStats.charts`). */
  charts: z.array(ChartSchema).max(6).default([]),
  /** Sources listed at the end of the sheet. */
  sources: z.array(LinkSchema).default([]),
});
export type PolicyArea = z.output<typeof PolicyAreaSchema>;

/** The ids of the charts a section shows, in order: `chart:` (the short form) first, then `charts:`. */
export function chartsIn(section: { chart?: string | undefined; charts: readonly string[] }): string[] {
  return section.chart === undefined ? [...section.charts] : [section.chart, ...section.charts];
}
