/**
 * Astro's build runs in a process of its own (src/site/build-pages.ts): what it throws comes
 * back to the build as it was thrown, a user's mistake (UserError) as one, with its problem and
 * fix, so the build reports it as before; anything else with its message.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/index.ts';
import { buildPagesApart } from '../../src/site/build-pages.ts';
import { projectRoot } from '../helpers/fixture.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project whose astro.config.mjs throws what `thrown` makes (a JS expression). */
function projectThrowing(thrown: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ogp-pages-process-'));
  roots.push(root);
  const userError = path.join(projectRoot, 'src', 'diagnostics', 'index.ts');
  writeFileSync(
    path.join(root, 'astro.config.mjs'),
    `import { UserError } from ${JSON.stringify(userError)};\nthrow ${thrown};\nexport default {};\n`,
  );
  return root;
}

const noEntries = {
  policyAreas: [],
  recommendations: [],
  commitments: [],
  policyAreaTranslations: [],
  recommendationTranslations: [],
  commitmentTranslations: [],
  members: [],
  sheetPages: [],
  sheetEditions: [],
};

/** What building `root`'s pages in the pages process threw. */
const thrownBy = (root: string, heapMb?: number): Promise<unknown> =>
  buildPagesApart({ root, outDir: path.join(root, 'out'), entries: noEntries, keys: undefined }, heapMb).then(
    () => undefined,
    (caught: unknown) => caught,
  );

describe('the pages process', () => {
  it('hands back a UserError thrown in it as a UserError, problem and fix kept', async () => {
    const root = projectThrowing(
      `new UserError({ problem: 'The widget is missing.', fix: 'Add the widget.' }, { file: 'x.yaml', line: 3 })`,
    );
    const error = await thrownBy(root);
    expect(error).toBeInstanceOf(UserError);
    expect(error).toMatchObject({ problem: 'The widget is missing.', fix: 'Add the widget.', file: 'x.yaml', line: 3 });
  });

  it('hands back any other error with its message', async () => {
    const root = projectThrowing(`new Error('config broke here')`);
    const error = await thrownBy(root);
    expect(error).toBeInstanceOf(Error);
    expect(error).not.toBeInstanceOf(UserError);
    expect((error as Error).message).toContain('config broke here');
  });

  it('runs again without the heap limit when the process outgrows it', async () => {
    // 200 MB kept alive: more than a 64 MB heap holds; then an error that says the run got there.
    const root = projectThrowing(
      `(() => { const kept = Array.from({ length: 200 }, () => new Array(125_000).fill(1.5)); return new Error('allocated ' + kept.length); })()`,
    );
    const error = await thrownBy(root, 64);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain('allocated 200');
  });
});
