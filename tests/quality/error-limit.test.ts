/**
 * Output limits: 50,000 mistakes print 100 problems and a count of the rest, not 200,000 lines;
 * the exit status still says there were errors.
 */
import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { maxPrintedIssues } from '../../src/diagnostics/index.ts';
import { messages } from '../../src/messages.ts';
import { runCheck } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => Promise.all(disposers.map((dispose) => dispose())));

describe('at most 100 problems printed', () => {
  it('prints the first 100 of 50,000 errors, then how many more there are', async () => {
    const project = await fixtureProject('bad-many-errors');
    disposers.push(project.dispose);
    rmSync(path.join(project.root, 'GENERATED.md'));
    const areas = Array.from({ length: 50_000 }, (_, i) => `missing-area-${i}`).join(', ');
    writeFileSync(
      path.join(project.root, 'content/commitments/france-2018-test.yaml'),
      `member: France\ntitle: A Test Commitment\nyear: 2018\nkind: recent-result\ntext: A commitment written for the tests.\npolicyAreas: [test-area, ${areas}]\n`,
    );
    const chunks: string[] = [];
    const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      chunks.push(String(chunk));
      return true;
    });
    let ok: boolean;
    try {
      ok = await runCheck(project.root);
    } finally {
      spy.mockRestore();
    }
    const output = chunks.join('');
    expect(ok).toBe(false);
    expect(output.match(/^\S+:\d+:\d+ error /gm)).toHaveLength(maxPrintedIssues);
    expect(output).toContain(messages.moreIssues(50_000 - maxPrintedIssues, 0));
    expect(output).toContain(messages.checkFailed(50_000, 0));
    expect(output.split('\n').length).toBeLessThan(500);
  });
});
