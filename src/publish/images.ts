/**
 * Stage "images": the site's raster images, drawn after the pages, offline and with stable bytes
 * (a fixed size and scale, no clock): each chart's PNG download, a 3x raster of its SVG download,
 * and each sheet's 1200x630 social card. A chart or card whose text the typeface's Latin faces draw
 * (all but a few) is drawn by resvg in worker threads (raster.ts; a card laid out by satori
 * first), meanwhile the others by the installed Chromium the print stage uses (fonts inlined, no
 * server, nothing fetched).
 *
 * Each image is the raster of one text: a chart's SVG or a card's elements for resvg, a
 * self-contained HTML text (fonts inlined, the SVG in it) for Chromium. So an image is kept in
 * .cache/images under a hash of that text and of what draws it: resvg's and satori's versions,
 * their code and fonts (rasterIdentity), or the
 * viewport and scale, this module's code, the browser's version and flags and the system fonts
 * (imageIdentity); a build draws only the images whose hash is new, and launches no browser when
 * Chromium has none to draw. The HTML is not loaded whole for each image: its part every image of a
 * kind shares (the fonts, the style: ~200 KB) is loaded once per page, and each image's <body>
 * swapped in (show).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, CDPSession, Page } from 'playwright-core';
import { BROWSER_ARGS } from '../print/browser.ts';
import { framesOnDemand, withFrames } from '../print/frames.ts';
import { findBrowser, launchBrowser } from '../print/index.ts';
import {
  browserVersion,
  checkedFile,
  fileStamp,
  keepCacheFile,
  placeCachedFile,
  systemFontsHash,
} from '../print/cache.ts';
import {
  cardDraws,
  cardFontFiles,
  chartFontFiles,
  CHART_SCALE,
  rasterIdentity,
  rasterize,
  RasterError,
  resvgDraws,
  type RasterJob,
} from './raster.ts';
import { embeddedFonts } from '../content/font-coverage.ts';
import { embeddedFontCss } from './fonts.ts';
import {
  CARD_HEIGHT,
  CARD_WIDTH,
  socialCardBody,
  socialCardHtml,
  socialCardPage,
  socialCardRings,
  socialCardTree,
  type SocialCard,
} from './social-card.ts';

/** A chart's PNG, drawn from its SVG file; both paths relative to the site directory. */
export interface ChartImageJob {
  svgFile: string;
  pngFile: string;
}

/** A social card and where it goes, relative to the site directory. */
export interface SocialCardJob {
  file: string;
  card: SocialCard;
}

/** A social card's viewport: the card is exactly its size. */
const CARD_VIEWPORT = { width: CARD_WIDTH, height: CARD_HEIGHT };

