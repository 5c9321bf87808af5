/**
 * OGP's commitments export (one row per commitment, ~170 columns): the columns the standard
 * figures need, the policy-area tag columns, and the IRM rating rules of
 * docs (shared/reference/ogp-data.md). Only the columns named here are read, so the
 * export's other columns may change freely.
 */
import { closest, UserError } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { readTable, type Table } from './data-file.ts';

/** The columns the standard figures read. */
export const COLUMNS = {
  id: 'Commitment Unique Identifier',
  member: 'Country/Locality',
  year: 'Year Of Submission',
  potentialImpact: 'Potential Impact',
  potentialForResults: 'Potential for Results',
  completionEndOfTerm: 'Completion (End Of Term)',
  completionProgress: 'Completion (Progress Report)',
  openedGovernment: 'Did It Open Government (Overall)',
  earlyResults: 'Early Results',
} as const;

/**
 * Columns holding 0/1 that are IRM or bookkeeping flags, not policy-area tags. Everything
 * else whose cells are all 0, 1 or "no value" is a tag column (about 80 in the real export).
 */
const FLAG_COLUMNS = new Set([
  'Commitment Dummy',
  'Compound',
  'Cluster',
  'Verifiable',
  'Specificity',
  '_Specificity',
  'OGP Value Access To Information',
  'OGP Value Civic Participation',
  'OGP Value Public Accountability',
  'OGP Value Technology',
  '_Relevant',
  'Starred (2015 Only)',
  'Starred (Current Formula) Progress Report',
  'Starred (Current Formula) End of Term',
  'Carried Forward',
  'Most Recently Assessed',
  'Star - Most Recently Assessed',
  'IRM Assessed',
  'Updated? (Website)',
  'Active Commitment',
  'Max star',
  'Ambition Assessed',
  'Comp Assessed',
  'DIOG Assessed',
  'Midterm Only',
  'High Completion',
  'High Ambition',
  'High DIOG',
  'Ambitious and complete, or DIOG',
  'CHECKSUM',
  'Ambitious but not complete',
  'Complete but not ambitious',
  'Not complete or ambitious',
  'Not reviewed',
  'Binding constraint',
  'Subnational in NAPs',
  'Cluster (AP Review)',
]);

/** "ND", "NR", "NA" and empty cells mean "no value" (not documented, not rated, not applicable). */
export const isNoValue = (cell: string | undefined): boolean =>
  cell === undefined || /^(|ND|NR|NA|N\/A)$/i.test(cell.trim());

/** A rating the IRM actually gave (completion "Unclear"/"Withdrawn" count as not assessed, as OGP's "Comp Assessed" does). */
const isRating = (cell: string | undefined): cell is string => !isNoValue(cell);

/** One commitment, reduced to what the figures need. */
export interface ExportedCommitment {
  id: string;
  member: string;
  year: number;
  /** Tag columns marked 1. */
  tags: ReadonlySet<string>;
  /** IRM ambition: true = ambitious, false = assessed and not, undefined = not assessed. */
  ambitious: boolean | undefined;
  /** IRM completion: "Substantial" or "Complete" (end of term, else progress report). */
  complete: boolean | undefined;
  /** IRM early results: "Major"/"Outstanding" (plans before 2020) or "Significant" (from 2020). */
  strongResults: boolean | undefined;
  /** 1-based line of the row in the file. */
  line: number;
}

export interface CommitmentsExport {
  file: string;
  hash: string;
  commitments: ExportedCommitment[];
  /** The tag columns, in the export's order. */
  tagColumns: string[];
}

/** Ambition: "Transformative" potential impact (before 2020) or "Substantial" potential for results (from 2020). */
function ambition(row: (column: string) => string | undefined): boolean | undefined {
  const recent = row(COLUMNS.potentialForResults);
  if (isRating(recent)) return recent.trim() === 'Substantial';
  const older = row(COLUMNS.potentialImpact);
  if (isRating(older)) return older.trim() === 'Transformative';
  return undefined;
}

/** Completion: the end-of-term rating when there is one, else the progress report's. */
function completion(row: (column: string) => string | undefined): boolean | undefined {
  for (const column of [COLUMNS.completionEndOfTerm, COLUMNS.completionProgress]) {
    const value = row(column)?.trim();
    if (isRating(value) && value !== 'Unclear' && value !== 'Withdrawn') {
      return value === 'Substantial' || value === 'Complete';
    }
  }
  return undefined;
}

