/** Characters the embedded fonts cannot draw: check warns, naming the field and the characters, and still passes. */
import { afterAll, describe, expect, it } from 'vitest';
import { coveredCodePoints, uncovered } from '../../src/content/font-coverage.ts';
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
});