/** The image cache, under the project root. */
export const IMAGE_CACHE = '.cache/images';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * What every image depends on besides its HTML: this code, playwright-core, the browser and the
 * flags it is launched with (`--font-render-hinting` changes every glyph's raster), the fallback fonts.
 * Not whether its frames are drawn on demand (frames.ts): the same pixels either way
 * (tests/publish/images.test.ts draws with them on and compares with a browser without).
 */
export async function imageIdentity(browserArgs: readonly string[] = BROWSER_ARGS): Promise<string> {
  const require = createRequire(import.meta.url);
  const playwright = require('playwright-core/package.json') as { version: string };
  return sha256(
    JSON.stringify({
      code: sha256(readFileSync(import.meta.filename)),
      playwright: playwright.version,
      browser: await browserVersion(findBrowser()),
      args: browserArgs,
      fonts: systemFontsHash(),
    }),
  );
}

/** A PNG drawn by resvg (raster.ts): a chart's SVG file's text, made safe to draw, or a card's elements. */
interface RasterDrawing {
  file: string;
  job: RasterJob;
  kind: 'raster';
}

/** An image to draw, by resvg or in Chromium. */
type Image = RasterDrawing | Drawing;

/** One image to draw in Chromium: its HTML, the page it is drawn on, and how it is captured. */
interface Drawing {
  file: string;
  /**
   * The HTML it is the raster of: `shell` with `body` as its <body>'s content and, for a card,
   * `lang` as its <html>'s language. Made only when drawn whole (see swappable).
   */
  html: () => string;
  /** The document every image of its kind is drawn in, with an empty body (the fonts inlined: ~200 KB). */
  shell: string;
  body: string;
  lang?: string;
  /** The same HTML with a placeholder for the inlined fonts (hashed into the identity once): its cache key. */
  keyText: string;
  kind: 'chart' | 'card';
}

/** The page a chart's PNG is drawn from: its SVG file's text (without the XML declaration), on white. */
export const chartHtml = (svg: string, fontCss: string): string =>
  `<style>${fontCss} body { margin: 0; background: #fff; } svg { display: block; }</style>${svg}`;

/**
 * Whether a body can be swapped into its loaded shell and give the raster of its whole HTML:
 * not when it loads anything (an image, a stylesheet, a font, a frame: the page's `load`, which
 * a whole HTML is drawn after, does not wait for what a swap starts) or has a script (a swap
 * does not run it). Those are drawn from their whole HTML, as before. The site's own charts and
 * cards have none of these.
 */
export const swappable = (body: string): boolean =>
  !/<(?:img|image|script|link|iframe|object|embed|video|audio|source|use|feimage|picture|input)\b|url\(|@import|\b(?:src|href)\s*=/i.test(
    body,
  );

/** Stands for the inlined fonts in an image's key. */
const FONTS = '\0fonts\0';

/**
 * Draws every image into `siteDir`, or copies it from the image cache; returns the images drawn
 * (not found in the cache), by their path in the site.
 */
export async function renderImages(options: {
  root: string;
  siteDir: string;
  charts: readonly ChartImageJob[];
  cards: readonly SocialCardJob[];
  /** The browser to draw in, left open for the next stage (src/print: sharedBrowser); default a browser of its own. */
  browser?: () => Promise<Browser>;
}): Promise<string[]> {
  return (await planImages(options)).draw();
}

/** The images stage once it has looked its images up in the cache (planImages). */
export interface ImagePlan {
  /** The images to draw: those not found in the cache. */
  missing: number;
  /** Draws them and keeps the cache bounded; resolves with the images drawn, by their path in the site. */
  draw(): Promise<string[]>;
}

/**
 * renderImages in two steps: the images found in the image cache are copied into siteDir now,
 * the others are drawn by the plan's `draw()` (src/pipeline.ts runs the search stage
 * alongside when there are few).
 */
export async function planImages(options: Parameters<typeof renderImages>[0]): Promise<ImagePlan> {
  const { charts, cards } = options;
  if (charts.length === 0 && cards.length === 0) return { missing: 0, draw: () => Promise.resolve([]) };
  const place = (file: string, cached: string, digest: string, bytes?: Uint8Array): void =>
    placeCachedFile(cached, path.join(options.siteDir, file), bytes, digest);
  const found = await lookUp(options, place);
  return {
    missing: found.missing.length,
    draw: () => drawMissing(options, found, place),
  };
}

/**
 * Each PNG's sha256 and stamp in the image cache, by key (`sums.v2.json` there): a cached image is
 * linked into the site (placeCachedFile), so one changed in place in a built site would change
 * the cache's too; checked against its sum (checkedFile: read only when its stamp changed), it is
 * drawn again. An image cached before the sums were kept gets its sum when first used.
 */
const SUMS = 'sums.v2.json';

/** A PNG's sha256 and its file's stamp (src/print/cache.ts fileStamp). */
type Sum = { sha256: string; stamp?: string | undefined };

function readSums(cacheDir: string): Map<string, Sum> {
  const sums = new Map<string, Sum>();
  try {
    const known = JSON.parse(readFileSync(path.join(cacheDir, SUMS), 'utf8')) as unknown;
    if (typeof known === 'object' && known !== null && !Array.isArray(known))
      for (const [key, value] of Object.entries(known))
        if (Array.isArray(value) && typeof value[0] === 'string' && typeof value[1] === 'string')
          sums.set(key, { sha256: value[0], stamp: value[1] });
  } catch {
    // none yet, or damaged: every image's sum is taken again
  }
  return sums;
}

/**
 * The social cards of `cards` not in the image cache, drawn into it now when there are at most
 * `most` (an edit's rebuild: a card a language of the sheets edited; a cold build: all of them,
 * until `stop`): the cards are made from the content alone, so they can be drawn while Astro
 * builds the pages, and the images stage then finds them in the cache. Returns the cards drawn
 * (their path in the site), none when there were more. The cache is not pruned here (the images
 * stage does, knowing every image of the build).
 */
export async function drawCardsAhead(options: {
  root: string;
  cards: readonly SocialCardJob[];
  browser: () => Promise<Browser>;
  most: number;
  /** resvg's threads (one per core by default), and when to stop: DrawAhead. */
  ahead?: DrawAhead;
  /**
   * A page to draw them in, lent by the print (SharedBrowser.printPage) and given back with its
   * viewport as it was: no context and page made for them (drawInLentPage).
   */
  page?: () => Promise<Page | undefined>;
}): Promise<string[]> {
  const plan = { root: options.root, siteDir: '', charts: [], cards: options.cards, browser: options.browser };
  const found = await lookUp(plan);
  const { missing, cacheDir, keyOf, sums } = found;
  if (missing.length === 0 || missing.length > options.most) return [];
  // Cards only (no chart was looked up): drawn by satori and resvg in a thread, or by Chromium.
  const cards = missing.filter((drawing): drawing is Drawing => drawing.kind === 'card');
  const lent =
    cards.length > 0 && cards.every((drawing) => swappable(drawing.body)) ? await options.page?.() : undefined;
  if (lent === undefined) return drawMissing(plan, found, () => undefined, false, options.ahead);
  const keep = (drawing: Image, png: Buffer): void => keepDrawn(drawing, png, cacheDir, keyOf, sums);
  const rasters = missing.filter((drawing): drawing is RasterDrawing => drawing.kind === 'raster');
  const drawn = await Promise.allSettled([
    drawInLentPage(lent, cards, keep),
    drawRasters(rasters, found.fontFiles, keep),
  ]);
  for (const result of drawn) if (result.status === 'rejected') throw result.reason;
  return missing.map((drawing) => drawing.file);
}

/**
 * Draws cards in a page that is not the images stage's own (drawCardsAhead): given the cards'
 * viewport and scale as newPage gives its pages, each card's body swapped into its shell (show:
 * only cards that load nothing, so nothing is fetched in a context that is not offline), and the
 * page's viewport set back after, its protocol session (and its metrics) gone. A page that could
 * not be set back is closed: whoever lent it opens another.
 */
async function drawInLentPage(
  page: Page,
  cards: readonly Drawing[],
  keep: (drawing: Drawing, png: Buffer) => void,
): Promise<void> {
  const viewport = page.viewportSize();
  let restored = false;
  try {
    await page.setViewportSize(CARD_VIEWPORT);
    const session = await page.context().newCDPSession(page);
    await emulate(session, CARD_VIEWPORT, 1);
    let shell: string | undefined;
    for (const drawing of cards) {
      shell = (await show(page, drawing, shell)).shell;
      keep(drawing, await drawViewport(page, session));
    }
    await session.send('Emulation.clearDeviceMetricsOverride');
    await session.detach();
    if (viewport !== null) await page.setViewportSize(viewport);
    restored = true;
  } finally {
    if (!restored) await page.close().catch(() => undefined);
  }
}

/** A drawn PNG into the cache (its sum kept), then into the site as a link to it (as an image found there is). */
function keepDrawn(
  drawing: Image,
  png: Buffer,
  cacheDir: string,
  keyOf: (drawing: Image) => string,
  sums: Map<string, Sum>,
  place?: (file: string, cached: string, digest: string, bytes: Uint8Array) => void,
): void {
  const cached = path.join(cacheDir, `${keyOf(drawing)}.png`);
  keepCacheFile(cached, png);
  const digest = sha256(png);
  sums.set(keyOf(drawing), { sha256: digest, stamp: fileStamp(cached) });
  place?.(drawing.file, cached, digest, png);
}

/** What lookUp found: the images to draw, the cache, the keys and sums, resvg's fonts (none without a chart for it). */
interface LookedUp {
  missing: Image[];
  cacheDir: string;
  used: Set<string>;
  keyOf: (drawing: Image) => string;
  sums: Map<string, Sum>;
  fontFiles: string[];
}

/**
 * The drawings of a plan, each found in the cache (its sum checked) put into the site with `place`,
 * or without it only looked for (drawCardsAhead: not read); those that are not, the keys and the sums.
 */
async function lookUp(
  options: Parameters<typeof renderImages>[0],
  place?: (file: string, cached: string, digest: string) => void,
): Promise<LookedUp> {
  const { root, siteDir, charts, cards } = options;
  const fontCss = embeddedFontCss(root);
  // One shell a kind: the same string for every image of it (a page knows it has it loaded).
  const chartShell = chartHtml('', fontCss);
  const cardShell = socialCardPage('', fontCss, '');
  const drawings: Image[] = [
    ...charts.map((job): Image => {
      const svgFile = readFileSync(path.join(siteDir, job.svgFile), 'utf8');
      const safe = resvgDraws(svgFile);
      if (safe !== undefined) return { file: job.pngFile, job: safe, kind: 'raster' };
      const svg = svgFile.replace(/^<\?xml[^>]*>\s*/, '');
      return {
        file: job.pngFile,
        html: () => chartHtml(svg, fontCss),
        shell: chartShell,
        body: svg,
        keyText: chartHtml(svg, FONTS),
        kind: 'chart',
      };
    }),
    ...cards.map((job): Image => {
      const tree = socialCardTree(job.card);
      if (cardDraws(tree)) return { file: job.file, job: { card: tree, over: socialCardRings() }, kind: 'raster' };
      return {
        file: job.file,
        html: () => socialCardHtml(job.card, fontCss),
        shell: cardShell,
        body: socialCardBody(job.card),
        lang: job.card.lang,
        keyText: socialCardHtml(job.card, FONTS),
        kind: 'card',
      };
    }),
  ];
  const cacheDir = path.join(root, IMAGE_CACHE);
  const identity = sha256(`${await imageIdentity()}\0${sha256(fontCss)}`);
  const fontFiles = drawings.some((drawing) => drawing.kind === 'raster') ? chartFontFiles(cacheDir) : [];
  const drawnBy = fontFiles.length > 0 ? rasterIdentity(fontFiles) : '';
  const keyOf = (drawing: Image): string =>
    drawing.kind === 'raster'
      ? sha256(
          typeof drawing.job === 'string'
            ? `${drawnBy}\0raster\0${drawing.job}`
            : `${drawnBy}\0card\0${JSON.stringify(drawing.job)}`,
        )
      : sha256(`${identity}\0${drawing.kind}\0${drawing.keyText}`);
  const used = new Set<string>();
  const missing: Image[] = [];
  const sums = readSums(cacheDir);
  for (const drawing of drawings) {
    const key = keyOf(drawing);
    used.add(key);
    const file = path.join(cacheDir, `${key}.png`);
    if (place === undefined) {
      if (statSync(file, { throwIfNoEntry: false }) === undefined) missing.push(drawing);
      continue;
    }
    const checked = checkedFile(file, sums.get(key) ?? {});
    if (checked === undefined) missing.push(drawing);
    else {
      sums.set(key, checked);
      place(drawing.file, file, checked.sha256);
    }
  }
  return { missing, cacheDir, used, keyOf, sums, fontFiles };
}

/**
 * How drawCardsAhead draws with resvg: in at most `threads` threads, and no more once `stop` is
 * aborted (the images stage draws the rest).
 */
interface DrawAhead {
  threads?: number;
  stop?: AbortSignal;
}

/**
 * Draws the images not found in the cache (planImages), then prunes the cache to `used`. Returns
 * the images drawn (their path in the site): all of them, but for those resvg was stopped before
 * (`ahead.stop`).
 */
async function drawMissing(
  options: Parameters<typeof renderImages>[0],
  { missing, cacheDir, used, keyOf, sums, fontFiles }: LookedUp,
  place: (file: string, cached: string, digest: string, bytes: Uint8Array) => void,
  pruned = true,
  ahead: DrawAhead = {},
): Promise<string[]> {
  const rasters = missing.filter((drawing): drawing is RasterDrawing => drawing.kind === 'raster');
  const inBrowser = missing.filter((drawing): drawing is Drawing => drawing.kind !== 'raster');
  const drawn = new Set<Image>();
  const keep = (drawing: Image, png: Buffer): void => {
    keepDrawn(drawing, png, cacheDir, keyOf, sums, place);
    drawn.add(drawing);
  };
  // Both at once: resvg's threads beside Chromium's processes (which keep about 1.4 of 2 cores busy alone).
  const drawing = [drawRasters(rasters, fontFiles, keep, ahead), drawInBrowser(options, inBrowser, keep)];
  // Both settled before a failure is thrown: neither writes into the cache after this returns.
  for (const result of await Promise.allSettled(drawing)) if (result.status === 'rejected') throw result.reason;
  if (pruned) prune(cacheDir, used, sums);
  return missing.filter((image) => drawn.has(image)).map((image) => image.file);
}

/** Draws the images resvg draws (charts, cards) in threads (rasterize), calling `keep` with each PNG. */
async function drawRasters(
  rasters: readonly RasterDrawing[],
  fontFiles: string[],
  keep: (drawing: RasterDrawing, png: Buffer) => void,
  { threads, stop }: DrawAhead = {},
): Promise<void> {
  if (rasters.length === 0) return;
  const setup = {
    fontFiles,
    family: embeddedFonts[0].family,
    scale: CHART_SCALE,
    cardFonts: cardFontFiles(),
    cardSize: CARD_VIEWPORT,
  };
  await rasterize(
    rasters.map((raster) => raster.job),
    setup,
    (index, png) => keep(rasters[index] as RasterDrawing, png),
    threads,
    stop,
  ).catch((error: unknown) => {
    if (!(error instanceof RasterError)) throw error;
    throw new Error(`${rasters[error.index]?.file ?? 'an image'}: ${error.message}`, { cause: error });
  });
}

/** Draws the images Chromium draws, one page per kind and core, calling `keep` with each PNG. */
async function drawInBrowser(
  options: Parameters<typeof renderImages>[0],
  missing: readonly Drawing[],
  keep: (drawing: Drawing, png: Buffer) => void,
): Promise<void> {
  if (missing.length > 0) {
    let browser: Browser | undefined;
    let own = true;
    const contexts: BrowserContext[] = [];
    try {
      const given = options.browser === undefined ? undefined : await options.browser();
      // A shared browser whose pages draw frames only on demand (the print's, frames.ts) cannot
      // capture a clip of a page (a chart): the images are drawn in one of their own, as usual.
      const drawWith = given !== undefined && !framesOnDemand(given) ? given : await launchBrowser();
      own = drawWith !== given;
      browser = drawWith;
      // One worker per core, each with a page per kind of image.
      let next = 0;
      const worker = async (): Promise<void> => {
        const pages: Partial<
          Record<Drawing['kind'], { page: Page; session: CDPSession; drawn: number; shell?: string | undefined }>
        > = {};
        while (next < missing.length) {
          const drawing = missing[next++] as Drawing;
          // A page is replaced after DRAWINGS_PER_PAGE drawings, as the print pool's pages are: a
          // renderer given document after document keeps memory that grows with the images drawn.
          const used = pages[drawing.kind];
          if (used !== undefined && used.drawn >= DRAWINGS_PER_PAGE) {
            await used.page.context().close();
            contexts.splice(contexts.indexOf(used.page.context()), 1);
            delete pages[drawing.kind];
          }
          const slot = (pages[drawing.kind] ??= {
            ...(drawing.kind === 'chart'
              ? await newPage(drawWith, contexts, { width: 800, height: 600 }, CHART_SCALE)
              : await newPage(drawWith, contexts, CARD_VIEWPORT, 1)),
            drawn: 0,
          });
          slot.drawn++;
          const shown = await show(slot.page, drawing, slot.shell);
          slot.shell = shown.shell;
          const png =
            shown.box !== undefined
              ? await drawChart(slot.page, slot.session, shown.box)
              : await drawViewport(slot.page, slot.session);
          keep(drawing, png);
        }
      };
      await Promise.all(Array.from({ length: Math.min(availableParallelism(), missing.length) }, worker));
    } finally {
      // A browser of its own is closed; a shared one only loses this stage's contexts.
      if (own) await browser?.close().catch(() => undefined);
      else await Promise.all(contexts.map((context) => context.close().catch(() => undefined)));
    }
  }
}

/** Keeps the cache bounded: this build's images, and as many others (the newest first); and their sums. */
function prune(cacheDir: string, used: ReadonlySet<string>, sums: ReadonlyMap<string, Sum>): void {
  if (!existsSync(cacheDir)) return;
  const others = readdirSync(cacheDir)
    .filter((name) => name.endsWith('.png') && !used.has(name.slice(0, -'.png'.length)))
    .map((name) => ({ name, time: statSync(path.join(cacheDir, name), { throwIfNoEntry: false })?.mtimeMs ?? 0 }))
    .sort((a, b) => b.time - a.time || a.name.localeCompare(b.name));
  for (const { name } of others.slice(used.size)) rmSync(path.join(cacheDir, name), { force: true });
  const kept = new Set([...used, ...others.slice(0, used.size).map(({ name }) => name.slice(0, -'.png'.length))]);
  const known = [...sums]
    .filter(([key, sum]) => kept.has(key) && sum.stamp !== undefined)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, sum]) => [key, [sum.sha256, sum.stamp]]);
  keepCacheFile(path.join(cacheDir, SUMS), JSON.stringify(Object.fromEntries(known)));
}

