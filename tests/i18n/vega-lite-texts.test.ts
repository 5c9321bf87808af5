/**
 * The words inside a custom Vega-Lite chart (kind: vega-lite) in Spanish and French: the
 * Digital Governance sheet's second chart becomes a spec file with an axis title and a y-axis
 * title (tests/fixtures/translation-vega-lite). `check` asks each translation for both, at the
 * spec file's line; given in Spanish (and recorded), the Spanish page draws them, heads the data
 * table with them, and so does the SVG file; a changed English title is reported stale at the
 * spec file's line, a place the spec has no text at as a warning. French, left without them,
 * is not published.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkContent } from '../../src/content/index.ts';
import { recordTranslation } from '../../src/content/translation-record.ts';
import { messages } from '../../src/messages.ts';
import { projectCopy, runScript } from '../quality/helpers.ts';

const slug = 'digital-governance';
const specFile = 'data/plans-per-year.vl.json';
const translation = (lang: string): string => `content/policy-areas/${lang}/${slug}.mdx`;
const spanish = { 'encoding.x.title': 'Año del plan de acción', 'encoding.y.axis.title': 'Número de compromisos' };

describe('the texts of a Vega-Lite spec, translated', () => {
  const project = projectCopy('translation-vega-lite', { warm: true });
  const file = (relative: string): string => path.join(project.root, relative);
  const edit = (relative: string, change: (text: string) => string): void =>
    writeFileSync(file(relative), change(readFileSync(file(relative), 'utf8')));
  afterAll(() => project.dispose());

  beforeAll(() => {
    // The IRM chart, drawn from the fixture's spec file instead (same id, title and alt text).
    edit(`content/policy-areas/${slug}.mdx`, (text) =>
      text.replace(
        /(- id: commitment-performance\n)    kind: irm-performance\n([\s\S]*?)    tag: .*\n    until: .*\n    data: .*\n/,
        '$1    kind: vega-lite\n    spec: plans-per-year.vl.json\n$2    data: plans-per-year.csv\n',
      ),
    );
    expect(readFileSync(file(`content/policy-areas/${slug}.mdx`), 'utf8')).toContain('spec: plans-per-year.vl.json');
  });

  it('check asks every translation for each of them, at the line of the spec file', async () => {
    const { issues, translations } = await checkContent(project.root);
    expect(issues.filter((issue) => issue.severity === 'error')).toEqual([]);
    for (const [lang, language] of [
      ['es', 'Spanish'],
      ['fr', 'French'],
    ] as const) {
      const missing = issues.filter((issue) => issue.file === translation(lang));
      expect(missing.map((issue) => [issue.field, issue.problem])).toEqual([
        ['charts[1].spec.encoding.x.title', messages.translations.missingField(language, `${specFile}:4`).problem],
        ['charts[1].spec.encoding.y.axis.title', messages.translations.missingField(language, `${specFile}:8`).problem],
      ]);
      const state = translations.states.find((s) => s.slug === slug && s.lang === lang)?.state;
      expect(state !== 'none' && state?.state).toBe('missing');
    }
  });

  it('given in Spanish, they are drawn on the Spanish page, head its data table and are in the SVG file', async () => {
    edit(translation('es'), (text) =>
      text.replace(
        /(  - id: commitment-performance\n)/,
        `$1    spec:\n${Object.entries(spanish)
          .map(([key, value]) => `      ${key}: ${value}\n`)
          .join('')}`,
      ),
    );
    const recorded = await recordTranslation(
      project.root,
      (await checkContent(project.root)).content,
      translation('es'),
    );
    expect(recorded.ok, recorded.text).toBe(true);
    const { issues, translations } = await checkContent(project.root);
    expect(issues.filter((issue) => issue.file === translation('es'))).toEqual([]);
    const state = translations.states.find((s) => s.slug === slug && s.lang === 'es')?.state;
    expect(state !== 'none' && state?.state).toBe('current');

    const built = runScript('build', project.root);
    expect(built.status, built.stdout + built.stderr).toBe(0);
    const dist = file('dist');
    const $ = load(readFileSync(path.join(dist, 'es/policy-areas', slug, 'index.html'), 'utf8'));
    const drawn = $('#commitment-performance svg text')
      .map((_, text) => $(text).text())
      .get();
    expect(drawn).toEqual(expect.arrayContaining(Object.values(spanish)));
    expect(drawn).not.toContain('Action plan year');
    expect(
      $('#commitment-performance table thead th')
        .map((_, th) => $(th).text())
        .get(),
    ).toEqual(Object.values(spanish));
    const svg = readFileSync(path.join(dist, 'es/policy-areas', slug, 'commitment-performance.svg'), 'utf8');
    for (const text of Object.values(spanish)) expect(svg).toContain(`>${text}</text>`);
    // The CSV keeps the data's own column names, for scripts.
    const csv = readFileSync(path.join(dist, 'es/policy-areas', slug, 'commitment-performance.csv'), 'utf8');
    expect(csv.split('\n')[0]).toBe('year,commitments');

    const english = load(readFileSync(path.join(dist, 'policy-areas', slug, 'index.html'), 'utf8'));
    expect(
      english('#commitment-performance table thead th')
        .map((_, th) => english(th).text())
        .get(),
    ).toEqual(['Action plan year', 'Number of commitments']);
    // French leaves them out: no French page (English is never shown under /fr/).
    expect(() => readFileSync(path.join(dist, 'fr/policy-areas', slug, 'index.html'))).toThrow();
  });

  it('a changed English title is reported stale in Spanish, at the spec file and line', async () => {
    edit(specFile, (text) => text.replace('"Action plan year"', '"Year of the action plan"'));
    const { issues } = await checkContent(project.root);
    const stale = issues.filter((issue) => issue.file === specFile);
    expect(stale).toHaveLength(1);
    expect(stale[0]).toMatchObject({ line: 4, field: 'charts[1].spec.encoding.x.title', severity: 'warning' });
    expect(stale[0]?.problem).toContain(`Spanish translation (${translation('es')}:`);
  });

  it('a place the English spec has no text at is reported, with the place meant', async () => {
    edit(translation('es'), (text) =>
      text.replace('      encoding.x.title: ', '      encoding.x.titel: Año\n      encoding.x.title: '),
    );
    const { issues } = await checkContent(project.root);
    const unknown = issues.filter((issue) => issue.file === translation('es'));
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatchObject({
      field: 'charts[1].spec.encoding.x.titel',
      severity: 'warning',
      ...messages.translations.unknownSpecText(
        'encoding.x.titel',
        'commitment-performance',
        ['encoding.x.title', 'encoding.y.axis.title'],
        'encoding.x.title',
      ),
    });
  });
});
