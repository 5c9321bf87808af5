/**
 * An image drawing thread (src/publish/raster.ts): draws each job it is sent with resvg and
 * answers with the PNG: a chart's SVG at the scale it is given, on white, in the embedded fonts; a
 * social card's elements laid out by satori first (its text as outlines), at their own size.
 */
import { readFileSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg, type RenderedImage } from '@resvg/resvg-js';
import { opaquePng } from './png.ts';
import type { RasterJob, RasterSetup } from './raster.ts';

const { fontFiles, family, scale, cardFonts, cardSize } = workerData as RasterSetup;

/** satori and the card's faces, loaded with this thread's first card (a thread drawing charts only never does). */
let cardLayout: ((tree: unknown) => Promise<string>) | undefined;
async function layOut(tree: unknown): Promise<string> {
  if (cardLayout === undefined) {
    const { default: satori } = await import('satori');
    const fonts = cardFonts.map(({ file, weight }) => ({
      name: family,
      data: readFileSync(file),
      weight: weight as 400 | 600 | 700,
      style: 'normal' as const,
    }));
    cardLayout = (element) => satori(element as never, { ...cardSize, fonts });
  }
  return cardLayout(tree);
}

/** The drawing's PNG: ours (src/publish/png.ts) when it is opaque, as every chart and card is; else resvg's. */
function encoded(image: RenderedImage): Buffer {
  return opaquePng(image.width, image.height, image.pixels) ?? image.asPng();
}

async function draw(job: RasterJob): Promise<Buffer> {
  if (typeof job === 'string')
    return encoded(
      new Resvg(job, {
        fitTo: { mode: 'zoom', value: scale },
        background: '#ffffff',
        font: { fontFiles, loadSystemFonts: false, defaultFontFamily: family },
        logLevel: 'off',
      }).render(),
    );
  // Text is outlines in satori's SVG: no font to load.
  const svg = (await layOut(job.card)).replace(/<\/svg>\s*$/, `${job.over}</svg>`);
  return encoded(new Resvg(svg, { font: { loadSystemFonts: false }, logLevel: 'off' }).render());
}

parentPort?.on('message', (job: RasterJob) => {
  draw(job).then(
    // resvg's buffer is its own memory, which cannot be handed over: copied.
    (png) => parentPort?.postMessage({ png: new Uint8Array(png) }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
