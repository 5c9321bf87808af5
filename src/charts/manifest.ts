/**
 * data/datasets.yaml: what each data file is, where it comes from, and whether it is
 * illustrative (a sample made to show the format, not OGP statistics). Charts drawn from an
 * illustrative file carry an "Illustrative data" mark on the page and in the PDF.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { ContentIssue } from '../content/issue.ts';
import { validateSource } from '../content/schema-issues.ts';
import { readYamlFile } from '../content/source.ts';
import { DatasetsFileSchema, type Dataset } from '../schemas/dataset.ts';
import { DataFileError } from './data-file.ts';

export type { Dataset } from '../schemas/dataset.ts';

export const MANIFEST = 'data/datasets.yaml';

/** Reads and validates the manifest, with located issues like any content file. */
export async function loadManifest(
  root: string,
): Promise<{ manifest: Record<string, Dataset>; issues: ContentIssue[] }> {
  if (!existsSync(path.join(root, MANIFEST))) return { manifest: {}, issues: [] };
  const read = await readYamlFile(path.join(root, MANIFEST), MANIFEST, 'descriptions of the files in data/');
  if (!read.ok) return { manifest: {}, issues: read.issues };
  const validated = validateSource(read.source, DatasetsFileSchema);
  return validated.ok ? { manifest: validated.data, issues: [] } : { manifest: {}, issues: validated.issues };
}

/** The manifest for drawing; `check` has reported any problem in it before a build gets here. */
export async function readManifest(root: string): Promise<Record<string, Dataset>> {
  const { manifest, issues } = await loadManifest(root);
  const [first] = issues;
  if (first !== undefined) throw new DataFileError(first.file, { problem: first.problem, fix: first.fix }, first.line);
  return manifest;
}
