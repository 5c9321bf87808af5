/**
 * `npm run new -- "<name>"`: the sheet it writes takes its tag from the export's own column
 * (found without case or accents), and passes `npm run check` as written.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { messages } from '../../src/messages.ts';
import { matchTagColumn, parseNewArguments } from '../../src/scaffold.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { projectCopy } from '../quality/helpers.ts';

const project = projectCopy();
afterAll(() => project.dispose());

function runNew(...args: string[]): { status: number | null; stdout: string } {
  const result = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'new.ts'), ...args], {
    cwd: project.root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
    timeout: 120_000,
  });
  return { status: result.status, stdout: result.stdout };
}

const frontmatterOf = (slug: string): { area: string; charts: { tag: string; data: string }[] } => {
  const text = readFileSync(path.join(project.root, 'content/policy-areas', `${slug}.mdx`), 'utf8');
  return parse(text.split(/^---$/m)[1] ?? '') as { area: string; charts: { tag: string; data: string }[] };
};

describe('npm run new', () => {
  it.each([
    ['Right to information', 'right-to-information', 'Right To Information', []],
    ['open parliaments', 'open-parliaments', 'Open Parliaments', []],
    ['Participación Ciudadana', 'participacion-ciudadana', 'Public Participation', ['--tag', 'public participation']],
  ])('"%s" writes a sheet tagged with the export\'s own column that passes check', (name, slug, tag, options) => {
    const result = runNew(name, ...options);
    expect(result.stdout).toContain(messages.scaffoldTag(tag, 'ogp-commitments-sample.csv').trim());
    expect(result.stdout).toMatch(/no (problems|errors)/);
    expect(result.status).toBe(0);
    const sheet = frontmatterOf(slug);
    expect(sheet.area).toBe(name);
    expect(sheet.charts.map((chart) => chart.tag)).toEqual([tag, tag]);
  });

  it('lists every placeholder it wrote once the sheet is no longer a draft', () => {
    expect(runNew('Fiscal Openness').status).toBe(0);
    const sheetFile = 'content/policy-areas/fiscal-openness.mdx';
    const absolute = path.join(project.root, sheetFile);
    const draft = readFileSync(absolute, 'utf8');
    writeFileSync(absolute, draft.replace(/^draft: true$/m, 'draft: false'));
    const check = spawnSync(process.execPath, [path.join(projectRoot, 'scripts', 'check.ts')], {
      cwd: project.root,
      encoding: 'utf8',
      env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1' },
      timeout: 120_000,
    });
    writeFileSync(absolute, draft); // the copy stays a valid project for the tests after this one
    expect(check.status).toBe(1);
    const reported = [...check.stdout.matchAll(/^(content\/\S+):\d+:\d+ error (\S+)$/gm)].map(
      (match) => `${match[1]} ${match[2]}`,
    );
    const recommendationsFile = 'content/recommendations/fiscal-openness.yaml';
    expect(reported).toEqual([
      ...[
        'summary',
        'keyTakeaways[0]',
        'statusQuo[0].lead',
        'statusQuo[0].text',
        'dataNote',
        'commitmentProgress.text',
        'membersDoing[0]',
        'irmQuickStats.text',
        'prose',
      ].map((field) => `${sheetFile} ${field}`),
      ...['groups[0].title', 'groups[0].items[0]', 'groups[0].items[1]'].map(
        (field) => `${recommendationsFile} ${field}`,
      ),
    ]);
    expect(check.stdout).toContain(messages.placeholderLeft(sheetFile).problem);
    expect(check.stdout).toContain(messages.checkFailed(12, 0));
  });

  it('names tags with commitments and writes nothing when the export has no such tag', () => {
    const result = runNew('Fiscal Transparency');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      `${messages.scaffoldNoTag('Fiscal Transparency', 'ogp-commitments-sample.csv', ['Fiscal Openness'])}\n`,
    );
    expect(existsSync(path.join(project.root, 'content/policy-areas/fiscal-transparency.mdx'))).toBe(false);
  });

  it('says so when the export has the tag but no commitment carries it', () => {
    // The sample export tags no commitment "Access to information" (it uses "Right To Information").
    const result = runNew('Access to Information');
    expect(result.status).toBe(1);
    expect(result.stdout).toBe(
      `${messages.scaffoldEmptyTag('Access to Information', 'Access to information', 'ogp-commitments-sample.csv', ['Right To Information'])}\n`,
    );
    expect(existsSync(path.join(project.root, 'content/policy-areas/access-to-information.mdx'))).toBe(false);
  });

  it("draws from OGP's real export when data/ has one beside the illustrative sample", () => {
    // Named to sort after the sample, as ../shared/data's subset does: not picked by name.
    copyFileSync(
      path.join(project.root, 'data/ogp-commitments-sample.csv'),
      path.join(project.root, 'data/ogp-commitments-subset.csv'),
    );
    try {
      const result = runNew('Public Participation');
      expect(result.stdout).toContain(
        messages.scaffoldTag('Public Participation', 'ogp-commitments-subset.csv').trim(),
      );
      expect(result.status).toBe(0);
      expect(frontmatterOf('public-participation').charts.map((chart) => chart.data)).toEqual([
        'ogp-commitments-subset.csv',
        'ogp-commitments-subset.csv',
      ]);
    } finally {
      rmSync(path.join(project.root, 'data/ogp-commitments-subset.csv'));
    }
  });

  it('matches names without case, accents or "&"', () => {
    expect(matchTagColumn('health and nutrition', ['Health & Nutrition'])).toBe('Health & Nutrition');
    expect(matchTagColumn('Jüstice', ['Access to Justice', 'Justice'])).toBe('Justice');
    expect(matchTagColumn('Elections', ['Election Integrity'])).toBeUndefined();
    expect(parseNewArguments(['Open', 'Data', '--tag=Open Data'])).toEqual({ name: 'Open Data', tag: 'Open Data' });
  });
});
