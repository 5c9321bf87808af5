/**
 * `npm run review -- HEAD~1` after a one-word change to a recommendation: the report shows
 * exactly the page that holds it as changed, the word diff, and draws no other page.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../helpers/fixture.ts';
import { warmCaches } from '../quality/helpers.ts';

interface ReviewData {
  builds: { before: boolean; after: boolean };
  sheets: {
    slug: string;
    status: string;
    pagesBefore: number;
    pagesAfter: number;
    changedPages: number[];
    removedWords: string[];
    addedWords: string[];
  }[];
  newWarnings: string[];
}

const git = (cwd: string, ...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.org', ...args], {
    cwd,
    encoding: 'utf8',
  });

describe('npm run review', () => {
  const root = mkdtempSync(path.join(tmpdir(), 'ogp-review-test-'));
  let report = '';
  let stdout = '';
  let status: number | null = null;
  beforeAll(() => {
    // A repository of the project's own files, with the change committed on top.
    const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: projectRoot,
      encoding: 'utf8',
    })
      .split('\0')
      .filter((file) => file !== '' && file !== 'node_modules');
    for (const file of files) {
      try {
        mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
        cpSync(path.join(projectRoot, file), path.join(root, file));
      } catch {
        // deleted in the working tree: not part of it
      }
    }
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    // The project's caches, as a working copy has them after a build (the review's sides start from them).
    warmCaches(root);
    git(root, 'init', '--quiet');
    git(root, 'add', '--all');
    git(root, 'commit', '--quiet', '-m', 'base');
    const file = path.join(root, 'content/recommendations/digital-governance.yaml');
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('affordable and accessible for all', 'affordable and available for all'),
    );
    git(root, 'commit', '--quiet', '-am', 'one word');
    const run = spawnSync(process.execPath, [path.join(root, 'scripts', 'review.ts'), 'HEAD~1'], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 1_200_000,
    });
    stdout = run.stdout;
    status = run.status;
    report = readFileSync(path.join(root, 'review', 'report.html'), 'utf8');
  }, 1_300_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const data = (): ReviewData =>
    JSON.parse(
      /<script type="application\/json" id="review-data">(.*?)<\/script>/s.exec(report)?.[1] ?? '{}',
    ) as ReviewData;

  it('builds both sides and reports exactly the changed page', () => {
    expect(status, stdout).toBe(0);
    const review = data();
    expect(review.builds).toEqual({ before: true, after: true });
    expect(review.sheets).toHaveLength(1);
    const [sheet] = review.sheets;
    expect(sheet?.status).toBe('changed');
    expect(sheet?.pagesBefore).toBe(sheet?.pagesAfter);
    expect(sheet?.removedWords).toEqual(['accessible']);
    expect(sheet?.addedWords).toEqual(['available']);
    expect(sheet?.changedPages).toHaveLength(1);
    expect(sheet?.changedPages[0]).toBeLessThanOrEqual(sheet?.pagesAfter ?? 0);
  });

  it('draws the changed page only, before, after and highlighted, inline', () => {
    const [sheet] = data().sheets;
    const changed = sheet?.changedPages[0] ?? 0;
    expect([...report.matchAll(/<h3 data-page="(\d+)">/g)].map((match) => Number(match[1]))).toEqual([changed]);
    expect(report.match(/<img src="data:image\/png;base64,/g)).toHaveLength(3);
    expect(report).toMatch(/<del>accessible<\/del>/);
    expect(report).toMatch(/<ins>available<\/ins>/);
    // Self-contained: nothing loaded from anywhere else.
    expect(report).not.toMatch(/\s(src|href)="(?!data:)/);
  });
});
