/**
 * The build as a whole: a clean build gives output byte-identical to the suite's own build (and
 * never reaches the network, and indexes the site after it prints); a failed build leaves the
 * previous dist/ untouched, whether it fails on content or late, after the pages were built; HTML
 * and <script> in content show as text.
 */
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { afterAll, describe, expect, it } from 'vitest';
import { messages } from '../../src/messages.ts';
import { NETWORK_MARKER } from './network-guard.ts';
import { hashTree, processesIn, projectCopy, runScript, siteDir, stagingLeftovers } from './helpers.ts';

const disposers: (() => void)[] = [];
afterAll(() => {
  for (const dispose of disposers) dispose();
});
/** A project copy; `warm`: from the suite's build's caches, for a test not of a clean build. */
const copy = (overlay?: string, options: { warm?: boolean } = {}): string => {
  const project = projectCopy(overlay, options);
  disposers.push(project.dispose);
  return project.root;
};

/** Sets the page budget of every sheet in a project copy (`pages:` in the frontmatter). */
function setPageBudget(root: string, pages: number): void {
  const dir = path.join(root, 'content/policy-areas');
  for (const name of readdirSync(dir).filter((file) => file.endsWith('.mdx'))) {
    const file = path.join(dir, name);
    const text = readFileSync(file, 'utf8');
    writeFileSync(
      file,
      /^pages: \d+$/m.test(text)
        ? text.replace(/^pages: \d+$/m, `pages: ${pages}`)
        : text.replace(/^edition: /m, `pages: ${pages}\nedition: `),
    );
  }
}

describe('determinism: same input, same bytes', () => {
  // Two builds, each in a process of its own: the suite's (dist/, made by the global setup or
  // scripts/setup.sh before it, clean on a fresh clone, perhaps from warm caches elsewhere) and
  // a clean one in a project copy. A clock timestamp, a random id or a path in the output makes
  // them differ.
  it('gives dist/ byte-identical to a clean build in another folder (HTML, SVG, CSV, JSON, PDF), without any request off the machine', () => {
    const root = copy();
    const result = runScript('build', root, { guardNetwork: true });
    expect(result.stderr).not.toContain(NETWORK_MARKER);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const clean = hashTree(path.join(root, 'dist'));
    expect(
      Object.keys(clean).some((file) => file.endsWith('.pdf')),
      'the build printed a PDF',
    ).toBe(true);
    expect(hashTree(siteDir)).toEqual(clean);
    // With every image to draw and every PDF to print (more than 8), the search index is made
    // beside the drawing, and the print waits for it (src/pipeline.ts): it has the cores to itself.
    const doneAt = (stage: string): number => result.stdout.search(new RegExp(`^${stage}: done in`, 'm'));
    expect(doneAt('search'), result.stdout).toBeGreaterThan(-1);
    expect(doneAt('search'), result.stdout).toBeLessThan(doneAt('print'));
  });
});

describe('atomic output: a failed build leaves dist/ as it was', () => {
  /** A project copy with the real dist/ as its previous build. */
  const withPreviousDist = (): { root: string; before: Record<string, string> } => {
    const root = copy(undefined, { warm: true });
    cpSync(siteDir, path.join(root, 'dist'), { recursive: true });
    return { root, before: hashTree(path.join(root, 'dist')) };
  };

  it('when a content file is broken', async () => {
    const { root, before } = withPreviousDist();
    const file = path.join(root, 'content/commitments/france-2018-ai-lab.yaml');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^title: /m, 'title: "'));
    const result = runScript('build', root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain(messages.checkFailed(1, 0));
    expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    expect(stagingLeftovers(root)).toEqual([]);
    // Astro's process, started as the build starts (before the check), was killed with it.
    expect(await processesIn(root)).toEqual([]);
  });

  it('when the build fails late, after the pages and PDFs were made (a sheet over its page budget)', async () => {
    const { root, before } = withPreviousDist();
    setPageBudget(root, 1);
    const result = runScript('build', root);
    expect(result.status).toBe(1);
    expect(result.stdout).toContain('pages: done');
    expect(result.stdout).toContain(messages.buildFailed());
    expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    expect(stagingLeftovers(root)).toEqual([]);
    expect(await processesIn(root)).toEqual([]);
  });
});

describe('HTML and <script> in content are text, never markup', () => {
  it('builds, and shows the tags as text on the page', () => {
    const root = copy('xss', { warm: true });
    setPageBudget(root, 8); // this test is about escaping, not about length
    const result = runScript('build', root);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    const html = readFileSync(path.join(root, 'dist/policy-areas/digital-governance/index.html'), 'utf8');
    const $ = load(html);
    // No script element at all (the site ships none), no injected markup or handler.
    expect($('script').length).toBe(0);
    expect($('b, img[onerror], [onerror], a[href^="javascript:"]').length).toBe(0);
    expect($('i:contains("Artificial"), em:contains("report")').length).toBe(0);
    // The text is there, escaped.
    const text = $('main').text();
    expect(text).toContain('<script>alert(1)</script>');
    expect(text).toContain('<b>bold claims</b>');
    expect(text).toContain('<img src=x onerror="alert(2)">');
    expect(text).toContain('Opening <i>Artificial</i> Intelligence Lab <script>alert("title")</script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Outside attribute values (where "<" is plain text), every "<script" is escaped.
    expect(html.replace(/="[^"]*"/g, '=""')).not.toMatch(/<script/i);
  });
});
