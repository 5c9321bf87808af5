/**
 * `npm run bench`: performance figures of the build stages, as times and ratios measured in one run.
 * `npm run bench -- --sheets N`: the whole build at N sheets (bench/scale.ts).
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { benchCharts } from '../bench/charts.ts';
import { benchPrint } from '../bench/print.ts';
import { benchScale } from '../bench/scale.ts';
import { languages, sourceLanguage } from '../src/i18n/index.ts';

const { values, positionals } = parseArgs({
  options: { sheets: { type: 'string' }, languages: { type: 'string' }, keep: { type: 'boolean' } },
  allowPositionals: true,
});
if (values.sheets !== undefined) {
  const sheets = Number(values.sheets);
  if (!Number.isInteger(sheets) || sheets < 1) {
    process.stdout.write(`--sheets takes a whole number of sheets, at least 1 (got "${values.sheets}").\n`);
    process.exit(1);
  }
  // --languages en: only the English content (N sheets = N PDFs); default every language (3N PDFs).
  const chosen = values.languages?.split(',').map((lang) => lang.trim());
  const unknown = chosen?.filter((lang) => !(languages as readonly string[]).includes(lang)) ?? [];
  if (chosen !== undefined && (unknown.length > 0 || !chosen.includes(sourceLanguage))) {
    process.stdout.write(
      `--languages takes a comma-separated list of the site's languages (${languages.join(', ')}), ` +
        `${sourceLanguage} included, the language the sheets are written in (got "${values.languages}").\n`,
    );
    process.exit(1);
  }
  await benchScale(process.cwd(), sheets, { keep: values.keep === true, ...(chosen && { languages: chosen }) });
  process.exit(0);
}

const siteDir = positionals[0] ?? 'dist';
if (!existsSync(siteDir)) {
  process.stdout.write(`No built site in ${siteDir}: run \`npm run build\` first.\n`);
  process.exit(1);
}
const ms = (value: number): string => `${value.toFixed(2)} ms`;

const charts = await benchCharts();
const t = (timing: { medianMs: number; p90Ms: number }): string => `${ms(timing.medianMs)} / ${ms(timing.p90Ms)}`;
/** A measure as "cpu median / p90 (wall median / p90)". */
const m = (measure: { cpu: { medianMs: number; p90Ms: number }; wall: { medianMs: number; p90Ms: number } }) =>
  `${t(measure.cpu)} (wall ${t(measure.wall)})`;
process.stdout.write(
  [
    'charts: per chart, median / p90 of 11 rounds, CPU time of this process (wall-clock time in brackets)',
    '  cold = drawn without the cache; cached = what it adds to a build once drawn;',
    '  vega-lite+vega = Vega-Lite compile + Vega render of the same spec, the file given by url',
    ...charts.charts.map(
      (chart) =>
        `  ${chart.chart}: cold ${m(chart.cold)}, cached ${m(chart.cached)}, vega-lite+vega ${m(chart.reference)}, cold/vega-lite+vega ${chart.ratio.toFixed(2)}x (wall ${chart.wallRatio.toFixed(2)}x)`,
    ),
    `  all ${charts.charts.length} charts, per-chart medians: cold ${m(charts.cold)}, cached ${m(charts.cached)}, vega-lite+vega ${m(charts.reference)}`,
    `  cold / vega-lite+vega: median ${charts.ratio.medianRatio.toFixed(2)}x, p90 ${charts.ratio.p90Ratio.toFixed(2)}x (wall: median ${charts.wallRatio.medianRatio.toFixed(2)}x, p90 ${charts.wallRatio.p90Ratio.toFixed(2)}x); target <= ${charts.targetColdRatio}x median`,
    `  cached per chart: median ${ms(charts.cached.cpu.medianMs)}, p90 ${ms(charts.cached.cpu.p90Ms)}, max ${ms(charts.cachedMsPerChartMax)} CPU; target <= ${charts.targetCachedMsPerChart} ms`,
    ...charts.dataFiles.map(
      (file) => `  data/${file.file}: parsed once per build for all its charts in ${ms(file.parseMs)}`,
    ),
    ...(charts.largeExport
      ? [
          `  a large export (${charts.largeExport.rows} rows, ${charts.largeExport.columns} columns, ${(charts.largeExport.bytes / 1e6).toFixed(1)} MB) parses in ${ms(charts.largeExport.parseMs)}`,
        ]
      : []),
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
    `  fitted print per sheet, as the build prints it (the sheet without what never prints, its first look in the round trip that readies it; variants tried, each measured from the PDF): ${ms(print.fittedMs)}`,
    `  fitted print / bare page.pdf() of the sheet page as built, mean over sheets: ${print.fittedRatio.toFixed(2)}x (target <= 1.30x)`,
    ...(print.fittedCpuRatio === undefined || print.corpusCpuRatio === undefined
      ? []
      : [
          `  the same by CPU time (this process and Chromium's, summed over the rounds): mean over sheets ${print.fittedCpuRatio.toFixed(2)}x, whole corpus ${print.corpusCpuRatio.toFixed(2)}x`,
        ]),
    `  fitted print / page.pdf() with our options (tagged, outline: what the standards require), mean over sheets: ${print.fittedSameRatio.toFixed(2)}x wall${
      print.fittedSameCpuRatio === undefined || print.corpusSameCpuRatio === undefined
        ? ''
        : `, ${print.fittedSameCpuRatio.toFixed(2)}x by CPU time (whole corpus ${print.corpusSameCpuRatio.toFixed(2)}x)`
    }`,
    ...(print.ownLookCpuRatio === undefined || print.ownLookSameCpuRatio === undefined
      ? []
      : [
          `  (the fit's first look in a round trip of its own, as on a page the build navigated to: fitted / bare ${print.ownLookCpuRatio.toFixed(2)}x, / same options ${print.ownLookSameCpuRatio.toFixed(2)}x by CPU time, whole corpus)`,
        ]),
    `  the print stage as a build runs it (a pool, one worker per core, over all sheets), wall time per sheet: bare page.pdf() ${ms(print.poolBareMs)}, fitted ${ms(print.poolFittedMs)}: ${print.poolRatio.toFixed(2)}x (target <= 1.30x)`,
    `  sheets that needed a second variant: ${print.secondVariant} of ${print.sheets} (${Math.round((print.secondVariant / Math.max(1, print.sheets)) * 100)}%); prints made by the fitting: ${print.prints} for ${print.sheets} sheets`,
    '  per sheet (medians, alternating in one run): bare page.pdf(), fitted print, ratio (by CPU time; to same-options pdf by CPU time), prints, variant',
    ...print.perSheet.map(
      (sheet) =>
        `    ${sheet.slug}: ${ms(sheet.bareMs)}, ${ms(sheet.fittedMs)}, ${sheet.ratio.toFixed(2)}x (${sheet.cpuRatio?.toFixed(2) ?? '-'}x; ${sheet.sameCpuRatio?.toFixed(2) ?? '-'}x), ${sheet.prints} print${sheet.prints === 1 ? '' : 's'}, "${sheet.variant}"`,
    ),
    '',
  ].join('\n'),
);
