/**
 * The charts' PNGs drawn by resvg (src/publish/raster.ts): in the site's typeface at each
 * weight (the semibold face renamed to the family its @font-face rule declares), the raster
 * Chromium gives of the same SVG to within a few antialiased pixels, the same bytes whichever
 * thread draws them, nothing outside the SVG read, and a chart with text the Latin faces lack
 * left to Chromium.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createCanvas, Image } from '@napi-rs/canvas';
import { create } from 'fontkitten';
import pixelmatch from 'pixelmatch';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fontFilesDir } from '../../src/content/font-coverage.ts';
import { launchBrowser } from '../../src/print/index.ts';
import {
  cardFontFiles,
  chartFontFiles,
  CHART_SCALE,
  outsideless,
  rasterize,
  RasterError,
  resvgDraws,
  woffToSfnt,
  type RasterSetup,
} from '../../src/publish/raster.ts';
import { embeddedFontCss } from '../../src/publish/fonts.ts';
import { projectRoot } from '../helpers/fixture.ts';

/** A chart-like SVG: bars, a hairline, labels at each weight the charts use, in three languages. */
const chartSvg = (weights: readonly [number, number, number] = [400, 600, 700], extra = ''): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="432" height="180" viewBox="0 0 432 180">` +
  `<rect width="432" height="180" fill="#ffffff"/>` +
  `<rect x="12.5" y="20" width="140" height="60" fill="#0b6e8a"/>` +
  `<path d="M0.5,120.5h430" stroke="#55636d"/>` +
  `<text x="20.25" y="100" font-family="'Source Sans 3', Arial, sans-serif" font-size="13px" font-weight="${weights[0]}">Commitments 2011–2020: 21 %</text>` +
  `<text transform="translate(20.5,140)" font-family="'Source Sans 3', Arial, sans-serif" font-size="13px" font-weight="${weights[1]}">Évaluation · Achèvement* · œuvre, año, garçon</text>` +
  `<text x="420" y="170" text-anchor="end" font-family="'Source Sans 3', Arial, sans-serif" font-size="16px" font-weight="${weights[2]}">Participación ciudadana</text>` +
  `${extra}</svg>`;

/** A PNG's pixels (RGBA), decoded. */
function pixels(png: Buffer): { width: number; height: number; rgba: Uint8ClampedArray } {
  const image = new Image();
  image.src = png;
  const canvas = createCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  return { width: image.width, height: image.height, rgba: context.getImageData(0, 0, image.width, image.height).data };
}

/** The pixels that differ between two PNGs of one size, beyond antialiasing (pixelmatch). */
function differing(a: Buffer, b: Buffer): number {
  const [x, y] = [pixels(a), pixels(b)];
  expect({ width: x.width, height: x.height }).toEqual({ width: y.width, height: y.height });
  return pixelmatch(x.rgba, y.rgba, undefined, x.width, x.height, { threshold: 0.1 });
}

describe('chart PNGs drawn by resvg', () => {
  let cacheDir: string;
  let fontFiles: string[];
  let browser: Browser;
  const setup = (): RasterSetup => ({
    fontFiles,
    family: 'Source Sans 3',
    scale: CHART_SCALE,
    cardFonts: cardFontFiles(),
    cardSize: { width: 1200, height: 630 },
  });
  const draw = async (svgs: readonly string[], threads?: number): Promise<Buffer[]> => {
    const pngs: Buffer[] = [];
    await rasterize(
      svgs.map((svg) => resvgDraws(svg) as string),
      setup(),
      (index, png) => {
        pngs[index] = png;
      },
      threads,
    );
    return pngs;
  };
  /** Chromium's raster of the SVG at the same scale, the fonts inlined (as the images stage drew charts before). */
  const chromium = async (svg: string): Promise<Buffer> => {
    const context = await browser.newContext({
      viewport: { width: 800, height: 600 },
      deviceScaleFactor: CHART_SCALE,
      offline: true,
    });
    try {
      const page = await context.newPage();
      const style = `${embeddedFontCss(projectRoot)} body { margin: 0; background: #fff; } svg { display: block; }`;
      await page.setContent(`<style>${style}</style>${svg}`, { waitUntil: 'load' });
      await page.evaluate(() => document.fonts.ready.then(() => undefined));
      return await page.locator('svg').first().screenshot({ type: 'png', animations: 'disabled' });
    } finally {
      await context.close();
    }
  };

  beforeAll(async () => {
    cacheDir = mkdtempSync(path.join(tmpdir(), 'ogp-chart-raster-'));
    fontFiles = chartFontFiles(cacheDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    rmSync(cacheDir, { recursive: true, force: true });
  });

  it("keeps the memory a drawing freed for the next (its allocator's purge delay), unless the environment sets one", () => {
    // A large chart, about as many pixels as a sheet's at 3x.
    const svgFile = path.join(cacheDir, 'large-chart.svg');
    writeFileSync(
      svgFile,
      chartSvg().replace(/(width|height)="(\d+)"/g, (_, name: string, n: string) => `${name}="${Number(n) * 2}"`),
    );
    const run = (purgeDelay?: string): { faults: number; purgeDelay: string | undefined } => {
      const env: NodeJS.ProcessEnv = { ...process.env };
      delete env['MIMALLOC_PURGE_DELAY'];
      if (purgeDelay !== undefined) env['MIMALLOC_PURGE_DELAY'] = purgeDelay;
      const script = path.join(projectRoot, 'tests', 'helpers', 'raster-faults.ts');
      return JSON.parse(execFileSync(process.execPath, [script, svgFile, cacheDir], { env, encoding: 'utf8' })) as {
        faults: number;
        purgeDelay: string | undefined;
      };
    };
    const kept = [run(), run(), run()];
    // Given back at once: each drawing takes fresh pages, a page fault each.
    const given = [run('0'), run('0'), run('0')];
    expect(kept.map((r) => r.purgeDelay)).toEqual(['100', '100', '100']);
    expect(given.map((r) => r.purgeDelay)).toEqual(['0', '0', '0']);
    // About 3,700-4,500 against 9,000 a drawing of this chart. (Against mimalloc's own default of
    // 10 ms, 4,700-5,200: since the PNG is encoded in Node's memory (src/publish/png.ts), too close
    // to tell apart on a busy machine; docs/scaling.md has the stage's times with each.)
    const fewest = (runs: { faults: number }[]): number => Math.min(...runs.map((r) => r.faults));
    expect(fewest(kept)).toBeLessThan(0.7 * fewest(given));
  });

  it('unpacks each WOFF face with the family its @font-face rule declares, its tables and weight kept', () => {
    const dir = fontFilesDir('@fontsource/source-sans-3');
    const semibold = readFileSync(path.join(dir, 'source-sans-3-latin-600-normal.woff'));
    const packed = create(semibold);
    const font = create(woffToSfnt(semibold, 'Source Sans 3'));
    if (font.isCollection || packed.isCollection) throw new Error('a single face, not a collection');
    // Inside the @fontsource file the semibold face is a family of its own: why it is renamed.
    expect(packed.familyName).toBe('Source Sans 3 SemiBold');
    expect(font.familyName).toBe('Source Sans 3');
    expect(font['OS/2'].usWeightClass).toBe(600);
    expect(font.numGlyphs).toBe(packed.numGlyphs);
    expect([...font.characterSet]).toEqual([...packed.characterSet]);
    // The Latin face of each of the three weights, written once.
    expect(fontFiles).toHaveLength(3);
    expect(readdirSync(path.join(cacheDir, 'fonts'))).toHaveLength(3);
    expect(chartFontFiles(cacheDir)).toEqual(fontFiles);
  });

  it("draws Chromium's raster of the SVG at 3x, each weight in its own face", async () => {
    const svg = chartSvg();
    const [drawn] = await draw([svg]);
    const reference = await chromium(svg);
    expect(pixels(drawn as Buffer)).toMatchObject({ width: 432 * 3, height: 180 * 3 });
    // A few antialiased pixels at most (about 1,000 of 700,000).
    expect(differing(drawn as Buffer, reference)).toBeLessThan(1500);
    // The check can fail: the semibold line drawn in the regular face differs in thousands of pixels.
    const [regular] = await draw([chartSvg([400, 400, 700])]);
    expect(differing(regular as Buffer, reference)).toBeGreaterThan(3000);
  });

  it('gives the same bytes whichever thread draws a chart, in the order asked', async () => {
    const svgs = [chartSvg(), chartSvg([700, 600, 400]), chartSvg(), chartSvg([700, 600, 400]), chartSvg()];
    const [one, two] = [await draw(svgs, 1), await draw(svgs, 2)];
    expect(two.map((png) => png.equals(one[0] as Buffer))).toEqual([true, false, true, false, true]);
    expect(two.every((png, i) => png.equals(one[i] as Buffer))).toBe(true);
  });

  it('reads nothing outside the SVG: an image from a file is left out, one inside it drawn', async () => {
    const file = path.join(cacheDir, 'outside.png');
    writeFileSync(file, (await draw([chartSvg()]))[0] as Buffer);
    const image = (href: string): string => `<image href="${href}" x="300" y="10" width="100" height="60"/>`;
    const inside = `data:image/png;base64,${readFileSync(file).toString('base64')}`;
    const [plain, fromFile, relative, escaped, fromData] = await draw([
      chartSvg(),
      chartSvg(undefined, image(file)),
      chartSvg(undefined, image(path.relative(process.cwd(), file))),
      chartSvg(undefined, image(file.replaceAll('/', '&#47;'))),
      chartSvg(undefined, image(inside)),
    ]);
    expect(fromFile?.equals(plain as Buffer)).toBe(true);
    expect(relative?.equals(plain as Buffer)).toBe(true);
    expect(escaped?.equals(plain as Buffer)).toBe(true);
    expect(fromData?.equals(plain as Buffer)).toBe(false);
    expect(outsideless(`<a xlink:href='https://example.org/'><use href="#bar"/></a>`)).toBe(
      `<a xlink:href=""><use href="#bar"/></a>`,
    );
  });

  it('names the chart resvg could not draw, once no thread draws any more', async () => {
    const broken = '<svg xmlns="http://www.w3.org/2000/svg"><rect';
    const failed = rasterize([chartSvg(), broken, chartSvg()], setup(), () => undefined);
    await expect(failed).rejects.toBeInstanceOf(RasterError);
    await expect(failed).rejects.toMatchObject({ index: 1 });
  });

  it('leaves to Chromium a chart with text the Latin faces do not draw', () => {
    expect(resvgDraws(chartSvg())).toBe(chartSvg());
    for (const text of ['Łódź', 'Győr', 'Česko', 'Ελλάδα', '漢字', '&#x141;odz', '&#321;odz'])
      expect(resvgDraws(chartSvg(undefined, `<text x="1" y="9">${text}</text>`)), text).toBeUndefined();
  });
});
