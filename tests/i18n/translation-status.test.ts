/**
 * Translation status: an English recommendation changed (tests/fixtures/translation-stale) makes
 * `check` report the Spanish and French recommendation as stale at the English file and line,
 * and the built pages carry the "out of date" notice; a missing translation file keeps the
 * sheet out of that language altogether.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { checkContent, translationSummary } from '../../src/content/index.ts';
import { strings } from '../../src/i18n/index.ts';
import { messages } from '../../src/messages.ts';
import { poppler } from '../print/helpers.ts';
import { projectCopy, runScript } from '../quality/helpers.ts';

const english = 'content/recommendations/digital-governance.yaml';
const translation = (lang: string): string => `content/recommendations/${lang}/digital-governance.yaml`;

describe('an English recommendation changed since it was translated', () => {
  const project = projectCopy('translation-stale', { warm: true });
  afterAll(() => project.dispose());

  it('is reported stale in Spanish and French, at the English file and line', async () => {
    const { issues, translations } = await checkContent(project.root);
    const stale = issues.filter((issue) => issue.file === english);
    expect(stale).toEqual([
      {
        file: english,
        line: 17,
        column: 9,
        field: 'groups[1].items[0]',
        ...messages.translations.stale('French', `${translation('fr')}:35`, translation('fr')),
        severity: 'warning',
      },
      {
        file: english,
        line: 17,
        column: 9,
        field: 'groups[1].items[0]',
        ...messages.translations.stale('Spanish', `${translation('es')}:34`, translation('es')),
        severity: 'warning',
      },
    ]);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    expect(translationSummary(translations)).toContain(
      `digital-governance: ${messages.translations.state('es', 'stale', false, 1)}; ${messages.translations.state('fr', 'stale', false, 1)}`,
    );
  });

  it('is published with the "out of date" notice on the page, the index and in the PDF', () => {
    const built = runScript('build', project.root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    for (const lang of ['es', 'fr']) {
      const t = strings(lang).sheet;
      const dir = path.join(project.root, 'dist', lang, 'policy-areas', 'digital-governance');
      const $ = load(readFileSync(path.join(dir, 'index.html'), 'utf8'));
      const notice = $('[data-translation-notice="stale"]');
      expect(notice.text()).toContain(t.staleLabel);
      expect(notice.find('a').attr('href')).toBe('/policy-areas/digital-governance/');
      const index = load(readFileSync(path.join(project.root, 'dist', lang, 'index.html'), 'utf8'));
      expect(index('#digital-governance .badge').text()).toContain(t.staleLabel);
      const pdf = poppler(
        'pdftotext',
        '-enc',
        'UTF-8',
        path.join(dir, `ogp-digital-governance-fact-sheet-${lang}.pdf`),
        '-',
      );
      // pdftotext gives no-break spaces as plain ones.
      const spaced = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
      expect(pdf).toContain(spaced(t.printStale));
      expect(pdf).toContain(spaced(t.printUnreviewed));
    }
  });
});

describe('a translation with a file missing', () => {
  const project = projectCopy();
  afterAll(() => project.dispose());

  it('is reported and not published in that language', async () => {
    const missing = 'content/commitments/fr/spain-2020-public-integrity.yaml';
    rmSync(path.join(project.root, missing));
    const { issues, translations } = await checkContent(project.root);
    expect(issues).toContainEqual({
      file: 'content/commitments/spain-2020-public-integrity.yaml',
      line: 1,
      column: 1,
      ...messages.translations.missingFile('French', missing),
      severity: 'warning',
    });
    expect(translationSummary(translations)).toContain(messages.translations.state('fr', 'missing', false, 1));
    expect(existsSync(path.join(project.root, missing))).toBe(false);
  });
});

describe('a new translation, never recorded', () => {
  const project = projectCopy();
  afterAll(() => project.dispose());

  it('gets one warning for the file, not one per text', async () => {
    const file = translation('es');
    const absolute = path.join(project.root, file);
    const recorded = readFileSync(absolute, 'utf8');
    const fingerprints = /^ {2}source:\n((?: {4}.*\n)+)/m.exec(recorded)?.[1]?.split('\n').filter(Boolean) ?? [];
    expect(fingerprints.length).toBeGreaterThan(5);
    writeFileSync(absolute, recorded.replace(/^ {2}source:\n(?: {4}.*\n)+/m, ''));
    const { issues, translations } = await checkContent(project.root);
    const about = issues.filter((issue) => issue.file === file || issue.problem.includes(file));
    expect(about).toEqual([
      {
        file,
        line: 2,
        column: 1,
        field: 'translation',
        ...messages.translations.neverRecorded('Spanish', fingerprints.length, file),
        severity: 'warning',
      },
    ]);
    expect(translationSummary(translations)).toContain(
      messages.translations.state('es', 'stale', false, fingerprints.length),
    );
  });
});
