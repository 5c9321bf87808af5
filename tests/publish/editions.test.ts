/**
 * Editions: publishing a second edition of the Digital Governance sheet (npm run new-edition,
 * with a later edition date) keeps the first edition's PDF, byte for byte, at its permanent
 * URL, served from editions/ in the project (so a clean clone serves it too), listed on the sheet.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { projectCopy, runScript } from '../quality/helpers.ts';

const newEdition = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'new-edition.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 180_000,
  });

const project = projectCopy();
afterAll(() => project.dispose());
const slug = 'digital-governance';
const pdfName = `ogp-${slug}-fact-sheet.pdf`;

describe('a second edition', () => {
  it('refuses a date that is not later than the current edition, changing nothing', () => {
    const result = newEdition(project.root, slug, '2020-01-01');
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(messages.editions.notLater('2020-01-01', '2026-11-28'));
    expect(existsSync(path.join(project.root, 'editions'))).toBe(false);
  });

  it('keeps the first edition PDF at /policy-areas/<slug>/editions/<date>/ and lists it on the sheet', () => {
    const started = newEdition(project.root, slug, '2027-05-01');
    expect(started.status, started.stdout + started.stderr).toBe(0);
    const first = readFileSync(path.join(project.root, 'dist/policy-areas', slug, pdfName));
    const kept = path.join(project.root, 'editions', slug, '2026-11-28', pdfName);
    expect(readFileSync(kept).equals(first)).toBe(true);
    expect(readFileSync(path.join(project.root, 'content/policy-areas', `${slug}.mdx`), 'utf8')).toMatch(
      /^edition: 2027-05-01$/m,
    );

    const built = runScript('build', project.root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const dist = path.join(project.root, 'dist');
    const archived = path.join(dist, 'policy-areas', slug, 'editions', '2026-11-28');
    expect(readFileSync(path.join(archived, pdfName)).equals(first)).toBe(true);
    expect(readFileSync(path.join(dist, 'policy-areas', slug, pdfName)).equals(first)).toBe(false);

    const editionPage = load(readFileSync(path.join(archived, 'index.html'), 'utf8'));
    expect(editionPage('a[type="application/pdf"]').attr('href')).toBe(
      `/policy-areas/${slug}/editions/2026-11-28/${pdfName}`,
    );
    const sheet = load(readFileSync(path.join(dist, 'policy-areas', slug, 'index.html'), 'utf8'));
    const listed = sheet('nav[aria-labelledby="past-editions"] a');
    expect(listed.attr('href')).toBe(`/policy-areas/${slug}/editions/2026-11-28/`);
    expect(listed.text()).toBe(messages.publishText.editionLink('28 November 2026'));
    expect(sheet('.sheet-hero__edition time').attr('datetime')).toBe('2027-05-01');
  });
});
