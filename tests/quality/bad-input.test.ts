/**
 * Bad input: a corpus of broken content and data (tests/fixtures/bad-*, each laid over
 * tests/fixtures/base). For each, the real `npm run check` exits 1 with a message naming the
 * file, the line where there is one, and the field, with the fix, and no stack trace. For
 * some, the real `npm run build` does the same and leaves the previous dist/ untouched.
 */
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { chartLimits } from '../../src/charts/limits.ts';
import { vegaLiteVocabulary } from '../../src/charts/vega-lite-schema.ts';
import { maxNesting } from '../../src/content/source.ts';
import { messages, type Message } from '../../src/messages.ts';
import { runCheck } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';
import { hashTree, processesIn, runScriptAsync, stagingLeftovers } from './helpers.ts';

const commitment = 'content/commitments/france-2018-test.yaml';
const sheet = 'content/policy-areas/test-area.mdx';
const recommendations = 'content/recommendations/test-area.yaml';
const members = 'content/members.yaml';
const inChart = (id: string, message: Message): Message => messages.inChart(id, sheet, message);
const sheetFields = [
  'title',
  'area',
  'summary',
  'edition',
  'pages',
  'draft',
  'aliases',
  'whyHeading',
  'keyTakeaways',
  'statusQuo',
  'dataNote',
  'commitmentProgress',
  'membersDoing',
  'recommendations',
  'notableCommitments',
  'irmQuickStats',
  'charts',
  'sources',
];

interface Case {
  /** The fixture folder: tests/fixtures/<name>. */
  name: string;
  /** The file the message names, its line (when the mistake has one) and field (when it has one). */
  file: string;
  line?: number;
  field?: string;
  /** The message, or (when it names the throwaway project's folder) a function of the project's root. */
  message: Message | ((root: string) => Message);
  /** Writes what cannot sit in git as a fixture file (bytes editors and tools mangle, a huge file, a symlink); may return a clean-up. */
  generate?: (root: string) => void | (() => void);
  /** Text of a file outside the project the case links to: it must appear nowhere in the output. */
  secrets?: readonly string[];
  /** Also run the real build, and check the previous dist/ survives. */
  build?: true;
}

const writeCommitment = (bytes: Buffer | string) => (root: string) => writeFileSync(path.join(root, commitment), bytes);

/** Put in the environment of this process and of the commands it runs: /proc/self/environ holds it. */
const environmentSecret = 'OGP-LEAK-TEST-a8f31c';
process.env['OGP_LEAK_MARKER'] = environmentSecret;
const gitSecret = 'ghp_OGPLEAKTEST0000000000000000000000';
const hostname = readFileSync('/etc/hostname', 'utf8').trim();
/** A symlink made at run time (git stores symlinks, but tools that copy fixtures may not keep them). */
const linkTo = (target: string, link: string) => (root: string) => symlinkSync(target, path.join(root, link));
/** A `.git/config` beside the project (outside it), and a content file linking to it by a relative path. */
const linkToGitConfig = (root: string): (() => void) => {
  const outside = `${root}-outside`;
  mkdirSync(path.join(outside, '.git'), { recursive: true });
  writeFileSync(
    path.join(outside, '.git/config'),
    `[remote "origin"]\n\turl = https://x-access-token:${gitSecret}@example.org/repo.git\n`,
  );
  const target = `../../../${path.basename(outside)}/.git/config`;
  symlinkSync(target, path.join(root, 'content/commitments/france-2019-leak.yaml'));
  return () => rmSync(outside, { recursive: true, force: true });
};