/**
 * Drawings a page makes before it is closed and a fresh one opened. Measured at 100 sheets in
 * three languages (900 images, 2 workers): one page per kind and worker, the stage peaked at
 * 1.74 GB; replaced every 25 drawings, 1.26 GB but 20% more CPU (a fresh renderer draws its first
 * images slower); every 100, 1.47 GB, no CPU cost seen, and the same dist/ bytes (901 PNGs).
 */
const DRAWINGS_PER_PAGE = 100;

async function newPage(
  browser: Browser,
  contexts: BrowserContext[],
  viewport: { width: number; height: number },
  scale: number,
): Promise<{ page: Page; session: CDPSession }> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: scale,
    javaScriptEnabled: true,
    serviceWorkers: 'block',
    // Nothing drawn here may come from the network: every request is refused.
    offline: true,
  });
  contexts.push(context);
  await context.route('**/*', (route) => route.abort());
  const page = await context.newPage();
  const session = await context.newCDPSession(page);
  await emulate(session, viewport, scale);
  return { page, session };
}

/**
 * The protocol session the images are captured in (capture) given the page's viewport and scale.
 * A capture with a clip changes the page's device metrics for a moment and then sets back the
 * ones *its session* knows: without this override (the viewport and scale Playwright set in its
 * own session), that would be none, and every later image would be drawn at a scale of 1.
 */
