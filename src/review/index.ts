/**
 * `npm run review -- <git-ref>`: what a change does on paper. The ref is built in a temporary
 * git worktree and the working tree in a temporary copy, each with its own build script, and
 * one self-contained HTML report compares them sheet by sheet: changed PDF pages before and
 * after with the changed pixels marked, a word diff of the sheet's text, page counts, PDF
 * sizes and new warnings. Pages that did not change are listed, not drawn.
 */
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createCanvas } from '@napi-rs/canvas';
import { load } from '../cheerio.ts';
import { diffWords } from 'diff';
import pixelmatch from 'pixelmatch';
import { messages } from '../messages.ts';
import { copyStageCaches } from '../pipeline.ts';
import { renderPdfPages, type PageImage } from './pdf-pages.ts';
import { renderReport } from './report.ts';

/** One side of the comparison: a built project. */
export interface BuiltSide {
  label: string;
  /** Whether its build succeeded. */
  ok: boolean;
  /** The build's own output (its messages), for a failed build. */
  output: string;
  /** The warnings its check printed, one block each. */
  warnings: string[];
  sheets: Map<string, { pdf?: Buffer; text: string }>;
}

export interface PageComparison {
  number: number;
  /** Changed pixels; undefined when the page exists on one side only. */
  changedPixels: number | undefined;
  before?: PageImage;
  after?: PageImage;
  /** The after page, faded, with the changed pixels in red. */
  diff?: Buffer;
}

export interface SheetComparison {
  slug: string;
  status: 'changed' | 'unchanged' | 'added' | 'removed';
  pagesBefore: number;
  pagesAfter: number;
  bytesBefore: number;
  bytesAfter: number;
  pages: PageComparison[];
  /** The sheet's text, word by word: kept, removed and added runs. */
  textDiff: { value: string; added?: boolean; removed?: boolean }[];
}

export interface Review {
  ref: string;
  before: BuiltSide;
  after: BuiltSide;
  sheets: SheetComparison[];
  newWarnings: string[];
  seconds: number;
}

const git = (cwd: string, args: string[]): { ok: boolean; out: string } => {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8' });
  return { ok: result.status === 0, out: `${result.stdout}${result.stderr}`.trim() };
};

/** The working tree as it is now: tracked and new files, without what git ignores. */
function copyWorkingTree(root: string, to: string): void {
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  });
  for (const file of listed.stdout.split('\0')) {
    // node_modules is linked, not copied (a symlinked one is not ignored by "node_modules/").
    if (file === '' || file === 'node_modules' || !statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile())
      continue;
    mkdirSync(path.dirname(path.join(to, file)), { recursive: true });
    cpSync(path.join(root, file), path.join(to, file));
  }
}

