/** Printing split across machines: deterministic, even shares; shards merged into one build that prints nothing again. */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaleProject } from '../../bench/scale.ts';
import { lastBuildActions } from '../../src/incremental.ts';
import { messages } from '../../src/messages.ts';
import { PRINT_CACHE, STAGE_CACHES } from '../../src/pipeline.ts';
import { parseShard, shareOf } from '../../src/print/shard.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { warmCaches } from '../quality/helpers.ts';

describe('shares of the print jobs', () => {
  const jobs = Array.from({ length: 10 }, (_, i) => ({ pdfPath: `policy-areas/s${String(9 - i)}/x.pdf` }));

  it('split the jobs into disjoint, even shares that together are all of them, whatever their order', () => {
    const shares = [1, 2, 3].map((index) => shareOf(jobs, { index, count: 3 }).map((job) => job.pdfPath));
    expect(shares.map((share) => share.length)).toEqual([4, 3, 3]);
    expect(shares.flat().sort()).toEqual(jobs.map((job) => job.pdfPath).sort());
    expect(shareOf([...jobs].reverse(), { index: 2, count: 3 }).map((job) => job.pdfPath)).toEqual(shares[1]);
  });

  it('reads i/n and explains anything else', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) expect(parseShard(bad)).toEqual(messages.shardInvalid(bad));
  });
});

function run(root: string, ...args: string[]): string {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.ts'), ...args], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`build ${args.join(' ')} failed:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** How many PDFs a shard printed, of how many in all, from its closing line. */
function shardCounts(output: string, shard: string): { printed: number; total: number } {
  const found = new RegExp(`Shard ${shard.replace('/', '\\/')}: (\\d+) of (\\d+) PDFs`).exec(output);
  if (found === null) throw new Error(`no closing line for shard ${shard} in:\n${output}`);
  return { printed: Number(found[1]), total: Number(found[2]) };
}

describe('npm run build -- --shard i/n, then --merge', () => {
  // Three machines: two print a shard each, from nothing; the third merges and builds. One sheet
  // in three languages is three PDFs: shares of 2 and 1 (more sheets would only print more).
  // Printing is what is tested: every cache but the print cache starts from the suite's build.
  const machines = [1, 2, 3].map(() => {
    const root = scaleProject(projectRoot, 1);
    warmCaches(
      root,
      STAGE_CACHES.filter((cache) => cache !== PRINT_CACHE),
    );
    return root;
  });
  afterAll(() => {
    for (const root of machines) rmSync(root, { recursive: true, force: true });
  });

  it('prints each PDF on one shard only, and the merged build prints none again', async () => {
    const [first, second, merger] = machines as [string, string, string];
    // Every sheet in every language it is published in: count the PDFs from what the shards say.
    const firstOut = run(first, '--shard', '1/2');
    const secondOut = run(second, '--shard', '2/2');
    const one = shardCounts(firstOut, '1/2');
    const two = shardCounts(secondOut, '2/2');
    expect(one.total).toBe(two.total);
    expect(one.total).toBeGreaterThanOrEqual(3);
    expect(one.printed + two.printed).toBe(one.total);
    expect(Math.abs(one.printed - two.printed)).toBeLessThanOrEqual(1);
    expect(firstOut).toContain(messages.shardDone('1/2', one.printed, one.total, 'shards/1-of-2'));
    expect(secondOut).toContain(messages.shardDone('2/2', two.printed, two.total, 'shards/2-of-2'));
    expect(existsSync(path.join(first, 'dist')), 'a shard leaves dist/ alone').toBe(false);
    for (const from of [first, second])
      cpSync(path.join(from, 'shards'), path.join(merger, 'shards'), { recursive: true });
    const merged = run(merger, '--merge', 'shards');
    expect(merged).toContain(messages.shardsMerged(one.total, 'shards'));
    expect(merged).toContain(messages.printedOfTotal(0, one.total));
    expect((await lastBuildActions(merger))?.printed).toEqual([]);
  }, 900_000);
});
