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
  // Astro bundles its store whole into its build as one module and parses it again there, and the
  // bundling then waits for the content: the pages read every collection from the pages process's
  // memory instead (src/content/page-entries.ts), and a build leaves the store empty.
  it('holds no entries: Astro’s bundle carries no content', () => {
    const text = readFileSync(path.join(projectRoot, '.cache', 'astro', 'data-store.json'), 'utf8');
    const flat = JSON.parse(text) as unknown[];
    const root = flat[0] as [string, ...number[]];
    const held = storedCollections()
      .map((name, i) => ({ name, entries: flat[root[2 + 2 * i] as number] as [string, ...number[]] }))
      .filter(({ name, entries }) => name !== 'meta::meta' && entries.length > 1);
    expect(held).toEqual([]);
    // Not a sheet's slug, nor a policy area's name, anywhere in it.
    expect(text).not.toContain('digital-governance');
    expect(text).not.toContain('Digital Governance');
  });
});
