/**
 * Chart timings for `npm run bench`: per chart of every sheet, the time to draw it without
 * the cache (Vega-Lite -> Vega -> SVG, data already parsed) and the time it adds to a build
 * once cached (a fresh process: hash the data file, read the cache entry). Also the cost of
 * reading a large export (thousands of rows, all 171 columns) made from the sample.
 */
import { mkdtemp, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readCommitmentsExport } from '../src/charts/commitments-export.ts';
import { forgetFiles, readTable } from '../src/charts/data-file.ts';
import { draw, forgetMemory, renderChart } from '../src/charts/render.ts';
import { loadContent } from '../src/content/load.ts';

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? 0;
};
const round = (ms: number): number => Math.round(ms * 100) / 100;

async function time(fn: () => Promise<unknown>, rounds: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

export interface ChartBench {
  chart: string;
  uncachedMs: number;
  cachedMs: number;
  ratio: number;
}

export async function benchCharts(root = process.cwd(), rounds = 9) {
  const { content } = await loadContent(root);
  const charts: ChartBench[] = [];
  for (const sheet of content.sheets) {
    for (const chart of sheet.data.charts) {
      await renderChart(root, sheet.id, chart); // fill the disk cache; warm the modules
      const uncachedMs = await time(() => draw(root, sheet.id, chart), rounds);
      // What a chart adds to a build once drawn: its key (the prepared spec and table) and
      // the disk cache read. Its data file is parsed once per build for all its charts,
      // which `dataFiles` below measures on its own.
      const cachedMs = await time(async () => {
        forgetMemory();
        await renderChart(root, sheet.id, chart);
      }, rounds);
      charts.push({
        chart: `${sheet.id}/${chart.id}`,
        uncachedMs: round(uncachedMs),
        cachedMs: round(cachedMs),
        ratio: round(uncachedMs / cachedMs),
      });
    }
  }
  const dataFiles: { file: string; parseMs: number }[] = [];
  for (const file of [...new Set(content.sheets.flatMap((sheet) => sheet.data.charts.map((chart) => chart.data)))]) {
    const parseMs = await time(async () => {
      forgetFiles();
      await readTable(root, file);
    }, rounds);
    dataFiles.push({ file, parseMs: round(parseMs) });
  }
  // A large export in the real format: the sample's rows repeated to about 6,000.
  const dir = await mkdtemp(path.join(tmpdir(), 'bench-charts-'));
  let largeExport: { rows: number; columns: number; parseMs: number; bytes: number } | undefined;
  try {
    const sample = await readFile(path.join(root, 'data', 'ogp-commitments-sample.csv'), 'utf8');
    const [header, ...rest] = sample.split(/\n(?=SMP\d{4},)/);
    const body = rest.join('\n').trimEnd();
    const big = `${header}\n${Array.from({ length: 8 }, () => body).join('\n')}\n`;
    await mkdir(path.join(dir, 'data'));
    await writeFile(path.join(dir, 'data', 'big.csv'), big);
    forgetFiles();
    const start = performance.now();
    const data = readCommitmentsExport(await readTable(dir, 'big.csv'));
    largeExport = {
      rows: data.commitments.length,
      columns: (await readTable(dir, 'big.csv')).columns.length,
      parseMs: round(performance.now() - start),
      bytes: big.length,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return {
    charts,
    dataFiles,
    cachedMsPerChartMax: Math.max(...charts.map((c) => c.cachedMs)),
    targetCachedMsPerChart: 5,
    largeExport,
  };
}
