/**
 * Writing the plotted data as CSV (RFC 4180, LF line ends, UTF-8): the chart's download.
 *
 * The file is opened in spreadsheets, which run a cell starting with `=`, `+`, `-` or `@` as
 * a formula (and some treat a leading tab or carriage return the same way). As OWASP
 * recommends for CSV exports, such a text cell is made inert with a leading apostrophe and
 * written quoted; numbers, including negative ones, stay numbers.
 */

/** What a spreadsheet may read as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;

/** A plain decimal number, e.g. "-3.5": a value, not a formula, whichever column it is in. */
const NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?$/;

/** The text of a cell as a spreadsheet will read it: formulas neutralised, numbers kept. */
export function inertCell(value: string | number): string {
  const text = String(value);
  if (typeof value === 'number' || NUMBER.test(text) || !FORMULA_START.test(text)) return text;
  return `'${text}`;
}

const cell = (value: string | number): string => {
  const text = inertCell(value);
  const neutralised = text !== String(value);
  return neutralised || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

export function toCsv(columns: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  return [columns, ...rows].map((row) => row.map(cell).join(',')).join('\n') + '\n';
}
