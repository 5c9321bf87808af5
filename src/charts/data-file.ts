/**
 * Reading chart data files from data/: CSV (RFC 4180, as OGP exports it), TSV or a JSON list
 * of records. Problems become `UserError`s that carry the file's line, so `check` can point
 * at the exact row; a file is read and parsed once per process (keyed by path, size and mtime).
 */
import { createHash } from 'node:crypto';
import { statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { CsvError, parse } from 'csv-parse/sync';
import { closest, UserError } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { keptData, parserStamp, sha256 } from '../content/kept-data.ts';
import { readProjectFile, type RefusedRead } from '../content/project-files.ts';

/** A parsed data file: a header and string cells, with the line each record starts on. */
export interface Table {
  /** File name under data/. */
  name: string;
  columns: string[];
  /** One array of cells per record, in column order. */
  rows: string[][];
  /** 1-based line in the file where each record starts (records may span lines). */
  lines: number[];
  /** sha256 of the file's bytes: the cache key for anything drawn from it. */
  hash: string;
  /** The file's text (UTF-8, without a byte-order mark): what Vega reads for a Vega-Lite chart. */
  text: string;
}

const DATA_DIR = 'data';

export const dataPath = (root: string, name: string): string => path.join(root, DATA_DIR, name);

/** Names of the data files present, for did-you-mean. */
export async function listDataFiles(root: string): Promise<string[]> {
  try {
    return (await readdir(path.join(root, DATA_DIR))).filter((f) => /\.(csv|tsv|json)$/.test(f)).sort();
  } catch {
    return [];
  }
}

/** Throws a UserError naming the missing file, with the closest existing name. */
async function missing(root: string, name: string): Promise<never> {
  const available = await listDataFiles(root);
  throw new UserError(messages.chartDataFileMissing(name, closest(name, available), available), {
    file: `${DATA_DIR}/${name}`,
    field: 'data',
  });
}

/** The largest data file read: bigger is not the data of a two-page fact sheet (and would fill the build's memory). */
export const maxDataFileBytes = 50 * 1024 * 1024;

/** Throws the UserError for a data or spec file that was not read, pointing at the chart's field that names it. */
export async function refusedDataFile(
  root: string,
  name: string,
  refused: RefusedRead,
  chartField: 'data' | 'spec' = 'data',
  limit = maxDataFileBytes,
): Promise<never> {
  if (refused.reason === 'missing') return missing(root, name);
  const message =
    refused.reason === 'too-large'
      ? messages.files.tooLarge(
          `${DATA_DIR}/${name}`,
          refused.size,
          limit,
          chartField === 'spec' ? 'a spec file' : 'a data file',
        )
      : refused.message;
  throw new UserError(message, { file: `${DATA_DIR}/${name}`, field: chartField });
}

/** Parsed tables by path, size and modification time: each file is read and parsed once per process. */
const tables = new Map<string, Promise<Table>>();

/** Forgets parsed tables (the bench uses it to measure a fresh process). */
export function forgetFiles(): void {
  tables.clear();
}

/**
 * Reads and parses data/<name> (CSV or JSON). Throws UserError for the user's mistakes.
 * A file is read once (its hash is taken from the bytes read) and parsed once while its size
 * and modification time stay the same; concurrent calls share the one read.
 */
export async function readTable(root: string, name: string): Promise<Table> {
  const file = dataPath(root, name);
  let stamp: string;
  try {
    // Synchronous: every chart asks, and a stat of a file just read costs microseconds on the
    // main thread where a promise would wait for the thread pool behind other reads.
    const info = statSync(file);
    if (!info.isFile()) return await missing(root, name);
    stamp = `${info.size}:${info.mtimeMs}`;
  } catch (error) {
    if (error instanceof UserError) throw error;
    return missing(root, name);
  }
  const key = `${file}\0${stamp}`;
  let table = tables.get(key);
  if (table === undefined) {
    table = (async () => {
      // Only a regular file inside the project, within the size limit: a link out is never read.
      const read = await readProjectFile(root, `${DATA_DIR}/${name}`, { maxBytes: maxDataFileBytes });
      if (!read.ok) return refusedDataFile(root, name, read);
      const { bytes } = read;
      const hash = createHash('sha256').update(bytes).digest('hex');
      if (name.endsWith('.json')) return parseJson(name, bytes, hash);
      return keptCsv(root, name, bytes, hash, name.endsWith('.tsv') ? '\t' : ',');
    })();
    tables.set(key, table);
  }
  return table;
}

/**
 * The rows of each CSV or TSV file parsed before, by a hash of the parser's stamp, the delimiter
 * and the file's bytes, kept under the project root from one run to the next (src/content/
 * kept-data.ts; written once a build has succeeded): a rebuild after an edit parsed the
 * commitments export again (540 KB: 0.1 s of CPU, a tenth of that to read it kept). Only files
 * that parsed without a problem are kept.
 */
export const DATA_CACHE = '.cache/content/data.v8';

const dataCache = keptData(DATA_CACHE);

/** Writes the data files' cache of the project at `root` (once a build has succeeded). */
export const saveDataCache = (root: string): Promise<void> => dataCache.save(root);

let stamped: { stamp: string | undefined } | undefined;

/** parseCsv, or its rows as kept by an earlier run from the same bytes. */
async function keptCsv(root: string, name: string, bytes: Buffer, hash: string, delimiter: string): Promise<Table> {
  stamped ??= { stamp: parserStamp(import.meta.url, 'csv-parse') };
  if (stamped.stamp === undefined) return parseCsv(name, bytes, hash, delimiter);
  const key = sha256(`${stamped.stamp}\0${delimiter}\0${hash}`);
  const cache = await dataCache.open(root);
  const known = cache.take(key) as Pick<Table, 'columns' | 'rows' | 'lines'> | undefined;
  if (known !== undefined)
    return { name, columns: known.columns, rows: known.rows, lines: known.lines, hash, text: textOf(bytes) };
  const table = parseCsv(name, bytes, hash, delimiter);
  cache.keep(key, { columns: table.columns, rows: table.rows, lines: table.lines });
  return table;
}

/** Parses CSV (or TSV) strictly: every malformed record is reported with its line, not skipped silently. */
export function parseCsv(name: string, bytes: Buffer | string, hash: string, delimiter = ','): Table {
  const errors: UserError[] = [];
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(bytes, {
      bom: true,
      delimiter,
      info: true,
      skip_records_with_error: true,
      on_skip: (error: CsvError | undefined) => {
        if (error) errors.push(csvError(name, error));
        return undefined;
      },
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (error) {
    // Errors the parser cannot skip past (an unclosed quote runs to the end of the file).
    if (error instanceof CsvError) throw csvError(name, error);
    throw error;
  }
  const first = errors[0];
  if (first) throw first;
  const [header, ...body] = records;
  if (!header)
    throw new UserError(messages.chartCsvMalformed(name, 1, 'the file is empty'), {
      file: `${DATA_DIR}/${name}`,
      line: 1,
    });
  const lines: number[] = [];
  // info.lines is the line a record ends on; a record starts after the previous one ends.
  let previousEnd = header.info.lines;
  for (const { info } of body) {
    lines.push(previousEnd + 1);
    previousEnd = info.lines;
  }
  return { name, columns: header.record, rows: body.map((r) => r.record), lines, hash, text: textOf(bytes) };
}

/** Turns a csv-parse error into a message naming the record's line. */
function csvError(name: string, error: CsvError): UserError {
  const raw = error as CsvError & { lines?: number; record?: unknown[] };
  const line = raw.lines ?? 1;
  let detail: string;
  switch (error.code) {
    case 'CSV_RECORD_INCONSISTENT_FIELDS_LENGTH': {
      const match = /expect(?:ed)? (\d+), got (\d+)/i.exec(error.message);
      detail = match ? `expected ${match[1]} cells, found ${match[2]}` : 'the number of cells differs from the header';
      break;
    }
    case 'CSV_QUOTE_NOT_CLOSED':
      detail = 'a quoted cell is never closed (a missing closing ")';
      break;
    case 'CSV_INVALID_CLOSING_QUOTE':
    case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
      detail = 'a quote inside a quoted cell is not doubled ("")';
      break;
    default:
      detail = error.message.replace(/^Invalid Record Length: /, '');
  }
  return new UserError(messages.chartCsvMalformed(name, line, detail), { file: `${DATA_DIR}/${name}`, line });
}

/** Parses a JSON array of flat records; columns are the union of keys in first-seen order. */
export function parseJson(name: string, bytes: Buffer | string, hash: string): Table {
  let value: unknown;
  try {
    value = JSON.parse(textOf(bytes));
  } catch (error) {
    throw new UserError(messages.chartJsonInvalid(name, (error as Error).message), { file: `${DATA_DIR}/${name}` });
  }
  if (!Array.isArray(value) || value.some((r) => typeof r !== 'object' || r === null || Array.isArray(r))) {
    throw new UserError(messages.chartJsonInvalid(name, 'expected a list of objects'), { file: `${DATA_DIR}/${name}` });
  }
  const records = value as Record<string, unknown>[];
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const rows = records.map((r) => columns.map((c) => (r[c] === undefined || r[c] === null ? '' : String(r[c]))));
  return { name, columns, rows, lines: records.map(() => 0), hash, text: textOf(bytes) };
}

/** The file's text, without the byte-order mark some spreadsheet programs write first. */
const textOf = (bytes: Buffer | string): string => bytes.toString().replace(/^\uFEFF/, '');
