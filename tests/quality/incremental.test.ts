/**
 * Incremental builds are always correct. In a copy of the project with two sheets (the
 * reference, in English, and a copy "bench-0001" in English and Spanish, drawing its charts
 * from a data file of its own), each kind of input is changed in turn and the build must redo
 * exactly what depends on it (the pages Astro renders, the PDFs it prints, the charts it
 * draws), and nothing else; a build with nothing changed does nothing; and the final dist/,
 * made from caches a previous version of the code left, is byte-identical to a clean build of
 * the same sources. The site a build replaces is kept aside (bar the files the new site shares
 * with it: search fragments, pages linked from Astro's cache), and removed by the next build.
 */
import { spawnSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  linkSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { scaleProject } from '../../bench/scale.ts';
import { BUILD_STATE, lastBuildActions, stampOf, type BuildActions } from '../../src/incremental.ts';
import { messages } from '../../src/messages.ts';
import { LAST_SITE } from '../../src/replace-dist.ts';
import { EDITIONS_DIR } from '../../src/site/editions.ts';
import { SEARCH_BUNDLE_DIR } from '../../src/site/paths.ts';
import { projectRoot } from '../helpers/fixture.ts';
import { hashTree } from './helpers.ts';

/** `npm run build` in `root` with that project's own scripts and sources (so a code change there counts). */
function build(root: string): { stdout: string; stderr: string; did: Promise<BuildActions | undefined> } {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build.ts')], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    timeout: 300_000,
  });
  if (result.status !== 0) throw new Error(`build failed in ${root}:\n${result.stdout}\n${result.stderr}`);
  return { stdout: result.stdout, stderr: result.stderr, did: lastBuildActions(root) };
}

/**
 * The files of dist/ whose stamp is no longer the one the build recorded (so the next check that
 * nothing changed reads them again).
 */
function staleStamps(root: string): string[] {
  const { dist } = JSON.parse(readFileSync(path.join(root, BUILD_STATE), 'utf8')) as {
    dist: Record<string, [string, string]>;
  };
  return Object.entries(dist)
    .filter(([file, [stamp]]) => stampOf(path.join(root, 'dist', file)) !== stamp)
    .map(([file]) => file);
}

/**
 * The record's dist/ (each file's sha256) against dist/ now, hashed: equal when every digest the
 * record took from elsewhere (the caches, verify, the search bundle's list) is the file's.
 */
function recordedDigests(root: string): { recorded: Record<string, string>; now: Record<string, string> } {
  const { dist } = JSON.parse(readFileSync(path.join(root, BUILD_STATE), 'utf8')) as {
    dist: Record<string, [string, string]>;
  };
  const recorded = Object.fromEntries(Object.entries(dist).map(([file, [, digest]]) => [file, digest]));
  return { recorded, now: hashTree(path.join(root, 'dist')) };
}

/** The files under `dir` that have another link (relative paths, '/'). */
function sharedFiles(dir: string): Set<string> {
  const shared = new Set<string>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true }))
    if (entry.isFile() && statSync(path.join(entry.parentPath, entry.name)).nlink > 1)
      shared.add(path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'));
  return shared;
}

/**
 * The site kept aside under `root` against `replaced` (the site the last build replaced, by
 * hashTree): the files it holds that differ, and those missing from it, bar the files it shared
 * (hard links) as dist/ was replaced, unlinked from it then (src/replace-dist.ts): those shared
 * before the build (`sharedThen`: with the caches, src/print/cache.ts placeCachedFile and Astro's)
 * and those in `now` (dist/ now) as they were (linked into the new site: the search fragments,
 * counted in `fragments`); and the files it still shares (none: its removal changes no stamp).
 */
function keptAside(
  root: string,
  replaced: Record<string, string>,
  sharedThen: ReadonlySet<string>,
  now: Record<string, string>,
): { differing: string[]; missing: string[]; shared: string[]; fragments: number } {
  const dir = path.join(root, LAST_SITE);
  const aside = hashTree(dir);
  const gone = Object.keys(replaced).filter((file) => !(file in aside));
  const linked = (file: string): boolean => now[file] === replaced[file];
  return {
    differing: Object.keys(aside).filter((file) => aside[file] !== replaced[file]),
    missing: gone.filter((file) => !sharedThen.has(file) && !linked(file)),
    shared: [...sharedFiles(dir)],
    fragments: gone.filter((file) => file.startsWith(`${SEARCH_BUNDLE_DIR}/fragment/`) && linked(file)).length,
  };
}

