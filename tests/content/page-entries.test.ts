import { beforeAll, describe, expect, it } from 'vitest';
import { holdPageEntries, isPageCollection, pageEntry, pageEntryOf } from '../../src/content/page-entries.ts';

describe('the collections held out of Astro’s store', () => {
  // The registry is the process's (a registered symbol): emptied of what another file of this
  // worker may have loaded.
  beforeAll(() => void Reflect.deleteProperty(globalThis, Symbol.for('ogp-fact-sheets.page-entries')));

  it('are the sheet pages and their past editions only', () => {
    expect(['sheetPages', 'sheetEditions', 'policyAreas', 'commitments', 'members'].filter(isPageCollection)).toEqual([
      'sheetPages',
      'sheetEditions',
    ]);
  });

  it('refuse to be read before they are loaded: a page rendered without its content would be wrong, not missing', () => {
    expect(() => pageEntry('sheetEditions', 'en/digital-governance')).toThrow(/sheetEditions entries were not loaded/);
  });

  it('give each entry by id, undefined for an id they do not have, and are replaced whole by the next load', () => {
    holdPageEntries('sheetPages', [
      { id: 'en/a', data: { title: 'A' }, digest: '1' },
      { id: 'es/a', data: { title: 'A (es)' }, digest: '2' },
    ]);
    expect(pageEntry('sheetPages', 'es/a')).toEqual({ id: 'es/a', data: { title: 'A (es)' }, digest: '2' });
    expect(pageEntry('sheetPages', 'fr/a')).toBeUndefined();
    holdPageEntries('sheetPages', [{ id: 'en/b', data: { title: 'B' }, digest: '3' }]);
    expect(pageEntry('sheetPages', 'en/a')).toBeUndefined();
    expect(pageEntry('sheetPages', 'en/b')?.data).toEqual({ title: 'B' });
  });

  it('make an entry’s digest only when it is read, once', () => {
    let made = 0;
    const entry = pageEntryOf('en/a', { title: 'A' }, () => `digest ${++made}`);
    expect(made).toBe(0);
    expect(entry.digest).toBe('digest 1');
    expect(entry.digest).toBe('digest 1');
    expect(made).toBe(1);
  });
});
