/**
 * One content model: the pages show the entry exactly as `check` validated it. The sheet's
 * title is written with spaces around it (its schema trims them) and a key takeaway uses a
 * {{figure}} (the content loader fills it from the chart data): the built page shows both as
 * the validated run has them, not as the file spells them.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { figuresFor, fillSheetFigures } from '../../src/charts/index.ts';
import type { ContentCheck } from '../../src/content/index.ts';
import { validate } from '../../src/validate.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { projectCopy } from '../quality/helpers.ts';

const sheetFile = 'content/policy-areas/digital-governance.mdx';

describe('a page shows the entry as validated', () => {
  const project = projectCopy(undefined, { warm: true });
  let checked: ContentCheck;
  let html = '';
  beforeAll(async () => {
    const file = path.join(project.root, sheetFile);
    const source = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      source
        .replace(/^title: Digital Governance Fact Sheet$/m, 'title: "   Digital Governance Fact Sheet\\t "')
        .replace(
          /^keyTakeaways:\n {2}- >-\n/m,
          'keyTakeaways:\n  - >-\n    {{total_commitments}} commitments so far.\n',
        ),
    );
    checked = await validate(project.root);
    // Astro alone (no print): the content loader validates the copy itself, as in dev.
    const astro = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');
    const built = spawnSync(process.execPath, [astro, 'build', '--silent', '--outDir', 'out'], {
      cwd: project.root,
      encoding: 'utf8',
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', NO_COLOR: '1' },
      timeout: 300_000,
    });
    if (built.status !== 0) throw new Error(`astro build failed:\n${built.stdout}\n${built.stderr}`);
    html = readFileSync(path.join(project.root, 'out/policy-areas/digital-governance/index.html'), 'utf8');
  }, 360_000);
  afterAll(() => project.dispose());

  it('has no error to report', () => {
    expect(checked.issues.filter((issue) => issue.severity === 'error')).toEqual([]);
  });

  it('shows the title trimmed, as validation gives it', () => {
    const sheet = checked.content.sheets.find((entry) => entry.id === 'digital-governance');
    expect(sheet?.data.title).toBe('Digital Governance Fact Sheet');
    const $ = load(html);
    expect($('h1#sheet-title').text()).toBe(sheet?.data.title);
    expect($('title').text()).toContain(sheet?.data.title);
  });

  it('shows the {{figure}} filled from the data, as the validated run computes it', async () => {
    const sheet = checked.content.sheets.find((entry) => entry.id === 'digital-governance');
    if (sheet === undefined) throw new Error('no sheet');
    const filled = fillSheetFigures(sheet.data, await figuresFor(project.root, sheet.data));
    const first = filled.keyTakeaways[0] ?? '';
    expect(first).toMatch(/^\d+ commitments so far\. More members/);
    const $ = load(html);
    const shown = $('#key-takeaways li').first().text().replace(/\s+/g, ' ').trim();
    expect(shown.startsWith(first.slice(0, first.indexOf('More members')).trim())).toBe(true);
    expect(html).not.toContain('{{total_commitments}}');
  });
});
