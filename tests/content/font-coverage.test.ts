/** Characters the embedded fonts cannot draw: check warns, naming the field and the characters, and still passes. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { deserialize, serialize } from 'node:v8';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { coveredCodePoints, FONT_CACHE, uncovered } from '../../src/content/font-coverage.ts';
import { messages } from '../../src/messages.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(disposers.map((dispose) => dispose())));

describe('font coverage', () => {
  it('reads what Source Sans 3 draws from its files: Latin, Greek, Cyrillic, Vietnamese; not CJK or emoji', () => {
    const fonts = coveredCodePoints();
    for (const char of 'Aé€ŁΩжữ–’') expect(fonts.has(char.codePointAt(0) as number), char).toBe(true);
    for (const char of '开政🙂عא') expect(fonts.has(char.codePointAt(0) as number), char).toBe(false);
    expect(uncovered('Plain text, Côte d’Ivoire')).toBeUndefined();
    expect(uncovered('x 开放政府 🙂 开')).toEqual({ characters: ['开', '放', '政', '府', '🙂'], offset: 2 });
  });

  it('warns at the field, and check still passes', async () => {
    const project = await fixtureProject('font-coverage');
    disposers.push(project.dispose);
    const { issues } = await validate(project.root);
    expect(issues).toEqual([
      {
        file: 'content/commitments/france-2018-test.yaml',
        line: 5,
        column: 7,
        field: 'text',
        ...messages.fontCoverage(['开', '放', '政', '府', '🙂'], 'Source Sans 3'),
        severity: 'warning',
      },
    ]);
  });

  it('keeps the code points read from the fonts, and takes them only for the same fonts and code', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ogp-font-cache-'));
    disposers.push(async () => rmSync(root, { recursive: true, force: true }));
    // A fresh copy of the module each time: it holds the code points it read once per process.
    const fresh = async (): Promise<typeof import('../../src/content/font-coverage.ts')> => {
      vi.resetModules();
      return import('../../src/content/font-coverage.ts');
    };
    const first = await fresh();
    await first.loadCoveredCodePoints(root);
    expect(first.coveredCodePoints()).toEqual(coveredCodePoints());
    await first.saveFontCache(root);
    const file = path.join(root, FONT_CACHE);
    const kept = deserialize(readFileSync(file)) as Map<string, Buffer>;
    expect(kept.size).toBe(1);
    const [key] = [...kept.keys()];
    const han = '开'.codePointAt(0) as number;
    // The entry made to say the fonts draw 开: a run that takes it says so, so the code points come from the cache.
    const altered = new Set([...(deserialize(kept.get(key as string) as Buffer) as Set<number>), han]);
    writeFileSync(file, serialize(new Map([[key, serialize(altered)]])));
    const cached = await fresh();
    await cached.loadCoveredCodePoints(root);
    expect(cached.coveredCodePoints().has(han)).toBe(true);
    // Kept under another key (other fonts, other code): not taken, the fonts are read.
    writeFileSync(file, serialize(new Map([[`x${key}`, serialize(altered)]])));
    const other = await fresh();
    await other.loadCoveredCodePoints(root);
    expect(other.coveredCodePoints().has(han)).toBe(false);
    expect(other.coveredCodePoints()).toEqual(coveredCodePoints());
    // A damaged entry: the fonts are read.
    writeFileSync(file, serialize(new Map([[key, Buffer.from('not v8')]])));
    const damaged = await fresh();
    await damaged.loadCoveredCodePoints(root);
    expect(damaged.coveredCodePoints()).toEqual(coveredCodePoints());
  });
});
