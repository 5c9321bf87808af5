/**
 * For tests/publish/raster-charts.test.ts, in a process of its own (the drawing addon's allocator
 * reads its options when the addon is first loaded): draws the chart SVG in argv[2] 16 times on
 * one thread (rasterize) and prints the page faults of the process a drawing and the purge delay
 * the drawing threads ran with, as JSON.
 *   node tests/helpers/raster-faults.ts <svg file> <font cache folder>
 */
import { readFileSync } from 'node:fs';
import { cardFontFiles, chartFontFiles, CHART_SCALE, rasterize } from '../../src/publish/raster.ts';

const [svgFile, cacheDir] = process.argv.slice(2);
if (svgFile === undefined || cacheDir === undefined) throw new Error('usage: raster-faults.ts <svg> <font cache>');
const svg = readFileSync(svgFile, 'utf8');
const drawings = 16;
const before = process.resourceUsage().minorPageFault;
await rasterize(
  Array.from({ length: drawings }, () => svg),
  {
    fontFiles: chartFontFiles(cacheDir),
    family: 'Source Sans 3',
    scale: CHART_SCALE,
    cardFonts: cardFontFiles(),
    cardSize: { width: 1200, height: 630 },
  },
  () => undefined,
  1,
);
process.stdout.write(
  JSON.stringify({
    faults: (process.resourceUsage().minorPageFault - before) / drawings,
    purgeDelay: process.env['MIMALLOC_PURGE_DELAY'],
  }),
);
