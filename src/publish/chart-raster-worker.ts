/**
 * A chart drawing thread (src/publish/chart-raster.ts): draws each chart's SVG it is sent at
 * the scale it is given, on white with resvg, in the embedded fonts, and answers with the PNG.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Resvg } from '@resvg/resvg-js';
import type { RasterSetup } from './chart-raster.ts';

const { fontFiles, family, scale } = workerData as RasterSetup;

parentPort?.on('message', (svg: string) => {
  try {
    const png = new Resvg(svg, {
      fitTo: { mode: 'zoom', value: scale },
      background: '#ffffff',
      font: { fontFiles, loadSystemFonts: false, defaultFontFamily: family },
      logLevel: 'off',
    })
      .render()
      .asPng();
    // resvg's buffer is its own memory, which cannot be handed over: copied.
    parentPort?.postMessage({ png: new Uint8Array(png) });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
