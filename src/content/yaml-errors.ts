/**
 * The yaml package's syntax errors, said in an editor's words. The parser names YAML's
 * grammar ("implicit map keys", "block scalars"); an editor needs the mistake they made
 * (a tab, a list item out of line, a ": " inside text) and where it is on the line.
 */
import type { YAMLError } from 'yaml';
import { messages, type Message } from '../messages.ts';

export interface ExplainedYamlError {
  message: Message;
  /** Offset in the text the message points at (the tab, the ": ", the line that opened a quote). */
  offset: number;
}

interface Line {
  text: string;
  start: number;
  number: number;
}

function lineAt(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const end = text.indexOf('\n', start);
  return { text: text.slice(start, end === -1 ? undefined : end), start, number: text.slice(0, start).split('\n').length };
}

const indentOf = (line: string): number => /^ */.exec(line)?.[0].length ?? 0;

/** The nearest non-blank, non-comment line above `line`. */
function lineAbove(text: string, line: Line): Line | undefined {
  let start = line.start;
  while (start > 0) {
    const above = lineAt(text, start - 1);
    if (above.text.trim() !== '' && !above.text.trim().startsWith('#')) return above;
    start = above.start;
  }
  return undefined;
}

/** The first tab in the indentation of the error's line, or of the lines just around it. */
function tabInIndent(text: string, line: Line): number | undefined {
  for (const candidate of [line, lineAbove(text, line)]) {
    if (candidate === undefined) continue;
    const indent = /^[ \t]*/.exec(candidate.text)?.[0] ?? '';
    const tab = indent.indexOf('\t');
    if (tab !== -1) return candidate.start + tab;
  }
  return undefined;
}

