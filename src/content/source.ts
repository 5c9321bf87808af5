import { readFile, stat } from 'node:fs/promises';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { messages, yamlErrorHint } from '../messages.ts';
import type { ContentIssue } from './issue.ts';

/** The largest content file we read: anything bigger is a mistake, not a fact sheet. */
export const maxContentFileBytes = 1024 * 1024;

export interface Position {
  line: number;
  column: number;
}

/** A parsed YAML document (a .yaml file, or an .mdx file's frontmatter) that can say where a field is. */
export interface ParsedSource {
  /** Path relative to the project root, with forward slashes. */
  file: string;
  /** The plain data, when the YAML parsed. */
  data: unknown;
  /** Where a field path sits in the file; for a missing field, where its parent is. */
  locate(path: readonly PropertyKey[], part?: 'key' | 'value'): Position;
  /** The MDX body (after the frontmatter), for .mdx files. */
  body?: { text: string; firstLine: number };
}

export type ReadResult = { ok: true; source: ParsedSource } | { ok: false; issues: ContentIssue[] };

const issueAt = (file: string, position: Position | undefined, problem: { problem: string; fix: string }): ContentIssue => ({
  file,
  ...(position ?? {}),
  ...problem,
  severity: 'error',
});

// Control characters other than tab, newline and carriage return never belong in content.
const controlCharacter = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/** Reads a content file as text, rejecting what no editor means to write: huge, binary or invisible characters. */
async function readText(absolutePath: string, file: string): Promise<{ text: string } | { issues: ContentIssue[] }> {
  const { size } = await stat(absolutePath);
  if (size > maxContentFileBytes) {
    return { issues: [issueAt(file, undefined, messages.fileTooLarge((size / 1024 / 1024).toFixed(1), maxContentFileBytes / 1024 / 1024))] };
  }
  const bytes = await readFile(absolutePath);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { issues: [issueAt(file, undefined, messages.invalidUtf8())] };
  }
  const match = controlCharacter.exec(text);
  if (match !== null) {
    const position = positionOfOffset(text, match.index);
    const code = `U+${match[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
    return { issues: [issueAt(file, position, messages.controlCharacter(code))] };
  }
  return { text };
}

function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/** Parses YAML text, keeping node positions; `lineOffset` shifts lines for frontmatter. */
function parseYaml(file: string, text: string, lineOffset: number, expected: string): ReadResult {
  if (text.replace(/#.*$/gm, '').trim() === '') {
    return { ok: false, issues: [issueAt(file, lineOffset > 0 ? { line: lineOffset, column: 1 } : undefined, messages.emptyFile(expected))] };
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: true });
  const shift = (offset: number): Position => {
    const { line, col } = lineCounter.linePos(offset);
    return { line: line + lineOffset, column: col };
  };
  // Only the first syntax error: the parser's later ones are mostly echoes of it.
  const [error] = doc.errors;
  if (error !== undefined) {
    return {
      ok: false,
      issues: [issueAt(file, shift(error.pos[0]), messages.yamlSyntax(describeYamlError(error.message), yamlErrorHint(error.code)))],
    };
  }
  const data: unknown = doc.toJS({ maxAliasCount: 100 });
  return {
    ok: true,
    source: { file, data, locate: (path, part = 'value') => shift(offsetOf(doc, path, part)) },
  };
}

/** The yaml package's message without its own "at line x, column y" suffix (we print positions ourselves). */
function describeYamlError(message: string): string {
  return message.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '');
}

/** Offset of the node at `path`: its key or value; for a missing field, the deepest parent that exists. */
function offsetOf(doc: Document, path: readonly PropertyKey[], part: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return offset;
      const keyOffset = (pair.key as Node).range?.[0] ?? offset;
      if (last && part === 'key') return keyOffset;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? keyOffset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}

/** Reads and parses a .yaml content file. */
export async function readYamlFile(absolutePath: string, file: string, expected: string): Promise<ReadResult> {
  const read = await readText(absolutePath, file);
  if ('issues' in read) return { ok: false, issues: read.issues };
  return parseYaml(file, read.text.replace(/^\uFEFF/, ''), 0, expected);
}

/** Reads an .mdx sheet: its frontmatter parsed as YAML, its body kept as text. */
export async function readMdxFile(absolutePath: string, file: string, expected: string): Promise<ReadResult> {
  const read = await readText(absolutePath, file);
  if ('issues' in read) return { ok: false, issues: read.issues };
  const text = read.text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ok: false, issues: [issueAt(file, undefined, messages.emptyFile(expected))] };
  if (!/^---[ \t]*\n/.test(text)) return { ok: false, issues: [issueAt(file, { line: 1, column: 1 }, messages.missingFrontmatter())] };
  const start = text.indexOf('\n') + 1;
  const close = /^---[ \t]*$/m.exec(text.slice(start));
  if (close === null) return { ok: false, issues: [issueAt(file, { line: 1, column: 1 }, messages.unclosedFrontmatter())] };
  const frontmatter = text.slice(start, start + close.index);
  const parsed = parseYaml(file, frontmatter, 1, expected);
  if (!parsed.ok) return parsed;
  const bodyStart = start + close.index + close[0].length + 1;
  const firstLine = text.slice(0, bodyStart).split('\n').length;
  return { ok: true, source: { ...parsed.source, body: { text: text.slice(bodyStart), firstLine } } };
}
