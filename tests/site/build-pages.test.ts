/**
 * Astro's build runs in a process of its own (src/site/build-pages.ts): what it throws comes
 * back to the build as it was thrown, a user's mistake (UserError) as one, with its problem and
 * fix, so the build reports it as before; anything else with its message. Started ahead of its
 * entries (as `npm run build` starts it, before the check), it is killed when the build stops first.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { UserError } from '../../src/diagnostics/index.ts';
import { buildPagesApart, startPagesApart } from '../../src/site/build-pages.ts';
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

  it('started ahead of its entries, is killed when stopped first, its staging directory removed, its words dropped', () => {
    // A config that is still being read when the build stops: Astro's setup under way.
    const root = mkdtempSync(path.join(tmpdir(), 'ogp-pages-process-'));
    roots.push(root);
    const pidFile = path.join(root, 'pid');
    writeFileSync(
      path.join(root, 'astro.config.mjs'),
      `import { renameSync, writeFileSync } from 'node:fs';\nconsole.error('said before its entries');\n` +
        // Written aside and renamed into place: the build below stops the process as soon as the
        // file exists, and a kill between creating the file and writing it would leave it empty.
        `writeFileSync(${JSON.stringify(`${pidFile}.part`)}, String(process.pid));\n` +
        `renameSync(${JSON.stringify(`${pidFile}.part`)}, ${JSON.stringify(pidFile)});\n` +
        `await new Promise(() => setInterval(() => {}, 1000));\nexport default {};\n`,
    );
    // As npm run build does it, in a process of its own whose output is read here.
    const script = `
      import { existsSync } from 'node:fs';
      import { startPagesApart } from ${JSON.stringify(path.join(projectRoot, 'src/site/build-pages.ts'))};
      const ahead = startPagesApart(${JSON.stringify(root)});
      console.log(JSON.stringify({ outDir: ahead.outDir, made: existsSync(ahead.outDir) }));
      while (!existsSync(${JSON.stringify(pidFile)})) await new Promise((resolve) => setTimeout(resolve, 50));
      await ahead.stop();`;
    writeFileSync(path.join(root, 'build.mjs'), script);
    const result = spawnSync(process.execPath, [path.join(root, 'build.mjs')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const { outDir, made } = JSON.parse(result.stdout) as { outDir: string; made: boolean };
    expect(made).toBe(true);
    const pid = Number(readFileSync(pidFile, 'utf8'));
    // Not 0: process.kill(0, 0) signals this test's own process group, and never throws.
    expect(pid).toBeGreaterThan(0);
    expect(() => process.kill(pid, 0)).toThrow();
    expect(existsSync(outDir)).toBe(false);
    expect(existsSync(path.join(root, '.tmp'))).toBe(false);
    // What it said was held back, and dropped with it: the build stopped before its pages stage.
    expect(result.stderr).not.toContain('said before its entries');
  });

  it('started ahead, hands back the error Astro ended with before it was sent its entries', async () => {
    const root = projectThrowing(`new Error('config broke early')`);
    const ahead = startPagesApart(root);
    const error = await ahead.build(noEntries, undefined).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as Error).message).toContain('config broke early');
    await ahead.stop();
  });
});
