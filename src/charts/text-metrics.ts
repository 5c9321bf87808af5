/**
 * Text widths for Vega's layout, measured with the font the page draws the charts in. In a
 * browser Vega measures text on a canvas; in Node it has none and guesses 0.8 em a character,
 * about 1.6 times the real width of Source Sans 3. So it cut labels a browser shows whole
 * ("Asia and the Pac…" under the default 180 px label limit), and spaced legends and axis
 * titles for text that is not there. Vega's hook for another measure is `textMetrics.width`
 * (vl-convert sets it too); this one adds up the advance widths of the @fontsource files the
 * page loads (src/layouts/Base.astro), without kerning.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { create, type Font } from 'fontkitten';
import * as vega from 'vega';
import { embeddedFonts, fontFilesDir } from '../content/font-coverage.ts';

/** The page's first font (src/layouts/Base.astro), the one the chart theme names first (src/charts/theme.ts). */
const [FONT] = embeddedFonts;
/** Text in another family keeps Vega's estimate. */
const FAMILY = new RegExp(`^\\s*['"]?${FONT.family}['"]?\\s*(,|$)`, 'i');
/** The faces the page loads (a weight between two is drawn with the nearer lighter one, as CSS matches). */
type Face = '400-normal' | '600-normal' | '700-normal' | '400-italic';
/** The subsets of each face, in the order the page's @font-face rules would find a character. */
const SUBSETS = ['latin', 'latin-ext', 'vietnamese', 'greek', 'greek-ext', 'cyrillic', 'cyrillic-ext'] as const;

const filesDir = fontFilesDir(FONT.package);
/** Its files' names begin with the package's name: source-sans-3-latin-400-normal.woff2. */
const filePrefix = FONT.package.replace(/^@fontsource\//, '');

const fonts = new Map<string, Font | null>();
function subsetFont(face: Face, subset: string): Font | null {
  const key = `${subset}-${face}`;
  let font = fonts.get(key);
  if (font === undefined) {
    let read: ReturnType<typeof create> | undefined;
    try {
      read = create(readFileSync(path.join(filesDir, `${filePrefix}-${key}.woff2`)));
    } catch {
      read = undefined; // no such subset for this face
    }
    font = read === undefined ? null : 'fonts' in read ? (read.fonts[0] ?? null) : read;
    fonts.set(key, font);
  }
  return font;
}

/**
 * Characters the @fontsource subsets leave out, measured as one they keep: French writes a narrow
 * no-break space before ":" and "%" ("21 %"), which the browser draws as wide as a thin space.
 */
const MEASURED_AS: Readonly<Record<string, string>> = { '\u202f': '\u2009' };

/** Advance widths in em, by face and character. */
const advances = new Map<string, number | undefined>();
function advance(face: Face, char: string): number | undefined {
  const key = `${face}\0${char}`;
  if (advances.has(key)) return advances.get(key);
  const code = (MEASURED_AS[char] ?? char).codePointAt(0) ?? 0;
  let em: number | undefined;
  for (const subset of SUBSETS) {
    const font = subsetFont(face, subset);
    if (font?.hasGlyphForCodePoint(code)) {
      em = font.glyphForCodePoint(code).advanceWidth / font.unitsPerEm;
      break;
    }
  }
  advances.set(key, em);
  return em;
}

interface TextItem {
  font?: string;
  fontSize?: number | string;
  fontWeight?: number | string;
  fontStyle?: string;
}

function faceOf(item: TextItem): Face {
  if (item.fontStyle === 'italic' || item.fontStyle === 'oblique') return '400-italic';
  const weight =
    item.fontWeight === 'bold'
      ? 700
      : item.fontWeight === 'normal' || item.fontWeight === undefined
        ? 400
        : Number(item.fontWeight);
  return weight >= 700 ? '700-normal' : weight >= 600 ? '600-normal' : '400-normal';
}

/**
 * The width of `text` as the page draws it. The text as given: Vega cuts a label to its limit
 * by measuring its beginnings with this same function, so it must not cut it itself.
 */
export function textWidth(item: TextItem, text: unknown): number {
  const size = item.fontSize == null ? 11 : Number(item.fontSize) || 0;
  const value = text == null ? '' : String(text).trim();
  if (size <= 0 || value === '') return 0;
  if (!FAMILY.test(item.font ?? '')) return Math.trunc(0.8 * value.length * size); // Vega's own estimate
  const face = faceOf(item);
  let em = 0;
  // A character none of the faces has is drawn by a fallback font: Vega's estimate for it.
  for (const char of value) em += advance(face, char) ?? 0.8;
  return em * size;
}

let installed = false;
/** Makes Vega measure chart text with the page's font, in this process (idempotent). */
export function useFontMetrics(): void {
  if (installed) return;
  (vega as unknown as { textMetrics: { width: typeof textWidth } }).textMetrics.width = textWidth;
  installed = true;
}
