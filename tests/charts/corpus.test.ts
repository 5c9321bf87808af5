/**
 * The chart corpus (tests/fixtures/vl-corpus/specs/*.json: a spec, its data file, and the
 * chart's `format` if any): each spec goes through `check` and the project's drawing, and the
 * SVG must equal, byte for byte, what Vega-Lite's compile + Vega's View.toSVG() give for the
 * same spec and theme with the same file loaded by url (through a loader that reads only that
 * file) and the documented typing as its `format.parse`, then the same accessibility wrapper.
 * Vega measures text with the page's font here as in the project's drawing (useFontMetrics, as
 * a browser measures it on a canvas): without it, Vega in Node guesses widths and cuts labels
 * a browser shows whole.
 */
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { loader, parse as parseVega, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { readTable } from '../../src/charts/data-file.ts';
import { draw } from '../../src/charts/render.ts';
import { makeAccessible, stabilizeIds } from '../../src/charts/svg.ts';
import { useFontMetrics } from '../../src/charts/text-metrics.ts';
import { vegaLiteConfig } from '../../src/charts/theme.ts';
import { vegaRecords } from '../../src/charts/vega-data.ts';
import { validateSpec } from '../../src/charts/vega-lite-spec.ts';
import { ChartSchema } from '../../src/schemas/chart.ts';

const ROOT = path.join(import.meta.dirname, '..', 'fixtures', 'vl-corpus');

useFontMetrics();

interface Entry {
  data: string;
  format?: { parse: Record<string, string> };
  spec: Record<string, unknown>;
}

const files = (await readdir(path.join(ROOT, 'specs'))).filter((f) => f.endsWith('.json')).sort();
const entries = await Promise.all(
  files.map(async (file) => ({
    name: file.replace(/\.json$/, ''),
    entry: JSON.parse(await readFile(path.join(ROOT, 'specs', file), 'utf8')) as Entry,
  })),
);

const type = (file: string): string => (file.endsWith('.json') ? 'json' : file.endsWith('.tsv') ? 'tsv' : 'csv');

/**
 * The documented typing, written out independently of src/charts/vega-data.ts: CSV/TSV
 * columns are text with blank cells missing ("string"), over which go Vega-Lite's own parse
 * (implicit and the chart's explicit one); a date field holding JSON whole numbers 1000-9999
 * is read as years ("utc:%Y").
 */
async function documentedParse(entry: Entry, url: string, config: unknown): Promise<Record<string, string>> {
  const compiled = compile({
    ...entry.spec,
    data: { url, format: { type: type(entry.data), ...entry.format } },
    config,
  } as TopLevelSpec).spec;
  const source = compiled.data?.find((d) => 'url' in d && d.url === url) as { format?: { parse?: object } };
  const vegaLiteParse = (source.format?.parse ?? {}) as Record<string, string>;
  const text = await readFile(path.join(ROOT, 'data', entry.data), 'utf8');
  const parse: Record<string, string> = {};
  if (type(entry.data) !== 'json') {
    const header = text.split('\n')[0] ?? '';
    for (const column of header.split(type(entry.data) === 'tsv' ? '\t' : ',')) parse[column] = 'string';
  }
  const records = type(entry.data) === 'json' ? (JSON.parse(text) as Record<string, unknown>[]) : [];
  for (const [field, as] of Object.entries(vegaLiteParse)) {
    const values = records.map((r) => r[field]).filter((v) => v !== null && v !== undefined);
    const years =
      as === 'date' &&
      values.length > 0 &&
      values.every((v) => Number.isInteger(v) && (v as number) >= 1000 && (v as number) <= 9999);
    parse[field] = years ? 'utc:%Y' : as;
  }
  return parse;
}

/** What Vega-Lite + Vega draw with the file given by url, read by a loader that can read only that file. */
async function reference(entry: Entry, prefix: string, title: string, alt: string): Promise<string> {
  const url = `data/${entry.data}`;
  const config = { ...vegaLiteConfig, ...(entry.spec['config'] as object | undefined), aria: false };
  const parse = await documentedParse(entry, url, config);
  const spec = { ...entry.spec, data: { url, format: { type: type(entry.data), parse } }, config } as TopLevelSpec;
  const onlyThisFile = loader();
  onlyThisFile.load = async (uri: string) => {
    if (uri !== url) throw new Error(`the reference may read only ${url}, not ${uri}`);
    return readFile(path.join(ROOT, url), 'utf8');
  };
  const view = new View(parseVega(compile(spec).spec), { renderer: 'none', loader: onlyThisFile });
  try {
    return makeAccessible(stabilizeIds(await view.toSVG(), prefix), prefix, title, alt);
  } finally {
    view.finalize();
  }
}

describe('the chart corpus', () => {
  it('has at least 60 specs', () => {
    expect(entries.length).toBeGreaterThanOrEqual(60);
  });

  it.each(entries)(
    '$name: check accepts it and the drawing is exactly what Vega-Lite draws',
    async ({ name, entry }) => {
      const chart = ChartSchema.parse({
        id: name.replace(/^\d+-/, ''),
        kind: 'vega-lite',
        title: `Corpus chart ${name}`,
        alt: `A corpus chart (${name}) compared with Vega-Lite.`,
        source: 'Test data.',
        data: entry.data,
        spec: entry.spec,
        ...(entry.format ? { format: entry.format } : {}),
      });
      const data = await vegaRecords(await readTable(ROOT, entry.data));
      expect((await validateSpec(entry.spec, data, entry.format?.parse)).filter((p) => p.severity === 'error')).toEqual(
        [],
      );
      const ours = await draw(ROOT, 'corpus', chart);
      const prefix = `chart-corpus-${chart.id}`;
      expect(ours.svg).toBe(await reference(entry, prefix, chart.title, chart.alt));
    },
  );
});
