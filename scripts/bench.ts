/** `npm run bench`: performance figures of the build stages, as times and ratios measured in one run. */
import { existsSync } from 'node:fs';
import { benchCharts } from '../bench/charts.ts';
import { benchPrint } from '../bench/print.ts';

const siteDir = process.argv[2] ?? 'dist';
if (!existsSync(siteDir)) {
  process.stdout.write(`No built site in ${siteDir}: run \`npm run build\` first.\n`);
  process.exit(1);
}
const ms = (value: number): string => `${value.toFixed(1)} ms`;

const charts = await benchCharts();
process.stdout.write(
  [
    'charts: median per chart; "cached" is what a chart adds to a build once drawn (target < 5 ms)',
    ...charts.charts.map(
      (chart) =>
        `  ${chart.chart}: uncached ${ms(chart.uncachedMs)}, cached ${ms(chart.cachedMs)} (${chart.ratio.toFixed(1)}x faster)`,
    ),
    ...charts.dataFiles.map(
      (file) => `  data/${file.file}: parsed once per build for all its charts in ${ms(file.parseMs)}`,
    ),
    `  a large export (${charts.largeExport.rows} rows, ${charts.largeExport.columns} columns, ${(charts.largeExport.bytes / 1e6).toFixed(1)} MB) parses in ${ms(charts.largeExport.parseMs)}`,
    '',
  ].join('\n'),
);

const print = await benchPrint({ siteDir });
process.stdout.write(
  [
    `print: ${print.sheets} sheet(s), median of ${print.rounds} rounds on already-loaded pages`,
    `  our print step per sheet (pdf + post-process + write): ${ms(print.printMs)}`,
    `  bare page.pdf() per sheet:                             ${ms(print.barePdfMs)}`,
    `  page.pdf() with our options (A4, tagged, outline):     ${ms(print.optionsPdfMs)}`,
    `  ratio to bare page.pdf():      ${print.ratio.toFixed(2)}x (target <= 1.20x)`,
    `  ratio to same-options pdf():   ${print.ratioSameOptions.toFixed(2)}x`,
    '',
  ].join('\n'),
);
