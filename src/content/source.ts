import path from 'node:path';
import { isPair, isScalar, isSeq, LineCounter, parseDocument, visit, type Document, type Node } from 'yaml';
import {
  formatFieldPath,
  positionOfOffset,
  yamlLocator,
  type Issue,
  type Locate,
  type Position,
} from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { keptData, parserStamp, sha256, type KeptData } from './kept-data.ts';
import { readProjectFile } from './project-files.ts';
import { explainYamlError } from './yaml-errors.ts';

/** The largest content file we read: anything bigger is a mistake, not a fact sheet. */
export const maxContentFileBytes = 1024 * 1024;

/** A parsed YAML document (a .yaml file, or an .mdx file's frontmatter) that can say where a field is. */
export interface ParsedSource {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** The plain data, when the YAML parsed. */
  data: unknown;
  /** Where a field path sits in the file; for a missing field, where its parent is. */
  locate: Locate;
  /**
   * Where `needle` first appears in the source of the value at `path` (a link inside a
   * multi-line text, say), or undefined when it does not appear there verbatim.
   */
  find(path: readonly PropertyKey[], needle: string): Position | undefined;
  /**
   * The MDX body (after the frontmatter), for .mdx files, its line ends "\n". `written`: the body
   * with its line ends as the file has them, when any is another ("\r\n"): the page renders that
   * (src/content/prose.ts), as Astro's MDX compiled the file as it was.
   */
  body?: { text: string; firstLine: number; written?: string };
}

export type ReadResult = { ok: true; source: ParsedSource } | { ok: false; issues: Issue[] };

const issueAt = (file: string, position: Position | undefined, problem: { problem: string; fix: string }): Issue => ({
  file,
  ...(position ?? {}),
  ...problem,
  severity: 'error',
});

// Control characters other than tab, newline and carriage return never belong in content.
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** The project root, from a file's absolute path and its path relative to the root. */
const rootOf = (absolutePath: string, file: string): string =>
  path.resolve(absolutePath, ...file.split('/').map(() => '..'));

/**
 * Reads a content file as text, rejecting what no editor means to write: huge, binary or
 * invisible characters, and anything that is not a regular file inside the project.
 */
async function readText(absolutePath: string, file: string, expected: string): Promise<{ text: string } | { issues: Issue[] }> {
  const read = await readProjectFile(rootOf(absolutePath, file), file, { maxBytes: maxContentFileBytes });
  if (!read.ok) {
    const message =
      read.reason === 'missing'
        ? messages.missingFile(expected)
        : read.reason === 'too-large'
          ? messages.fileTooLarge((read.size / 1024 / 1024).toFixed(1), maxContentFileBytes / 1024 / 1024)
          : read.message;
    return { issues: [issueAt(file, undefined, message)] };
  }
  const { bytes } = read;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    // quality: name the first line that is not UTF-8.
    let line = 1;
    for (let start = 0; start < bytes.length; line++) {
      const end = bytes.indexOf(0x0a, start);
      const stop = end === -1 ? bytes.length : end;
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start, stop));
      } catch {
        const field = fieldOnLine(new TextDecoder('utf-8').decode(bytes.subarray(start, stop)), 0);
        return { issues: [{ ...issueAt(file, { line, column: 1 }, messages.invalidUtf8()), ...(field === undefined ? {} : { field }) }] };
      }
      start = stop + 1;
    }
    return { issues: [issueAt(file, undefined, messages.invalidUtf8())] };
  }
  const match = controlCharacter.exec(text);
  if (match !== null) {
    const position = positionOfOffset(text, match.index);
    const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    const field = fieldOnLine(text, match.index);
    return { issues: [{ ...issueAt(file, position, messages.controlCharacter(code)), ...(field === undefined ? {} : { field }) }] };
  }
  return { text };
}