/** Runs a side's own build script; reads its PDFs and sheet texts from its dist/. */
function buildSide(root: string, dir: string, label: string): BuiltSide {
  if (!existsSync(path.join(dir, 'node_modules')))
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const result = spawnSync(process.execPath, [path.join(dir, 'scripts', 'build.ts')], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0', NO_COLOR: '1', ASTRO_TELEMETRY_DISABLED: '1' },
    maxBuffer: 64 * 1024 * 1024,
  });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`;
  const warnings = output
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter((block) => /^\S+:\d+:\d+ warning\b|^\S+ warning\b/.test(block));
  const sheets = new Map<string, { pdf?: Buffer; text: string }>();
  const areas = path.join(dir, 'dist', 'policy-areas');
  if (result.status === 0 && existsSync(areas)) {
    for (const slug of readdirSync(areas)) {
      const page = path.join(areas, slug, 'index.html');
      if (!existsSync(page)) continue;
      const pdfName = readdirSync(path.join(areas, slug)).find(
        (name) => name.endsWith('.pdf') && !/-(es|fr)\.pdf$/.test(name),
      );
      const pdf = pdfName === undefined ? undefined : readFileSync(path.join(areas, slug, pdfName));
      sheets.set(slug, { ...(pdf === undefined ? {} : { pdf }), text: sheetText(readFileSync(page, 'utf8')) });
    }
  }
  return { label, ok: result.status === 0, output, warnings, sheets };
}

/** The words a reader of the sheet reads, block by block (not the page's navigation). */
function sheetText(html: string): string {
  const $ = load(html);
  const main = $('main').first();
  main.find('nav, script, style, svg, table').remove();
  return main
    .find('h1, h2, h3, h4, p, li, dt, dd, figcaption, blockquote')
    .filter((_, element) => $(element).find('p, li').length === 0)
    .map((_, element) => $(element).text().replace(/\s+/g, ' ').trim())
    .get()
    .filter((text) => text !== '')
    .join('\n');
}

function diffImage(before: PageImage, after: PageImage): { pixels: number; png: Buffer | undefined } {
  if (before.width !== after.width || before.height !== after.height)
    return { pixels: before.width * before.height, png: undefined };
  const canvas = createCanvas(after.width, after.height);
  const context = canvas.getContext('2d');
  const output = context.createImageData(after.width, after.height);
  const pixels = pixelmatch(before.rgba, after.rgba, output.data, after.width, after.height, {
    threshold: 0.1,
    alpha: 0.25,
  });
  if (pixels === 0) return { pixels, png: undefined };
  context.putImageData(output, 0, 0);
  // A red frame around each band of changed lines, so a one-word change is seen at a glance.
  context.strokeStyle = '#d00000';
  context.lineWidth = 3;
  for (const band of changedBands(before.rgba, after.rgba, after.width, after.height)) {
    context.strokeRect(band.left - 6, band.top - 6, band.right - band.left + 12, band.bottom - band.top + 12);
  }
  return { pixels, png: canvas.toBuffer('image/png') };
}

/** Rows of the page that differ, grouped into bands (a gap of 16 unchanged rows ends one), each with its left and right edge. */
function changedBands(
  a: Uint8ClampedArray,
  b: Uint8ClampedArray,
  width: number,
  height: number,
): { top: number; bottom: number; left: number; right: number }[] {
  const bands: { top: number; bottom: number; left: number; right: number }[] = [];
  let current: (typeof bands)[number] | undefined;
  for (let y = 0; y < height; y++) {
    let left = -1;
    let right = -1;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      // Visible differences only: anti-aliasing noise stays below this.
      if (
        Math.abs((a[i] ?? 0) - (b[i] ?? 0)) +
          Math.abs((a[i + 1] ?? 0) - (b[i + 1] ?? 0)) +
          Math.abs((a[i + 2] ?? 0) - (b[i + 2] ?? 0)) >
        96
      ) {
        if (left === -1) left = x;
        right = x;
      }
    }
    if (left === -1) continue;
    if (current !== undefined && y - current.bottom <= 16) {
      current.bottom = y;
      current.left = Math.min(current.left, left);
      current.right = Math.max(current.right, right);
    } else {
      current = { top: y, bottom: y, left, right };
      bands.push(current);
    }
  }
  return bands;
}

async function compareSheet(slug: string, before: BuiltSide, after: BuiltSide): Promise<SheetComparison> {
  const a = before.sheets.get(slug);
  const b = after.sheets.get(slug);
  const pagesA = a?.pdf === undefined ? [] : await renderPdfPages(a.pdf, 1);
  const pagesB = b?.pdf === undefined ? [] : await renderPdfPages(b.pdf, 1);
  const pages: PageComparison[] = [];
  for (let index = 0; index < Math.max(pagesA.length, pagesB.length); index++) {
    const pageBefore = pagesA[index];
    const pageAfter = pagesB[index];
    if (pageBefore !== undefined && pageAfter !== undefined) {
      const { pixels, png } = diffImage(pageBefore, pageAfter);
      pages.push({
        number: index + 1,
        changedPixels: pixels,
        ...(pixels > 0 ? { before: pageBefore, after: pageAfter, ...(png === undefined ? {} : { diff: png }) } : {}),
      });
    } else {
      pages.push({
        number: index + 1,
        changedPixels: undefined,
        ...(pageBefore === undefined ? {} : { before: pageBefore }),
        ...(pageAfter === undefined ? {} : { after: pageAfter }),
      });
    }
  }
  const textDiff = diffWords(a?.text ?? '', b?.text ?? '');
  const status =
    a === undefined
      ? 'added'
      : b === undefined
        ? 'removed'
        : pages.some((page) => page.changedPixels !== 0) || textDiff.some((part) => part.added || part.removed)
          ? 'changed'
          : 'unchanged';
  return {
    slug,
    status,
    pagesBefore: pagesA.length,
    pagesAfter: pagesB.length,
    bytesBefore: a?.pdf?.length ?? 0,
    bytesAfter: b?.pdf?.length ?? 0,
    pages,
    textDiff: textDiff.map((part) => ({
      value: part.value,
      ...(part.added ? { added: true } : {}),
      ...(part.removed ? { removed: true } : {}),
    })),
  };
}

const log = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

/** Builds `ref` and the working tree of the project at `root`, compares them, and writes the report to `out`. */
export async function runReview(root: string, ref: string, out: string): Promise<boolean> {
  const started = performance.now();
  const commit = git(root, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]);
  if (!commit.ok) {
    log(messages.review.unknownRef(ref));
    return false;
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'ogp-review-'));
  const beforeDir = path.join(scratch, 'before');
  const afterDir = path.join(scratch, 'after');
  try {
    const added = git(root, ['worktree', 'add', '--detach', beforeDir, commit.out]);
    if (!added.ok) throw new Error(added.out);
    copyWorkingTree(root, afterDir);
    // Both sides start from the project's caches, the working tree also from what the ref's build
    // just made: entries are keyed on what each output is made from, so only what differs is made.
    copyStageCaches(root, beforeDir);
    log(messages.review.building(ref));
    const before = buildSide(root, beforeDir, ref);
    copyStageCaches(root, afterDir);
    copyStageCaches(beforeDir, afterDir);
    log(messages.review.building('the working tree'));
    const after = buildSide(root, afterDir, 'working tree');
    const slugs = [...new Set([...before.sheets.keys(), ...after.sheets.keys()])].sort();
    const sheets: SheetComparison[] = [];
    for (const slug of slugs) sheets.push(await compareSheet(slug, before, after));
    const known = new Set(before.warnings);
    const review: Review = {
      ref,
      before,
      after,
      sheets,
      newWarnings: after.warnings.filter((warning) => !known.has(warning)),
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, renderReport(review));
    const changed = sheets.filter((sheet) => sheet.status !== 'unchanged').length;
    log(messages.review.written(path.relative(root, out) || out, changed, sheets.length, review.seconds));
    return before.ok && after.ok;
  } finally {
    git(root, ['worktree', 'remove', '--force', beforeDir]);
    rmSync(scratch, { recursive: true, force: true });
  }
}
