/**
 * Mistakes in a translation's own files: a translation file with a mistake of its own is reported
 * at the mistake (tests/fixtures/bad-translation-schema), not as a file still to create; a
 * {{figure}} a translation writes that its English text does not use (a misspelt or translated
 * name) is an error at the translation's line: it is never filled in, and would be published as
 * written (tests/fixtures/bad-translation-figure).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { figureNames } from '../../src/charts/figures.ts';
import { messages } from '../../src/messages.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

describe('figures in a translation', () => {
  it('reports a figure name the English text does not use, with the one it does', async () => {
    const { root, dispose } = await fixtureProject('bad-translation-figure');
    try {
      const errors = (await validate(root)).issues.filter((issue) => issue.severity === 'error');
      expect(errors).toEqual([
        {
          file: 'content/policy-areas/es/test-area.mdx',
          line: 6,
          column: 36,
          field: 'commitmentProgress.text',
          ...messages.translations.unknownFigure(
            'total_compromisos',
            'content/policy-areas/test-area.mdx:13',
            ['total_commitments'],
            'total_commitments',
          ),
          severity: 'error',
        },
      ]);
    } finally {
      await dispose();
    }
  });

  it('leaves a real figure alone, also one the English text no longer uses (a stale translation)', async () => {
    const { root, dispose } = await fixtureProject('bad-translation-figure');
    try {
      const file = path.join(root, 'content/policy-areas/es/test-area.mdx');
      writeFileSync(file, readFileSync(file, 'utf8').replace('{{total_compromisos}}', '{{last_year}}'));
      expect(figureNames()).toEqual(expect.arrayContaining(['total_commitments', 'last_year', 'irm_ambition_percent']));
      expect((await validate(root)).issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    } finally {
      await dispose();
    }
  });
});

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
