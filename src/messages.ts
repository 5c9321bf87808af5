/**
 * Every error and diagnostic message an editor or developer reads, in one place. Each returns
 * what happened (with what was expected and what was found) as `problem`, and how to fix it as
 * `fix`. Tests compare output against these functions, so wording changes happen here only.
 * The site's own words for readers (pages, charts, PDFs, social cards) are in the string
 * tables of src/i18n/, one per language.
 */

import type { LinkProblemKind } from './link-policy.ts';

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

/** The end of the scaffold's tag messages: which tag to name, and how. */
const scaffoldTagFix = (name: string, suggestions: readonly string[]): string =>
  `${suggestions.length > 0 ? `Did you mean ${suggestions.map(quote).join(' or ')}? ` : ''}Name the export's tag column to count:\n  npm run new -- ${quote(name)} --tag ${quote(suggestions[0] ?? '<tag column>')}\nNothing was written.`;

export const messages = {
  // --- files -------------------------------------------------------------------------
  /** YAML syntax errors in an editor's words (src/content/yaml-errors.ts picks one). */
  yaml: {
    tabIndent: (column: number): Message => ({
      problem: `This line is indented with a tab (at column ${column}); YAML indentation must be spaces.`,
      fix: 'Replace the tab with spaces, lining the line up with the ones around it (two spaces per level). Most editors can "convert indentation to spaces".',
    }),
    listItemIndent: (): Message => ({
      problem: 'This list item is not lined up with the others.',
      fix: 'A list item needs a "- " at the same indent as the others: start the line with "- " exactly below the "- " of the item above.',
    }),
    fieldIndent: (): Message => ({
      problem: 'This field is not lined up with the fields around it, so YAML cannot tell which group it belongs to.',
      fix: 'Indent it with exactly as many spaces as the other fields of its group (the line above, if it belongs with it).',
    }),
    colonInText: (): Message => ({
      problem:
        'The text holds ": " (a colon then a space) without quotes, and YAML reads that as the start of another field.',
      fix: 'Put the whole text in double quotes ("..."), or drop the space after the colon; a long text can also go on the next lines after ">-", indented.',
    }),
    lineWithoutField: (): Message => ({
      problem: 'This line is not a "field: value" line, and it is not indented as part of the text above it.',
      fix: 'Add ": " after the field name; or, if the line continues the text above, indent it further than that field\'s name (or quote the whole text).',
    }),
    multilineIndent: (): Message => ({
      problem: 'A line of this multi-line text is less indented than its first line, so YAML ends the text there.',
      fix: 'Indent every line of the text at least as far as its first line.',
    }),
    unclosedQuote: (): Message => ({
      problem: 'The quote opened on this line is never closed.',
      fix: 'Add the closing quote at the end of the text. A " inside a "..." text is written \\" (or quote the text with \' instead).',
    }),
    needsQuotes: (character: string): Message => ({
      problem: `The value starts with ${JSON.stringify(character)}, which YAML reads as its own syntax, not as text.`,
      fix: `Put the whole value in double quotes, e.g. title: "${character}...", and write any " inside it as \\".`,
    }),
    hashTouchesText: (): Message => ({
      problem: 'A "#" directly after a quoted text: YAML starts a comment only after a space.',
      fix: 'Move the "#" inside the quotes if it is part of the text, or put a space before it to start a comment.',
    }),
    bracketNotClosed: (bracket: string): Message => ({
      problem: `A list written in brackets is not closed with "${bracket}" on the same line or an indented one.`,
      fix: `Add the closing "${bracket}", or write the list one item per line, each starting with "- ".`,
    }),
    bracketList: (): Message => ({
      problem: 'A list written in brackets ([a, b] or {a: b}) is not well formed: items must be separated by ", ".',
      fix: 'Separate the items with commas and close the bracket; or write the list one item per line, each starting with "- ".',
    }),
    blockHeader: (): Message => ({
      problem: 'Text follows ">" or "|" on the same line; a multi-line text starts on the next line.',
      fix: 'Put the text on the lines after ">-" (or "|"), indented; or quote it and drop the ">" or "|".',
    }),
    badEscape: (sequence: string): Message => ({
      problem: `The double-quoted text holds ${JSON.stringify(sequence)}, which is not a character YAML knows how to write with a backslash.`,
      fix: "Write a backslash itself as \\, or quote the text with '...' instead, where backslashes have no special meaning.",
    }),
    duplicateKey: (key: string): Message => ({
      problem: `The field ${JSON.stringify(key)} appears twice in the same place.`,
      fix: 'Each field may appear once: delete one of the two, or rename it.',
    }),
    multipleDocuments: (): Message => ({
      problem: 'A line "---" here starts a second document, but a content file holds one.',
      fix: 'Delete that line (and what follows it, if it is a stray copy).',
    }),
    keyTooLong: (): Message => ({
      problem: 'A field name is longer than 1024 characters: a line of text is probably missing its field name.',
      fix: 'Start the line with the field name and ": ", or indent it under the field whose text it continues.',
    }),
    unknownAlias: (name: string): Message => ({
      problem: `The value starts with "*${name}", which YAML reads as a reference to another value, not as text.`,
      fix: `Put the whole value in double quotes, e.g. "*${name}...". For italics, *text* works inside quotes.`,
    }),
    other: (detail: string): Message => ({
      problem: `This line is not valid YAML (the parser says: ${detail}).`,
      fix: 'Compare this line with a neighbouring entry of the same kind; quote text that contains ": " or starts with a special character.',
    }),
  },
  emptyFile: (expected: string): Message => ({
    problem: `The file is empty, but it must hold ${expected}.`,
    fix: 'Fill it in (copy the shape of a neighbouring file), or delete the file.',
  }),
  missingFile: (expected: string): Message => ({
    problem: `The file is missing; it must hold ${expected}.`,
    fix: 'Restore it from git (`git checkout -- <file>`), or create it.',
  }),
  wrongExtension: (expected: string, found: string): Message => ({
    problem: `This file is not read: files in this folder must end in ${expected}, this one ends in ${found}.`,
    fix: `Rename it to end in ${expected}, or move it out of the content folder.`,
  }),
  badFileName: (name: string, extension: string): Message => ({
    problem: `The file name ${JSON.stringify(name)} cannot be an id: ids (and so URLs) use lowercase letters, digits and hyphens only.`,
    fix: `Rename it, e.g. ${JSON.stringify(
      name
        .slice(0, -extension.length)
        .normalize('NFKD')
        .replace(/[^\w\s-]/g, '')
        .trim()
        .toLowerCase()
        .replace(/[\s_]+/g, '-') + extension,
    )}.`,
  }),
  emptyBody: (): Message => ({
    problem: 'The sheet has no prose after its frontmatter: the "Why ...?" part would be empty.',
    fix: 'Write the prose after the closing "---" line.',
  }),
  mdxSyntax: (detail: string): Message => ({
    problem: `The prose is not valid MDX: ${detail}.`,
    fix: 'In the prose, "<" starts a component and "{" an expression: write \\< and \\{ (or &lt;) for the characters themselves.',
  }),
  mdxCode: (kind: 'esm' | 'expression'): Message => ({
    problem:
      kind === 'esm'
        ? 'The prose holds an import or export line: sheets are text, and code in them would run when the site is built.'
        : 'The prose holds a {...} expression: sheets are text, and an expression would run when the site is built.',
    fix: 'Remove it. To show the characters themselves, write \\{ and \\} (or put the line in `backticks`).',
  }),
  mdxElement: (name: string): Message => ({
    problem: `The prose holds the tag <${name}>: sheets are markdown text, and tags would become markup or components.`,
    fix: 'Use markdown instead (**bold**, *italic*, [link](https://...)); to show a "<" itself, write \\<.',
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
  nestedTooDeep: (limit: number): Message => ({
    problem: `The lists and sets of fields ([ ] and { }) here are nested more than ${limit} levels deep; content never needs that.`,
    fix: 'Write the value out without the extra brackets (a list item per line starting with "- ").',
  }),
  reservedKey: (key: string): Message => ({
    problem: `The field name ${quote(key)} is reserved: it would change what the data is rather than add a field.`,
    fix: `Remove ${quote(key)} (and what it holds), or rename it.`,
  }),
  invisibleCharacter: (described: string): Message => ({
    problem: `The text holds ${described}, an invisible character that makes text read differently than it is written (reversed, or two names that look alike but differ).`,
    fix: 'Delete the character (retype the text around it, or paste as plain text); titles and names never need it.',
  }),
  fontCoverage: (characters: readonly string[], family: string): Message => ({
    problem: `The text uses ${characters.length === 1 ? 'a character' : 'characters'} the embedded font (${family}) cannot draw: ${characters
      .slice(0, 10)
      .map((c) => `${c} (U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')})`)
      .join(
        ', ',
      )}${characters.length > 10 ? `, and ${characters.length - 10} more` : ''}; in the PDF they print as empty boxes.`,
    fix: 'Use characters of a script the font covers (Latin, Greek, Cyrillic, Vietnamese), or add a font that covers this script (CONTRIBUTING.md, "Fonts").',
  }),
  fileTooLarge: (sizeMb: string, limitMb: number): Message => ({
    problem: `The file is ${sizeMb} MB, more than the ${limitMb} MB a content file may be.`,
    fix: 'Content files hold text for one sheet or item: split it, or move data to data/ as CSV.',
  }),

  /** Files content and data name that the build will not read (src/content/project-files.ts). */
  files: {
    outsideProject: (file: string, target: string | undefined): Message => ({
      problem: `${file} is a link to ${target === undefined ? 'a file' : quote(target)} outside the project; the build reads only files inside the project, so it was not read.`,
      fix: 'Copy the file into the project (content/ or data/) instead of linking to it, or remove the link.',
    }),
    notAFile: (file: string, kind: string): Message => ({
      problem: `${file} is ${kind}, not a regular file; it was not read.`,
      fix: 'Replace it with a regular file saved in the project, or remove it.',
    }),
    tooLarge: (file: string, bytes: number, limit: number, what: string): Message => ({
      problem: `${file} is ${(bytes / 1024 / 1024).toFixed(1)} MB, more than the ${limit / 1024 / 1024} MB ${what} may be.`,
      fix: 'Keep only the rows and columns the charts use (a chart of a fact sheet never needs more), or split the file.',
    }),
  },

  /** What one chart may cost (src/charts/limits.ts): refused by check, enforced when drawing. */
  limits: {
    tooManyRows: (file: string, rows: number, limit: number): Message => ({
      problem: `data/${file} has ${rows} rows, more than the ${limit} a chart may plot (each row is also a row of the page's data table and CSV).`,
      fix: 'Plot a summary: keep only the rows the chart shows, or aggregate them in the data file.',
    }),
    sizeTooLarge: (key: string, value: number, limit: number): Message => ({
      problem: `The spec sets "${key}" to ${value} pixels, more than the ${limit} a chart may be.`,
      fix: `Use a ${key} of at most ${limit} (a chart of a fact sheet is about 500 pixels wide), or leave it out to use the theme's size.`,
    }),
    chartTooLarge: (width: number, height: number, limit: number): Message => ({
      problem: `The chart would be drawn ${width} x ${height} pixels, more than the ${limit} pixels a chart may be in either direction.`,
      fix: "Lower the spec's width, height or step, or plot fewer categories.",
    }),
    svgTooLarge: (bytes: number, limit: number): Message => ({
      problem: `The drawn chart is ${(bytes / 1024 / 1024).toFixed(1)} MB of SVG, more than the ${limit / 1024 / 1024} MB a chart may be.`,
      fix: 'Plot fewer marks: aggregate the data, or show fewer categories.',
    }),
    expressionTooLarge: (fn: string, value: number, limit: number): Message => ({
      problem: `The expression calls ${fn}() with ${value}, more than the ${limit} a chart's expression may build (a list or text that long would stall the build).`,
      fix: `Use a number of at most ${limit}, or compute the values in the data file instead.`,
    }),
    drawTimedOut: (seconds: number): Message => ({
      problem: `Drawing the chart took more than ${seconds} seconds, the limit for one chart; it was stopped.`,
      fix: 'Look for an expression that builds long lists or texts (e.g. sequence(), pad(), repeat()) in "calculate", "filter" or "expr", or plot less data.',
    }),
    drawOutOfMemory: (megabytes: number): Message => ({
      problem: `Drawing the chart needed more than ${megabytes} MB of memory, the limit for one chart; it was stopped.`,
      fix: 'Look for an expression that builds long lists or texts (e.g. sequence(), pad(), repeat()) in "calculate", "filter" or "expr", or plot less data.',
    }),
  },

  // --- schema ------------------------------------------------------------------------
  missingField: (field: string, expected: string): Message => ({
    problem: `The required field "${field}" is missing: expected ${expected}.`,
    fix: `Add "${field}:" with ${expected}.`,
  }),
  /** A text with ": " unquoted, which YAML read as a field ("- Parliaments: where laws are made"). */
  textReadAsField: (expected: string, key: string): Message => ({
    problem: `Expected ${expected}, found a field "${key}": the text holds ": " (a colon then a space) after ${quote(key)} without quotes, and YAML reads that as a field name and its value.`,
    fix: messages.yaml.colonInText().fix,
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
    problem: `The list has ${actual} ${itemName}${actual === 1 ? '' : 's'}, but it needs at least ${minimum}.`,
    fix: `Add ${minimum - actual} more.`,
  }),
  tooMany: (maximum: number, actual: number, itemName: string): Message => ({
    problem: `The list has ${actual} ${itemName}${actual === 1 ? '' : 's'}, but at most ${maximum} fit on a sheet.`,
    fix: `Remove ${actual - maximum}, or merge some of them.`,
  }),
  emptyText: (): Message => ({
    problem: 'The text is empty.',
    fix: 'Write the text, or remove the field if it is optional.',
  }),
  textTooShort: (minimum: number, actual: number): Message => ({
    problem: `The text is ${actual} characters long, but this field needs at least ${minimum}.`,
    fix: 'Write a full sentence: it is read aloud to people who cannot see the page.',
  }),
  textTooLong: (maximum: number, actual: number): Message => ({
    problem: `The text is ${actual} characters long, more than the ${maximum} this field allows.`,
    fix: `Shorten it by ${actual - maximum} characters: it has to fit its place on the printed sheet.`,
  }),
  invalidDate: (found: string): Message => ({
    problem: `Expected a date written YYYY-MM-DD, found ${found}.`,
    fix: 'Write a real calendar date, e.g. 2021-03-15.',
  }),
  invalidUrl: (found: string, suggestion?: string): Message => ({
    problem: `Expected a full web address starting with https://, found ${found}.`,
    fix: `${didYouMean(suggestion)}Copy the address from the browser bar, e.g. https://www.opengovpartnership.org/.`,
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
    fix: 'Compare it with the same field in a neighbouring file; your editor shows what each field takes (schemas/).',
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
  schemeTypo: (href: string, suggestion: string): Message => ({
    problem: `The link target ${quote(href)} is not a web address: its beginning is misspelt or missing.`,
    fix: `Did you mean ${quote(suggestion)}? Web addresses start with "https://".`,
  }),
  malformedLink: (href: string): Message => ({
    problem: `The link target ${quote(href)} is not a full web address.`,
    fix: 'Write the full address starting with https://, or a site path starting with /.',
  }),
  previewLink: (href: string, path: string): Message => ({
    problem: `The link ${quote(href)} leads to the preview on your own computer (localhost): readers of the site and the PDF cannot open it.`,
    fix: `Link to the page on this site instead: ${quote(path)}.`,
  }),
  /** The message for a link the link policy (src/link-policy.ts) refuses, in a text an editor wrote. */
  linkProblem: (
    kind: LinkProblemKind,
    href: string,
    text: string,
    suggestion?: string,
    previewPath?: string,
  ): Message =>
    previewPath !== undefined
      ? messages.previewLink(href, previewPath)
      : suggestion !== undefined
        ? messages.schemeTypo(href, suggestion)
        : kind === 'emptyLink'
          ? messages.emptyLink(text)
          : messages[kind](href),

  unknownAnchor: (href: string, page: string, suggestion: string | undefined): Message => ({
    problem: `The link ${quote(href)} leads to an anchor ${page} does not have, so it would land at the top of the page (or fail the build).`,
    fix: `${suggestion === undefined ? '' : `Did you mean ${quote(suggestion)}? `}Link to one of the anchors the sheet has: its sections (#why, #status-quo, #where-to-next, ...), recommendation groups and recommendations, commitments and charts.`,
  }),
  unknownSheetLink: (href: string, slug: string, suggestion: string | undefined): Message => ({
    problem: `The link ${quote(href)} leads to the sheet "${slug}", but there is no content/policy-areas/${slug}.mdx (nor an alias of that name).`,
    fix: `${didYouMean(suggestion)}Link to a sheet that exists: /policy-areas/<slug>/ with the slug of its file name.`,
  }),
  linkSpaceBeforeParen: (text: string, url: string): Message => ({
    problem: `"[${text}] (${url})" has a space between "]" and "(", so it is not a link: the brackets and the address print as they are.`,
    fix: `Remove the space: "[${text}](${url})".`,
  }),
  unbalancedBracket: (bracket: string): Message => ({
    problem: `This "${bracket}" has no partner, so a link around it is not a link: the brackets print as they are.`,
    fix: 'A link is written [text](https://...): check that each "[" has its "]" and each "(" after "]" has its ")". To show a bracket itself, write \\[ or \\].',
  }),
  markdownImage: (alt: string, src: string): Message => ({
    problem: `The text shows an image, ${quote(`![${alt}](${src})`)}: a fact sheet's figures are its charts, drawn from its data. An image would be fetched from elsewhere by each reader and by the build, and the PDF's layout has no place for it.`,
    fix: `Remove the image, or draw the figure as a chart (charts: in the sheet's frontmatter). To point readers at it, make it a link: [${alt === '' ? 'the image' : alt}](${src}).`,
  }),
  bareUrl: (url: string, suggestion: string): Message => ({
    problem: `The address ${quote(url)} is written as plain text: on the page and in the PDF it is not a link.`,
    fix: `Make it a link: [the page's name](${suggestion}).`,
  }),

  // --- references --------------------------------------------------------------------
  unknownReference: (what: string, value: string, listedIn: string, suggestion: string | undefined): Message => ({
    problem: `Unknown ${what} ${quote(value)}: it is not listed in ${listedIn}.`,
    fix: `${didYouMean(suggestion)}Correct the spelling, or add it to ${listedIn}.`,
  }),
  duplicateId: (what: string, id: string, firstAt: string): Message => ({
    problem: `The ${what} ${quote(id)} is used twice; the first is at ${firstAt}.`,
    fix: `Give each ${what} its own id: rename one of them (ids make the links partners use).`,
  }),
  emptyAnchor: (): Message => ({
    problem: 'The heading has no letters or digits a link anchor can be made of (a-z, 0-9).',
    fix: 'Give the group an id of its own on the line above the title, e.g. "id: protect-civic-space".',
  }),
  placeholderLeft: (sheetFile: string): Message => ({
    problem:
      'This text is still a placeholder written by npm run new ("Replace with ..."), and the sheet is not a draft, so it would be published as it is.',
    fix: `Write the real text here, or set draft: true in ${sheetFile} until every placeholder is replaced.`,
  }),
  duplicateReference: (what: string, id: string): Message => ({
    problem: `The ${what} ${quote(id)} is listed twice.`,
    fix: 'Remove the second entry.',
  }),
  commitmentNotInArea: (commitment: string, area: string): Message => ({
    problem: `The sheet lists commitment ${quote(commitment)}, but that commitment's policyAreas does not include ${quote(area)}.`,
    fix: `Add "${area}" to policyAreas in content/commitments/${commitment}.yaml, or remove it from the sheet.`,
  }),

  // --- charts (src/charts/) ------------------------------------------------------------
  chartDataFileMissing: (file: string, suggestion: string | undefined, available: readonly string[]): Message => ({
    problem: `The chart's data file "data/${file}" does not exist.`,
    fix: `${didYouMean(suggestion)}Put the file in data/, or name one of the files there${available.length > 0 ? `: ${available.join(', ')}` : ''}.`,
  }),
  chartCsvMalformed: (file: string, line: number, detail: string): Message => ({
    problem: `Row at line ${line} of data/${file} is not valid CSV: ${detail}.`,
    fix: 'Fix that row: every row needs as many cells as the header, and a cell with commas, quotes or line breaks must be wrapped in double quotes, with inner quotes doubled ("").',
  }),
  chartJsonInvalid: (file: string, detail: string): Message => ({
    problem: `data/${file} is not a JSON list of records: ${detail}.`,
    fix: 'Write the data as a JSON array of objects, e.g. [{"year": 2020, "count": 3}].',
  }),
  chartExportColumnMissing: (file: string, column: string, suggestion: string | undefined): Message => ({
    problem: `data/${file} has no column "${column}", which a commitments export always has.`,
    fix: `${didYouMean(suggestion)}Use OGP's commitments export unchanged (all columns, header row first), or rename the column back.`,
  }),
  chartTagColumnMissing: (file: string, tag: string, suggestion: string | undefined, tagCount: number): Message => ({
    problem: `The commitments export data/${file} has no policy-area tag column "${tag}" (it has ${tagCount} tag columns).`,
    fix: `${didYouMean(suggestion)}Write the tag exactly as the export's column header spells it.`,
  }),
  chartNoTaggedCommitments: (file: string, tag: string): Message => ({
    problem: `No commitment in data/${file} is tagged "${tag}" (no row has 1 in that column), so the chart would be empty.`,
    fix: 'Check the tag name and the "until" year, or use a fuller export.',
  }),
  chartSpecFileMissing: (file: string, suggestion: string | undefined): Message => ({
    problem: `The Vega-Lite spec file "data/${file}" does not exist.`,
    fix: `${didYouMean(suggestion)}Put the spec in data/ as a .vl.json file, or write the spec inline under "spec:".`,
  }),
  chartSpecInvalid: (detail: string): Message => ({
    problem: `The Vega-Lite spec is not valid: ${detail}.`,
    fix: 'Compare it with the Vega-Lite documentation (https://vega.github.io/vega-lite/docs/) or with a spec that works; leave out "data": the chart\'s data file is supplied.',
  }),
  chartSpecAnimated: (): Message => ({
    problem:
      'The Vega-Lite spec uses the "time" channel, which animates a chart; a fact sheet\'s charts are drawn once, as still images for the page and the PDF, and Vega cannot draw an animated chart that way.',
    fix: 'Remove "time" from the encoding; to compare moments, put them side by side instead (e.g. "column": {"field": ...} or a "facet").',
  }),
  chartSpecWarning: (detail: string): Message => ({
    problem: `Vega-Lite accepted the spec but warned: ${detail}.`,
    fix: 'Check the encoding the warning names; the chart may not show what you meant.',
  }),
  chartSpecLoadsData: (key: string, found: string): Message => ({
    problem: `The Vega-Lite spec has "${key}" (${found}): the chart's data comes from its \`data:\` file; a spec may not load other data.`,
    fix: `Remove "${key}" from the spec; put the values the chart needs in its data file under data/ and name that file in the chart's "data:".`,
  }),
  chartSpecUnsafeHref: (href: string): Message => ({
    problem: `The Vega-Lite spec links to ${quote(href)}; a chart may link only to https:// pages, to pages of this site (paths starting with /) or to e-mail addresses.`,
    fix: 'Use a full https:// address or a site path such as /policy-areas/<slug>/, or remove "href".',
  }),
  chartDataFileName: (found: string): Message => ({
    problem: `Expected a file name in data/ ending in .csv, .tsv or .json, e.g. ogp-commitments.csv, found ${found}.`,
    fix: 'Save the data as CSV, TSV or JSON in data/ and write its name only (letters, digits, ".", "_", "-"), without a folder.',
  }),
  chartSpecFileName: (found: string): Message => ({
    problem: `Expected a Vega-Lite spec written under "spec:", or a file name in data/ ending in .vl.json, e.g. shares.vl.json, found ${found}.`,
    fix: 'Write the spec inline under "spec:", or save it as JSON in data/<name>.vl.json and write its name only (letters, digits, ".", "_", "-").',
  }),
  chartSpecFieldMissing: (
    field: string,
    file: string,
    suggestion: string | undefined,
    columns: readonly string[],
  ): Message => ({
    problem: `The spec uses the field "${field}", but data/${file} has no such column.`,
    fix: `${didYouMean(suggestion)}Use one of the data's columns: ${columns.slice(0, 12).join(', ')}${columns.length > 12 ? ', ...' : ''}.`,
  }),
  chartNotOnSheet: (id: string, suggestion: string | undefined, ids: readonly string[]): Message => ({
    problem: `No chart of this sheet has the id "${id}" (the sheet's charts: ${ids.length > 0 ? ids.join(', ') : 'none'}).`,
    fix: `${didYouMean(suggestion)}Name one of the sheet's chart ids, or add the chart to "charts:".`,
  }),
  chartNotPlaced: (id: string, sections: readonly string[]): Message => ({
    problem: `The chart "${id}" is declared under "charts:", but no section shows it, so it would be on neither the page nor the PDF.`,
    fix: `Show it where it belongs: add its id to "charts:" under ${sections.join(' or ')} (e.g. "charts: [${id}]"), or remove the chart.`,
  }),
  chartPlacedTwice: (id: string, firstAt: string): Message => ({
    problem: `The chart "${id}" is shown twice; it is already placed at ${firstAt}. A chart appears once on a sheet.`,
    fix: 'Remove one of the two ids (to show the same data twice, declare a second chart with its own id).',
  }),
  chartAndCharts: (section: string, ids: readonly string[]): Message => ({
    problem: `"${section}" has both "chart:" and "charts:".`,
    fix: `Name every chart of the section in one list, "charts: [${ids.join(', ')}]", and remove "chart:".`,
  }),
  unknownFigure: (name: string, suggestion: string | undefined, names: readonly string[]): Message => ({
    problem: `The text refers to {{${name}}}, but there is no computed figure of that name.`,
    fix: `${didYouMean(suggestion)}Figures available: ${names.length > 0 ? names.map((n) => `{{${n}}}`).join(', ') : 'none (the sheet has no built-in OGP chart)'}.`,
  }),
  figureContradiction: (typed: string, unit: string, names: readonly string[], values: readonly string[]): Message => ({
    problem: `The text says "${typed} ${unit}", but the data gives ${names.map((n, i) => `{{${n}}} = ${values[i] ?? ''}`).join(' or ')}.`,
    fix: `Write ${names.map((n) => `{{${n}}}`).join(' or ')} instead of the typed number, so the text always matches the chart.`,
  }),
  chartRenderFailed: (detail: string): Message => ({
    problem: `The chart could not be drawn: ${detail}.`,
    fix: 'Run `npm run check` to find the problem in the chart definition or its data.',
  }),

  /** Prefixes a chart problem with the chart and sheet it belongs to. */
  inChart: (chartId: string, sheetFile: string, message: Message): Message => ({
    problem: `Chart "${chartId}" of ${sheetFile}: ${message.problem}`,
    fix: message.fix,
  }),

  // --- translations (src/content/translation-check.ts, scripts/translations.ts) ---------
  translations: {
    stale: (language: string, translationAt: string, file: string): Message => ({
      problem: `This English text changed since the ${language} translation (${translationAt}) was made: the ${language} page shows the older version, with an "out of date" notice.`,
      fix: `Update the ${language} text, then record that it matches this English version: npm run translations -- record ${file}`,
    }),
    missingField: (language: string, englishAt: string): Message => ({
      problem: `The ${language} translation leaves out a text the English file has (${englishAt}), so the sheet is not published in ${language}.`,
      fix: `Translate it here, in the same place as in the English file, then run: npm run translations -- record <this file>`,
    }),
    missingFile: (language: string, file: string): Message => ({
      problem: `The sheet has a ${language} translation, but ${file} is not translated, so the sheet is not published in ${language}.`,
      fix: `Create ${file} with the same texts as the English file (copy it and translate), then run: npm run translations -- record ${file}`,
    }),
    orphan: (english: string): Message => ({
      problem: `This translation has no English file to translate: ${english} does not exist.`,
      fix: 'Name the translation like the English file it translates (same file name, in the language folder), or delete it.',
    }),
    extraItem: (englishAt: string): Message => ({
      problem: `The translation has a text the English file does not have (${englishAt} has fewer items); it is never shown.`,
      fix: 'Remove it, or keep the translation in step with the English list, item for item.',
    }),
    unknownSpecText: (place: string, chartId: string, places: readonly string[], suggestion?: string): Message => ({
      problem: `"${place}" is not a text of the English chart "${chartId}"'s Vega-Lite spec, so this translation is never shown.`,
      fix: `${didYouMean(suggestion)}${places.length === 0 ? 'That spec writes no words: remove `spec:` here.' : `Its texts are: ${places.join(', ')}.`}`,
    }),
    unknownFigure: (name: string, englishAt: string, names: readonly string[], suggestion?: string): Message => ({
      problem: `The translation refers to {{${name}}}, which is not a figure and is not in the English text (${englishAt}): the page and the PDF would print "{{${name}}}" as written.`,
      fix: `${didYouMean(suggestion === undefined ? undefined : `{{${suggestion}}}`)}Keep the English text's figure names as they are: ${names.length > 0 ? names.map((n) => `{{${n}}}`).join(', ') : 'it uses none'}.`,
    }),
    chartId: (expected: string, found: string): Message => ({
      problem: `The translated chart here is "${found}", but the English sheet has "${expected}" in this place.`,
      fix: `Translate the charts in the English order, each with its English id ("${expected}").`,
    }),
    /** One line of the check summary per sheet: how it stands in each language. */
    summaryLine: (slug: string, states: readonly string[]): string => `  ${slug}: ${states.join('; ')}`,
    summaryHeading: (): string => 'Translations (a sheet is published in a language only when it is fully translated):',
    state: (lang: string, state: 'current' | 'stale' | 'missing' | 'none', reviewed: boolean, count: number): string =>
      state === 'none'
        ? `${lang} not translated`
        : state === 'missing'
          ? `${lang} incomplete (${count} text${count === 1 ? '' : 's'} missing): not published`
          : `${lang} published${state === 'stale' ? ` with an out-of-date notice (${count} text${count === 1 ? '' : 's'} changed in English)` : ''}${reviewed ? '' : ', under review'}`,
    recorded: (file: string, count: number): string =>
      `Recorded in ${file} the English version of its ${count} text${count === 1 ? '' : 's'}: check no longer reports them as changed.`,
    noTranslations: (): string =>
      'No sheet is translated yet: add content/policy-areas/es/<slug>.mdx (see docs/translating.md).',
    unrecorded: (language: string, translationAt: string, file: string): Message => ({
      problem: `The ${language} translation (${translationAt}) does not record which version of this English text it translates, so it is treated as out of date.`,
      fix: `Check that the ${language} text matches this English, then record it: npm run translations -- record ${file}`,
    }),
    neverRecorded: (language: string, count: number, file: string): Message => ({
      problem: `This ${language} translation does not record which version of the English it translates, so its ${count} texts are treated as out of date.`,
      fix: `Check that each ${language} text matches the English, then record them: npm run translations -- record ${file}`,
    }),
    recordUsage: (): string =>
      'Name the translation files to record: npm run translations -- record content/policy-areas/es/<slug>.mdx [more files]',
    recordNotTranslation: (file: string): string =>
      `${file} is not a translation file (content/policy-areas/<lang>/<slug>.mdx, content/recommendations/<lang>/<slug>.yaml or content/commitments/<lang>/<id>.yaml).`,
  },

  // --- npm run new-edition ------------------------------------------------------------
  editions: {
    usage: (): string =>
      'Name the sheet and the new edition date: npm run new-edition -- digital-governance 2027-05-01',
    noSheet: (slug: string): string =>
      `There is no sheet content/policy-areas/${slug}.mdx: use the file name of the sheet, without .mdx.`,
    noEditionField: (file: string): string =>
      `${file} has no "edition: YYYY-MM-DD" line to change: add the current edition date, then run this again.`,
    notLater: (date: string, current: string): string =>
      `The new edition ${date} is not later than the current one, ${current}: give a later date.`,
    started: (slug: string, previous: string, date: string, kept: readonly string[]): string =>
      `Kept the ${previous} edition's PDFs:\n${kept.map((file) => `  ${file}`).join('\n')}\nThe sheet ${slug} is now the ${date} edition. Commit the kept PDFs with your changes; the site serves them at /policy-areas/${slug}/editions/${previous}/ (a translation's under its language, e.g. /es/policy-areas/${slug}/editions/${previous}/).`,
  },

  // --- scaffold ----------------------------------------------------------------------
  scaffoldUsage: (): string =>
    'Name the policy area: npm run new -- "Open Parliaments" (add --tag "<column>" when the export tags it under another name)',
  scaffoldExists: (file: string): string => `${file} already exists: pick another name, or edit that sheet.`,
  scaffoldTag: (tag: string, file: string): string =>
    `Its charts count the commitments tagged "${tag}" in data/${file}.\n`,
  scaffoldNoTag: (name: string, file: string, suggestions: readonly string[]): string =>
    `data/${file} has no policy-area tag column named "${name}", so the new sheet's charts would have nothing to count.\n` +
    scaffoldTagFix(name, suggestions),
  scaffoldEmptyTag: (name: string, tag: string, file: string, suggestions: readonly string[]): string =>
    `data/${file} has the tag column "${tag}", but no commitment in it is tagged so: the new sheet's charts would be empty.\n` +
    scaffoldTagFix(name, suggestions),
  scaffoldNoExport: (file: string, detail: string): string =>
    `The new sheet's charts draw from data/${file}, but it cannot be read as OGP's commitments export: ${detail}\nNothing was written; run \`npm run check\` to see the problem with the data.`,
  scaffoldCreated: (sheet: string, recommendations: string, slug: string): string =>
    `Created a draft sheet:\n  ${sheet}\n  ${recommendations}\nReplace every "Replace with ..." text, add notable commitments, then set draft: false.\nPreview it with npm run dev at /policy-areas/${slug}/.\n`,

  // --- quality: gates on the built site (src/verify/) and on bad input -------------------
  quality: {
    brokenLink: (href: string, target: string): Message => ({
      problem: `The link ${quote(href)} leads to ${target}, which is not in the built site.`,
      fix: 'Link to a page that exists (e.g. /policy-areas/<slug>/), or add an alias for a renamed sheet.',
    }),
    brokenAnchor: (href: string, id: string, page: string): Message => ({
      problem: `The link ${quote(href)} leads to the anchor "#${id}", but ${page} has no element with id "${id}".`,
      fix: 'Use one of the anchors the page has (sections, recommendation groups, commitments, charts), or correct the spelling.',
    }),
    emptyLinkTarget: (element: string): Message => ({
      problem: `A <${element}> has an empty or bare "#" target, so it leads nowhere.`,
      fix: 'Give it a real target (a page, an anchor or an https:// address), or make it plain text.',
    }),
    unsafeLinkTarget: (href: string): Message => ({
      problem: `The link target ${quote(href)} runs code or is not a web address; the site never links that way.`,
      fix: 'Link to a web page (https://...) or a page of this site.',
    }),
    insecureLink: (href: string): Message => ({
      problem: `The link ${quote(href)} is not a secure https:// address.`,
      fix: `Use ${quote(href.replace(/^http:/i, 'https:'))} if the page supports it.`,
    }),
    malformedLink: (href: string): Message => ({
      problem: `The link target ${quote(href)} is not a well-formed web address.`,
      fix: 'Write a full https:// address with a host name, or a site path starting with /.',
    }),
    pdfLinkNotPublic: (href: string): Message => ({
      problem: `The PDF links to ${quote(href)}, an address readers of the PDF cannot open (expected an absolute https:// URL).`,
      fix: 'The print stage must turn every link into an absolute public URL (the site address in astro.config.mjs).',
    }),
    pdfUnreadable: (detail: string): Message => ({
      problem: `The PDF could not be read to check its links: ${detail}.`,
      fix: 'Run `npm run build` again; if it persists, the print stage wrote a damaged PDF.',
    }),
    offSiteResource: (url: string): Message => ({
      problem: `The page loads ${quote(url)} from another origin; the site must work without any request off its own origin.`,
      fix: 'Self-host the file (put it in public/ or import it from an npm package) and link it with a site path.',
    }),
    yamlTooManyAliases: (): Message => ({
      problem: 'The YAML uses aliases (*name) that expand to more than 100 copies; a content file never needs that.',
      fix: 'Write the values out instead of using "&anchor" and "*alias".',
    }),
    siteFailed: (count: number): string =>
      `${count} problem${count === 1 ? '' : 's'} found in the built site: dist/ was left as it was.`,
  },

  // --- summary -----------------------------------------------------------------------
  buildCrashed: (detail: string): string =>
    `The build stopped on an unexpected error: ${detail}\n  This is not a mistake in the content (npm run check found none): please report it with this message. Run with OGP_DEBUG=1 to see the details.`,
  moreIssues: (errors: number, warnings: number): string =>
    `... and ${[errors > 0 ? `${errors} more error${errors === 1 ? '' : 's'}` : '', warnings > 0 ? `${warnings} more warning${warnings === 1 ? '' : 's'}` : ''].filter(Boolean).join(' and ')}, not shown: fix the ones above and run the command again to see them.`,
  stageDone: (stage: string, ms: number): string => `${stage}: done in ${ms} ms`,
  pagesHeapExceeded: (mb: number): string =>
    `pages: Astro's process outgrew its ${mb} MB heap limit (the message above); building the pages again without the limit.`,
  searchHeapExceeded: (mb: number): string =>
    `search: the search process outgrew its ${mb} MB heap limit (the message above); indexing again without the limit.`,
  pdfPrinted: (file: string, pages: number, bytes: number, ms: number): string =>
    `  ${file}: ${pages} page${pages === 1 ? '' : 's'}, ${Math.round(bytes / 1024)} KB, ${ms} ms`,
  printedOfTotal: (printed: number, total: number): string =>
    `print: ${printed} of ${total} PDF${total === 1 ? '' : 's'} printed${total > printed ? `, ${total - printed} unchanged (from the print cache)` : ''}`,
  buildFailed: (): string =>
    'The build failed: dist/ was left as it was. Fix the problem above and run `npm run build` again.',
  printTimes: (median: { load: number; ready: number; pdf: number; post: number }): string =>
    `print: a PDF's time (median): page load ${median.load} ms, fonts and links ${median.ready} ms, page.pdf() ${median.pdf} ms, post-processing ${median.post} ms`,
  shardInvalid: (value: string): Message => ({
    problem: `--shard takes which share of the PDFs to print as i/n, 1 <= i <= n (found "${value}").`,
    fix: 'Write e.g. `npm run build -- --shard 2/4` for the second of four shares.',
  }),
  shardDone: (shard: string, printed: number, total: number, folder: string): string =>
    `Shard ${shard}: ${printed} of ${total} PDFs ready in ${folder}/. Merge the shards with \`npm run build -- --merge <folder holding them>\`.`,
  shardsMerged: (entries: number, from: string): string =>
    `Merged ${entries} printed PDF${entries === 1 ? '' : 's'} from ${from}/ into the print cache.`,
  buildUpToDate: (dir: string, ms: number): string =>
    `Nothing changed since the last build: ${dir}/ is up to date (checked in ${(ms / 1000).toFixed(1)} s).`,
  buildDone: (dir: string, ms: number): string =>
    `Built the site and PDFs into ${dir}/ in ${(ms / 1000).toFixed(1)} s.`,
  checkPassed: (files: number, ms?: number): string =>
    `Checked ${files} content files${ms === undefined ? '' : ` in ${ms} ms`}: no problems found.`,
  checkFailed: (errors: number, warnings: number): string =>
    `${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} found. Nothing was built; fix the content above and run \`npm run check\` again.`,
  devProblems: (errors: number, warnings: number): string =>
    `${errors} error${errors === 1 ? '' : 's'} and ${warnings} warning${warnings === 1 ? '' : 's'} in the content: until they are fixed, the preview may show old or broken parts, or “We can’t find that page” for a sheet with an error. Saving a fix checks again.`,
  checkWarningsOnly: (files: number, warnings: number, ms: number): string =>
    `Checked ${files} content files in ${ms} ms: no errors, ${warnings} warning${warnings === 1 ? '' : 's'} to review above.`,

  // --- layout of the printed sheet (src/print/layout-report.ts) -----------------------
  layout: {
    headingAlone: (section: string, at: string, next: string): Message => ({
      problem: `The heading of ${quote(section)} stands alone at the foot of ${at}: its first block starts in ${next}.`,
      fix: 'No layout variant kept them together. Shorten the text before this section by a few lines, or the section itself.',
    }),
    introApart: (section: string, at: string, next: string, what: 'chart' | 'group'): Message => ({
      problem: `In ${quote(section)}, the paragraph that introduces the ${what === 'chart' ? 'chart' : 'first group'} ends at ${at}, but the ${what === 'chart' ? 'chart' : 'group'} starts in ${next}.`,
      fix: `No layout variant kept them in one column. Shorten the text before the ${what} by a few lines, or the ${what} itself.`,
    }),
    split: (what: string, name: string, section: string, from: string, to: string): Message => ({
      problem: `The ${what} ${quote(name)} in ${quote(section)} is split: it starts in ${from} and ends in ${to}.`,
      fix: `A ${what} must fit one column: shorten it.`,
    }),
    offFirstPage: (part: string, at: string): Message => ({
      problem: `The ${part} runs onto ${at}; it must stay on page 1.`,
      fix: `Shorten the ${part}.`,
    }),
    unbalanced: (page: number, fills: readonly [number, number]): Message => ({
      problem: `The columns of the last page (page ${page}) are unbalanced: column 1 is ${fills[0]}% full, column 2 ${fills[1]}%.`,
      fix: 'No layout variant balanced them. Move a block (a commitment, a definition) or shorten the longer column.',
    }),
    stubPage: (page: number, fills: readonly [number, number]): Message => ({
      problem: `The last page (page ${page}) holds only a few stray lines: its columns are ${fills[0]}% and ${fills[1]}% full.`,
      fix: 'No layout variant pulled them onto the page before. Shorten the sheet by those lines, or add to it so the last page is worth turning to.',
    }),
    bodyTooSmall: (pt: number): Message => ({
      problem: `The body text is set at ${pt} pt, under the floor of 9 pt.`,
      fix: 'The print stylesheet must keep body text at 9 pt or more: check src/styles/print.css.',
    }),
    place: (page: number, column: number, foot: boolean): string =>
      `${foot ? 'the foot of ' : ''}column ${column} of page ${page}`,
    unmatched: (detail: string): string => `the layout report could not match the PDF to the page: ${detail}`,
    variantChosen: (sheet: string, variant: string, attempts: number): string =>
      `  ${sheet}: layout variant "${variant}" (${attempts} print${attempts === 1 ? '' : 's'})`,
    keptPdf: (file: string): string => `The PDF that breaks these rules is kept at ${file} to look at.`,
  },

  // --- npm run dev: the problems panel on every page (src/dev/overlay.ts) ------------------
  dev: {
    panelLabel: (): string => 'Content problems (shown by npm run dev only, never in the built site)',
    onThisPage: (errors: number, warnings: number): string =>
      `This page: ${errors} error${errors === 1 ? '' : 's'}${warnings > 0 ? ` and ${warnings} warning${warnings === 1 ? '' : 's'}` : ''} in its content`,
    elsewhere: (count: number): string => `${count} problem${count === 1 ? '' : 's'} in other content files`,
    fixLabel: (): string => 'Fix:',
    hide: (): string => 'Hide',
    show: (): string => 'Show',
    stale: (): string =>
      'Until these are fixed, this page may show old or broken content, or “We can’t find that page” if its sheet has an error. Saving a fix checks again.',
    openPreview: (): string => 'Print preview (A4 pages as the PDF prints them)',
  },

  // --- npm run dev: the print preview (src/dev/print-preview.ts) ---------------------------
  devPrint: {
    indexTitle: (): string => 'Print previews',
    title: (sheet: string): string => `Print preview: ${sheet}`,
    budget: (pages: number, budget: number): string =>
      pages > budget
        ? `${pages} A4 pages: over the budget of ${budget} (the build would fail; shorten the sheet or raise pages:)`
        : `${pages} of ${budget} A4 page${budget === 1 ? '' : 's'}`,
    printed: (ms: number): string => `Printed in ${(ms / 1000).toFixed(1)} s by Chromium, as npm run build prints`,
    printing: (): string => 'Printing the saved change...',
    layout: (variant: string, findings: number): string =>
      `Layout as the build chooses it: ${variant}. ${findings === 0 ? 'The layout report finds nothing to fix.' : `The layout report finds ${findings} thing${findings === 1 ? '' : 's'} to fix, numbered on the pages:`}`,
    pageLabel: (page: number, pages: number): string => `Page ${page} of ${pages}`,
    pageOverBudget: (page: number, pages: number): string => `Page ${page} of ${pages}: over the page budget`,
    pageAlt: (page: number, pages: number, sheet: string): string => `Page ${page} of ${pages} of the PDF of ${sheet}`,
    pdfLink: (): string => 'Open the PDF',
    pageLink: (): string => 'Back to the page',
    noSheet: (slug: string): string =>
      `There is no sheet "${slug}" to print: its file is missing or has errors (see the page or the terminal).`,
    failed: (detail: string): string =>
      `The sheet could not be printed: ${detail}. Fix the content problems the page shows, save, and the preview prints again.`,
    failedInTerminal: (slug: string, detail: string, retrying: boolean): string =>
      `The print preview of "${slug}" could not print: ${detail}. ${retrying ? 'Trying again in a moment.' : 'The preview shows this until the next save.'}`,
    tooSlow: (seconds: number): string =>
      `the print took longer than ${seconds} s and was stopped (a page of the dev server that never finished loading)`,
  },

  // --- npm run review (src/review/) ------------------------------------------------------
  review: {
    usage: (): string =>
      'Name the version to compare the working tree with: npm run review -- <git-ref> (e.g. main, HEAD~1 or origin/main).',
    unknownRef: (ref: string): string =>
      `"${ref}" is not a commit, branch or tag of this repository. Name one that exists (git log --oneline shows them), e.g. npm run review -- HEAD~1.`,
    building: (what: string): string => `Building ${what}...`,
    written: (file: string, changed: number, sheets: number, seconds: number): string =>
      `Wrote ${file}: ${changed} of ${sheets} sheet${sheets === 1 ? '' : 's'} changed (in ${seconds} s).`,
    title: (ref: string): string => `What the change does on paper: ${ref} against the working tree`,
    summary: (changed: number, sheets: number, seconds: number): string =>
      `${changed} of ${sheets} sheet${sheets === 1 ? '' : 's'} changed. Built, printed and compared in ${seconds} s.`,
    unchangedSheets: (slugs: readonly string[]): string => `Unchanged (same pages, same text): ${slugs.join(', ')}.`,
    unchangedPages: (pages: readonly number[]): string =>
      `Unchanged page${pages.length === 1 ? '' : 's'} (not drawn): ${pages.join(', ')}.`,
    status: (status: 'changed' | 'unchanged' | 'added' | 'removed'): string =>
      ({ changed: 'changed', unchanged: 'unchanged', added: 'new sheet', removed: 'sheet removed' })[status],
    pageHeading: (page: number, pixels: number | undefined): string =>
      pixels === undefined ? `Page ${page}: only on one side` : `Page ${page}: ${pixels} pixels changed`,
    before: (slug: string, page: number): string => `Before: ${slug}, page ${page}`,
    after: (slug: string, page: number): string => `After: ${slug}, page ${page}`,
    highlighted: (page: number): string => `Page ${page}, the changes in red`,
    workingTree: (): string => 'working tree',
    pagesLabel: (): string => 'PDF pages',
    sizeLabel: (): string => 'PDF size',
    textHeading: (): string => 'Text changes (removed in red, added in green)',
    textUnchanged: (): string => 'The text did not change (only the layout did).',
    warningsHeading: (): string => 'New warnings',
    noNewWarnings: (): string => 'No new warnings.',
    buildFailed: (side: string): string => `The build of ${side} failed: its PDFs are missing from this report`,
  },

  // --- print (src/print/) ------------------------------------------------------------
  print: {
    noBrowser: (searched: readonly string[]): Message => ({
      problem: `No Chromium or Google Chrome was found to print the PDFs (looked in: ${searched.join(', ')}).`,
      fix: 'Install Chromium: `sudo apt-get install chromium-headless-shell` on Debian (`chromium` on Ubuntu; or run `bash scripts/setup.sh`), Google Chrome on Mac or Windows; or set CHROME_PATH to the browser program.',
    }),
    chromePathMissing: (chromePath: string): Message => ({
      problem: `CHROME_PATH is set to ${quote(chromePath)}, but there is no program at that path.`,
      fix: 'Set CHROME_PATH to the full path of the Chromium or Chrome program, or unset it to find the browser automatically.',
    }),
    overBudget: (
      sheet: string,
      budget: number,
      pages: number,
      overflow: { lines: number; percent: number },
      keptAt: string,
    ): Message => ({
      problem: `The PDF of the sheet ${quote(sheet)} takes ${pages} A4 pages, more than its budget of ${budget} page${budget === 1 ? '' : 's'}, even set as compactly as the layout allows: about ${overflow.lines} line${overflow.lines === 1 ? '' : 's'} (${overflow.percent}% of the sheet) run over. The over-budget PDF is kept at ${keptAt} to look at.`,
      fix: `Shorten the sheet by about ${overflow.lines} line${overflow.lines === 1 ? '' : 's'} of text (fewer points, commitments or definitions), or raise \`pages: ${pages}\` in its frontmatter if the longer sheet is intended.`,
    }),
    pageFailed: (sheet: string, url: string, detail: string): Message => ({
      problem: `Printing the sheet ${quote(sheet)} failed: the page ${url} ${detail}.`,
      fix: 'Open the page with `npm run dev` and check that it renders; then run `npm run build` again.',
    }),
    browserCrashed: (sheet: string): Message => ({
      problem: `The browser stopped while printing the sheet ${quote(sheet)}, and again after it was restarted.`,
      fix: 'Check that the machine has free memory (each printing page takes about 150 MB) and that Chromium runs (`chromium --version`); then run `npm run build` again.',
    }),
    unexpectedPdf: (detail: string): Message => ({
      problem: `The browser produced a PDF this build cannot post-process: ${detail}.`,
      fix: 'Use a current Chromium or Chrome (version 130 or later), or set CHROME_PATH to one.',
    }),
    printed: (sheets: number, ms: number): string => `Printed ${sheets} PDF${sheets === 1 ? '' : 's'} in ${ms} ms.`,
  },
} as const;
