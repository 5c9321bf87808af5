import { z } from 'astro/zod';
import { plainText } from './common.ts';

/** One data file's description in data/datasets.yaml. */
export const DatasetSchema = z.strictObject({
  title: plainText(200).describe('What the file holds, e.g. "OGP commitments export".'),
  source: plainText(400).describe('Where it comes from, or how it was made.'),
  illustrative: z
    .boolean()
    .default(false)
    .describe('True for a sample made to show the format: its charts are marked "Illustrative data".'),
  coverage: z
    .enum(['all', 'subset'])
    .default('all')
    .describe(
      '"subset" when the file holds only part of OGP\'s commitments: charts then compare with "All commitments in this export (N)", not "All OGP commitments".',
    ),
  note: z
    .string()
    .trim()
    .max(1000)
    .optional()
    .describe('Why it is illustrative, or anything a reader of the file should know.'),
});
export type Dataset = z.output<typeof DatasetSchema>;

export const DatasetsFileSchema = z
  .record(z.string().regex(/^[\w.-]+\.(csv|tsv|json)$/), DatasetSchema)
  .describe('data/datasets.yaml: data file name -> description. A file not listed is real data.');