async function emulate(session: CDPSession, viewport: { width: number; height: number }, scale: number): Promise<void> {
  await session.send('Emulation.setDeviceMetricsOverride', {
    ...viewport,
    deviceScaleFactor: scale,
    mobile: false,
    screenWidth: viewport.width,
    screenHeight: viewport.height,
    screenOrientation: { angle: 0, type: 'landscapePrimary' },
  });
}

/** Where a chart's <svg> is, in whole CSS pixels (show), and whether that is inside the viewport. */
interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
  fits: boolean;
}

/**
 * The chart's <svg> as a PNG at the page's device scale. Captured through the DevTools protocol:
 * Playwright's element screenshot gives the same bytes, but first makes its checks (the element
 * visible, stable over two animation frames, scrolled into view, animations and caret disabled,
 * fonts awaited again), round trips and extra frames that cost a fifth of an image's CPU (108 ->
 * 88 ms an image, Chromium included). Nothing here moves or waits: the fonts are ready (show),
 * the SVG has no animation. (`optimizeForSpeed` would save 8% more, for PNGs a third larger.)
 * A chart larger than the viewport is left to Playwright, which captures beyond it (in a browser
 * with the usual frames: drawInBrowser). `box` is where show found the chart.
 */
async function drawChart(page: Page, session: CDPSession, box: Box): Promise<Buffer> {
  if (!box.fits) return page.locator('svg').first().screenshot({ type: 'png', animations: 'disabled' });
  const { x, y, width, height } = box;
  // A scale of 1 is the page's own: CHART_SCALE device pixels a CSS pixel (newPage).
  return capture(page, session, { clip: { x, y, width, height, scale: 1 } });
}

