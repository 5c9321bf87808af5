/**
 * The keys of the sheets' pages for Astro's incremental build (src/site/page-keys.ts): a sheet's
 * key changes with its own files and with every shared input, never with another sheet's files.
 */
import { describe, expect, it } from 'vitest';
import { ownerOf, sheetPageKeys } from '../../src/site/page-keys.ts';

const project: Record<string, string> = {
  'content/policy-areas/a.mdx': 'a1',
  'content/policy-areas/es/a.mdx': 'a-es1',
  'content/policy-areas/b.mdx': 'b1',
  'content/commitments/x.yaml': 'x1',
  'data/sample.csv': 'd1',
  'editions/b/2025-01-01/ogp-b-fact-sheet.pdf': 'p1',
  'src/layouts/Base.astro': 's1',
};
const keys = (files: Record<string, string>, environment = 'env') => sheetPageKeys(files, environment);

describe('sheet page keys', () => {
  it('gives each file its sheet: the source, its translations, its past editions; the rest is shared', () => {
    expect(ownerOf('content/policy-areas/a.mdx')).toBe('a');
    expect(ownerOf('content/policy-areas/fr/a.mdx')).toBe('a');
    expect(ownerOf('editions/b/2025-01-01/ogp-b-fact-sheet.pdf')).toBe('b');
    expect(ownerOf('content/commitments/x.yaml')).toBeUndefined();
    expect(ownerOf('content/recommendations/a.yaml')).toBeUndefined();
    expect(ownerOf('data/sample.csv')).toBeUndefined();
    expect(ownerOf('src/pages/[...lang]/policy-areas/[slug].astro')).toBeUndefined();
  });

  it('changes one sheet key for its own files, every key for a shared input', () => {
    const before = keys(project);
    expect([...before.keys()].sort()).toEqual(['a', 'b']);
    for (const own of ['content/policy-areas/es/a.mdx', 'content/policy-areas/a.mdx']) {
      const after = keys({ ...project, [own]: 'changed' });
      expect(after.get('a')).not.toBe(before.get('a'));
      expect(after.get('b')).toBe(before.get('b'));
    }
    const edition = keys({ ...project, 'editions/b/2026-01-01/ogp-b-fact-sheet.pdf': 'p2' });
    expect(edition.get('a')).toBe(before.get('a'));
    expect(edition.get('b')).not.toBe(before.get('b'));
    for (const changed of [
      { ...project, 'data/sample.csv': 'd2' },
      { ...project, 'content/commitments/y.yaml': 'y1' },
      { ...project, 'src/layouts/Base.astro': 's2' },
    ]) {
      const after = keys(changed);
      expect(after.get('a')).not.toBe(before.get('a'));
      expect(after.get('b')).not.toBe(before.get('b'));
    }
    const elsewhere = keys(project, 'other packages');
    expect(elsewhere.get('a')).not.toBe(before.get('a'));
    // The same inputs, the same keys.
    expect(keys({ ...project })).toEqual(before);
  });
});