/** Early results: "Significant" (from 2020) or "Major"/"Outstanding" (before 2020). */
function earlyResults(row: (column: string) => string | undefined): boolean | undefined {
  const recent = row(COLUMNS.earlyResults);
  if (isRating(recent)) return recent.trim() === 'Significant';
  const older = row(COLUMNS.openedGovernment);
  if (isRating(older)) return ['Major', 'Outstanding'].includes(older.trim());
  return undefined;
}

/** Tag columns: every cell is 0, 1 or "no value" (and some are 0 or 1), and the column is not a known IRM flag. */
export function findTagColumns(table: Table): string[] {
  return table.columns.filter(
    (column, i) =>
      !FLAG_COLUMNS.has(column) &&
      !Object.values(COLUMNS).includes(column as never) &&
      table.rows.some((r) => r[i] === '0' || r[i] === '1') &&
      table.rows.every((r) => r[i] === '0' || r[i] === '1' || isNoValue(r[i])),
  );
}

const exports = new Map<string, CommitmentsExport>();

/** Reads a parsed table as a commitments export. Throws UserError if it is not one. */
export function readCommitmentsExport(table: Table): CommitmentsExport {
  const key = `${table.name}\0${table.hash}`;
  const known = exports.get(key);
  if (known) return known;
  const file = `data/${table.name}`;
  const index = new Map(table.columns.map((c, i) => [c, i]));
  for (const column of Object.values(COLUMNS)) {
    if (!index.has(column)) {
      throw new UserError(messages.chartExportColumnMissing(table.name, column, closest(column, table.columns)), {
        file,
        line: 1,
      });
    }
  }
  const tagColumns = findTagColumns(table);
  const tagIndexes = tagColumns.map((c) => [c, index.get(c) ?? -1] as const);
  const commitments: ExportedCommitment[] = [];
  table.rows.forEach((cells, r) => {
    const line = table.lines[r] ?? 0;
    const cell = (column: string) => {
      const i = index.get(column);
      return i === undefined ? undefined : cells[i];
    };
    const yearText = cell(COLUMNS.year)?.trim() ?? '';
    const year = Number(yearText);
    if (!/^\d{4}$/.test(yearText)) {
      throw new UserError(
        messages.chartCsvMalformed(table.name, line, `"${COLUMNS.year}" must be a year like 2019, found "${yearText}"`),
        { file, line },
      );
    }
    commitments.push({
      id: cell(COLUMNS.id) ?? '',
      member: (cell(COLUMNS.member) ?? '').trim(),
      year,
      tags: new Set(tagIndexes.filter(([, i]) => cells[i] === '1').map(([c]) => c)),
      ambitious: ambition(cell),
      complete: completion(cell),
      strongResults: earlyResults(cell),
      line,
    });
  });
  const result = { file, hash: table.hash, commitments, tagColumns };
  exports.set(key, result);
  return result;
}

/** Names compared as editors mean them: case and runs of spaces do not matter. */
const tagKey = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The export's tag column a chart's `tag` names: the column of that exact name, else the one
 * that differs only in capitalisation or spacing ("digital governance" -> "Digital Governance").
 */
export function tagColumn(tagColumns: readonly string[], tag: string): string | undefined {
  return tagColumns.includes(tag) ? tag : tagColumns.find((column) => tagKey(column) === tagKey(tag));
}

/** Throws UserError (with did-you-mean) when the export has no such tag column. */
export function requireTag(data: CommitmentsExport, tag: string): void {
  if (tagColumn(data.tagColumns, tag) !== undefined) return;
  throw new UserError(
    messages.chartTagColumnMissing(
      data.file.replace(/^data\//, ''),
      tag,
      closest(tag, data.tagColumns),
      data.tagColumns.length,
    ),
    { file: data.file, field: 'tag' },
  );
}

/**
 * The export's own spelling of a policy area's tag column (for `npm run new`), or undefined
 * when data/<file> is no readable export or has no such column.
 */
export async function exportTagColumn(root: string, file: string, area: string): Promise<string | undefined> {
  try {
    return tagColumn(readCommitmentsExport(await readTable(root, file)).tagColumns, area);
  } catch (error) {
    if (error instanceof UserError) return undefined;
    throw error;
  }
}
