/** `npm run bench`: performance figures of the build stages, printed with their ratios. */
import { existsSync } from 'node:fs';
import { benchPrint } from '../bench/print.ts';

const siteDir = process.argv[2] ?? 'dist';
if (!existsSync(siteDir)) {
  process.stdout.write(`No built site in ${siteDir}: run \`npm run build\` first.\n`);
  process.exit(1);
}
if (existsSync(new URL('../bench/charts.ts', import.meta.url))) {
  const charts = (await import('../bench/charts.ts' as string)) as Record<string, unknown>;
  const fn = Object.values(charts).find((v): v is () => Promise<unknown> => typeof v === 'function');
  if (fn !== undefined) process.stdout.write(`charts: ${JSON.stringify(await fn(), null, 2)}\n`);
}
const p = await benchPrint({ siteDir });
const f = (ms: number): string => `${ms.toFixed(1)} ms`;
process.stdout.write(
  [
    `print: ${p.sheets} sheet(s), median of ${p.rounds} rounds on already-loaded pages`,
    `  our print step per sheet (pdf + post-process + write): ${f(p.printMs)}`,
    `  bare page.pdf() per sheet:                             ${f(p.barePdfMs)}`,
    `  page.pdf() with our options (A4, tagged, outline):     ${f(p.optionsPdfMs)}`,
    `  ratio to bare page.pdf():      ${p.ratio.toFixed(2)}x (target <= 1.20x)`,
    `  ratio to same-options pdf():   ${p.ratioSameOptions.toFixed(2)}x`,
  ].join('\n') + '\n',
);
