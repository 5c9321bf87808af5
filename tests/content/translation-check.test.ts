/**
 * Mistakes in a translation's own files: a translation file with a mistake of its own is reported
 * at the mistake (tests/fixtures/bad-translation-schema), not as a file still to create.
 */
import { describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

describe('a translation file with a mistake of its own', () => {
  it('is reported at its mistake, not as a file still to create', async () => {
    const { root, dispose } = await fixtureProject('bad-translation-schema');
    const file = 'content/policy-areas/es/test-area.mdx';
    try {
      const issues = (await validate(root)).issues;
      expect(issues.filter((issue) => issue.severity === 'error').map((issue) => `${issue.file}:${issue.line} ${issue.field}`)).toEqual([
        `${file}:5 edition`,
      ]);
      // It is there: "Create content/policy-areas/es/test-area.mdx" would send the editor the wrong way.
      expect(issues.map((issue) => issue.problem)).not.toContain(messages.translations.missingFile('Spanish', file).problem);
    } finally {
      await dispose();
    }
  });
});
