import { z } from 'astro/zod';
import { describeValue, messages, type Message } from '../messages.ts';
import { markdownText, plainText, slug } from './common.ts';

/**
 * A file name under data/ that must match `pattern`. A mismatch is a custom issue with
 * `params.rule` (src/content/schema-issues.ts words it from src/messages.ts), so it says what
 * is expected with an example; the pattern stays in the editors' JSON Schema (`meta`).
 */
const fileName = (pattern: RegExp, rule: 'dataFile' | 'specFile', message: (found: string) => Message) =>
  z
    .string()
    .superRefine((value, ctx) => {
      if (!pattern.test(value))
        ctx.addIssue({ code: 'custom', message: message(describeValue(value)).problem, params: { rule } });
    })
    .meta({ pattern: pattern.source });

/** Fields every chart has, whatever draws it. */
const chartBase = {
  id: slug().describe("The chart's id: its anchor on the page and the name of its CSV download."),
  title: plainText(120).describe('The heading shown above the chart, e.g. "Commitment Performance".'),
  alt: plainText(400)
    .min(20)
    .describe('What the chart shows, in one or two sentences, for screen-reader users (required).'),
  caption: markdownText(400).optional().describe('A caption shown under the chart; markdown links allowed.'),
  footnotes: z
    .array(markdownText(300))
    .default([])
    .describe('Footnotes printed under the chart, e.g. "* sample size < 50".'),
  source: markdownText(300).describe('Where the data comes from, e.g. "OGP commitments data, IRM assessments".'),
  data: fileName(/^[\w.-]+\.(csv|tsv|json)$/, 'dataFile', messages.chartDataFileName).describe(
    'The data file under data/ the chart is drawn from: the commitments export (CSV) for the built-in kinds, any CSV, TSV or JSON list of records for Vega-Lite.',
  ),
};

/** Fields the built-in charts add, both drawn from OGP's commitments export for one policy area. */
const builtInFields = {
  tag: plainText(120).describe('The policy-area tag column of the commitments export, e.g. "Digital Governance".'),
  until: z
    .int()
    .min(2011)
    .max(2100)
    .optional()
    .describe('Count only action plans submitted up to this year, e.g. 2020 for "through the 2020 cycle".'),
};

/** A chart a sheet shows: a built-in OGP figure or any Vega-Lite spec. */
export const ChartSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    ...chartBase,
    kind: z
      .literal('commitments-per-year')
      .describe('Built-in figure: the number of commitments per action-plan year.'),
    ...builtInFields,
  }),
  z.strictObject({
    ...chartBase,
    kind: z
      .literal('irm-performance')
      .describe('Built-in figure: IRM ambition, completion and early results, this area vs all commitments.'),
    ...builtInFields,
  }),
  z.strictObject({
    ...chartBase,
    kind: z.literal('vega-lite').describe('A Vega-Lite chart: the spec inline, or a .vl.json file under data/.'),
    spec: z
      .union([
        fileName(/^[\w.-]+\.vl\.json$/, 'specFile', messages.chartSpecFileName),
        z.record(z.string(), z.unknown()),
      ])
      .describe('The Vega-Lite spec (YAML mapping, without "data") or the name of a .vl.json file under data/.'),
    format: z
      .strictObject({
        parse: z
          .record(z.string(), z.string().regex(/^(number|boolean|date|string|(date|utc):.+)$/))
          .describe('A type per column: number, boolean, date, string, "date:%d/%m/%Y" or "utc:%Y" (d3 time format).'),
      })
      .optional()
      .describe(
        "How columns of the data file are typed, as Vega-Lite's `format` (e.g. parse: {Year: date}); see data/README.md.",
      ),
  }),
]);
export type Chart = z.output<typeof ChartSchema>;
/** The two charts drawn from OGP's commitments export without a spec. */
export type BuiltInChart = Extract<Chart, { kind: 'commitments-per-year' | 'irm-performance' }>;
/** A chart drawn from a Vega-Lite spec. */
export type VegaLiteChart = Extract<Chart, { kind: 'vega-lite' }>;