/** The value part of a "key: value" or "- value" line, and where it starts. */
function valueOf(line: Line): { value: string; start: number } | undefined {
  const match = /^([ \t]*(?:-[ \t]+)?(?:[^\s:#][^:#]*?[ \t]*:[ \t]+)?)(\S.*)$/.exec(line.text);
  if (match === null) return undefined;
  return { value: match[2] ?? '', start: line.start + (match[1] ?? '').length };
}

/** The start of the line whose quote is never closed: the last line before `offset` with an odd number of that quote. */
function openQuoteOffset(text: string, offset: number): number {
  let lineStart = 0;
  let found: number | undefined;
  for (const line of text.slice(0, offset).split('\n')) {
    const value = line.replace(/^[^:]*:\s*/, '');
    if (/^["']/.test(value) && (value.split(value[0] as string).length - 1) % 2 === 1) found ??= lineStart;
    lineStart += line.length + 1;
  }
  return found ?? offset;
}

/** Rewords the first syntax error of a YAML text for an editor, keeping where it is. */
export function explainYamlError(text: string, error: Pick<YAMLError, 'code' | 'message' | 'pos'>): ExplainedYamlError {
  const offset = error.pos[0];
  const line = lineAt(text, offset);
  const detail = error.message.split('\n')[0] ?? '';
  const at = (message: Message, where = offset): ExplainedYamlError => ({ message, offset: where });

  // A tab where indentation belongs is the cause whatever the parser calls the result.
  const tab = error.code === 'DUPLICATE_KEY' || error.code === 'MULTIPLE_DOCS' ? undefined : tabInIndent(text, line);
  if (tab !== undefined || error.code === 'TAB_AS_INDENT') {
    const where = tab ?? offset;
    return at(messages.yaml.tabIndent(where - lineAt(text, where).start + 1), where);
  }

  // A line of a ">-" or "|" text that is less indented than the text's first line ends the
  // text; the parser then sees a stray field or list item.
  if (['BAD_INDENT', 'MISSING_CHAR', 'MULTILINE_IMPLICIT_KEY'].includes(error.code) && continuesMultilineText(text, line)) {
    return at(messages.yaml.multilineIndent(), line.start);
  }

  switch (error.code) {
    case 'DUPLICATE_KEY': {
      const key = /^[ \t]*(?:-[ \t]+)?([^:#]+?)[ \t]*:/.exec(line.text)?.[1];
      return at(messages.yaml.duplicateKey(key ?? line.text.trim()));
    }
    case 'MULTIPLE_DOCS':
      return at(messages.yaml.multipleDocuments());
    case 'MISSING_CHAR':
      if (/quote/i.test(detail)) return at(messages.yaml.unclosedQuote(), openQuoteOffset(text, offset));
      if (/Comments must be separated/.test(detail)) return at(messages.yaml.hashTouchesText());
      if (/Sequence item without - indicator/.test(detail)) return at(messages.yaml.listItemIndent());
      if (/Implicit map keys need to be followed/.test(detail)) return at(messages.yaml.lineWithoutField());
      if (/Missing ,|Missing space after :/.test(detail)) return at(messages.yaml.bracketList());
      break;
    case 'BLOCK_AS_IMPLICIT_KEY':
      if (/block sequence/.test(detail)) return at(messages.yaml.listItemIndent());
      return colonInText(line) ?? at(messages.yaml.fieldIndent());
    case 'BAD_INDENT': {
      if (/sequence items/.test(detail)) return at(messages.yaml.listItemIndent());
      if (/Block scalar/.test(detail)) return at(messages.yaml.multilineIndent());
      if (/Flow (sequence|mapping)/.test(detail)) return at(messages.yaml.bracketNotClosed(/sequence/.test(detail) ? ']' : '}'));
      // A plain line among list items is a list item without its "- ".
      const above = lineAbove(text, line);
      if (above !== undefined && /^ *- /.test(above.text) && indentOf(above.text) === indentOf(line.text)) {
        return at(messages.yaml.listItemIndent());
      }
      return at(messages.yaml.fieldIndent());
    }
    case 'MULTILINE_IMPLICIT_KEY':
      return at(messages.yaml.lineWithoutField());
    case 'BAD_SCALAR_START': {
      const character = /character (\S)\s*$/.exec(detail)?.[1] ?? line.text.charAt(offset - line.start);
      return at(messages.yaml.needsQuotes(character));
    }
    case 'UNEXPECTED_TOKEN': {
      const value = valueOf(line);
      const first = value?.value.charAt(0) ?? '';
      if (/node end/.test(detail) && value !== undefined && /["'[{*&!|>]/.test(first)) return at(messages.yaml.needsQuotes(first), value.start);
      if (/node end/.test(detail)) return at(messages.yaml.lineWithoutField());
      if (/Not a YAML token|Block scalar header/.test(detail)) return at(messages.yaml.blockHeader());
      if (/flow|\]|\}|,/.test(detail)) return at(messages.yaml.bracketList());
      break;
    }
    case 'BAD_DQ_ESCAPE':
      return at(messages.yaml.badEscape(/sequence (\S+)/.exec(detail)?.[1] ?? '\\'));
    case 'BLOCK_IN_FLOW':
      return at(messages.yaml.bracketList());
    case 'ALIAS_PROPS':
    case 'BAD_ALIAS':
    case 'BAD_PROP_ORDER':
    case 'MULTIPLE_ANCHORS':
    case 'MULTIPLE_TAGS':
    case 'BAD_DIRECTIVE':
    case 'TAG_RESOLVE_FAILED':
    case 'BAD_COLLECTION_TYPE': {
      const value = valueOf(line);
      return at(messages.yaml.needsQuotes(value?.value.charAt(0) ?? '&'), value?.start ?? offset);
    }
    case 'KEY_OVER_1024_CHARS':
      return at(messages.yaml.keyTooLong());
    default:
      break;
  }
  return at(messages.yaml.other(detail.replace(/\s+at line \d+, column \d+:?[\s\S]*$/, '').replace(/\.$/, '')));
}

/** Whether `line` sits inside a ">-" or "|" text: more indented than the field that opened it, with no field between. */
function continuesMultilineText(text: string, line: Line): boolean {
  const indent = indentOf(line.text);
  for (let above = lineAbove(text, line); above !== undefined; above = lineAbove(text, above)) {
    const aboveIndent = indentOf(above.text);
    if (/(?:^ *-|:)[ \t]+[|>][-+0-9]*[ \t]*(?:#.*)?$/.test(above.text)) return indent > aboveIndent;
    if (aboveIndent <= indent) return false;
  }
  return false;
}

/** "text: The plan: open" — a ": " inside an unquoted value, pointed at the colon itself. */
function colonInText(line: Line): ExplainedYamlError | undefined {
  const value = valueOf(line);
  if (value === undefined) return undefined;
  const colon = /:(?=[ \t]|$)/.exec(value.value);
  if (colon === null) return undefined;
  return { message: messages.yaml.colonInText(), offset: value.start + colon.index };
}