/** Parses YAML text, keeping node positions; `lineOffset` shifts lines for frontmatter. */
function parseYaml(file: string, text: string, lineOffset: number, expected: string, cache?: YamlCache): ReadResult {
  const stamp = cache === undefined ? undefined : yamlStamp();
  const key = stamp === undefined ? '' : sha256(`${stamp}\0${text}`);
  const known = stamp === undefined ? undefined : cache?.take(key);
  if (known !== undefined) return { ok: true, source: sourceOf(file, text, known, lineOffset) };
  if (text.replace(/#.*$/gm, '').trim() === '') {
    return { ok: false, issues: [issueAt(file, lineOffset > 0 ? { line: lineOffset, column: 1 } : undefined, messages.emptyFile(expected))] };
  }
  const lineCounter = new LineCounter();
  const shift = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  // Nesting deep enough to exhaust the parser's stack is refused first, at a position that never depends on the stack.
  const tooDeep = flowTooDeep(text);
  if (tooDeep !== undefined) {
    lineCounter.addNewLine(0);
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lineCounter.addNewLine(i + 1);
    const field = fieldOnLine(text, tooDeep);
    return {
      ok: false,
      issues: [{ ...issueAt(file, shift(tooDeep), messages.nestedTooDeep(maxNesting)), ...(field === undefined ? {} : { field }) }],
    };
  }
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  // Only the first syntax error: the parser's later ones are mostly echoes of it.
  const [error] = doc.errors;
  if (error !== undefined) {
    const { message, offset } = explainYamlError(text, error);
    const field = fieldOnLine(text, offset);
    return { ok: false, issues: [{ ...issueAt(file, shift(offset), message), ...(field === undefined ? {} : { field }) }] };
  }
  const reserved = reservedKey(doc);
  if (reserved !== undefined) {
    return {
      ok: false,
      issues: [{ ...issueAt(file, shift(reserved.offset), messages.reservedKey(reserved.key)), field: reserved.field }],
    };
  }
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    // "title: *important": a value an editor meant as text, read as a reference.
    const unresolved = /^Unresolved alias[^:]*: (.*)$/.exec(error instanceof Error ? error.message : '');
    if (unresolved !== null) {
      const name = unresolved[1] ?? '';
      const alias = Math.max(0, text.indexOf(`*${name}`));
      const field = fieldOnLine(text, alias);
      const issue = issueAt(file, shift(alias), messages.yaml.unknownAlias(name));
      return { ok: false, issues: [{ ...issue, ...(field === undefined ? {} : { field }) }] };
    }
    // quality: "billion laughs": aliases that expand without bound stop here, not with a stack trace.
    const alias = /(?:^|[\s,[{])\*[^\s,\]}]+/m.exec(text);
    return { ok: false, issues: [issueAt(file, shift(alias === null ? 0 : alias.index), messages.quality.yamlTooManyAliases())] };
  }
  if (stamp !== undefined) cache?.keep(key, data);
  return { ok: true, source: sourceOf(file, text, data, lineOffset, { doc, lineCounter }) };
}

/**
 * A parsed document's source: its data, and where its fields are, from the document parsed with
 * its positions (`parsed`), or parsed again when first asked (its data came from the YAML cache).
 */
function sourceOf(
  file: string,
  text: string,
  data: unknown,
  lineOffset: number,
  parsed?: { doc: Document; lineCounter: LineCounter },
): ParsedSource {
  let positions = parsed;
  const document = (): { doc: Document; lineCounter: LineCounter } => {
    if (positions === undefined) {
      const lineCounter = new LineCounter();
      positions = { doc: parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true }), lineCounter };
    }
    return positions;
  };
  let locate: Locate | undefined;
  return {
    file,
    data,
    locate: (...args) => {
      const { doc, lineCounter } = document();
      locate ??= yamlLocator(doc, lineCounter, lineOffset);
      return locate(...args);
    },
    find: (path, needle) => {
      const { doc, lineCounter } = document();
      const node = doc.getIn(path, true) as Node | undefined;
      const [start, , end] = node !== null && typeof node === 'object' && 'range' in node && node.range ? node.range : [0, 0, text.length];
      const found = text.indexOf(needle, start);
      if (found === -1 || found >= end) return undefined;
      const { line, col } = lineCounter.linePos(found);
      return { line: line + lineOffset, column: col };
    },
  };
}

let stamped: { stamp: string | undefined } | undefined;
/** What a document's data depends on besides its text: this module's code and the yaml package's version. */
function yamlStamp(): string | undefined {
  stamped ??= { stamp: parserStamp(import.meta.url, 'yaml') };
  return stamped.stamp;
}

/**
 * The data of the YAML documents parsed before, by a hash of their text, kept under the project
 * root (YAML_CACHE) from one run to the next: parsing a 200-sheet project's frontmatter with the
 * positions of every node was a third of `check`'s time, and a rebuild after one edit has one
 * sheet's to parse. Only documents that parsed without a problem are kept; where one of their
 * fields is (for a later problem in its data) is found by parsing it again, when first asked.
 */
export const YAML_CACHE = '.cache/content/yaml.v8';

const yamlCache = keptData(YAML_CACHE);
type YamlCache = KeptData;
const yamlCacheOf = (root: string): Promise<YamlCache> => yamlCache.open(root);