/** The whole viewport (a social card is exactly its size) as a PNG; see drawChart. */
const drawViewport = (page: Page, session: CDPSession): Promise<Buffer> => capture(page, session, {});

/** A screenshot, sent the frames it waits for when the print's browser draws them only on demand (withFrames). */
async function capture(
  page: Page,
  session: CDPSession,
  options: { clip?: { x: number; y: number; width: number; height: number; scale: number } },
): Promise<Buffer> {
  const { data } = await withFrames(page, session, () =>
    session.send('Page.captureScreenshot', { format: 'png', ...options }),
  );
  return Buffer.from(data, 'base64');
}

/**
 * Shows the drawing's HTML in the page, its fonts ready, so the raster never catches a fallback
 * font; `shell` is the shell the page has loaded (none: another document), and the one it has
 * after is returned. The fonts inlined in the shell are parsed and decoded once a page: the
 * shell is loaded (and every face in it loaded) when the page does not have it yet, then the
 * drawing's body (and language) swapped into it, the previous drawing's removed. The DOM is the
 * one the whole HTML parses to (the parser puts the content after the shell's <style> into the
 * <body> the same way), so is the raster: tests/publish/images.test.ts compares each image with
 * Playwright's screenshot of its whole HTML in a fresh page, byte for byte. A body that could
 * not give the same (swappable) is drawn from its whole HTML.
 */
