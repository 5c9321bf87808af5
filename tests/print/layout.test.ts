/**
 * The layout report and automatic fit on built sheets: the layout corpus (tests/fixtures/
 * layout-corpus, sheets of many shapes) prints within budget with no broken rule, and a
 * stylesheet that pushes a chart away from its text fails the build, naming the sheet file
 * and the section, and keeps the PDF to look at.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { sectionIds } from '../../src/content/ids.ts';
import { chartsIn, PolicyAreaSchema } from '../../src/schemas/policy-area.ts';
import { fixturesDir, projectRoot } from '../helpers/fixture.ts';
import { projectCopy } from '../quality/helpers.ts';
import { pdfInfo } from './helpers.ts';

/** The section anchor of every chart a corpus sheet shows, in the page's order. */
function chartSections(slug: string): string[] {
  const text = readFileSync(path.join(fixturesDir, 'layout-corpus/content/policy-areas', `${slug}.mdx`), 'utf8');
  const data = PolicyAreaSchema.parse(parse(text.split(/^---$/m)[1] ?? ''));
  return [
    ...chartsIn(data.commitmentProgress).map(() => sectionIds.commitmentProgress),
    ...chartsIn(data.irmQuickStats).map(() => sectionIds.irmQuickStats),
  ];
}

function build(root: string): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts/build.ts'), '--layout-report'], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 300_000,
  });
  return { status: result.status, stdout: result.stdout };
}

describe('the layout corpus', () => {
  const project = projectCopy();
  afterAll(() => project.dispose());
  rmSync(path.join(project.root, 'content'), { recursive: true, force: true });
  rmSync(path.join(project.root, 'data'), { recursive: true, force: true });
  cpSync(path.join(fixturesDir, 'base'), project.root, { recursive: true });
  cpSync(path.join(fixturesDir, 'layout-corpus'), project.root, { recursive: true });
  const result = build(project.root);
  const corpus = path.join(fixturesDir, 'layout-corpus/content/policy-areas');
  const slugsIn = (dir: string): string[] =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.mdx'))
      .map((f) => f.replace(/\.mdx$/, ''));
  // Each English sheet, and each Spanish or French translation (longer text, the same anatomy).
  const sheets = [
    ...slugsIn(corpus).map((slug) => ({ slug, lang: 'en', name: slug })),
    ...['es', 'fr'].flatMap((lang) =>
      slugsIn(path.join(corpus, lang)).map((slug) => ({ slug, lang, name: `${slug} (${lang})` })),
    ),
  ];

  it('has at least 12 sheets, and builds', () => {
    expect(sheets.length).toBeGreaterThanOrEqual(12);
    expect(sheets.some((sheet) => sheet.lang === 'es') && sheets.some((sheet) => sheet.lang === 'fr')).toBe(true);
    expect(result.stdout).toContain('Built the site and PDFs');
    expect(result.status).toBe(0);
  });

  it.each(sheets)('$name: within budget, no broken rule, body at 9 pt or more, no hole', ({ slug, lang }) => {
    const pdf =
      lang === 'en'
        ? `policy-areas/${slug}/ogp-${slug}-fact-sheet.pdf`
        : `${lang}/policy-areas/${slug}/ogp-${slug}-fact-sheet-${lang}.pdf`;
    const header = new RegExp(`^${pdf}: (\\d+) of (\\d+) pages?, body ([\\d.]+) pt, variant "([^"]+)"$`, 'm');
    const m = header.exec(result.stdout);
    expect(m, `layout report of ${slug}`).not.toBeNull();
    const [, pages, budget, body] = (m ?? []).map(String);
    expect(Number(pages)).toBeLessThanOrEqual(Number(budget));
    expect(Number(body)).toBeGreaterThanOrEqual(9);
    const report = result.stdout.slice(m?.index ?? 0).split(/\n(?=\S)/)[0] ?? '';
    expect(report).toContain('no broken rule');
    expect(report).not.toContain('BROKEN');
    // Every chart the sheet shows is placed, in its section and in order: the report names them.
    const placed = report
      .split('\n')
      .filter((line) => line.trim().startsWith('chart '))
      .map((line) => /\(([a-z-]+)\)$/.exec(line)?.[1]);
    expect(placed).toEqual(chartSections(slug));
    // No hole: every column of a page before the last at least 75% full, unless the sheet simply
    // ends early (its last page at most half full).
    const fills = [...report.matchAll(/^ {2}page \d+: column 1 (\d+)% full, column 2 (\d+)% full$/gm)].map((f) => [
      Number(f[1]),
      Number(f[2]),
    ]);
    if (Math.max(...(fills.at(-1) ?? [0])) > 50) {
      for (const fill of fills.slice(0, -1))
        expect(Math.min(...fill), `${slug} (${lang}): a hole`).toBeGreaterThanOrEqual(75);
    }
    expect(Number(pdfInfo(path.join(project.root, 'dist', pdf))['Pages'])).toBe(Number(pages));
  });

  it('names a local member with its country once, as the export does ("Buenos Aires, Argentina")', () => {
    const html = readFileSync(path.join(project.root, 'dist/policy-areas/long-names/index.html'), 'utf8');
    expect(html).toContain('<span class="commitment__member">Buenos Aires, Argentina<');
    expect(html).not.toContain('Argentina, Argentina');
  });

  it('closes the hole long-prose leaves on page 1 at first (column 2 ended 55% full): every column of page 1 at least 75% full', () => {
    const m =
      /^policy-areas\/long-prose\/[^\n]*variant "([^"]+)"\n {2}page 1: column 1 (\d+)% full, column 2 (\d+)% full$/m.exec(
        result.stdout,
      );
    expect(m?.[1]).toMatch(/closes a hole on page 1/);
    expect(Number(m?.[2])).toBeGreaterThanOrEqual(75);
    expect(Number(m?.[3])).toBeGreaterThanOrEqual(75);
  });

  it('foresees the layout: every corpus sheet prints once, the shorter charts of long-prose (fr) too', () => {
    const found = [
      ...result.stdout.matchAll(/^ {2}(\S+(?: \([a-z]{2}\))?): layout variant "([^"]+)" \((\d+) prints?\)$/gm),
    ];
    const prints = Object.fromEntries(found.map((m) => [m[1], Number(m[3])]));
    // The corpus sheets, and the base fixture's test-area.
    expect(Object.keys(prints)).toEqual(expect.arrayContaining(sheets.map((sheet) => sheet.name)));
    for (const [name, count] of Object.entries(prints)) expect(count, name).toBe(1);
    // The hole no density closes, closed by shorter charts foreseen in the page (not read from a first print).
    const variant = found.find((m) => m[1] === 'long-prose (fr)')?.[2];
    expect(variant).toMatch(/^(compact|tight), charts at most \d+ mm high \(closes a hole on page \d\)$/);
  });

  it('places each chart in the same column as the paragraph introducing it (the Access to Information shape)', () => {
    const m = /^policy-areas\/access-to-information\/[^\n]*\n((?: {2}[^\n]*\n?)*)/m.exec(result.stdout);
    const lines = (m?.[1] ?? '').split('\n');
    for (const section of ['commitment-progress', 'irm-quick-stats']) {
      const chart = lines.find((line) => line.includes(`(${section})`) && line.trim().startsWith('chart'));
      expect(chart, section).toBeDefined();
    }
    expect(m?.[1]).toContain('no broken rule');
  });
});

