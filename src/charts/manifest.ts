/**
 * data/datasets.yaml: what each data file is, where it comes from, and whether it is
 * illustrative (a sample made to show the format, not OGP statistics). Charts drawn from an
 * illustrative file carry an "Illustrative data" mark on the page and in the PDF.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'astro/zod';
import { parse } from 'yaml';
import { messages } from '../messages.ts';
import { DataFileError } from './data-file.ts';

export const MANIFEST = 'data/datasets.yaml';

/** One data file's description in data/datasets.yaml. */
export const DatasetSchema = z.strictObject({
  /** What the file holds, e.g. "OGP commitments export (sample)". */
  title: z.string().min(1),
  /** Where it comes from, or how it was made. */
  source: z.string().min(1),
  /** True for a sample made to show the format: its charts are marked "Illustrative data". */
  illustrative: z.boolean().default(false),
  /** Why it is illustrative, or anything a reader of the file should know. */
  note: z.string().optional(),
});
export type Dataset = z.output<typeof DatasetSchema>;

/** The manifest: data file name -> description. */
export const ManifestSchema = z.record(z.string().regex(/^[\w.-]+\.(csv|json)$/), DatasetSchema);

/** Reads the manifest; a data file without an entry is real data (not illustrative). */
export async function readManifest(root: string): Promise<Record<string, Dataset>> {
  let text: string;
  try {
    text = await readFile(path.join(root, MANIFEST), 'utf8');
  } catch {
    return {};
  }
  let value: unknown;
  try {
    value = parse(text) ?? {};
  } catch (error) {
    throw new DataFileError(MANIFEST, messages.chartManifestInvalid((error as Error).message.split('\n')[0] ?? ''));
  }
  const result = ManifestSchema.safeParse(value);
  if (!result.success) {
    const first = result.error.issues[0];
    throw new DataFileError(
      MANIFEST,
      messages.chartManifestInvalid(`${first?.path.join('.') ?? ''}: ${first?.message ?? ''}`),
    );
  }
  return result.data;
}

export async function isIllustrative(root: string, dataFile: string): Promise<boolean> {
  return (await readManifest(root))[dataFile]?.illustrative ?? false;
}
