/**
 * The images stage alone, for bench/print-ab.ts: draws the chart PNGs of a bench project's built
 * site (from its SVG files) and a social card a sheet, into a folder of its own, the image cache
 * emptied first. Prints "setup: done" and "images: done in N ms" (the CPU between the two lines is
 * the stage's), then `@@bare {"pages"}`: the images drawn.
 *   node bench/images-stage.ts <bench project root (kept by npm run bench -- --keep)>
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { renderImages, type ChartImageJob, type SocialCardJob } from '../src/publish/images.ts';
const root = process.argv[2];
if (root === undefined) throw new Error('usage: node bench/images-stage.ts <bench project root>');
const site = mkdtempSync(path.join(tmpdir(), 'images-ab-'));
const areas = path.join(root, 'dist', 'policy-areas');
const charts: ChartImageJob[] = [];
const cards: SocialCardJob[] = [];
for (const slug of readdirSync(areas)) {
  mkdirSync(path.join(site, 'policy-areas', slug), { recursive: true });
  for (const file of readdirSync(path.join(areas, slug)).filter((f) => f.endsWith('.svg'))) {
    cpSync(path.join(areas, slug, file), path.join(site, 'policy-areas', slug, file));
    charts.push({
      svgFile: `policy-areas/${slug}/${file}`,
      pngFile: `policy-areas/${slug}/${file.replace(/\.svg$/, '.png')}`,
    });
  }
  const html = readFileSync(path.join(areas, slug, 'index.html'), 'utf8');
  const title = /<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? slug;
  cards.push({
    file: `policy-areas/${slug}/social-card.png`,
    card: {
      lang: 'en',
      title,
      area: 'Digital governance',
      edition: '15 March 2021',
      figure: { value: '102', label: 'commitments', illustrative: false },
    },
  });
}
rmSync(path.join(root, '.cache', 'images'), { recursive: true, force: true });
process.stdout.write('setup: done in 0 ms\n');
const t = performance.now();
await renderImages({ root, siteDir: site, charts, cards });
process.stdout.write(
  `images: done in ${Math.round(performance.now() - t)} ms\n@@bare ${JSON.stringify({ pages: charts.length + cards.length })}\n`,
);
rmSync(site, { recursive: true, force: true });