async function show(
  page: Page,
  drawing: Drawing,
  shell: string | undefined,
): Promise<{ shell: string | undefined; box: Box | undefined }> {
  const swap = swappable(drawing.body);
  if (!swap) await page.setContent(drawing.html(), { waitUntil: 'load' });
  else if (shell !== drawing.shell) {
    await page.setContent(drawing.shell, { waitUntil: 'load' });
    // Every face now: a later body's text never waits for one (or is drawn before one is in).
    await page.evaluate(() => Promise.all(Array.from(document.fonts, (face) => face.load())).then(() => undefined));
  }
  // One round trip: the swap (if any), the fonts awaited, and a chart's box measured.
  const box = await page.evaluate(
    async ([body, lang, measure]) => {
      if (body !== null) {
        if (lang !== null) document.documentElement.setAttribute('lang', lang);
        document.body.innerHTML = body;
        // Style and layout now, so any font the body needed would be loading before `ready` is read.
        document.body.getBoundingClientRect();
      }
      await document.fonts.ready;
      if (!measure) return undefined;
      const rect = (document.querySelector('svg') as SVGSVGElement).getBoundingClientRect();
      // The smallest rectangle of whole CSS pixels around it, as Playwright's element screenshot takes.
      const x = Math.floor(rect.left + 1e-3);
      const y = Math.floor(rect.top + 1e-3);
      const width = Math.ceil(rect.right - 1e-3) - x;
      const height = Math.ceil(rect.bottom - 1e-3) - y;
      const fits = x >= 0 && y >= 0 && x + width <= window.innerWidth && y + height <= window.innerHeight;
      return { x, y, width, height, fits };
    },
    [swap ? drawing.body : null, drawing.lang ?? null, drawing.kind === 'chart'] as const,
  );
  return { shell: swap ? drawing.shell : undefined, box };
}
