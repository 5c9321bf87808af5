/**
 * renderChart: a chart definition to page-ready SVG, table and CSV, cached on disk under
 * .cache/charts/ by a hash of everything that affects the output (the chart definition, the
 * data and spec files' bytes, the manifest entry, the chart code and the Vega versions).
 * A cache hit costs a stat, a small read and a JSON parse.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Chart } from '../schemas/chart.ts';
import { messages } from '../messages.ts';
import { toCsv } from './csv-out.ts';
import { dataPath, fileHash } from './data-file.ts';
import { readManifest } from './manifest.ts';
import { prepareChart } from './prepare.ts';
import { makeAccessible, renderSvg, stabilizeIds } from './svg.ts';

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

export const csvPathFor = (sheetSlug: string, chartId: string): string => `/policy-areas/${sheetSlug}/${chartId}.csv`;

let codeHash: Promise<string> | undefined;

/** A hash of the chart code and library versions: changing either invalidates the cache. */
function chartCodeHash(root: string): Promise<string> {
  codeHash ??= (async () => {
    const hash = createHash('sha256');
    const dir = path.join(root, 'src', 'charts');
    const files = (await readdir(dir).catch(() => [] as string[])).filter((f) => f.endsWith('.ts')).sort();
    for (const file of files) hash.update(file).update(await readFile(path.join(dir, file)));
    for (const pkg of ['vega', 'vega-lite']) {
      const json = await readFile(path.join(root, 'node_modules', pkg, 'package.json'), 'utf8').catch(() => '{}');
      hash.update(`${pkg}@${(JSON.parse(json) as { version?: string }).version ?? '?'}`);
    }
    hash.update(messages.chartText.smallSampleFootnote());
    return hash.digest('hex');
  })();
  return codeHash;
}

async function cacheKey(root: string, sheetSlug: string, chart: Chart): Promise<string> {
  const hash = createHash('sha256');
  hash.update(await chartCodeHash(root));
  hash.update(JSON.stringify({ sheetSlug, chart }));
  hash.update(await fileHash(dataPath(root, chart.data)));
  if (chart.kind === 'vega-lite' && typeof chart.spec === 'string')
    hash.update(await fileHash(dataPath(root, chart.spec)));
  hash.update(JSON.stringify((await readManifest(root))[chart.data] ?? null));
  return hash.digest('hex');
}

const memory = new Map<string, RenderedChart>();

/** Draws a chart (or returns it from the cache). Throws with a readable message if check would fail. */
export async function renderChart(root: string, sheetSlug: string, chart: Chart): Promise<RenderedChart> {
  let key: string;
  try {
    key = await cacheKey(root, sheetSlug, chart);
  } catch (error) {
    // A missing file: let prepareChart report it properly.
    await prepareChart(root, chart);
    throw error;
  }
  const remembered = memory.get(key);
  if (remembered) return remembered;
  const file = path.join(root, CACHE_DIR, `${key}.json`);
  try {
    const cached = JSON.parse(await readFile(file, 'utf8')) as RenderedChart;
    memory.set(key, cached);
    return cached;
  } catch {
    // Not cached yet (or unreadable): draw it.
  }
  const rendered = await draw(root, sheetSlug, chart);
  await mkdir(path.dirname(file), { recursive: true });
  // Write then rename, so a parallel build never reads half a file.
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, JSON.stringify(rendered));
  await rename(temporary, file);
  memory.set(key, rendered);
  return rendered;
}

/** Draws without the cache (the bench measures this). */
export async function draw(root: string, sheetSlug: string, chart: Chart): Promise<RenderedChart> {
  const prepared = await prepareChart(root, chart);
  const prefix = `chart-${sheetSlug}-${chart.id}`;
  const svg = makeAccessible(stabilizeIds(await renderSvg(prepared.spec), prefix), prefix, chart.title, chart.alt);
  const manifest = await readManifest(root);
  const footnotes = [...chart.footnotes];
  for (const note of prepared.computedFootnotes) if (!footnotes.includes(note)) footnotes.push(note);
  return {
    id: chart.id,
    title: chart.title,
    svg,
    table: { columns: prepared.table.columns, rows: prepared.table.rows },
    csv: toCsv(prepared.table.keys, prepared.table.rows),
    csvPath: csvPathFor(sheetSlug, chart.id),
    illustrative: manifest[chart.data]?.illustrative ?? false,
    dataFile: chart.data,
    footnotes,
  };
}

/** Forgets in-process memos (the bench uses it to measure a fresh build with a warm disk cache). */
export function forgetMemory(): void {
  memory.clear();
}