/**
 * Writes the YAML cache of the project at `root` with the documents this run read (when it read
 * any not in it, or fewer), and starts the next run afresh: once a build has succeeded (`check`
 * only reads it).
 */
export const saveYamlCache = (root: string): Promise<void> => yamlCache.save(root);

/** The deepest nesting of [ ] and { } a content file may have: real content needs a handful. */
export const maxNesting = 50;

/** The offset where flow collections ([ and {) nest deeper than maxNesting, outside quotes and comments. */
function flowTooDeep(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quote !== undefined) {
      if (char === '\\' && quote === '"') i++;
      else if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = text.indexOf('\n', i);
      i = end === -1 ? text.length : end;
    } else if (char === '[' || char === '{') {
      if (++depth > maxNesting) return i;
    } else if (char === ']' || char === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/**
 * Keys that would change what an object is rather than add a field (`__proto__`, anywhere):
 * never meant by an editor, and they break the build in ways `check` cannot otherwise see.
 */
const RESERVED_KEYS = new Set(['__proto__']);

/** The first reserved key of a document: its name, offset and field path. */
export function reservedKey(doc: Document): { key: string; offset: number; field: string } | undefined {
  let found: { key: string; offset: number; field: string } | undefined;
  visit(doc, {
    Pair(_index, pair, ancestors) {
      if (!isScalar(pair.key) || !RESERVED_KEYS.has(String(pair.key.value))) return undefined;
      const path: (string | number)[] = [];
      const chain = [...ancestors, pair];
      chain.forEach((node, i) => {
        const child = chain[i + 1];
        if (isPair(node) && isScalar(node.key)) path.push(String(node.key.value));
        else if (isSeq(node) && child !== undefined) path.push(node.items.indexOf(child as never));
      });
      found = { key: String(pair.key.value), offset: pair.key.range?.[0] ?? 0, field: formatFieldPath(path) };
      return visit.BREAK;
    },
  });
  return found;
}

/** The field named on the line at `offset` ("key: value" or "- key: value"), if any. */
function fieldOnLine(text: string, offset: number): string | undefined {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const line = text.slice(start, text.indexOf('\n', start) === -1 ? undefined : text.indexOf('\n', start));
  return /^[\t ]*(?:-[\t ]+)?([A-Za-z_][\w-]*)[\t ]*:(?:\s|$)/.exec(line)?.[1];
}

/** Reads and parses a .yaml content file. */
export async function readYamlFile(absolutePath: string, file: string, expected: string): Promise<ReadResult> {
  const read = await readText(absolutePath, file, expected);
  if ('issues' in read) return { ok: false, issues: read.issues };
  return parseYaml(file, read.text.replace(/^\uFEFF/, ''), 0, expected, await yamlCacheOf(rootOf(absolutePath, file)));
}

/** Reads an .mdx sheet: its frontmatter parsed as YAML, its body kept as text. */
export async function readMdxFile(absolutePath: string, file: string, expected: string): Promise<ReadResult> {
  const read = await readText(absolutePath, file, expected);
  if ('issues' in read) return { ok: false, issues: read.issues };
  const written = read.text.replace(/^\uFEFF/, '');
  const text = written.replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, issues: [issueAt(file, undefined, messages.emptyFile(expected))] };
  if (!/^---[ \t]*\n/.test(text)) return { ok: false, issues: [issueAt(file, { line: 1, column: 1 }, messages.missingFrontmatter())] };
  const start = text.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m.exec(text.slice(start));
  if (close === null) return { ok: false, issues: [issueAt(file, { line: 1, column: 1 }, messages.unclosedFrontmatter())] };
  const frontmatter = text.slice(start, start + close.index);
  const parsed = parseYaml(file, frontmatter, 1, expected, await yamlCacheOf(rootOf(absolutePath, file)));
  if (!parsed.ok) return parsed;
  const bodyStart = start + close.index + close[0].length + 1;
  const firstLine = text.slice(0, bodyStart).split('\n').length;
  const body = { text: text.slice(bodyStart), firstLine };
  if (written === text) return { ok: true, source: { ...parsed.source, body } };
  // The same lines in the file as written: what follows its first (firstLine - 1) line ends, of any kind.
  const lineEnds = /\r\n?|\n/g;
  let offset = 0;
  for (let line = 1; line < firstLine && lineEnds.exec(written) !== null; line++) offset = lineEnds.lastIndex;
  return { ok: true, source: { ...parsed.source, body: { ...body, written: written.slice(offset) } } };
}