describe('a stylesheet that pushes a chart away from its text', () => {
  const project = projectCopy(undefined, { warm: true });
  afterAll(() => project.dispose());
  appendFileSync(
    path.join(project.root, 'src/styles/print.css'),
    '\n@layer print { @media print { .chart { break-before: column; } } }\n',
  );
  const result = build(project.root);

  it('fails the build, naming the sheet file and the section, and keeps the PDF', () => {
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(
      /content\/policy-areas\/digital-governance\.mdx:\d+:\d+ error (commitmentProgress|irmQuickStats)/,
    );
    expect(result.stdout).toMatch(
      /In "(Commitment progress|IRM quick stats)", the paragraph that introduces the chart ends/,
    );
    // The Spanish and French PDFs break it too: each error points into the translation whose texts made that layout.
    for (const lang of ['es', 'fr']) {
      expect(result.stdout).toMatch(
        new RegExp(
          `content/policy-areas/${lang}/digital-governance\\.mdx:\\d+:\\d+ error (commitmentProgress|irmQuickStats)`,
        ),
      );
      expect(result.stdout).toContain(`digital-governance (${lang}): layout variant`);
    }
    expect(result.stdout).toContain('.tmp/rejected/ogp-digital-governance-fact-sheet.pdf');
    expect(existsSync(path.join(project.root, '.tmp/rejected/ogp-digital-governance-fact-sheet.pdf'))).toBe(true);
    expect(existsSync(path.join(project.root, 'dist'))).toBe(false);
  });
});
