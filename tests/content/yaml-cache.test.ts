/**
 * The YAML cache (src/content/source.ts): a build keeps the data of the YAML it parsed, and the
 * next run takes a document's data from it and parses the document again only to say where a
 * field is. The problems found, and where, are the same as from the files parsed afresh.
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { serialize } from 'node:v8';
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

  it("never takes data kept by other code: entries keyed by the documents' text alone are not used", async () => {
    const project = await fixtureProject('base');
    disposers.push(project.dispose);
    const fresh = await validate(project.root);
    // The run's cache written (and let go of), then replaced by what a cache without the parser's
    // stamp in its keys would hold: every document, with other data.
    await saveYamlCache(project.root);
    const kept = new Map<string, Buffer>();
    for (const entry of readdirSync(path.join(project.root, 'content'), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.(ya?ml|mdx)$/.test(entry.name)) continue;
      const text = readFileSync(path.join(entry.parentPath, entry.name), 'utf8').replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      const document = entry.name.endsWith('.mdx') ? text.slice(text.indexOf('\n') + 1).split(/^---[ \t]*$/m)[0] ?? '' : text;
      kept.set(createHash('sha256').update(document).digest('hex'), serialize({ title: 'Not this sheet' }));
    }
    expect(kept.size).toBeGreaterThan(3);
    mkdirSync(path.dirname(path.join(project.root, YAML_CACHE)), { recursive: true });
    writeFileSync(path.join(project.root, YAML_CACHE), serialize(kept));
    const cached = await validate(project.root);
    expect(cached.issues).toEqual(fresh.issues);
    expect(JSON.stringify(cached.content)).toBe(JSON.stringify(fresh.content));
  });
});
