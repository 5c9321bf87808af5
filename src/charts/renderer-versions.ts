/**
 * The versions of what draws a chart, for the chart cache key (src/charts/render.ts): Vega's and
 * Vega-Lite's, read from their package.json files rather than from the packages themselves, and
 * the metrics font's (src/charts/text-metrics.ts). So a build or check whose charts are all in the
 * cache never loads Vega: about 250 modules, 0.25 s of CPU a process.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { embeddedFonts } from '../content/font-coverage.ts';

const versionIn = (packageJson: string): string =>
  (JSON.parse(readFileSync(packageJson, 'utf8')) as { version: string }).version;

// Resolved as Node's require would (Vite's module runner, in dev and the tests, has no import.meta.resolve).
const require = createRequire(import.meta.url);
/** Both packages' entry modules are in their build/ folder, next to their package.json. */
const versionOf = (name: 'vega' | 'vega-lite'): string =>
  versionIn(path.join(path.dirname(require.resolve(name)), '..', 'package.json'));

export const vegaVersion = versionOf('vega');
export const vegaLiteVersion = versionOf('vega-lite');

const [FONT] = embeddedFonts;
/** The font the charts' text is measured in (the page's first): a new release may change the widths. */
export const metricsFont = `${FONT.package}@${versionIn(require.resolve(`${FONT.package}/package.json`))}`;
