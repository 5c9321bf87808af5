import { afterAll, describe, expect, it } from 'vitest';
import type { Issue } from '../../src/diagnostics/index.ts';
import { messages, type Message } from '../../src/messages.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(disposers.map((dispose) => dispose()));
});

async function issuesOf(fixture: string): Promise<Issue[]> {
  const project = await fixtureProject(fixture);
  disposers.push(project.dispose);
  return (await validate(project.root)).issues;
}

const error = (file: string, line: number, column: number, field: string | undefined, message: Message): Issue => ({
  file,
  line,
  column,
  ...(field === undefined ? {} : { field }),
  ...message,
  severity: 'error',
});

const commitmentFile = 'content/commitments/france-2018-test.yaml';

describe('npm run check: one fixture per error class, message pinned', () => {
  it('accepts the valid base content', async () => {
    expect(await issuesOf('base')).toEqual([]);
  });

  const cases: [string, Issue[]][] = [
    [
      'yaml-syntax',
      [error(commitmentFile, 5, 19, 'text', messages.yaml.colonInText())],
    ],
    ['wrong-type', [error(commitmentFile, 3, 7, 'year', messages.wrongType('a number', 'the text "twenty eighteen"'))]],
    ['missing-field', [error(commitmentFile, 1, 1, 'title', messages.missingField('title', 'text'))]],
    [
      'unknown-key',
      [
        error(commitmentFile, 2, 1, 'tilte', messages.unknownKey('tilte', 'title', ['member', 'title', 'year', 'kind', 'text', 'ogpId', 'links', 'policyAreas'])),
      ],
    ],
    ['dangling-reference', [error(commitmentFile, 1, 9, 'member', messages.unknownReference('member', 'Frnace', 'content/members.yaml', 'France'))]],
    [
      'duplicate-id',
      [error('content/recommendations/test-area.yaml', 7, 12, 'groups[1].title', messages.duplicateId('anchor', 'first-group', 'content/recommendations/test-area.yaml:3:12'))],
    ],
    [
      'anchor-clash',
      [error('content/policy-areas/test-area.mdx', 27, 9, 'charts[0].id', messages.duplicateId('anchor', 'status-quo', 'the sheet\'s own "status-quo" part'))],
    ],
    ['empty-anchor', [error('content/recommendations/test-area.yaml', 3, 12, 'groups[0].title', messages.emptyAnchor())]],
    [
      'invalid-pattern',
      [
        error(commitmentFile, 4, 8, 'ogpId', messages.wrongType('OGP\'s id for the commitment: 2 to 4 capital letters then 3 to 5 digits, e.g. "FRA0034"', 'the text "fra34"')),
      ],
    ],
    ['invalid-date', [error('content/policy-areas/test-area.mdx', 5, 10, 'edition', messages.invalidDate('the text "2024-02-30"'))]],
    ['empty-list', [error('content/recommendations/test-area.yaml', 2, 9, 'groups', messages.emptyList(1, 'recommendation group'))]],
    ['invalid-url', [error(commitmentFile, 8, 10, 'links[0].url', messages.invalidUrl('the text "www.opengovpartnership.org/irm"', 'https://www.opengovpartnership.org/irm'))]],
    [
      'placeholder-left',
      [
        error('content/policy-areas/test-area.mdx', 4, 10, 'summary', messages.placeholderLeft('content/policy-areas/test-area.mdx')),
        error('content/policy-areas/test-area.mdx', 45, 1, 'prose', messages.placeholderLeft('content/policy-areas/test-area.mdx')),
        error('content/recommendations/test-area.yaml', 6, 9, 'groups[0].items[1]', messages.placeholderLeft('content/policy-areas/test-area.mdx')),
      ],
    ],
  ];

  it.each(cases)('%s', async (fixture, expected) => {
    expect(await issuesOf(fixture)).toEqual(expected);
  });
});
