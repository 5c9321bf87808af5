import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const fixturesDir = path.join(projectRoot, 'tests/fixtures');

/**
 * A throwaway project: the small valid content set in tests/fixtures/base with the
 * files of tests/fixtures/<name> laid over it (a fixture holds only what it breaks).
 */
export async function fixtureProject(name: string): Promise<{ root: string; dispose: () => Promise<void> }> {
  const root = await mkdtemp(path.join(tmpdir(), `ogp-fixture-${name}-`));
  await cp(path.join(fixturesDir, 'base'), root, { recursive: true });
  if (name !== 'base') await cp(path.join(fixturesDir, name), root, { recursive: true });
  return { root, dispose: () => rm(root, { recursive: true, force: true }) };
}
