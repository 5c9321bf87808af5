import { afterAll, describe, expect, it } from 'vitest';
import type { Issue as ContentIssue } from '../../src/diagnostics/index.ts';
import { schemeTypoFix } from '../../src/link-policy.ts';
import { messages, type Message } from '../../src/messages.ts';
import { validate } from '../../src/pipeline.ts';
import { fixtureProject } from '../helpers/fixture.ts';

const disposers: (() => Promise<void>)[] = [];
afterAll(async () => {
  await Promise.all(disposers.map((dispose) => dispose()));
});

async function issuesOf(fixture: string): Promise<ContentIssue[]> {
  const project = await fixtureProject(fixture);
  disposers.push(project.dispose);
  return (await validate(project.root)).issues;
}

const issue = (
  severity: ContentIssue['severity'],
  file: string,
  line: number,
  column: number,
  field: string,
  message: Message,
): ContentIssue => ({ file, line, column, field, ...message, severity });

const sheet = 'content/policy-areas/test-area.mdx';
const commitment = 'content/commitments/france-2018-test.yaml';
const recommendations = 'content/recommendations/test-area.yaml';

describe('npm run check: links, at the link itself', () => {
  it('checks #anchors against the anchors the sheet page will have, with did you mean', async () => {
    // "#first-group-2" (the second recommendation) exists; "#per-yaer" is a typo of the chart's id.
    expect(await issuesOf('links-anchor')).toEqual([
      issue('error', recommendations, 7, 51, 'groups[0].items[0]', messages.unknownAnchor('#per-yaer', `the sheet ${sheet} (which shows this text)`, '#per-year')),
    ]);
  });

  it('checks links between sheets: the sheet, and its anchor', async () => {
    expect(await issuesOf('links-sheet')).toEqual([
      issue(
        'error',
        sheet,
        44,
        33,
        'prose',
        messages.unknownAnchor('/policy-areas/test-area/#key-takeaway', `the sheet ${sheet}`, '/policy-areas/test-area/#key-takeaways'),
      ),
      issue('error', sheet, 45, 24, 'prose', messages.unknownSheetLink('/policy-areas/test-aera/#why', 'test-aera', 'test-area')),
    ]);
  });

  it('names a misspelt scheme and the address meant, on the line of the link', async () => {
    expect(await issuesOf('links-scheme')).toEqual([
      issue('error', commitment, 7, 14, 'text', messages.schemeTypo('htps://www.opengovpartnership.org/report', 'https://www.opengovpartnership.org/report')),
      issue(
        'error',
        commitment,
        11,
        10,
        'links[0].url',
        messages.invalidUrl('the text "http//www.opengovpartnership.org/plan"', 'https://www.opengovpartnership.org/plan'),
      ),
    ]);
  });

  it('warns about markdown that prints as brackets or plain text', async () => {
    expect(await issuesOf('links-markdown')).toEqual([
      issue('warning', commitment, 6, 43, 'text', messages.linkSpaceBeforeParen('the report', 'https://www.opengovpartnership.org/report')),
      issue('warning', commitment, 7, 15, 'text', messages.bareUrl('www.opengovpartnership.org/plan', 'https://www.opengovpartnership.org/plan')),
      issue('warning', commitment, 7, 52, 'text', messages.unbalancedBracket('[')),
      issue('warning', commitment, 7, 63, 'text', messages.bareUrl('https://www.opengovpartnership.org/annex', 'https://www.opengovpartnership.org/annex')),
    ]);
  });

  it.each([
    ['htps://example.org/a', 'https://example.org/a'],
    ['http//example.org', 'https://example.org'],
    ['https:/example.org/x', 'https://example.org/x'],
    ['https;//example.org', 'https://example.org'],
    ['hhtps://example.org', 'https://example.org'],
    ['www.example.org', 'https://www.example.org'],
    ['https://example.org', undefined],
    ['/policy-areas/x/', undefined],
    ['javascript:alert(1)', undefined],
    ['ftp://example.org', undefined],
  ])('scheme typo %s -> %s', (href, expected) => {
    expect(schemeTypoFix(href)).toBe(expected);
  });
});
