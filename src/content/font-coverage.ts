/**
 * Which characters the embedded fonts can draw, read from the fonts themselves (their cmap),
 * and a warning for text that uses others: in the PDF such characters print as empty boxes
 * (or in whatever font the printing machine happens to have). The fonts are the @fontsource
 * files the layout imports (src/layouts/Base.astro); every subset of a family is read, since
 * the browser picks whichever subset holds a character.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { create } from 'fontkitten';
import { messages } from '../messages.ts';
import { formatFieldPath, type Issue } from '../diagnostics/index.ts';
import { keptData, parserStamp, sha256 } from './kept-data.ts';
import type { ParsedSource } from './source.ts';

/** The embedded font families: the @fontsource package and its name. */
export const embeddedFonts = [{ package: '@fontsource/source-sans-3', family: 'Source Sans 3' }] as const;

const require = createRequire(import.meta.url);

/** The folder of a @fontsource package's font files. */
export function fontFilesDir(fontPackage: string): string {
  return path.join(path.dirname(require.resolve(`${fontPackage}/package.json`)), 'files');
}

let covered: Set<number> | undefined;

/** The font files read for their characters (the regular weight: the others cover the same characters), with their bytes. */
function regularFontFiles(): { name: string; bytes: Buffer }[] {
  return embeddedFonts.flatMap((font) => {
    const dir = fontFilesDir(font.package);
    return readdirSync(dir)
      .filter((name) => name.endsWith('-400-normal.woff2'))
      .sort()
      .map((name) => ({ name: `${font.package}/${name}`, bytes: readFileSync(path.join(dir, name)) }));
  });
}

/** The code points the fonts' cmaps map to a glyph. */
function readCodePoints(files: readonly { bytes: Buffer }[]): Set<number> {
  const points = new Set<number>();
  for (const { bytes } of files) {
    const read = create(bytes);
    // A collection (.ttc) holds several fonts: each one draws its characters.
    for (const font of 'fonts' in read ? read.fonts : [read]) for (const code of font.characterSet) points.add(code);
  }
  return points;
}

/** Every code point some embedded font draws. */
export function coveredCodePoints(): Set<number> {
  covered ??= readCodePoints(regularFontFiles());
  return covered;
}

/**
 * The code points the fonts draw, kept under the project root by a hash of the font files, this
 * module and fontkitten's version (src/content/kept-data.ts; written once a build has succeeded):
 * reading them decompresses and parses seven WOFF2 files, about 0.15 s of every check's CPU.
 */
export const FONT_CACHE = '.cache/content/fonts.v8';

const fontCache = keptData(FONT_CACHE);

/** Writes the font coverage cache of the project at `root` (once a build has succeeded). */
export const saveFontCache = (root: string): Promise<void> => fontCache.save(root);

/** Makes coveredCodePoints() answer from the cache of the project at `root` when it holds these fonts' code points. */
export async function loadCoveredCodePoints(root: string): Promise<void> {
  if (covered !== undefined) return;
  const stamp = parserStamp(import.meta.url, 'fontkitten');
  const files = regularFontFiles();
  if (stamp === undefined) {
    covered = readCodePoints(files);
    return;
  }
  const key = sha256(`${stamp}\0${files.map(({ name, bytes }) => `${name}\0${sha256(bytes)}`).join('\0')}`);
  const cache = await fontCache.open(root);
  const kept = cache.take(key);
  if (kept instanceof Set && [...kept].every((code) => typeof code === 'number')) {
    covered = kept as Set<number>;
    return;
  }
  covered = readCodePoints(files);
  cache.keep(key, covered);
}

/** Characters that are never drawn, so need no glyph: line breaks, tabs, joiners and direction marks. */
const NOT_DRAWN = /[\s\u200c-\u200f\u2028\u2029\u061c]/u;

/**
 * What is known of each BMP code point: 0 not asked yet, 1 drawn (or needs no glyph), 2 not drawn.
 * A check reads a few million characters of a few hundred distinct ones: each is tested once.
 */
const knownBmp = new Uint8Array(0x10000);
const knownAstral = new Map<number, boolean>();

/** Whether `char` (at code point `code`) is drawn by an embedded font or needs no glyph. */
function drawn(code: number, char: string): boolean {
  if (code < 0x10000) {
    const known = knownBmp[code];
    if (known !== 0) return known === 1;
  } else {
    const known = knownAstral.get(code);
    if (known !== undefined) return known;
  }
  const is = NOT_DRAWN.test(char) || coveredCodePoints().has(code);
  if (code < 0x10000) knownBmp[code] = is ? 1 : 2;
  else knownAstral.set(code, is);
  return is;
}

/** The distinct characters of `text` no embedded font draws, in order of appearance, with the first one's offset. */
export function uncovered(text: string): { characters: string[]; offset: number } | undefined {
  let characters: string[] | undefined;
  let offset = -1;
  for (let index = 0; index < text.length; ) {
    const code = text.codePointAt(index) as number;
    const length = code < 0x10000 ? 1 : 2;
    // A code point known to be drawn is not made into a string (most of them: the text is Latin).
    if (!(code < 0x10000 && knownBmp[code] === 1)) {
      const char = text.slice(index, index + length);
      if (!drawn(code, char)) {
        characters ??= [];
        if (!characters.includes(char)) {
          if (offset === -1) offset = index;
          characters.push(char);
        }
      }
    }
    index += length;
  }
  return characters === undefined ? undefined : { characters, offset };
}

/** Warnings for every text field (and the prose) of a content file that uses characters the fonts cannot draw. */
export function fontCoverageWarnings(source: ParsedSource): Issue[] {
  const issues: Issue[] = [];
  const family = embeddedFonts.map((font) => font.family).join(', ');
  const visit = (value: unknown, at: (string | number)[]): void => {
    if (typeof value === 'string') {
      const found = uncovered(value);
      if (found !== undefined) {
        issues.push({
          file: source.file,
          ...source.locate(at),
          field: formatFieldPath(at),
          ...messages.fontCoverage(found.characters, family),
          severity: 'warning',
        });
      }
    } else if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...at, i]));
    else if (typeof value === 'object' && value !== null) {
      for (const [key, child] of Object.entries(value)) {
        visit(key, at); // member names are keys
        visit(child, [...at, key]);
      }
    }
  };
  visit(source.data, []);
  if (source.body !== undefined) {
    const found = uncovered(source.body.text);
    if (found !== undefined) {
      const before = source.body.text.slice(0, found.offset);
      const line = source.body.firstLine + before.split('\n').length - 1;
      const column = found.offset - before.lastIndexOf('\n');
      issues.push({
        file: source.file,
        line,
        column,
        field: 'prose',
        ...messages.fontCoverage(found.characters, family),
        severity: 'warning',
      });
    }
  }
  return issues;
}
