/**
 * Editions: publishing a second edition of the Digital Governance sheet (npm run new-edition,
 * with a later edition date) keeps the first edition's PDF, byte for byte, at its permanent
 * URL, served from editions/ in the project (so a clean clone serves it too), listed on the sheet;
 * the Spanish and French PDFs likewise, each on an edition page in its language.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { strings } from '../../src/i18n/index.ts';
import { messages } from '../../src/messages.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { builtCopy, runScript } from '../quality/helpers.ts';

const newEdition = (cwd: string, ...args: string[]) =>
  spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'new-edition.ts'), ...args], {
    cwd,
    encoding: 'utf8',
    // NODE_ENV as `npm run new-edition` has it (unset), not vitest's "test": the build it runs first is then the suite's.
    env: { ...process.env, NODE_ENV: undefined, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 300_000,
  });

// Built as the suite built the project (its dist/ and build state): new-edition's first step, a build of
// the site as it is, finds nothing to do, as after an editor's own build.
const project = builtCopy();
afterAll(() => project.dispose());
const slug = 'digital-governance';
const pdfName = `ogp-${slug}-fact-sheet.pdf`;

// One project copy: the second test publishes a new edition (and renames the sheet), the others read its build.
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
    const sheetFile = path.join(project.root, 'content/policy-areas', `${slug}.mdx`);
    expect(readFileSync(sheetFile, 'utf8')).toMatch(/^edition: 2027-05-01$/m);
    // With the new edition, the sheet was also renamed from "e-government" (an alias: see the last test).
    writeFileSync(sheetFile, readFileSync(sheetFile, 'utf8').replace(/^edition: .*$/m, '$&\naliases: [e-government]'));

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
    expect(listed.text()).toBe(strings('en').editions.link('28 November 2026'));
    expect(sheet('.sheet-hero__edition time').attr('datetime')).toBe('2027-05-01');
    // The English edition page offers the English PDF only; each language's is on its own page.
    expect(editionPage('a[type="application/pdf"]')).toHaveLength(1);
  }, 600_000); // new-edition builds the site as it is (nothing to do here), then the build

  it.each([
    ['es', '28 de noviembre de 2026'],
    ['fr', '28 novembre 2026'],
  ])('keeps the %s PDF of the first edition at its own permanent URL, on a page in that language', (lang, date) => {
    const dist = path.join(project.root, 'dist');
    const name = `ogp-${slug}-fact-sheet-${lang}.pdf`;
    const kept = readFileSync(path.join(project.root, 'editions', slug, '2026-11-28', name));
    const archived = path.join(dist, lang, 'policy-areas', slug, 'editions', '2026-11-28');
    expect(readFileSync(path.join(archived, name)).equals(kept)).toBe(true);

    const t = strings(lang).editions;
    const editionPage = load(readFileSync(path.join(archived, 'index.html'), 'utf8'));
    expect(editionPage('html').attr('lang')).toBe(lang);
    const pdfLink = editionPage('a[type="application/pdf"]');
    expect(pdfLink.attr('href')).toBe(`/${lang}/policy-areas/${slug}/editions/2026-11-28/${name}`);
    expect(pdfLink.text().trim()).toBe(t.pdf(date));
    // The language links lead to the same edition in the other languages.
    expect(
      editionPage('nav.language-links a')
        .map((_, a) => editionPage(a).attr('href'))
        .get(),
    ).toEqual(['', '/es', '/fr'].map((prefix) => `${prefix}/policy-areas/${slug}/editions/2026-11-28/`));
    const current = editionPage('.not-found p a');
    expect(current.attr('href')).toBe(`/${lang}/policy-areas/${slug}/`);

    const sheet = load(readFileSync(path.join(dist, lang, 'policy-areas', slug, 'index.html'), 'utf8'));
    const listed = sheet('nav[aria-labelledby="past-editions"] a');
    expect(sheet('#past-editions').text()).toBe(t.heading);
    expect(listed.attr('href')).toBe(`/${lang}/policy-areas/${slug}/editions/2026-11-28/`);
    expect(listed.text()).toBe(t.link(date));
  });

  it.each([
    ['en', ''],
    ['es', '/es'],
    ['fr', '/fr'],
  ])('sends a reader of the old address on to the sheet, in %s', (lang, prefix) => {
    const dist = path.join(project.root, 'dist');
    const $ = load(readFileSync(path.join(dist, prefix, 'policy-areas', 'e-government', 'index.html'), 'utf8'));
    const target = `${prefix}/policy-areas/${slug}/`;
    expect($('html').attr('lang')).toBe(lang);
    expect($('meta[http-equiv="refresh"]').attr('content')).toBe(`0; url=${target}`);
    expect($('meta[name="robots"]').attr('content')).toBe('noindex');
    const sheet = load(readFileSync(path.join(dist, prefix, 'policy-areas', slug, 'index.html'), 'utf8'));
    expect($('h1').text()).toBe(sheet('h1').first().text());
    expect($('.not-found p').first().text()).toBe(strings(lang).moved.eyebrow);
    expect($('.not-found p a').attr('href')).toBe(target);
    expect($('.not-found p').last().text()).toContain(strings(lang).moved.text);
  });
});
