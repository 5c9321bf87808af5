/**
 * Chart timings for `npm run bench`, per chart: median and p90 of
 * - cold: drawing without the cache (spec -> Vega-Lite -> Vega -> page-ready SVG, table and
 *   CSV), in a build where the chart's data file is already parsed (each file is parsed once
 *   per build for all its charts; `dataFiles` measures that on its own);
 * - cached: what the chart adds to a build once drawn (its cache key and the disk cache read);
 * - reference: Vega-Lite's compile + Vega's View.toSVG() of the same spec and theme, the file
 *   given by url through a loader that hands over the file's text (so Vega parses it, as
 *   Vega-Lite does with a url).
 * Charts: the project's own sheets and the chart corpus (tests/fixtures/vl-corpus), the corpus
 * drawn in a temporary copy so its cache never lands in the fixtures. Rounds interleave the
 * three measures so drift on a busy machine hits them alike. Each is timed twice: wall-clock
 * time, and the CPU time of this process (user + system), which other processes on a shared
 * machine hardly change; the ratios are of CPU time. Also the cost of reading a large export
 * (thousands of rows, all 171 columns) made from the sample.
 */
import { cp, mkdtemp, readFile, readdir, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loader, parse as parseVega, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { readCommitmentsExport } from '../src/charts/commitments-export.ts';
import { forgetFiles, readTable } from '../src/charts/data-file.ts';
import { readManifest } from '../src/charts/manifest.ts';
import { prepareChart } from '../src/charts/prepare.ts';
import { draw, forgetMemory, renderChart } from '../src/charts/render.ts';
import { vegaLiteConfig } from '../src/charts/theme.ts';
import { dataUrl, forgetRecords } from '../src/charts/vega-data.ts';
import { loadContent } from '../src/content/load.ts';
import { ChartSchema, type Chart } from '../src/schemas/chart.ts';

const CORPUS = path.join('tests', 'fixtures', 'vl-corpus');

/** The value at quantile q (0..1) of the samples, nearest rank. */
const quantile = (values: readonly number[], q: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
};
const round = (ms: number): number => Math.round(ms * 100) / 100;

export interface Timing {
  medianMs: number;
  p90Ms: number;
}
const timing = (samples: readonly number[]): Timing => ({
  medianMs: round(quantile(samples, 0.5)),
  p90Ms: round(quantile(samples, 0.9)),
});

/** Samples of one measure: wall-clock and CPU milliseconds per run. */
interface Samples {
  wall: number[];
  cpu: number[];
}
const samples = (): Samples => ({ wall: [], cpu: [] });

async function elapsed(into: Samples, fn: () => Promise<unknown>): Promise<void> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  await fn();
  const wall = performance.now() - start;
  const used = process.cpuUsage(cpu);
  into.wall.push(wall);
  into.cpu.push((used.user + used.system) / 1000);
}

/** Median and p90 of a measure, by CPU time and by wall-clock time. */
export interface Measure {
  cpu: Timing;
  wall: Timing;
}
const measure = (s: Samples): Measure => ({ cpu: timing(s.cpu), wall: timing(s.wall) });

export interface ChartBench {
  chart: string;
  cold: Measure;
  cached: Measure;
  /** Vega-Lite compile + Vega render of the same spec and data. */
  reference: Measure;
  /** cold / reference, medians of CPU time. */
  ratio: number;
  /** cold / reference, medians of wall-clock time. */
  wallRatio: number;
}

interface Subject {
  root: string;
  sheet: string;
  chart: Chart;
}

/** The chart corpus as charts of a sheet "corpus", in a temporary copy of its folder. */
async function corpusCharts(root: string, into: string): Promise<Subject[]> {
  await cp(path.join(root, CORPUS, 'data'), path.join(into, 'data'), { recursive: true });
  const dir = path.join(root, CORPUS, 'specs');
  const files = (await readdir(dir)).filter((f) => f.endsWith('.json')).sort();
  return Promise.all(
    files.map(async (file) => {
      const entry = JSON.parse(await readFile(path.join(dir, file), 'utf8')) as Record<string, unknown>;
      const id = file.replace(/^\d+-|\.json$/g, '');
      const chart = ChartSchema.parse({
        id,
        kind: 'vega-lite',
        title: id,
        alt: `The corpus chart ${id}, for the bench.`,
        source: 'Corpus data.',
        ...entry,
      });
      return { root: into, sheet: 'corpus', chart };
    }),
  );
}

