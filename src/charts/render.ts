/**
 * renderChart: a chart definition to page-ready SVG, table and CSV, cached on disk under
 * .cache/charts/ by a hash of what is drawn: the prepared spec and table (so the data, the
 * words of the string table (src/i18n/) and the theme in the spec are all in it), the chart's title,
 * alt text and id, its manifest entry, the Vega and Vega-Lite versions, and the code that
 * turns a prepared chart into SVG and CSV. Concurrent calls for one chart share one drawing.
 */
import { createHash, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chart } from '../schemas/chart.ts';
import { chartCsvPath } from '../site/paths.ts';
import { toCsv } from './csv-out.ts';
import { forgetManifests, readManifest, type Dataset } from './manifest.ts';
import { prepareChart, type ChartLanguage, type PreparedChart } from './prepare.ts';
import { makeAccessible, renderChartDrawing, stabilizeIds } from './svg.ts';
import { metricsFont, vegaLiteVersion, vegaVersion } from './renderer-versions.ts';

export const CACHE_DIR = '.cache/charts';

export interface RenderedChart {
  id: string;
  title: string;
  /** The inline SVG: role="img", named by the title, described by the alt text. */
  svg: string;
  /** The plotted data, for the table under the chart. */
  table: { columns: string[]; rows: (string | number)[][] };
  /** The same rows as CSV (short column names), served at csvPath. */
  csv: string;
  /** Site path of the CSV, e.g. /policy-areas/digital-governance/commitments-per-year.csv. */
  csvPath: string;
  /** The data file is a sample (data/datasets.yaml says so): mark the chart "Illustrative data". */
  illustrative: boolean;
  /** The data file under data/, e.g. ogp-commitments-sample.csv. */
  dataFile: string;
  /** The sheet's footnotes, then the computed ones (e.g. "* sample size < 50"), without repeats. */
  footnotes: string[];
}

export const csvPathFor = (sheetSlug: string, chartId: string, lang = 'en'): string =>
  chartCsvPath(sheetSlug, chartId, lang);

/** The files that turn a prepared chart into what is cached (SVG, table, CSV); their bytes are in the key. */
const DRAW_CODE = [
  'render.ts',
  'svg.ts',
  'draw.ts',
  'plotted-data.ts',
  'text-metrics.ts',
  'theme.ts',
  'csv-out.ts',
] as const;

let drawCode: Promise<string> | undefined;

/**
 * A hash of the drawing code, read next to this module (import.meta.dirname), not under
 * whichever root is being built. If the sources cannot be found there (this module bundled
 * elsewhere), the key is unique to the process: nothing stale is reused.
 */
export function drawCodeHash(): Promise<string> {
  drawCode ??= (async () => {
    const dir = import.meta.dirname;
    const hash = createHash('sha256');
    if (!DRAW_CODE.every((f) => existsSync(path.join(dir, f)))) return hash.update(randomBytes(16)).digest('hex');
    for (const file of DRAW_CODE) hash.update(`${file}\0`).update(await readFile(path.join(dir, file)));
    return hash.digest('hex');
  })();
  return drawCode;
}

/** What a cached drawing depends on. */
export interface CacheInput {
  sheetSlug: string;
  chart: Pick<Chart, 'id' | 'title' | 'alt' | 'data'>;
  /** The output of prepareChart: the spec with its data and words, the table, computed footnotes. */
  prepared: PreparedChart;
  /** The data file's entry in data/datasets.yaml (the "Illustrative data" mark). */
  dataset: Dataset | undefined;
}

/** The cache key: a hash of everything the cached drawing is made from. */
export async function cacheKey(input: CacheInput): Promise<string> {
  const { sheetSlug, chart, prepared, dataset } = input;
  return createHash('sha256')
    .update(await drawCodeHash())
    .update(`vega@${vegaVersion}\0vega-lite@${vegaLiteVersion}\0${metricsFont}\0`)
    .update(
      JSON.stringify({
        sheetSlug,
        chart: { id: chart.id, title: chart.title, alt: chart.alt, data: chart.data },
        // The data by its hash: the records themselves are the file's bytes, already hashed.
        prepared: { ...prepared, data: prepared.data && { name: prepared.data.name, hash: prepared.data.hash } },
        dataset: dataset ?? null,
      }),
    )
    .digest('hex');
}

/** A drawing as cached: everything but the sheet's own footnotes, which are added on the way out. */
type CachedChart = Omit<RenderedChart, 'footnotes'> & { computedFootnotes: string[] };

