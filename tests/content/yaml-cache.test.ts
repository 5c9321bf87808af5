/**
 * The YAML cache (src/content/source.ts): a build keeps the data of the YAML it parsed, and the
 * next run takes a document's data from it and parses the document again only to say where a
 * field is. The problems found, and where, are the same as from the files parsed afresh.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { saveYamlCache, YAML_CACHE } from '../../src/content/source.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(disposers.map((dispose) => dispose()));
});

describe('the YAML cache', () => {
  it.each(['base', 'duplicate-id', 'anchor-clash', 'wrong-type', 'unknown-key', 'dangling-reference', 'links-anchor'])(
    'gives the same content and problems, at the same places, as parsing afresh (%s)',
    async (fixture) => {
      const project = await fixtureProject(fixture);
      disposers.push(project.dispose);
      const fresh = await validate(project.root);
      expect(existsSync(path.join(project.root, YAML_CACHE))).toBe(false);
      await saveYamlCache(project.root);
      expect(existsSync(path.join(project.root, YAML_CACHE))).toBe(true);
      const cached = await validate(project.root);
      expect(cached.issues).toEqual(fresh.issues);
      expect(JSON.stringify(cached.content)).toBe(JSON.stringify(fresh.content));
    },
  );
});