const edit = (file: string, change: (text: string) => string): void => {
  const text = readFileSync(file, 'utf8');
  const changed = change(text);
  if (changed === text) throw new Error(`the edit changed nothing in ${file}`);
  writeFileSync(file, changed);
};

describe('incremental builds', () => {
  const root = scaleProject(projectRoot, 2);
  const copy = 'bench-0001';
  // Languages are not what is tested here, yet every PDF is printed again and again: the copy keeps
  // its Spanish translation (its pages in another language must follow its edits too), the
  // reference is English only, no French: three PDFs per whole print instead of six.
  for (const type of ['policy-areas', 'recommendations', 'commitments'])
    rmSync(path.join(root, 'content', type, 'fr'), { recursive: true, force: true });
  rmSync(path.join(root, 'content/policy-areas/es/digital-governance.mdx'));
  // The copy draws from a data file of its own, so a data change touches one sheet only.
  cpSync(path.join(root, 'data/ogp-commitments-sample.csv'), path.join(root, 'data/ogp-commitments-sample-b.csv'));
  appendFileSync(
    path.join(root, 'data/datasets.yaml'),
    '\nogp-commitments-sample-b.csv:\n  title: A copy of the sample, for the incremental build test\n  source: tests\n  illustrative: true\n',
  );
  edit(path.join(root, `content/policy-areas/${copy}.mdx`), (text) =>
    text.replaceAll('data: ogp-commitments-sample.csv', 'data: ogp-commitments-sample-b.csv'),
  );
  // A first edition of the reference kept in English only (its PDF from the suite's build): the
  // sheets' pages look up the kept editions of every language, so a build of this partly translated
  // site asks the content store for entries a language has none of (see the cold build's output).
  const pdf = 'ogp-digital-governance-fact-sheet.pdf';
  const kept = path.join(root, EDITIONS_DIR, 'digital-governance', '2026-01-01');
  mkdirSync(kept, { recursive: true });
  cpSync(path.join(projectRoot, 'dist/policy-areas/digital-governance', pdf), path.join(kept, pdf));
  const clean = `${root}-clean`;
  const moved = `${root}-moved`;
  // A link to a page of the moved project's dist/, outside the project (not an input).
  const probe = `${root}-probe.html`;
  afterAll(() => {
    for (const dir of [root, clean, moved, probe]) rmSync(dir, { recursive: true, force: true });
  });
  const ofCopy = (file: string): boolean => file.includes(copy);

  it('rebuilds exactly what each change affects, and ends byte-identical to a clean build', async () => {
    const cold = build(root);
    // A real build of a partly translated site prints no warning: Astro's getEntry warns of each id
    // it does not have ("[WARN] [content] Entry sheetEditions → es/digital-governance was not
    // found"), so the pages ask only for entries the content loader always stores.
    expect(cold.stdout + cold.stderr).not.toMatch(/\[WARN\]|was not found/);
    const all = (await cold.did)?.printed ?? [];
    expect(all.length).toBeGreaterThanOrEqual(2);
    expect((await cold.did)?.drawn).toEqual(expect.arrayContaining([`${copy}/commitments-per-year`]));
    const images = (await cold.did)?.images ?? [];
    expect(images).toEqual(expect.arrayContaining([expect.stringMatching(/\.png$/)]));
    expect(images.some(ofCopy) && !images.every(ofCopy)).toBe(true);
    // Every sheet's pages are rendered.
    const pages = (await cold.did)?.pages ?? [];
    expect(pages).toEqual(
      expect.arrayContaining([
        `policy-areas/${copy}/index.html`,
        'policy-areas/digital-governance/index.html',
        'policy-areas/digital-governance/editions/2026-01-01/index.html',
        `es/policy-areas/${copy}/index.html`,
      ]),
    );
    // Partly translated: the reference has no Spanish page, no sheet a French one.
    expect(pages).not.toContain('es/policy-areas/digital-governance/index.html');
    expect(pages.some((file) => file.startsWith('fr/policy-areas/'))).toBe(false);

    // The record's digests are those of the files built.
    const coldRecord = recordedDigests(root);
    expect(coldRecord.recorded).toEqual(coldRecord.now);
    // Nothing changed: nothing is done, dist/ stays as it is.
    const before = hashTree(path.join(root, 'dist'));
    expect(build(root).stdout).toContain(messages.buildUpToDate('dist', 0).replace(/ \(checked .*$/, ''));
    expect(hashTree(path.join(root, 'dist'))).toEqual(before);
    // An image's and a PDF's status changed, not their bytes (a link made and removed): their sha256,
    // which the record took from the caches (src/print/cache.ts placedDigests), says nothing changed.
    for (const file of [images[0] ?? '', all[0] ?? '']) {
      const absolute = path.join(root, 'dist', file);
      linkSync(absolute, `${absolute}.link`);
      unlinkSync(`${absolute}.link`);
    }
    expect(staleStamps(root)).toHaveLength(2);
    expect(build(root).stdout).toContain(messages.buildUpToDate('dist', 0).replace(/ \(checked .*$/, ''));

    const sharedBefore = sharedFiles(path.join(root, 'dist'));
    // One sheet's text: its PDFs only; no chart.
    edit(path.join(root, `content/policy-areas/${copy}.mdx`), (text) =>
      text.replace(/^title: (.*)$/m, 'title: $1 (edited)'),
    );
    let did = await build(root).did;
    expect(did?.printed.length).toBeGreaterThan(0);
    expect(did?.printed.every(ofCopy)).toBe(true);
    expect(did?.drawn).toEqual([]);
    // Its pages (page, embeds, chart files, in every language) are rendered; the other sheet's are copied from the last build.
    expect(did?.pages).toContain(`policy-areas/${copy}/index.html`);
    expect(did?.pages).toContain(`es/embed/${copy}/commitments-per-year/index.html`);
    expect(did?.pages?.every(ofCopy)).toBe(true);
    // Its social card (the title is on it) is drawn again; no chart image, no other sheet's card.
    expect(did?.images?.length).toBeGreaterThan(0);
    expect(did?.images?.every(ofCopy)).toBe(true);
    expect(did?.images?.some((file) => /social|card/.test(file))).toBe(true);
    expect(did?.images?.some((file) => file.includes('commitments-per-year'))).toBe(false);
    // Verified again: the changed page and the pages listing it; not the other sheet. (Its PDF's
    // links did not change, so their check stands.)
    expect(did?.verified).toContain(`policy-areas/${copy}/index.html`);
    expect(did?.verified).not.toContain('policy-areas/digital-governance/index.html');
    // The search bundle's fragments of the other sheet were linked from the last site, not written
    // again (src/publish/search.ts), and unlinked from it before the build was recorded: the
    // record's stamps are those of dist/ now.
    expect(staleStamps(root)).toEqual([]);
    const editRecord = recordedDigests(root);
    expect(editRecord.recorded).toEqual(editRecord.now);
    // Those pages were linked from Astro's cache (src/site/linked-pages.ts), not copied.
    expect(statSync(path.join(root, 'dist/embed/digital-governance/commitments-per-year/index.html')).nlink).toBe(2);
    // The other sheet's images and PDF were taken from the caches as hard links, no bytes written
    // (src/print/cache.ts placeCachedFile).
    const otherPng = images.find((file) => !ofCopy(file)) ?? '';
    const otherPdf = all.find((file) => !ofCopy(file)) ?? '';
    for (const file of [otherPng, otherPdf])
      expect(statSync(path.join(root, 'dist', file)).nlink, file).toBeGreaterThan(1);
    // The site it replaced is kept aside, for the next build to remove as it starts: whole, bar
    // the files it shared (hard links) with the new site or the caches.
    const edited = hashTree(path.join(root, 'dist'));
    const aside = keptAside(root, before, sharedBefore, edited);
    expect(aside).toEqual({ differing: [], missing: [], shared: [], fragments: aside.fragments });
    expect(aside.fragments).toBeGreaterThan(0);
    const sharedEdited = sharedFiles(path.join(root, 'dist'));
    // As a build killed while removing one leaves it.
    const killed = path.join(root, `${LAST_SITE}-999999999`);
    cpSync(path.join(root, LAST_SITE), killed, { recursive: true });

    // A data file: the charts drawn from it, and the PDFs of the sheet that shows them.
    edit(path.join(root, 'data/ogp-commitments-sample-b.csv'), (text) => {
      const lines = text.split('\n');
      // A digital governance commitment of 2011: one bar of the copy's chart gets shorter.
      const tagged = lines.findIndex((line) => line.includes(',2011,') && line.includes('Digital governance'));
      if (tagged < 1) throw new Error('no 2011 digital governance commitment in the sample');
      return [...lines.slice(0, tagged), ...lines.slice(tagged + 1)].join('\n');
    });
    did = await build(root).did;
    expect(did?.drawn.length).toBeGreaterThan(0);
    expect(did?.drawn.every(ofCopy)).toBe(true);
    // Its chart images are drawn again (the SVGs changed); nothing of the other sheet.
    expect(did?.images?.some((file) => file.includes('commitments-per-year'))).toBe(true);
    expect(did?.images?.every(ofCopy)).toBe(true);
    expect(did?.printed.length).toBeGreaterThan(0);
    expect(did?.printed.every(ofCopy)).toBe(true);
    // It removed the last site kept aside and the killed build's, and keeps the one it replaced: one at most.
    expect(readdirSync(path.join(root, '.tmp'))).toEqual([path.basename(LAST_SITE)]);
    const asideAgain = keptAside(root, edited, sharedEdited, hashTree(path.join(root, 'dist')));
    expect(asideAgain).toEqual({ differing: [], missing: [], shared: [], fragments: asideAgain.fragments });
    expect(asideAgain.fragments).toBeGreaterThan(0);

    // A shared component: every sheet's PDFs, no chart.
    edit(path.join(root, 'src/components/KeyTakeaways.astro'), (text) =>
      text.replace('<ul class="checklist">', '<ul class="checklist" data-changed>'),
    );
    did = await build(root).did;
    expect(did?.printed).toEqual(all);
    expect(did?.drawn).toEqual([]);
    // The images do not show the component: none is drawn again.
    expect(did?.images).toEqual([]);
    // Every page is rendered again.
    expect(did?.pages).toEqual(pages);

    // The print code: the PDFs a previous version of it left in the cache are not used.
    appendFileSync(path.join(root, 'src/print/pdf.ts'), '\n// a newer version of the print code\n');
    did = await build(root).did;
    expect(did?.printed).toEqual(all);
    expect(did?.drawn).toEqual([]);

    // An image and a PDF of dist/ changed in place (by a tool run over the site, say): that changes
    // the cache's file each is linked to, so the next build finds it by its sum and draws or prints
    // it again rather than publish the changed bytes (the clean build below has the others).
    for (const file of [otherPng, otherPdf]) appendFileSync(path.join(root, 'dist', file), 'changed in place');

    // One sheet's text again: the other sheet's pages in dist/ are the copies of the last build's.
    edit(path.join(root, `content/policy-areas/${copy}.mdx`), (text) =>
      text.replace(/^title: (.*)$/m, 'title: $1 (edited again)'),
    );
    did = await build(root).did;
    expect(did?.pages?.length).toBeGreaterThan(0);
    expect(did?.pages?.every(ofCopy)).toBe(true);
    expect(did?.images).toContain(otherPng);
    expect(did?.printed).toContain(otherPdf);

    // A page of dist/ changed by hand, in place: one linked from Astro's cache, so its copy changed
    // too. It is rendered again, not linked.
    const csv = 'policy-areas/digital-governance/commitments-per-year.csv';
    const right = readFileSync(path.join(root, 'dist', csv));
    expect(statSync(path.join(root, 'dist', csv)).nlink).toBe(2);
    appendFileSync(path.join(root, 'dist', csv), 'changed by hand\n');
    did = await build(root).did;
    expect(did?.pages).toEqual([csv]);
    expect(readFileSync(path.join(root, 'dist', csv))).toEqual(right);

    // The project moved: Astro's hashes of the pages' code name each module by its path, so it
    // renders every page, never into a file linked from its cache (which the last site shares).
    renameSync(root, moved);
    const embed = 'embed/digital-governance/commitments-per-year/index.html';
    expect(statSync(path.join(moved, 'dist', embed)).nlink).toBe(2);
    linkSync(path.join(moved, 'dist', embed), probe);
    const written = (file: string): string => {
      const info = statSync(file, { bigint: true });
      return `${info.ino}:${info.mtimeNs}:${info.size}`;
    };
    const last = written(probe);
    edit(path.join(moved, `content/policy-areas/${copy}.mdx`), (text) =>
      text.replace(/^title: (.*)$/m, 'title: $1 (moved)'),
    );
    did = await build(moved).did;
    expect(did?.pages).toEqual(pages);
    expect(written(probe)).toBe(last);
    expect(written(path.join(moved, 'dist', embed))).not.toBe(last);
    rmSync(probe);

    // The same sources built clean, without any cache: byte for byte the same dist/.
    const incremental = hashTree(path.join(moved, 'dist'));
    cpSync(moved, clean, {
      recursive: true,
      filter: (source) => !/[\\/](dist|\.cache|\.tmp|\.astro|node_modules)$/.test(source),
    });
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(clean, 'node_modules'), 'dir');
    build(clean);
    expect(incremental).toEqual(hashTree(path.join(clean, 'dist')));
  }, 900_000);
});
