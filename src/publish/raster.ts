/**
 * The charts' PNG downloads and the social cards, drawn by resvg (@resvg/resvg-js) in worker
 * threads with the site's typeface. Each chart's SVG at 3x: not by Chromium, since a chart is an
 * SVG file, and resvg draws it in about 35 ms of one core where Chromium took about 60 ms across
 * three processes (its renderer, GPU and browser process), each waiting on the others. Each card's
 * elements (socialCardTree) laid out by satori, the card's HTML and CSS in its subset, into an SVG
 * with the text as outlines, then drawn at its size: about 75 ms of one thread where Chromium took
 * about 150 ms across its processes. Both are Chromium's raster to within antialiased pixels
 * (tests/publish/raster-charts.test.ts, raster-cards.test.ts compare them).
 *
 * resvg reads fonts as files (TrueType or OpenType), not WOFF, and picks a face by the family name
 * inside the font, where the page's @font-face rules name it: the @fontsource subsets name their
 * semibold face "Source Sans 3 SemiBold", so resvg would draw a weight of 600 in the regular face.
 * Each WOFF file is unpacked (WOFF 1.0 is the sfnt's tables, each zlib-compressed) and its family
 * set to the one its @font-face rule declares, as a browser does; the files are kept in the image
 * cache under their hash.
 *
 * Only the Latin subset's faces are given to resvg and satori (English, Spanish, French and most
 * names): resvg picks one face a weight and draws a character that face lacks in the first face
 * that has it, whatever its weight, where a browser picks the subset by the character. A chart or
 * card with text the Latin faces do not draw (a Polish or Czech name, Greek, a character of no
 * subset) is left to Chromium (resvgDraws, cardDraws), which the images stage draws it with.
 *
 * Nothing outside the SVG is ever read: resvg would draw an <image> from a file path it names, so
 * any reference that is not inside the SVG (a data: URL, a #fragment) is removed first (outsideless).
 */
import { readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { inflateSync } from 'node:zlib';
import { create } from 'fontkitten';
import { keepCacheFile } from '../print/cache.ts';
import { embeddedFonts, fontFilesDir } from '../content/font-coverage.ts';
import { sha256 } from '../content/kept-data.ts';
import { PNG_ENCODING } from './png.ts';
import type { CardElement } from './social-card.ts';

/** The chart PNGs' scale: a 430-pixel-wide chart becomes about 1300 pixels, sharp in print. */
export const CHART_SCALE = 3;

/** The weights the charts use, each in the Latin subset's face (see above). */
const WEIGHTS = [400, 600, 700] as const;
const SUBSET = 'latin';

/** A face's WOFF file in its @fontsource package: 'source-sans-3-latin-600-normal.woff'. */
const faceFile = (fontPackage: string, weight: number): string =>
  `${path.basename(fontPackage)}-${SUBSET}-${weight}-normal.woff`;

/** What each drawing thread is given. */
export interface RasterSetup {
  /** The embedded typeface's files (chartFontFiles). */
  fontFiles: string[];
  /** Its family: text in no family it has is drawn in it. */
  family: string;
  /** Device pixels a CSS pixel (CHART_SCALE). */
  scale: number;
  /** The typeface's Latin faces as satori reads them (WOFF files), for the cards (cardFontFiles). */
  cardFonts: { file: string; weight: number }[];
  /** A card's size in pixels. */
  cardSize: { width: number; height: number };
}

/**
 * What a thread draws: a chart's SVG, or a social card: its elements (src/publish/social-card.ts
 * socialCardTree) and the SVG drawn over them once laid out (its rings: socialCardRings).
 */
export type RasterJob = string | { card: CardElement; over: string };

/** The Latin faces' WOFF files in their @fontsource package, by weight: satori reads WOFF as it is. */
export function cardFontFiles(): RasterSetup['cardFonts'] {
  return embeddedFonts.flatMap((font) =>
    WEIGHTS.map((weight) => ({ file: path.join(fontFilesDir(font.package), faceFile(font.package, weight)), weight })),
  );
}

/**
 * The embedded typeface's Latin faces as TrueType files under `cacheDir`/fonts, each named by its
 * family as its @font-face rule declares it (see above); written once, then found there. Other
 * files there (of another version of the fonts) are removed.
 */
export function chartFontFiles(cacheDir: string): string[] {
  const dir = path.join(cacheDir, 'fonts');
  const files: string[] = [];
  for (const font of embeddedFonts) {
    const filesDir = fontFilesDir(font.package);
    for (const name of WEIGHTS.map((weight) => faceFile(font.package, weight))) {
      const woff = readFileSync(path.join(filesDir, name));
      const file = path.join(dir, `${sha256(`${font.family}\0${sha256(woff)}`)}.ttf`);
      if (statSync(file, { throwIfNoEntry: false }) === undefined) {
        keepCacheFile(file, woffToSfnt(woff, font.family));
        // resvg skips a font file it cannot read: a chart would be drawn, and kept, in another face.
        if (statSync(file, { throwIfNoEntry: false }) === undefined) throw new Error(`could not write ${file}`);
      }
      files.push(file);
    }
  }
  for (const name of readdirSync(dir))
    if (!files.includes(path.join(dir, name))) rmSync(path.join(dir, name), { force: true });
  return files;
}

/**
 * What every PNG drawn here depends on besides its job (a chart's SVG, a card's elements): this code,
 * the worker's and the PNG encoder's (with zlib's version), resvg's and satori's versions, the
 * fonts (their bytes).
 */
export function rasterIdentity(fontFiles: readonly string[]): string {
  const require = createRequire(import.meta.url);
  const version = (name: string): string => (require(`${name}/package.json`) as { version: string }).version;
  return sha256(
    JSON.stringify({
      code: sha256(readFileSync(import.meta.filename)),
      worker: sha256(readFileSync(workerFile())),
      png: [sha256(readFileSync(path.join(import.meta.dirname, 'png.ts'))), PNG_ENCODING],
      resvg: version('@resvg/resvg-js'),
      satori: version('satori'),
      fonts: fontFiles.map((file) => path.basename(file)),
      cardFonts: cardFontFiles().map(({ file }) => sha256(readFileSync(file))),
    }),
  );
}

let latin: Set<number> | undefined;

/** The characters every Latin face draws (their cmaps'), read once. */
function latinCharacters(): Set<number> {
  if (latin !== undefined) return latin;
  const sets = embeddedFonts.flatMap((font) =>
    WEIGHTS.map((weight) => {
      const face = create(readFileSync(path.join(fontFilesDir(font.package), faceFile(font.package, weight))));
      return new Set(face.isCollection ? [] : face.characterSet);
    }),
  );
  latin = new Set([...(sets[0] ?? [])].filter((code) => sets.every((set) => set.has(code))));
  return latin;
}

/**
 * The chart's SVG, made safe to draw (outsideless), when resvg draws all its text (the Latin faces
 * have every character of it but white space); undefined when it is Chromium's to draw.
 */
export function resvgDraws(svg: string): string | undefined {
  const characters = latinCharacters();
  // Its text (a <title> or <desc> too, which draws nothing: at worst Chromium draws a chart resvg could).
  for (const match of svg.matchAll(/>([^<]+)</g))
    for (const char of decodeEntities(match[1] as string))
      if (!/\s/u.test(char) && !characters.has(char.codePointAt(0) as number)) return undefined;
  return outsideless(svg);
}

/**
 * Whether satori draws the card `tree`: when the Latin faces have every character of its text (and
 * of that text in capitals: some is drawn uppercase) but white space, as resvgDraws for a chart. A
 * card with others is Chromium's to draw, which picks each character's subset as the page does.
 */
export function cardDraws(tree: CardElement): boolean {
  const characters = latinCharacters();
  const drawn = (text: string): boolean =>
    [...`${text}${text.toUpperCase()}`].every(
      (char) => /\s/u.test(char) || characters.has(char.codePointAt(0) as number),
    );
  const walk = (node: CardElement | string): boolean =>
    typeof node === 'string' ? drawn(node) : (node.props.children ?? []).every(walk);
  return walk(tree);
}

/** XML's character references and predefined entities, decoded. */
function decodeEntities(text: string): string {
  const named: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
  return text.replace(/&(?:#x([0-9a-f]+)|#(\d+)|(\w+));/gi, (whole, hex?: string, dec?: string, name?: string) => {
    const code = hex !== undefined ? parseInt(hex, 16) : dec !== undefined ? Number(dec) : undefined;
    if (code !== undefined) return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    return named[name ?? ''] ?? whole;
  });
}

/**
 * The SVG without a reference to anything outside it: every `href` (or `xlink:href`) whose value,
 * entities decoded, is neither a data: URL nor a #fragment, emptied. resvg would read an <image>
 * or <feImage> from a file path (absolute, or relative to the working directory); a chart drawn
 * by src/charts has none (Vega's loader refuses every load), this keeps it so whatever the SVG.
 * A link's target (<a href>) draws nothing: emptied too, the PNG is the same.
 */
export function outsideless(svg: string): string {
  return svg.replace(
    /(\s(?:xlink:)?href\s*=\s*)(?:"([^"]*)"|'([^']*)')/gi,
    (whole, attribute: string, double?: string, single?: string) => {
      const value = decodeEntities(double ?? single ?? '').trim();
      return /^(?:data:|#)/i.test(value) ? whole : `${attribute}""`;
    },
  );
}

/** The worker's file, next to this module. */
function workerFile(): string {
  return path.join(import.meta.dirname, 'raster-worker.ts');
}

/** resvg (or satori) could not draw the job `index` of those asked for (rasterize). */
export class RasterError extends Error {
  /** Its place among the jobs asked for. */
  readonly index: number;
  constructor(index: number, reason: string) {
    super(`resvg could not draw the image: ${reason}`);
    this.index = index;
  }
}

/**
 * What a drawing thread draws before it is replaced by a new one, in thirds of a chart. resvg's
 * raster (about 4 MB a chart at 3x, 3 MB a card) is freed only when V8 collects the object holding
 * it, and V8 does not count it: a thread that drew the 400 charts of 200 sheets held 1.4 GB. A
 * thread's end frees all of it; a new one costs about 30 ms, and 240 ms more before its first card
 * (satori's modules, and its first layout's fonts). So 32 charts a thread, or 96 cards: with the
 * drawings' memory kept for the next (keepDrawingMemory), 16 and 48 drew the images stage in about
 * 10% more CPU, 64 and 192 in as much as 32 and 96 with a higher peak (docs/scaling.md).
 */
const THREAD_BUDGET = 96;
const COST = { chart: 3, card: 1 };

/**
 * resvg's addon allocates with mimalloc, which gives a freed raster's memory back to the system
 * 10 ms after (its default purge delay): the next drawing, a few milliseconds later, then takes
 * fresh pages, a page fault each, and on a virtual machine (CI's, this project's) a fresh page
 * costs 10-20 µs: about a third of a chart's or card's drawing (docs/scaling.md). Kept 100 ms,
 * the memory one drawing freed serves the next, and is given back once the drawing stops. Set in
 * the environment before the addon is loaded (mimalloc reads it then); a value set already stays.
 */
function keepDrawingMemory(): void {
  process.env['MIMALLOC_PURGE_DELAY'] ??= '100';
}

/**
 * Draws each job's PNG (a chart, a card: RasterJob) in worker threads (one per core, at most
 * `threads`), calling `drawn` with each as it comes; resolves once all are drawn, or once `stop`
 * is aborted and the drawings under way are done (the others are not drawn). A job resvg or
 * satori cannot draw rejects (RasterError), once no thread draws any more.
 */
export async function rasterize(
  jobs: readonly RasterJob[],
  setup: RasterSetup,
  drawn: (index: number, png: Buffer) => void,
  threads = availableParallelism(),
  stop?: AbortSignal,
): Promise<void> {
  let next = 0;
  let failed = false;
  // Jobs one after another in a new thread, up to its budget.
  const batch = (worker: Worker): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      let spent = 0;
      let current = -1;
      const send = (): void => {
        if (failed || stop?.aborted === true || next >= jobs.length || spent >= THREAD_BUDGET) return resolve();
        current = next++;
        const job = jobs[current] as RasterJob;
        spent += typeof job === 'string' ? COST.chart : COST.card;
        worker.postMessage(job);
      };
      worker.on('message', (answer: { png?: Uint8Array; error?: string }) => {
        if (answer.png === undefined) return reject(new RasterError(current, answer.error ?? 'not drawn'));
        drawn(current, Buffer.from(answer.png.buffer, answer.png.byteOffset, answer.png.byteLength));
        send();
      });
      worker.on('error', reject);
      worker.on('exit', (code) => reject(new Error(`an image drawing thread ended (${code})`)));
      send();
    });
  keepDrawingMemory();
  const lane = async (): Promise<void> => {
    while (!failed && stop?.aborted !== true && next < jobs.length) {
      // Not the parent's flags (a test runner's loaders).
      const worker = new Worker(workerFile(), { workerData: setup, execArgv: [] });
      try {
        await batch(worker);
      } catch (error) {
        failed = true;
        throw error;
      } finally {
        await worker.terminate();
      }
    }
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.max(1, Math.min(threads, jobs.length)) }, lane));
  for (const result of lanes) if (result.status === 'rejected') throw result.reason;
}

