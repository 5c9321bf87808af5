import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_V8_FLAGS, boundCompileCache, COMPILE_CACHE, startStageProcess } from '../src/stage-process.ts';

const roots: string[] = [];
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true });
});

/** A project whose compile cache holds `entries` entries in each of `versions` version folders. */
function projectWithCache(entries: number, versions = 1): string {
  const root = mkdtempSync(path.join(tmpdir(), 'ogp-compile-cache-'));
  roots.push(root);
  for (let v = 0; v < versions; v++) {
    const dir = path.join(root, COMPILE_CACHE, `v24.0.0-x64-${v}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < entries; i++) writeFileSync(path.join(dir, i.toString(16).padStart(8, '0')), 'x');
  }
  return root;
}

describe('the compile cache', () => {
  it('is kept while it holds at most the bound’s entries, over all its version folders', () => {
    const root = projectWithCache(5, 2);
    boundCompileCache(root, 10);
    expect(existsSync(path.join(root, COMPILE_CACHE, 'v24.0.0-x64-1', '00000004'))).toBe(true);
  });

  it('is emptied once it holds more: Node never removes an entry, and every build adds its own chunks', () => {
    const root = projectWithCache(6, 2);
    boundCompileCache(root, 10);
    expect(existsSync(path.join(root, COMPILE_CACHE))).toBe(false);
  });

  it('is left alone when there is none yet', () => {
    const root = mkdtempSync(path.join(tmpdir(), 'ogp-compile-cache-'));
    roots.push(root);
    expect(() => boundCompileCache(root, 10)).not.toThrow();
  });
});

describe('a stage process that answers, then takes a while to exit', () => {
  const file = path.join(import.meta.dirname, 'helpers', 'slow-exit-stage.ts');
  const lingerMs = 600;

  /** Starts the helper stage and runs one job: its answer, and whether it had exited when the answer came and after stop(). */
  async function answerAfter(ok: boolean, answerEarly?: (answer: unknown) => boolean) {
    const root = mkdtempSync(path.join(tmpdir(), 'ogp-slow-exit-'));
    roots.push(root);
    const exitedFile = path.join(root, 'exited');
    const started = startStageProcess<unknown, { ok: boolean; execArgv: string[] }>({
      file,
      flag: '--slow-exit-stage',
      heapMb: undefined,
      what: 'the test stage',
      ...(answerEarly === undefined ? {} : { answerEarly }),
    });
    const answer = await started.run({ ok, lingerMs, exitedFile });
    const exitedOnAnswer = existsSync(exitedFile);
    await started.stop();
    return { answer, exitedOnAnswer, exitedAfterStop: existsSync(exitedFile) };
  }

  it('by default gives its answer once it has exited', async () => {
    const result = await answerAfter(true);
    expect(result).toMatchObject({ answer: { ok: true }, exitedOnAnswer: true, exitedAfterStop: true });
  });

  it('with answerEarly, gives an accepted answer at once; stop() lets it exit rather than killing it', async () => {
    const result = await answerAfter(true, (answer) => (answer as { ok: boolean }).ok);
    expect(result).toMatchObject({ answer: { ok: true }, exitedOnAnswer: false, exitedAfterStop: true });
  });

  it('with answerEarly, gives a declined answer (a failure) only once it has exited', async () => {
    const result = await answerAfter(false, (answer) => (answer as { ok: boolean }).ok);
    expect(result).toMatchObject({ answer: { ok: false }, exitedOnAnswer: true, exitedAfterStop: true });
  });
});

describe('the V8 flags of the build', () => {
  it('are given to every stage process', async () => {
    const file = path.join(import.meta.dirname, 'helpers', 'slow-exit-stage.ts');
    const root = mkdtempSync(path.join(tmpdir(), 'ogp-stage-flags-'));
    roots.push(root);
    const started = startStageProcess<unknown, { execArgv: string[] }>({
      file,
      flag: '--slow-exit-stage',
      heapMb: 512,
      what: 'the test stage',
    });
    const answer = await started.run({ ok: true, lingerMs: 0, exitedFile: path.join(root, 'exited') });
    await started.stop();
    expect(answer === 'out of memory' ? [] : answer.execArgv).toEqual(
      expect.arrayContaining([...BUILD_V8_FLAGS, '--max-old-space-size=512']),
    );
  });

  it('are those `npm run build` runs with', () => {
    const pkg = JSON.parse(readFileSync(path.join(import.meta.dirname, '..', 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['build']).toBe(`node ${BUILD_V8_FLAGS.join(' ')} scripts/build.ts`);
  });
});
