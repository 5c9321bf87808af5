/**
 * data/datasets.yaml: what each data file is, where it comes from, and whether it is
 * illustrative (a sample made to show the format, not OGP statistics). Charts drawn from an
 * illustrative file carry an "Illustrative data" mark on the page and in the PDF.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { UserError, type Issue } from '../diagnostics/index.ts';
import { validateSource } from '../content/schema-issues.ts';
import { readYamlFile } from '../content/source.ts';
import { DatasetsFileSchema, type Dataset } from '../schemas/dataset.ts';

export type { Dataset } from '../schemas/dataset.ts';

export const MANIFEST = 'data/datasets.yaml';

type LoadedManifest = { manifest: Record<string, Dataset>; issues: Issue[] };

/** Loaded manifests by path, size and modification time: read and validated once per process. */
const loaded = new Map<string, Promise<LoadedManifest>>();

/** Reads and validates the manifest, with located issues like any content file. */
export async function loadManifest(root: string): Promise<LoadedManifest> {
  const file = path.join(root, MANIFEST);
  // Synchronous, as readTable's: asked once per chart, answered from the kernel's cache.
  const info = statSync(file, { throwIfNoEntry: false });
  const key = `${file}\0${info ? `${info.size}:${info.mtimeMs}` : 'none'}`;
  let manifest = loaded.get(key);
  if (manifest === undefined) {
    manifest = info === undefined ? Promise.resolve({ manifest: {}, issues: [] }) : readAndValidate(file);
    loaded.set(key, manifest);
  }
  return manifest;
}

async function readAndValidate(file: string): Promise<LoadedManifest> {
  const read = await readYamlFile(file, MANIFEST, 'descriptions of the files in data/');
  if (!read.ok) return { manifest: {}, issues: read.issues };
  const validated = validateSource(read.source, DatasetsFileSchema);
  return validated.ok ? { manifest: validated.data, issues: [] } : { manifest: {}, issues: validated.issues };
}

/** Forgets loaded manifests (the bench uses it to measure a fresh process). */
export function forgetManifests(): void {
  loaded.clear();
}

/** The manifest for drawing; `check` has reported any problem in it before a build gets here. */
export async function readManifest(root: string): Promise<Record<string, Dataset>> {
  const { manifest, issues } = await loadManifest(root);
  const [first] = issues;
  if (first !== undefined)
    throw new UserError({ problem: first.problem, fix: first.fix }, { file: first.file, line: first.line });
  return manifest;
}
