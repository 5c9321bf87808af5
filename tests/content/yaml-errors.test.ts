import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readYamlFile } from '../../src/content/source.ts';
import { messages, type Message } from '../../src/messages.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ogp-yaml-errors-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function firstIssue(text: string) {
  // A file inside a project folder, as the content loader reads it (the project is the folder above content/).
  const file = `content/commitments/case-${Math.random().toString(36).slice(2)}.yaml`;
  await mkdir(path.join(dir, 'content/commitments'), { recursive: true });
  await writeFile(path.join(dir, file), text);
  const read = await readYamlFile(path.join(dir, file), file, 'one notable commitment');
  if (read.ok) throw new Error('expected a YAML error');
  const [issue] = read.issues;
  return { line: issue?.line, column: issue?.column, field: issue?.field, problem: issue?.problem, fix: issue?.fix };
}

// One case per message: the mistake as an editor makes it, and where the message points.
const cases: [string, string, { line: number; column: number; field?: string }, Message][] = [
  ['a tab in the indentation of a list', 'member: France\nlinks:\n\t- label: x\n', { line: 3, column: 1 }, messages.yaml.tabIndent(1)],
  [
    'a tab inside the indentation of a multi-line text',
    'member: France\ntext: >-\n  First line\n\tsecond line\n',
    { line: 4, column: 1 },
    messages.yaml.tabIndent(1),
  ],
  ['a list item less indented than the others', 'policyAreas:\n  - a\n - b\n', { line: 3, column: 1 }, messages.yaml.listItemIndent()],
  ['a list item without its "- "', 'policyAreas:\n  - a\n  - b\n  c\n', { line: 4, column: 1 }, messages.yaml.listItemIndent()],
  ['a field out of line with its group', 'links:\n  label: a\n url: b\n', { line: 3, column: 1 }, messages.yaml.fieldIndent()],
  ['an unquoted ": " inside text', 'member: France\ntext: The plan: open data\n', { line: 2, column: 15, field: 'text' }, messages.yaml.colonInText()],
  ['a line that is neither a field nor a continuation', 'member: France\nan open plan\nyear: 2018\n', { line: 2, column: 1 }, messages.yaml.lineWithoutField()],
  [
    'a multi-line text with a line less indented than its first',
    'text: >-\n    The first line\n  the second\n',
    { line: 3, column: 1 },
    messages.yaml.multilineIndent(),
  ],
  ['an unclosed quote', 'member: France\ntitle: "A plan\nyear: 2018\n', { line: 2, column: 1, field: 'title' }, messages.yaml.unclosedQuote()],
  ['a text starting with a reserved character', 'title: @ogp plan\n', { line: 1, column: 8, field: 'title' }, messages.yaml.needsQuotes('@')],
  ['a text with "*" for italics', 'title: *important* plan\n', { line: 1, column: 8, field: 'title' }, messages.yaml.needsQuotes('*')],
  [
    'a list item\'s multi-line text less indented than its first line',
    'items:\n  - >-\n      first\n    second\n',
    { line: 4, column: 1 },
    messages.yaml.multilineIndent(),
  ],
  ['a text after a closing quote', 'title: "Open" data\n', { line: 1, column: 8, field: 'title' }, messages.yaml.needsQuotes('"')],
  ['a text starting with [', 'title: [Draft] plan\n', { line: 1, column: 8, field: 'title' }, messages.yaml.needsQuotes('[')],
  ['a "#" touching a quoted text', 'title: "x"#note\n', { line: 1, column: 11, field: 'title' }, messages.yaml.hashTouchesText()],
  ['an unclosed bracket list', 'policyAreas: [a, b\nyear: 2018\n', { line: 2, column: 1 }, messages.yaml.bracketNotClosed(']')],
  ['a bracket list without commas', 'policyAreas: {a: 1 b: 2}\n', { line: 1, column: 18, field: 'policyAreas' }, messages.yaml.bracketList()],
  ['text on the ">" line', 'text: | extra\n  x\n', { line: 1, column: 9, field: 'text' }, messages.yaml.blockHeader()],
  ['an unknown backslash escape', 'title: "a\\qb"\n', { line: 1, column: 10, field: 'title' }, messages.yaml.badEscape('\\q')],
  ['a field twice', 'member: France\nmember: Spain\n', { line: 2, column: 1, field: 'member' }, messages.yaml.duplicateKey('member')],
  ['a second document', 'member: France\n---\nyear: 2018\n', { line: 2, column: 1 }, messages.yaml.multipleDocuments()],
  ['a line too long to be a field name', `${'a'.repeat(1100)}: 1\n`, { line: 1, column: 1 }, messages.yaml.keyTooLong()],
  ['a text starting with "*"', 'title: *important\n', { line: 1, column: 8, field: 'title' }, messages.yaml.unknownAlias('important')],
  ['two anchors on one value', 'title: &a &b plan\n', { line: 1, column: 8, field: 'title' }, messages.yaml.needsQuotes('&')],
];

describe('YAML syntax errors in plain words', () => {
  it.each(cases)('%s', async (_name, text, where, message) => {
    const issue = await firstIssue(text);
    expect({ line: issue.line, column: issue.column, problem: issue.problem, fix: issue.fix }).toEqual({
      line: where.line,
      column: where.column,
      ...message,
    });
    if (where.field !== undefined) expect(issue.field).toBe(where.field);
  });

  it('keeps the parser\'s own words only for what it has no plain message for', () => {
    expect(messages.yaml.other('Unexpected thing').problem).toContain('Unexpected thing');
  });
});
