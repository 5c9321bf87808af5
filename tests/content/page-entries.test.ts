import { beforeAll, describe, expect, it } from 'vitest';
import {
  holdPageEntries,
  isPageCollection,
  pageEntries,
  pageEntry,
  pageEntryOf,
} from '../../src/content/page-entries.ts';

describe('the collections held for the pages, out of Astro’s store', () => {
  // The registry is the process's (a registered symbol): emptied of what another file of this
  // worker may have loaded.
  beforeAll(() => void Reflect.deleteProperty(globalThis, Symbol.for('ogp-fact-sheets.page-entries')));

  it('made for the pages only: the sheet pages and their past editions (dev keeps the others in the store too)', () => {
    expect(['sheetPages', 'sheetEditions', 'policyAreas', 'commitments', 'members'].filter(isPageCollection)).toEqual([
      'sheetPages',
      'sheetEditions',
    ]);
  });

  it('refuse to be read before they are loaded: a page rendered without its content would be wrong, not missing', async () => {
    await expect(pageEntry('sheetEditions', 'en/digital-governance')).rejects.toThrow(
      /sheetEditions entries were not loaded/,
    );
  });

  it('give each entry by id, undefined for an id they do not have, and are replaced whole by the next load', async () => {
    holdPageEntries('sheetPages', [
      { id: 'en/a', data: { title: 'A' }, digest: '1' },
      { id: 'es/a', data: { title: 'A (es)' }, digest: '2' },
    ]);
    expect(await pageEntry('sheetPages', 'es/a')).toEqual({ id: 'es/a', data: { title: 'A (es)' }, digest: '2' });
    expect(await pageEntry('sheetPages', 'fr/a')).toBeUndefined();
    holdPageEntries('sheetPages', [{ id: 'en/b', data: { title: 'B' }, digest: '3' }]);
    expect(await pageEntry('sheetPages', 'en/a')).toBeUndefined();
    expect((await pageEntry('sheetPages', 'en/b'))?.data).toEqual({ title: 'B' });
  });

  it('held while still on their way: the pages wait for them (Astro bundles meanwhile)', async () => {
    let arrive: (entries: { id: string; data: Record<string, unknown>; digest: string }[]) => void = () => undefined;
    holdPageEntries('policyAreas', new Promise((resolve) => (arrive = resolve)));
    let read: unknown = 'not yet';
    const reading = pageEntries('policyAreas').then((entries) => (read = [...entries.keys()]));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(read).toBe('not yet');
    arrive([{ id: 'digital-governance', data: { area: 'Digital Governance' }, digest: '1' }]);
    await reading;
    expect(read).toEqual(['digital-governance']);
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
