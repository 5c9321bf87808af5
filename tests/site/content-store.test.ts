import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/fixture.ts';

/** The collections in Astro's content store as the build left it (devalue's flattened form: a Map at the root). */
function storedCollections(): string[] {
  const flat = JSON.parse(
    readFileSync(path.join(projectRoot, '.cache', 'astro', 'data-store.json'), 'utf8'),
  ) as unknown[];
  const root = flat[0] as [string, ...number[]];
  expect(root[0]).toBe('Map');
  const keys = root.slice(1).filter((_, i) => i % 2 === 0) as number[];
  return keys.map((key) => flat[key] as string);
}

describe('Astro’s content store after the build', () => {
  // Astro bundles its store whole into its build as one module and parses it again there: what
  // each sheet page shows is kept in the pages process's memory instead (src/content/page-entries.ts).
  it('holds the edited content but not the sheet pages nor their past editions', () => {
    const collections = storedCollections();
    expect(collections).toEqual(expect.arrayContaining(['policyAreas', 'commitments', 'members']));
    expect(collections).not.toContain('sheetPages');
    expect(collections).not.toContain('sheetEditions');
  });
});