const cases: Case[] = [
  // YAML syntax
  {
    name: 'bad-yaml-unclosed-quote',
    file: commitment,
    line: 2,
    field: 'title',
    message: messages.yaml.unclosedQuote(),
    build: true,
  },
  {
    name: 'bad-tab-indent',
    file: recommendations,
    line: 4,
    field: 'items',
    message: messages.yaml.tabIndent(1),
  },
  {
    name: 'bad-duplicate-key',
    file: commitment,
    line: 4,
    field: 'title',
    message: messages.yaml.duplicateKey('title'),
  },
  {
    name: 'bad-multiple-documents',
    file: commitment,
    line: 7,
    message: messages.yaml.multipleDocuments(),
  },
  { name: 'bad-alias-bomb', file: commitment, line: 7, message: messages.quality.yamlTooManyAliases(), build: true },
  {
    name: 'bad-top-level-list',
    file: commitment,
    line: 1,
    message: messages.wrongType('a set of fields ("name: value" lines)', 'a list of 2'),
  },
  // files
  { name: 'bad-empty-file', file: commitment, message: messages.emptyFile('one notable commitment') },
  {
    name: 'bad-huge-file',
    file: commitment,
    message: messages.fileTooLarge('5.0', 1),
    generate: writeCommitment('a'.repeat(5 * 1024 * 1024)),
    build: true,
  },
  {
    name: 'bad-invalid-utf8',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.invalidUtf8(),
    generate: writeCommitment(
      Buffer.from(
        'member: France\ntitle: A Test Commitment\nyear: 2018\nkind: recent-result\ntext: Caf\xe9 commitment.\npolicyAreas: [test-area]\n',
        'latin1',
      ),
    ),
    build: true,
  },
  {
    name: 'bad-control-character',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.controlCharacter('U+0007'),
    generate: writeCommitment(
      'member: France\ntitle: A Test Commitment\nyear: 2018\nkind: recent-result\ntext: A commitment\u0007 written.\npolicyAreas: [test-area]\n',
    ),
  },
  {
    name: 'bad-missing-members',
    file: members,
    message: messages.missingFile('the list of OGP members'),
    generate: (root) => rmSync(path.join(root, members)),
  },
  {
    name: 'bad-wrong-extension',
    file: 'content/commitments/france-2018-other.yml',
    message: messages.wrongExtension('.yaml', '.yml'),
  },
  {
    name: 'bad-file-name',
    file: 'content/commitments/France 2018 Other.yaml',
    message: messages.badFileName('France 2018 Other.yaml', '.yaml'),
  },
  { name: 'bad-missing-frontmatter', file: sheet, line: 1, message: messages.missingFrontmatter() },
  { name: 'bad-unclosed-frontmatter', file: sheet, line: 1, message: messages.unclosedFrontmatter() },
  { name: 'bad-empty-prose', file: sheet, line: 42, field: 'prose', message: messages.emptyBody() },
  { name: 'bad-mdx-export', file: sheet, line: 45, field: 'prose', message: messages.mdxCode('esm'), build: true },
  { name: 'bad-mdx-expression', file: sheet, line: 43, field: 'prose', message: messages.mdxCode('expression') },
  { name: 'bad-mdx-component', file: sheet, line: 43, field: 'prose', message: messages.mdxElement('Callout') },
  {
    name: 'bad-prose-image',
    file: sheet,
    line: 43,
    field: 'prose',
    message: messages.markdownImage('A map of members', 'https://example.org/map.png'),
  },
  {
    name: 'bad-mdx-syntax',
    file: sheet,
    line: 43,
    field: 'prose',
    message: messages.mdxSyntax(
      'Unexpected character after `<`, expected a valid JSX tag (note: to create a link in MDX, use `[text](url)`)',
    ),
  },
  // schema: types, keys, values
  {
    name: 'bad-wrong-type-list',
    file: sheet,
    line: 6,
    field: 'keyTakeaways',
    message: messages.wrongType('a list (lines starting with "- ")', 'the text "The first takeaway."'),
  },
  {
    name: 'bad-null-title',
    file: commitment,
    line: 2,
    field: 'title',
    message: messages.wrongType('text', 'an empty value'),
  },
  {
    name: 'bad-unknown-key-sheet',
    file: sheet,
    line: 4,
    field: 'summry',
    message: messages.unknownKey('summry', 'summary', sheetFields),
  },
  {
    name: 'bad-enum-typo',
    file: commitment,
    line: 4,
    field: 'kind',
    message: messages.notOneOf(['recent-result', 'commitment-to-watch'], 'the text "recent-results"', 'recent-result'),
  },
  {
    name: 'bad-year-out-of-range',
    file: commitment,
    line: 3,
    field: 'year',
    message: messages.numberOutOfRange('a number of at least 2011', 'the number 1999'),
  },
  {
    name: 'bad-invalid-month',
    file: sheet,
    line: 5,
    field: 'edition',
    message: messages.invalidDate('the text "2024-13-01"'),
  },
  { name: 'bad-text-too-long', file: sheet, line: 4, field: 'summary', message: messages.textTooLong(300, 349) },
  {
    name: 'bad-too-many-takeaways',
    file: sheet,
    line: 7,
    field: 'keyTakeaways',
    message: messages.tooMany(5, 6, 'key takeaway'),
  },
  {
    name: 'bad-alias-form',
    file: sheet,
    line: 6,
    field: 'aliases[0]',
    message: messages.invalidSlug('the text "Test Area Old"'),
  },
  {
    name: 'bad-invalid-url',
    file: commitment,
    line: 8,
    field: 'links[0].url',
    message: messages.invalidUrl('the text "https://exa mple.org/"'),
  },
  {
    name: 'bad-local-member-no-country',
    file: members,
    line: 4,
    field: 'Buenos Aires, Argentina.country',
    message: messages.missingField('country', 'the country of a local member, e.g. "Argentina"'),
  },
  // links in text
  {
    name: 'bad-javascript-link',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.unsafeLink('javascript:alert(1)'),
  },
  {
    name: 'bad-text-image',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.markdownImage('Its logo', 'https://example.org/logo.png'),
  },
  { name: 'bad-empty-link', file: commitment, line: 5, field: 'text', message: messages.emptyLink('a link') },
  { name: 'bad-bare-hash-link', file: commitment, line: 5, field: 'text', message: messages.emptyLink('a link') },
  {
    name: 'bad-http-link',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.insecureLink('http://example.org/'),
  },
  {
    name: 'bad-localhost-link',
    file: commitment,
    line: 5,
    field: 'text',
    message: messages.previewLink('http://localhost:4321/policy-areas/test-area/#why', '/policy-areas/test-area/#why'),
  },
  {
    name: 'bad-text-colon',
    file: sheet,
    line: 7,
    field: 'keyTakeaways[0]',
    message: messages.textReadAsField('text', 'Parliaments'),
  },
  // references and duplicates
  {
    name: 'bad-dangling-commitment',
    file: sheet,
    line: 19,
    field: 'notableCommitments[0]',
    message: messages.unknownReference('commitment', 'france-2018-tset', 'content/commitments/', 'france-2018-test'),
    build: true,
  },
  {
    name: 'bad-dangling-recommendations',
    file: sheet,
    line: 17,
    field: 'recommendations',
    message: messages.unknownReference('recommendations file', 'test-areas', 'content/recommendations/', 'test-area'),
  },
  {
    name: 'bad-commitment-not-in-area',
    file: sheet,
    line: 19,
    field: 'notableCommitments[0]',
    message: messages.commitmentNotInArea('france-2018-test', 'test-area'),
  },
  {
    name: 'bad-duplicate-commitment',
    file: sheet,
    line: 20,
    field: 'notableCommitments[1]',
    message: messages.duplicateReference('commitment', 'france-2018-test'),
  },
  {
    name: 'bad-duplicate-group-slug',
    file: recommendations,
    line: 7,
    field: 'groups[1].id',
    message: messages.duplicateId('anchor', 'first-group', `${recommendations}:3:12`),
  },
  {
    name: 'bad-alias-clash',
    file: sheet,
    line: 4,
    field: 'aliases[0]',
    message: messages.duplicateId('sheet slug or alias', 'test-area', sheet),
  },
  // charts and their data
  {
    name: 'bad-unknown-chart',
    file: sheet,
    line: 14,
    field: 'commitmentProgress.chart',
    message: messages.chartNotOnSheet('per-yaer', 'per-year', ['per-year', 'performance']),
  },
  {
    name: 'bad-chart-not-placed',
    file: sheet,
    line: 34,
    field: 'charts[1].id',
    message: messages.chartNotPlaced('performance', ['commitmentProgress', 'irmQuickStats']),
  },
  {
    name: 'bad-chart-placed-twice',
    file: sheet,
    line: 22,
    field: 'irmQuickStats.charts[1]',
    message: messages.chartPlacedTwice('per-year', `${sheet}:14:12`),
  },
  {
    name: 'bad-chart-and-charts',
    file: sheet,
    line: 14,
    field: 'commitmentProgress.chart',
    message: messages.chartAndCharts('commitmentProgress', ['per-year', 'performance']),
  },
  {
    name: 'bad-chart-data-missing',
    file: sheet,
    line: 32,
    field: 'charts[0].data',
    message: inChart('per-year', messages.chartDataFileMissing('exprot.csv', 'export.csv', ['export.csv'])),
  },
  {
    name: 'bad-chart-tag-missing',
    file: sheet,
    line: 31,
    field: 'charts[0].tag',
    message: inChart('per-year', messages.chartTagColumnMissing('export.csv', 'Test Arae', 'Test Area', 2)),
  },
  {
    name: 'bad-chart-csv-missing-column',
    file: 'data/export.csv',
    line: 1,
    field: 'charts[0].data',
    message: inChart('per-year', messages.chartExportColumnMissing('export.csv', 'Year Of Submission', undefined)),
  },
  {
    name: 'bad-chart-csv-malformed',
    file: 'data/export.csv',
    line: 4,
    field: 'charts[0].data',
    message: inChart(
      'per-year',
      messages.chartCsvMalformed('export.csv', 4, 'a quoted cell is never closed (a missing closing ")'),
    ),
  },
  {
    name: 'bad-chart-spec-not-json',
    file: 'data/regions.vl.json',
    line: 5,
    field: 'charts[2].spec',
    message: inChart(
      'by-region',
      messages.chartSpecInvalid(
        "the file is not valid JSON (Expected ',' or '}' after property value in JSON at position 89 (line 5 column 5))",
      ),
    ),
    build: true,
  },
  // files outside the project: never read, never quoted
  {
    name: 'bad-symlink-data',
    file: sheet,
    line: 45,
    field: 'charts[2].data',
    message: inChart('by-region', messages.files.outsideProject('data/leak.csv', '/proc/self/environ')),
    generate: linkTo('/proc/self/environ', 'data/leak.csv'),
    secrets: [environmentSecret, 'PATH='],
    build: true,
  },
  {
    name: 'bad-symlink-spec',
    file: sheet,
    line: 46,
    field: 'charts[2].spec',
    message: inChart('by-region', messages.files.outsideProject('data/leak.vl.json', '/etc/hostname')),
    generate: linkTo('/etc/hostname', 'data/leak.vl.json'),
    ...(hostname.length >= 4 ? { secrets: [hostname] } : {}),
    build: true,
  },
  {
    name: 'bad-symlink-content',
    file: 'content/commitments/france-2019-leak.yaml',
    message: (root) =>
      messages.files.outsideProject(
        'content/commitments/france-2019-leak.yaml',
        `../../../${path.basename(root)}-outside/.git/config`,
      ),
    generate: linkToGitConfig,
    secrets: [gitSecret, 'remote "origin"'],
    build: true,
  },
  {
    name: 'bad-symlink-public',
    file: 'public/leak.txt',
    message: messages.files.outsideProject('public/leak.txt', '/etc/hostname'),
    generate: (root) => {
      mkdirSync(path.join(root, 'public'), { recursive: true });
      symlinkSync('/etc/hostname', path.join(root, 'public/leak.txt'));
    },
    ...(hostname.length >= 4 ? { secrets: [hostname] } : {}),
    build: true,
  },
  // charts: what the build would refuse when drawing, refused by check first
  {
    name: 'bad-chart-href-data',
    file: sheet,
    line: 51,
    field: 'charts[2].spec.encoding.href',
    message: inChart('by-region', messages.chartSpecUnsafeHref('javascript:alert(1)')),
    build: true,
  },
  {
    // A sheet with a mistake of its own (a date) still gets its charts checked in the same run.
    name: 'bad-chart-spec-sheet-invalid',
    file: sheet,
    line: 47,
    field: 'charts[2].spec.mark',
    message: inChart(
      'by-region',
      messages.chartSpecInvalid(
        `the mark "bra" is not one of ${vegaLiteVocabulary().marks.join(', ')} (did you mean "bar"?)`,
      ),
    ),
    build: true,
  },
  {
    name: 'bad-translation-figure',
    file: 'content/policy-areas/es/test-area.mdx',
    line: 6,
    field: 'commitmentProgress.text',
    message: messages.translations.unknownFigure(
      'total_compromisos',
      'content/policy-areas/test-area.mdx:13',
      ['total_commitments'],
      'total_commitments',
    ),
    build: true,
  },
  {
    name: 'bad-chart-expression-runtime',
    file: sheet,
    line: 47,
    field: 'charts[2].spec',
    message: inChart('by-region', messages.chartSpecInvalid("Cannot read properties of undefined (reading 'y')")),
    build: true,
  },
  {
    name: 'bad-chart-huge-size',
    file: sheet,
    line: 47,
    field: 'charts[2].spec.width',
    message: inChart('by-region', messages.limits.sizeTooLarge('width', 1e9, chartLimits.maxSpecSize)),
    build: true,
  },
  {
    name: 'bad-chart-pad-bomb',
    file: sheet,
    line: 48,
    field: 'charts[2].spec.transform[0].calculate',
    message: inChart('by-region', messages.limits.expressionTooLarge('pad', 1e9, chartLimits.maxExpressionLength)),
    build: true,
  },
  {
    name: 'bad-chart-sequence-bomb',
    file: sheet,
    line: 48,
    field: 'charts[2].spec.transform[0].calculate',
    message: inChart('by-region', messages.limits.expressionTooLarge('sequence', 1e8, chartLimits.maxExpressionLength)),
  },
  {
    name: 'bad-chart-too-many-rows',
    file: sheet,
    line: 45,
    field: 'charts[2].data',
    message: inChart('by-region', messages.limits.tooManyRows('many.csv', 200_000, chartLimits.maxRows)),
    generate: (root) =>
      writeFileSync(
        path.join(root, 'data/many.csv'),
        `region,count\n${Array.from({ length: 200_000 }, (_, i) => `Region ${i},${i % 97}`).join('\n')}\n`,
      ),
    build: true,
  },
  {
    name: 'bad-nested-proto',
    file: sheet,
    line: 51,
    field: 'charts[2].spec.encoding.__proto__',
    message: messages.reservedKey('__proto__'),
    build: true,
  },
  {
    name: 'bad-deep-nesting',
    file: commitment,
    line: 2,
    field: 'title',
    message: messages.nestedTooDeep(maxNesting),
    generate: writeCommitment(
      `member: France\ntitle: ${'['.repeat(10_000)}${']'.repeat(10_000)}\nyear: 2018\nkind: recent-result\ntext: A commitment.\npolicyAreas: [test-area]\n`,
    ),
    build: true,
  },
  // characters that make text read differently than it is written
  {
    name: 'bad-bidi-title',
    file: sheet,
    line: 2,
    field: 'title',
    message: messages.invisibleCharacter('U+202E RIGHT-TO-LEFT OVERRIDE'),
    generate: (root) => {
      const file = path.join(root, sheet);
      writeFileSync(
        file,
        readFileSync(file, 'utf8').replace('title: Test Area Fact Sheet', 'title: Test Area \u202eteehS tcaF'),
      );
    },
    build: true,
  },
  {
    name: 'bad-zero-width-title',
    file: commitment,
    line: 2,
    field: 'title',
    message: messages.invisibleCharacter('U+200B ZERO WIDTH SPACE'),
    generate: writeCommitment(
      'member: France\ntitle: A Test\u200bCommitment\nyear: 2018\nkind: recent-result\ntext: A commitment.\npolicyAreas: [test-area]\n',
    ),
  },
];

