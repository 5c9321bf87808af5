/**
 * Every message a user reads, in one place. Each returns what happened (with what was
 * expected and what was found) as `problem`, and how to fix it as `fix`. Tests compare
 * output against these functions, so wording changes happen here only.
 */

export interface Message {
  problem: string;
  fix: string;
}

const quote = (value: string): string => JSON.stringify(value);
const didYouMean = (suggestion: string | undefined): string =>
  suggestion === undefined ? '' : `Did you mean ${quote(suggestion)}? `;

/** Describes a found value briefly, for "found ..." clauses. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'an empty value';
  if (Array.isArray(value)) return value.length === 0 ? 'an empty list' : `a list of ${value.length}`;
  if (value instanceof Date) return `the date ${value.toISOString().slice(0, 10)}`;
  if (typeof value === 'object') return 'a set of fields';
  if (typeof value === 'string') {
    const shown = value.length > 60 ? `${value.slice(0, 57)}...` : value;
    return value === '' ? 'empty text' : `the text ${quote(shown)}`;
  }
  if (typeof value === 'number') return `the number ${value}`;
  if (typeof value === 'boolean') return `${value}`;
  return typeof value;
}

export const messages = {
  // --- files -------------------------------------------------------------------------
  yamlSyntax: (detail: string, hint: string): Message => ({
    problem: `This is not valid YAML: ${detail}.`,
    fix: hint,
  }),
  emptyFile: (expected: string): Message => ({
    problem: `The file is empty, but it must hold ${expected}.`,
    fix: 'Fill it in (copy the shape of a neighbouring file), or delete the file.',
  }),
  missingFrontmatter: (): Message => ({
    problem: 'The sheet has no frontmatter: the file must start with a line "---", the fields, then another "---".',
    fix: 'Add the frontmatter block at the top of the file (run `npm run new -- "<name>"` to see a complete example).',
  }),
  unclosedFrontmatter: (): Message => ({
    problem: 'The frontmatter block starts with "---" but never ends.',
    fix: 'Add a line "---" after the last frontmatter field, before the prose.',
  }),
  invalidUtf8: (): Message => ({
    problem: 'The file is not valid UTF-8 text.',
    fix: 'Save the file with UTF-8 encoding (most editors: "Save with encoding" > UTF-8).',
  }),
  controlCharacter: (code: string): Message => ({
    problem: `The text holds an invisible control character (${code}).`,
    fix: 'Delete the character: it usually comes from copying text out of a PDF or a word processor.',
  }),
  fileTooLarge: (sizeMb: string, limitMb: number): Message => ({
    problem: `The file is ${sizeMb} MB, more than the ${limitMb} MB a content file may be.`,
    fix: 'Content files hold text for one sheet or item: split it, or move data to data/ as CSV.',
  }),

  // --- schema ------------------------------------------------------------------------
  missingField: (field: string, expected: string): Message => ({
    problem: `The required field "${field}" is missing: expected ${expected}.`,
    fix: `Add "${field}:" with ${expected}.`,
  }),
  wrongType: (expected: string, found: string): Message => ({
    problem: `Expected ${expected}, found ${found}.`,
    fix: `Change the value to ${expected}.`,
  }),
  unknownKey: (key: string, suggestion: string | undefined, allowed: readonly string[]): Message => ({
    problem: `Unknown field "${key}": it is not one of the fields this file may have.`,
    fix: `${didYouMean(suggestion)}Allowed fields here: ${allowed.join(', ')}.`,
  }),
  notOneOf: (options: readonly string[], found: string, suggestion: string | undefined): Message => ({
    problem: `Expected one of ${options.map(quote).join(', ')}, found ${found}.`,
    fix: `${didYouMean(suggestion)}Use one of the listed values.`,
  }),
  emptyList: (minimum: number, itemName: string): Message => ({
    problem: `The list is empty, but it needs at least ${minimum} ${itemName}.`,
    fix: `Add at least ${minimum} ${itemName}, each on its own line starting with "- ".`,
  }),
  tooFew: (minimum: number, actual: number, itemName: string): Message => ({
    problem: `The list has ${actual} ${itemName}, but it needs at least ${minimum}.`,
    fix: `Add ${minimum - actual} more.`,
  }),
  tooMany: (maximum: number, actual: number, itemName: string): Message => ({
    problem: `The list has ${actual} ${itemName}, but at most ${maximum} fit on a sheet.`,
    fix: `Remove ${actual - maximum}, or merge some of them.`,
  }),
  emptyText: (): Message => ({
    problem: 'The text is empty.',
    fix: 'Write the text, or remove the field if it is optional.',
  }),
  textTooLong: (maximum: number, actual: number): Message => ({
    problem: `The text is ${actual} characters long, more than the ${maximum} this field allows.`,
    fix: `Shorten it by ${actual - maximum} characters: it has to fit its place on the printed sheet.`,
  }),
  invalidDate: (found: string): Message => ({
    problem: `Expected a date written YYYY-MM-DD, found ${found}.`,
    fix: 'Write a real calendar date, e.g. 2021-03-15.',
  }),
  invalidUrl: (found: string): Message => ({
    problem: `Expected a full web address starting with https://, found ${found}.`,
    fix: 'Copy the address from the browser bar, e.g. https://www.opengovpartnership.org/.',
  }),
  invalidSlug: (found: string): Message => ({
    problem: `Expected an id of lowercase letters, digits and hyphens, found ${found}.`,
    fix: 'Use only a-z, 0-9 and "-", e.g. "digital-governance".',
  }),
  numberOutOfRange: (expected: string, found: string): Message => ({
    problem: `Expected ${expected}, found ${found}.`,
    fix: `Change the value to ${expected}.`,
  }),
  invalidValue: (detail: string): Message => ({
    problem: `The value is not valid: ${detail}.`,
    fix: 'Correct the value.',
  }),

  // --- links in text -----------------------------------------------------------------
  unsafeLink: (href: string): Message => ({
    problem: `The link target ${quote(href)} runs code or is not a web address; it is not allowed.`,
    fix: 'Link to a web page (https://...), a section of this site (/policy-areas/...), or remove the link.',
  }),
  emptyLink: (text: string): Message => ({
    problem: `The link ${quote(text)} has no target: "[text]()" or "[text](#)" leads nowhere.`,
    fix: 'Put the full web address in the parentheses, or remove the brackets to keep plain text.',
  }),
  insecureLink: (href: string): Message => ({
    problem: `The link ${quote(href)} uses http://; the site and its PDFs only link to secure https:// pages.`,
    fix: `Use ${quote(href.replace(/^http:/i, 'https:'))} if the page supports it.`,
  }),
  malformedLink: (href: string): Message => ({
    problem: `The link target ${quote(href)} is not a full web address.`,
    fix: 'Write the full address starting with https://, or a site path starting with /.',
  }),

  // --- references --------------------------------------------------------------------
  unknownReference: (
    what: string,
    value: string,
    listedIn: string,
    suggestion: string | undefined,
  ): Message => ({
    problem: `Unknown ${what} ${quote(value)}: it is not listed in ${listedIn}.`,
    fix: `${didYouMean(suggestion)}Correct the spelling, or add it to ${listedIn}.`,
  }),
  duplicateId: (what: string, id: string, firstAt: string): Message => ({
    problem: `The ${what} ${quote(id)} is used twice; the first is at ${firstAt}.`,
    fix: `Give each ${what} its own id: rename one of them (ids make the links partners use).`,
  }),
  duplicateReference: (what: string, id: string): Message => ({
    problem: `The ${what} ${quote(id)} is listed twice.`,
    fix: 'Remove the second entry.',
  }),
  commitmentNotInArea: (commitment: string, area: string): Message => ({
    problem: `The sheet lists commitment ${quote(commitment)}, but that commitment's policyAreas does not include ${quote(area)}.`,
    fix: `Add "${area}" to policyAreas in content/commitments/${commitment}.yaml, or remove it from the sheet.`,
  }),

  // --- summary -----------------------------------------------------------------------
  checkPassed: (files: number, ms: number): string =>
    `Checked ${files} content files in ${ms} ms: no problems found.`,
  checkFailed: (errors: number, warnings: number): string =>
    `${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} found. Nothing was built; fix the content above and run \`npm run check\` again.`,
  checkWarnings: (warnings: number): string =>
    `${warnings} warning${warnings === 1 ? '' : 's'}: the content is usable, but review ${warnings === 1 ? 'it' : 'them'}.`,
} as const;

/** Fix hints for the yaml package's error codes. */
export function yamlErrorHint(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'Each field may appear once: delete or rename one of the two.';
    case 'TAB_AS_INDENT':
      return 'Indent with spaces, not tabs (two spaces per level).';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
      return 'Check the indentation and punctuation on this line against the lines around it.';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'A value that contains ": " must be quoted; a long text needs ">-" and the text indented on the next lines.';
    case 'UNEXPECTED_TOKEN':
      return 'Text that starts with a special character ([ { * & ! | > % @ `) must be put in quotes.';
    default:
      return 'Compare this line with a neighbouring entry of the same kind; quote text that contains ": " or starts with a special character.';
  }
}
