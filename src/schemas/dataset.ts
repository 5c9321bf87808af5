import { z } from 'astro/zod';
import { plainText } from './common.ts';

/** One data file's description in data/datasets.yaml. */
export const DatasetSchema = z.strictObject({
  /** What the file holds, e.g. "OGP commitments export". */
  title: plainText(200),
  /** Where it comes from, or how it was made. */
  source: plainText(400),
  /** True for a sample made to show the format: its charts are marked "Illustrative data". */
  illustrative: z.boolean().default(false),
  /** "subset" when the file holds only part of OGP's commitments: charts then compare with "All commitments in this export (N)", not "All OGP commitments". */
  coverage: z.enum(['all', 'subset']).default('all'),
  /** Why it is illustrative, or anything a reader of the file should know. */
  note: z.string().trim().max(1000).optional(),
});
export type Dataset = z.output<typeof DatasetSchema>;

/** data/datasets.yaml: data file name -> description. A file not listed is real data. */
export const DatasetsFileSchema = z.record(z.string().regex(/^[\w.-]+\.(csv|tsv|json)$/), DatasetSchema);