const escape = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(disposers.map((dispose) => dispose()));
});

async function project(entry: Case): Promise<string> {
  const made = await fixtureProject(entry.name);
  disposers.push(made.dispose);
  rmSync(path.join(made.root, 'GENERATED.md'), { force: true });
  const cleanUp = entry.generate?.(made.root);
  if (cleanUp) disposers.push(async () => cleanUp());
  return made.root;
}

/** The output names the file, line and field, says what is wrong and how to fix it, with no stack trace. */
function expectReported(
  output: { status: number | null; stdout: string; stderr: string },
  entry: Case,
  root: string,
): void {
  const message = typeof entry.message === 'function' ? entry.message(root) : entry.message;
  expect(output.status, output.stdout + output.stderr).toBe(1);
  const position = entry.line === undefined ? '' : `:${entry.line}:\\d+`;
  const field = entry.field === undefined ? '' : ` ${escape(entry.field)}`;
  expect(output.stdout).toMatch(
    new RegExp(
      `^${escape(entry.file)}${position} error${field}\\n  ${escape(message.problem)}\\n  Fix: ${escape(message.fix)}$`,
      'm',
    ),
  );
  expect(output.stdout + output.stderr, 'no stack trace').not.toMatch(/^\s+at .+[:(]/m);
  expect(output.stdout + output.stderr).not.toMatch(/^\w*Error\b/m);
  expect(output.stderr).toBe('');
  for (const secret of entry.secrets ?? [])
    expect(output.stdout + output.stderr, 'nothing of a file outside the project').not.toContain(secret);
}

/** runCheck (what `npm run check` runs) in this process, its output captured. */
async function checkInProcess(root: string): Promise<{ status: number; stdout: string; stderr: string }> {
  const chunks: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    chunks.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  try {
    const ok = await runCheck(root);
    return { status: ok ? 0 : 1, stdout: chunks.join(''), stderr: '' };
  } finally {
    spy.mockRestore();
  }
}

describe('bad input: every mistake is reported, never crashes, never reaches dist/', { concurrent: false }, () => {
  it('has a corpus of at least 25 broken inputs, each with its fixture folder', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
    expect(new Set(cases.map((entry) => entry.name)).size).toBe(cases.length);
  });

  it.each(cases.map((entry) => [entry.name, entry] as const))('check: %s', async (_name, entry) => {
    const root = await project(entry);
    expectReported(await checkInProcess(root), entry, root);
  });

  // The real command line, once: every case above runs what it runs (runCheck) in this process,
  // and each case below runs the same validation and report in a process of its own (`npm run
  // build` checks first), so a process per case for `npm run check` too (about a second of CPU
  // each) would test nothing more than its exit code and stream, which this one does.
  it('npm run check: the command line exits 1 with the message on stdout, no stack trace', async () => {
    const entry = cases.find((candidate) => candidate.build && candidate.name === 'bad-alias-bomb');
    if (entry === undefined) throw new Error('the case bad-alias-bomb is gone: pick another build case here');
    const root = await project(entry);
    expectReported(await runScriptAsync('check', root), entry, root);
  });

  it.concurrent.each(cases.filter((entry) => entry.build).map((entry) => [entry.name, entry] as const))(
    'npm run build: %s leaves dist/ untouched',
    async (_name, entry) => {
      const root = await project(entry);
      mkdirSync(path.join(root, 'dist/policy-areas/test-area'), { recursive: true });
      writeFileSync(path.join(root, 'dist/index.html'), '<!doctype html><title>previous build</title>');
      writeFileSync(
        path.join(root, 'dist/policy-areas/test-area/index.html'),
        '<!doctype html><title>previous sheet</title>',
      );
      const before = hashTree(path.join(root, 'dist'));
      const output = await runScriptAsync('build', root);
      expectReported(output, entry, root);
      expect(hashTree(path.join(root, 'dist'))).toEqual(before);
      expect(stagingLeftovers(root)).toEqual([]);
      // Nothing left running: Astro's process, started before the check, was killed.
      expect(await processesIn(root)).toEqual([]);
    },
  );
});