/**
 * A WOFF 1.0 font as the sfnt (TrueType or OpenType) it packs, with its family name (name IDs 1
 * and 16) set to `family`. The tables are copied as they are, in tag order, each 4-byte aligned
 * with its checksum; `head`'s whole-font checksum is left as it was (no reader checks it).
 */
export function woffToSfnt(woff: Buffer, family: string): Buffer {
  if (woff.readUInt32BE(0) !== 0x774f4646) throw new Error('not a WOFF 1.0 font');
  const flavor = woff.readUInt32BE(4);
  const count = woff.readUInt16BE(12);
  const tables: { tag: string; data: Buffer }[] = [];
  for (let i = 0; i < count; i++) {
    const entry = 44 + i * 20;
    const tag = woff.toString('latin1', entry, entry + 4);
    const offset = woff.readUInt32BE(entry + 4);
    const packed = woff.readUInt32BE(entry + 8);
    const length = woff.readUInt32BE(entry + 12);
    const bytes = woff.subarray(offset, offset + packed);
    const data = packed < length ? inflateSync(bytes) : Buffer.from(bytes);
    tables.push({ tag, data: tag === 'name' ? renamed(data, family) : data });
  }
  tables.sort((a, b) => (a.tag < b.tag ? -1 : a.tag > b.tag ? 1 : 0));
  const padded = (length: number): number => (length + 3) & ~3;
  const out = Buffer.alloc(12 + 16 * count + tables.reduce((sum, table) => sum + padded(table.data.length), 0));
  const power = 2 ** Math.floor(Math.log2(count));
  out.writeUInt32BE(flavor, 0);
  out.writeUInt16BE(count, 4);
  out.writeUInt16BE(power * 16, 6);
  out.writeUInt16BE(Math.log2(power), 8);
  out.writeUInt16BE((count - power) * 16, 10);
  let offset = 12 + 16 * count;
  tables.forEach((table, i) => {
    const entry = 12 + i * 16;
    out.write(table.tag, entry, 'latin1');
    out.writeUInt32BE(checksum(table.data), entry + 4);
    out.writeUInt32BE(offset, entry + 8);
    out.writeUInt32BE(table.data.length, entry + 12);
    table.data.copy(out, offset);
    offset += padded(table.data.length);
  });
  return out;
}

