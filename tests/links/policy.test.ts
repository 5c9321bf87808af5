/**
 * One link policy (src/link-policy.ts), four places a link can be written or end up: a
 * markdown field of the frontmatter (a takeaway), the MDX prose, a chart spec's `href`, and
 * the built site the verify stage reads. Each case must be accepted or refused in all four
 * alike, so `check` never passes what the build then refuses.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { externalLoads } from '../../src/charts/vega-lite-spec.ts';
import { checkMdxBody } from '../../src/content/load.ts';
import { classifyLink, localPreviewPath, type LinkProblemKind } from '../../src/link-policy.ts';
import { messages } from '../../src/messages.ts';
import { PolicyAreaSchema } from '../../src/schemas/policy-area.ts';
import { checkTarget } from '../../src/verify/links.ts';
import { BuiltSite } from '../../src/verify/site.ts';

const site = new URL('https://factsheets.opengovpartnership.org');

/** A built site with a home page (anchor #why) and one sheet page, for the verifier's internal links. */
const siteDir = mkdtempSync(path.join(tmpdir(), 'ogp-link-policy-'));
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));
for (const [file, html] of [
  ['index.html', '<!doctype html><h2 id="why">Why</h2>'],
  ['policy-areas/x/index.html', '<!doctype html><h1 id="x">X</h1>'],
] as const) {
  mkdirSync(path.dirname(path.join(siteDir, file)), { recursive: true });
  writeFileSync(path.join(siteDir, file), html);
}
const built = new BuiltSite(siteDir);

/** undefined: accepted; otherwise the kind of problem `check` names. */
const cases: [href: string, refused: LinkProblemKind | undefined][] = [
  ['https://www.opengovpartnership.org/', undefined],
  ['https://www.opengovpartnership.org/members/france/#commitments', undefined],
  ['/policy-areas/x/', undefined],
  ['#why', undefined],
  ['mailto:info@opengovpartnership.org', undefined],
  ['https://10.0.0.1/', 'malformedLink'],
  ['https://localhost/', 'malformedLink'],
  ['https://user:secret@example.org/', 'malformedLink'],
  ['//evil.example/', 'malformedLink'],
  ['#1-not-an-id', 'malformedLink'],
  ['http://example.org/', 'insecureLink'],
  ['http://localhost:4321/policy-areas/x/', 'insecureLink'],
  ['javascript:alert(1)', 'unsafeLink'],
  ['data:text/html,hi', 'unsafeLink'],
  ['file:///etc/passwd', 'unsafeLink'],
  ['ftp://example.org/', 'unsafeLink'],
  ['', 'emptyLink'],
  ['#', 'emptyLink'],
];

/** Each place a link can be, reduced to: the message `check` prints, the verifier's, or undefined when accepted. */
const places: Record<string, (href: string) => string | undefined> = {
  takeaway: (href) => {
    const result = PolicyAreaSchema.shape.keyTakeaways.element.safeParse(`See [the source](${href}).`);
    return result.success ? undefined : result.error.issues[0]?.message;
  },
  prose: (href) => checkMdxBody('sheet.mdx', { text: `See [the source](${href}).\n`, firstLine: 5 })[0]?.problem,
  'chart spec': (href) => externalLoads({ mark: { type: 'bar', href } })[0]?.message.problem,
  verifier: (href) => checkTarget(built, href, 'index.html', '/', site, 'link', 'a')?.problem,
};

describe('the link policy', () => {
  it.each(cases)('%j is treated alike in a takeaway, the prose, a chart spec and the built site', (href, refused) => {
    expect(classifyLink(href).ok ? undefined : (classifyLink(href) as { kind: string }).kind).toBe(refused);
    for (const [place, check] of Object.entries(places)) {
      const found = check(href);
      expect(found === undefined ? 'accepted' : 'refused', `${place}: ${found}`).toBe(
        refused === undefined ? 'accepted' : 'refused',
      );
    }
  });

  it('words the refusal for the editor where the editor wrote the link', () => {
    const problem = checkMdxBody('sheet.mdx', {
      text: 'Intro.\n\nSee [the source](https://10.0.0.1/).\n',
      firstLine: 5,
    });
    expect(problem).toEqual([
      {
        file: 'sheet.mdx',
        line: 7,
        column: 5,
        field: 'prose',
        ...messages.malformedLink('https://10.0.0.1/'),
        severity: 'error',
      },
    ]);
    expect(places['takeaway']?.('https://10.0.0.1/')).toBe('malformedLink');
    expect(places['chart spec']?.('https://10.0.0.1/')).toBe(messages.chartSpecUnsafeHref('https://10.0.0.1/').problem);
    expect(places['verifier']?.('https://10.0.0.1/')).toBe(messages.quality.malformedLink('https://10.0.0.1/').problem);
  });

  it('points a link copied from the local preview at the page on this site, in the prose as in a takeaway', () => {
    expect(localPreviewPath('http://localhost:4321/policy-areas/x/#why')).toBe('/policy-areas/x/#why');
    expect(localPreviewPath('https://127.0.0.1:4321/es/policy-areas/x/')).toBe('/es/policy-areas/x/');
    expect(localPreviewPath('http://[::1]:4321')).toBe('/');
    expect(localPreviewPath('https://localhost.example.org/')).toBeUndefined();
    expect(localPreviewPath('http://example.org/')).toBeUndefined();
    const href = 'http://localhost:4321/policy-areas/x/';
    const expected = messages.previewLink(href, '/policy-areas/x/').problem;
    expect(places['prose']?.(href)).toBe(expected);
    const takeaway = PolicyAreaSchema.shape.keyTakeaways.element.safeParse(`See [the sheet](${href}).`);
    const issue = takeaway.success ? undefined : (takeaway.error.issues[0] as { params?: object } | undefined);
    expect(issue?.params).toMatchObject({
      previewPath: '/policy-areas/x/',
    });
  });
});