/** Drawings of this process, by root and key: a promise, so concurrent calls share one drawing. */
const memory = new Map<string, Promise<CachedChart>>();
let temporaryCount = 0;

/** The charts this process drew (not found in the cache), by root, as "<sheet>/<chart id>". */
const drawnByRoot = new Map<string, Set<string>>();

/** The charts drawn in this process for the project at `root` (not read from its chart cache), as "<sheet>/<chart id>". */
export function chartsDrawn(root: string): ReadonlySet<string> {
  return drawnByRoot.get(root) ?? new Set();
}

/** Draws a chart (or returns it from the cache). Throws with a readable message if check would fail. */
export async function renderChart(
  root: string,
  sheetSlug: string,
  chart: Chart,
  language: ChartLanguage = {},
): Promise<RenderedChart> {
  const lang = language.lang ?? 'en';
  const prepared = await prepareChart(root, chart, language);
  const dataset = (await readManifest(root))[chart.data];
  const key = await cacheKey({ sheetSlug, chart, prepared, dataset });
  const slot = `${root}\0${key}`;
  let entry = memory.get(slot);
  if (entry === undefined) {
    entry = cachedOrDrawn(root, key, async () => {
      const drawn = await drawPrepared(sheetSlug, chart, prepared, dataset);
      const names = drawnByRoot.get(root) ?? new Set<string>();
      drawnByRoot.set(root, names.add(`${sheetSlug}/${chart.id}`));
      return drawn;
    });
    memory.set(slot, entry);
    // A failed drawing is not remembered: the next call tries again.
    entry.catch(() => memory.delete(slot));
  }
  // The CSV's address depends on the base path and the language, not on what is drawn: set on the way out.
  return { ...withFootnotes(await entry, chart.footnotes), csvPath: csvPathFor(sheetSlug, chart.id, lang) };
}

async function cachedOrDrawn(root: string, key: string, drawIt: () => Promise<CachedChart>): Promise<CachedChart> {
  const file = path.join(root, CACHE_DIR, `${key}.json`);
  try {
    return JSON.parse(await readFile(file, 'utf8')) as CachedChart;
  } catch {
    // Not cached yet (or unreadable): draw it.
  }
  const drawn = await drawIt();
  await mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so a parallel build never reads half a file. The temporary name is
  // unique to this write (process, counter, random suffix); it never reaches dist/.
  const temporary = `${file}.${process.pid}.${++temporaryCount}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temporary, JSON.stringify(drawn));
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return drawn;
}

/** The sheet's footnotes, then the computed ones not already written. */
function withFootnotes(cached: CachedChart, own: readonly string[]): RenderedChart {
  const { computedFootnotes, ...rest } = cached;
  const footnotes = [...own];
  for (const note of computedFootnotes) if (!footnotes.includes(note)) footnotes.push(note);
  return { ...rest, footnotes };
}

/** Turns a prepared chart into what is cached. */
async function drawPrepared(
  sheetSlug: string,
  chart: Chart,
  prepared: PreparedChart,
  dataset: Dataset | undefined,
): Promise<CachedChart> {
  const prefix = `chart-${sheetSlug}-${chart.id}`;
  const drawn = await renderChartDrawing(prepared.spec, prepared.data?.records);
  const svg = makeAccessible(stabilizeIds(drawn.svg, prefix), prefix, chart.title, chart.alt);
  // A Vega-Lite chart that aggregates its data is tabled as it plots it (a count a region, not
  // every row counted); any other keeps the rows of its file (prepare.ts), blank cells and all.
  const table = (chart.kind === 'vega-lite' ? drawn.plotted : undefined) ?? prepared.table;
  return {
    id: chart.id,
    title: chart.title,
    svg,
    table: { columns: table.columns, rows: table.rows },
    csv: toCsv(table.keys, table.rows),
    csvPath: csvPathFor(sheetSlug, chart.id),
    illustrative: dataset?.illustrative ?? false,
    dataFile: chart.data,
    computedFootnotes: prepared.computedFootnotes,
  };
}

/** Draws without the cache (the bench measures this). */
export async function draw(root: string, sheetSlug: string, chart: Chart): Promise<RenderedChart> {
  const prepared = await prepareChart(root, chart);
  const dataset = (await readManifest(root))[chart.data];
  return withFootnotes(await drawPrepared(sheetSlug, chart, prepared, dataset), chart.footnotes);
}

/** Forgets in-process memos (the bench uses it to measure a fresh build with a warm disk cache). */
export function forgetMemory(): void {
  memory.clear();
  drawnByRoot.clear();
  forgetManifests();
}