/** A table's checksum: its 32-bit big-endian words summed, the last one zero-padded. */
function checksum(data: Buffer): number {
  const padded = Buffer.alloc((data.length + 3) & ~3);
  data.copy(padded);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + padded.readUInt32BE(i)) >>> 0;
  return sum;
}

/** A `name` table (format 0) with its family names (IDs 1 and 16) set to `family`, in each record's encoding. */
function renamed(name: Buffer, family: string): Buffer {
  if (name.readUInt16BE(0) !== 0) throw new Error('a name table of format 1');
  const count = name.readUInt16BE(2);
  const storage = name.readUInt16BE(4);
  const records = Array.from({ length: count }, (_, i) => {
    const at = 6 + i * 12;
    const field = (n: number): number => name.readUInt16BE(at + n * 2);
    const [platform, encoding, language, id, length, offset] = [0, 1, 2, 3, 4, 5].map(field) as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    // Macintosh records are one byte a character; Unicode and Windows ones UTF-16, big-endian.
    const text = id === 1 || id === 16 ? (platform === 1 ? Buffer.from(family, 'latin1') : utf16be(family)) : undefined;
    return {
      platform,
      encoding,
      language,
      id,
      bytes: text ?? name.subarray(storage + offset, storage + offset + length),
    };
  });
  const head = Buffer.alloc(6 + count * 12);
  head.writeUInt16BE(count, 2);
  head.writeUInt16BE(head.length, 4);
  let offset = 0;
  records.forEach((record, i) => {
    const values = [record.platform, record.encoding, record.language, record.id, record.bytes.length, offset];
    values.forEach((value, n) => head.writeUInt16BE(value, 6 + i * 12 + n * 2));
    offset += record.bytes.length;
  });
  return Buffer.concat([head, ...records.map((record) => record.bytes)]);
}

const utf16be = (text: string): Buffer => Buffer.from(text, 'utf16le').swap16();