/** Vega-Lite + Vega on the chart's own spec, with the file's text handed over for its url. */
async function referenceDraw(subject: Subject): Promise<() => Promise<unknown>> {
  const prepared = await prepareChart(subject.root, subject.chart);
  const spec = {
    ...prepared.spec,
    config: { ...vegaLiteConfig, ...(prepared.spec.config ?? {}), aria: false },
  } as TopLevelSpec;
  if (subject.chart.kind !== 'vega-lite') {
    // The built-in kinds carry their values inline: the reference draws that spec as it is.
    return async () => {
      const view = new View(parseVega(compile(spec).spec), { renderer: 'none' });
      await view.toSVG();
      view.finalize();
    };
  }
  const url = dataUrl(subject.chart.data);
  const text = await readFile(path.join(subject.root, url), 'utf8');
  const handsOverTheFile = loader();
  handsOverTheFile.load = async (uri: string) => {
    if (uri !== url) throw new Error(`only ${url} is read`);
    return text;
  };
  return async () => {
    const view = new View(parseVega(compile(spec).spec), { renderer: 'none', loader: handsOverTheFile });
    await view.toSVG();
    view.finalize();
  };
}

export async function benchCharts(root = process.cwd(), rounds = 11) {
  const { content } = await loadContent(root);
  const scratch = await mkdtemp(path.join(tmpdir(), 'bench-charts-'));
  const charts: ChartBench[] = [];
  let largeExport: { rows: number; columns: number; parseMs: number; bytes: number } | undefined;
  const dataFiles: { file: string; parseMs: number }[] = [];
  try {
    const subjects: Subject[] = [
      ...content.sheets.flatMap((sheet) => sheet.data.charts.map((chart) => ({ root, sheet: sheet.id, chart }))),
      ...(await corpusCharts(root, path.join(scratch, 'corpus'))),
    ];
    for (const subject of subjects) {
      const { root: at, sheet, chart } = subject;
      await renderChart(at, sheet, chart); // fill the disk cache; warm the modules and the parsed file
      const reference = await referenceDraw(subject);
      await reference();
      const taken = { cold: samples(), cached: samples(), reference: samples() };
      for (let i = 0; i < rounds; i++) {
        await elapsed(taken.cold, () => draw(at, sheet, chart));
        // A build's chart memo is empty at first; the manifest is read once per build for all charts.
        forgetMemory();
        await readManifest(at);
        await elapsed(taken.cached, () => renderChart(at, sheet, chart));
        await elapsed(taken.reference, reference);
      }
      const cold = measure(taken.cold);
      const ref = measure(taken.reference);
      charts.push({
        chart: `${sheet}/${chart.id}`,
        cold,
        cached: measure(taken.cached),
        reference: ref,
        ratio: round(cold.cpu.medianMs / ref.cpu.medianMs),
        wallRatio: round(cold.wall.medianMs / ref.wall.medianMs),
      });
    }
    const files = [...new Map(subjects.map((s) => [`${s.root}\0${s.chart.data}`, s])).values()];
    for (const { root: at, chart } of files) {
      const taken = samples();
      for (let i = 0; i < rounds; i++) {
        forgetFiles();
        forgetRecords();
        await elapsed(taken, () => readTable(at, chart.data));
      }
      dataFiles.push({ file: chart.data, parseMs: timing(taken.wall).medianMs });
    }
    // A large export in the real format: the sample's rows repeated to about 6,000.
    const sample = await readFile(path.join(root, 'data', 'ogp-commitments-sample.csv'), 'utf8');
    const [header, ...rest] = sample.split(/\n(?=SMP\d{4},)/);
    const body = rest.join('\n').trimEnd();
    const big = `${header}\n${Array.from({ length: 8 }, () => body).join('\n')}\n`;
    const large = path.join(scratch, 'large');
    await mkdir(path.join(large, 'data'), { recursive: true });
    await writeFile(path.join(large, 'data', 'big.csv'), big);
    forgetFiles();
    const start = performance.now();
    const data = readCommitmentsExport(await readTable(large, 'big.csv'));
    largeExport = {
      rows: data.commitments.length,
      columns: (await readTable(large, 'big.csv')).columns.length,
      parseMs: round(performance.now() - start),
      bytes: big.length,
    };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
  const ratios = charts.map((c) => c.ratio);
  const wallRatios = charts.map((c) => c.wallRatio);
  const over = (pick: (c: ChartBench) => number): Timing => timing(charts.map(pick));
  return {
    charts,
    dataFiles,
    /** Over all charts: the median and p90 of the per-chart cold/reference ratios (CPU, and wall). */
    ratio: { medianRatio: round(quantile(ratios, 0.5)), p90Ratio: round(quantile(ratios, 0.9)) },
    wallRatio: { medianRatio: round(quantile(wallRatios, 0.5)), p90Ratio: round(quantile(wallRatios, 0.9)) },
    /** Over all charts: the median and p90 of the per-chart medians. */
    cold: { cpu: over((c) => c.cold.cpu.medianMs), wall: over((c) => c.cold.wall.medianMs) },
    cached: { cpu: over((c) => c.cached.cpu.medianMs), wall: over((c) => c.cached.wall.medianMs) },
    reference: { cpu: over((c) => c.reference.cpu.medianMs), wall: over((c) => c.reference.wall.medianMs) },
    cachedMsPerChartMax: Math.max(...charts.map((c) => c.cached.cpu.medianMs)),
    targetColdRatio: 1.3,
    targetCachedMsPerChart: 2,
    largeExport,
  };
}
