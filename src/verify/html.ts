/**
 * Links and resources in the built HTML and CSS: every href/src/srcset, SVG reference,
 * meta refresh (aliases) and canonical URL, and every url() in the stylesheets.
 */
import type { Cheerio, CheerioAPI } from 'cheerio';
import { load } from '../cheerio.ts';
import type { AnyNode, Element } from 'domhandler';
import { checkTarget, type LinkUse } from './links.ts';
import type { Issue } from '../diagnostics/index.ts';
import { elementsOf, urlPathOf, type BuiltSite } from './site.ts';

/**
 * Which attributes hold URLs, and whether the browser loads them by itself (resources): each rule
 * an attribute of some elements (by lower-cased tag name, as HTML compares them: SVG's feImage too).
 */
const urlAttributes: { tags: ReadonlySet<string>; attribute: string; use: (element: Element) => LinkUse }[] = [
  { tags: new Set(['a', 'area']), attribute: 'href', use: () => 'link' },
  {
    tags: new Set(['link']),
    attribute: 'href',
    use: (element) =>
      /\b(stylesheet|icon|preload|modulepreload|manifest|apple-touch-icon)\b/i.test(element.attribs['rel'] ?? '')
        ? 'resource'
        : 'link',
  },
  {
    tags: new Set(['script', 'img', 'iframe', 'embed', 'source', 'track', 'audio', 'video']),
    attribute: 'src',
    use: () => 'resource',
  },
  { tags: new Set(['video']), attribute: 'poster', use: () => 'resource' },
  { tags: new Set(['object']), attribute: 'data', use: () => 'resource' },
  { tags: new Set(['form']), attribute: 'action', use: () => 'link' },
  { tags: new Set(['use', 'image', 'feimage']), attribute: 'href', use: () => 'resource' },
];

/** Where the social cards' meta tags name absolute URLs on the site's own origin. */
const cardMeta = (element: Element): boolean =>
  element.attribs['property'] === 'og:url' ||
  element.attribs['property'] === 'og:image' ||
  element.attribs['name'] === 'twitter:image';

const positionOf = (element: Cheerio<AnyNode>): { line: number; column: number } | undefined => {
  const node = element.get(0) as { sourceCodeLocation?: { startLine: number; startCol: number } | null } | undefined;
  const location = node?.sourceCodeLocation;
  return location === undefined || location === null
    ? undefined
    : { line: location.startLine, column: location.startCol };
};

/** Every link problem in one HTML file. */
export function checkHtmlFile(built: BuiltSite, file: string, site: URL): Issue[] {
  const $ = built.takeParsed(file) ?? load(built.read(file).toString('utf8'));
  const problems = htmlProblems(built, file, site, $);
  // Lines and columns only for a page with problems: parse5's locations cost about a third of its
  // parse, and the tree is the same with them.
  return problems.length === 0
    ? problems
    : htmlProblems(built, file, site, load(built.read(file).toString('utf8'), { sourceCodeLocationInfo: true }));
}

/** Every link problem in one parsed HTML file, at its line and column when the parse has them. */
function htmlProblems(built: BuiltSite, file: string, site: URL, $: CheerioAPI): Issue[] {
  const problems: Issue[] = [];
  // Every element once, in document order; each kind of reference is checked over them in turn
  // as before, so the problems come in the same order.
  const elements = elementsOf($);
  built.knowIds(file, elements);
  const fromPath = urlPathOf(file, built.base);
  const check = (element: Cheerio<AnyNode>, value: string, use: LinkUse): void => {
    const node = element.get(0);
    const found = checkTarget(
      built,
      value,
      file,
      fromPath,
      site,
      use,
      node !== undefined && 'tagName' in node ? node.tagName : 'a',
    );
    if (found === undefined) return;
    problems.push({ file, ...positionOf(element), ...found, severity: 'error' });
  };

  const checkEach = (
    matches: (element: Element) => boolean,
    value: (element: Element) => string[],
    use: (element: Element) => LinkUse,
  ): void => {
    for (const element of elements) {
      if (!matches(element)) continue;
      for (const url of value(element)) check($(element), url, use(element));
    }
  };
  for (const { tags, attribute, use } of urlAttributes)
    checkEach(
      (element) => tags.has(element.tagName.toLowerCase()) && element.attribs[attribute] !== undefined,
      (element) => [element.attribs[attribute] ?? ''],
      use,
    );
  // SVG 1.1 references.
  checkEach(
    (element) => element.attribs['xlink:href'] !== undefined,
    (element) => [element.attribs['xlink:href'] ?? ''],
    (element) => (element.tagName === 'a' ? 'link' : 'resource'),
  );
  checkEach(
    (element) => ['img', 'source'].includes(element.tagName.toLowerCase()) && element.attribs['srcset'] !== undefined,
    (element) =>
      (element.attribs['srcset'] ?? '')
        .split(',')
        .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
        .filter((url) => url !== ''),
    () => 'resource',
  );
  // Alias pages redirect with <meta http-equiv="refresh" content="0; url=...">.
  checkEach(
    (element) => element.tagName === 'meta' && (element.attribs['http-equiv'] ?? '').toLowerCase() === 'refresh',
    (element) => {
      const match = /url\s*=\s*['"]?([^'"\s]+)/i.exec(element.attribs['content'] ?? '');
      return match?.[1] === undefined ? [] : [match[1]];
    },
    () => 'link',
  );
  // Social cards name absolute URLs on the site's own origin: they must exist too.
  checkEach(
    (element) => element.tagName === 'meta' && cardMeta(element),
    (element) => [element.attribs['content'] ?? ''],
    () => 'link',
  );
  // Inline styles can load resources too.
  for (const node of elements) {
    if (node.tagName !== 'style') continue;
    const element = $(node);
    const startLine = positionOf(element)?.line ?? 1;
    for (const found of cssProblems(built, file, element.text(), site)) {
      problems.push({
        file,
        line: startLine + found.line - 1,
        problem: found.problem,
        fix: found.fix,
        severity: 'error',
      });
    }
  }
  return problems;
}

/** url(...) and @import targets in CSS: on the site's own origin, and present. */
export function cssProblems(
  built: BuiltSite,
  file: string,
  css: string,
  site: URL,
): { line: number; problem: string; fix: string }[] {
  const out: { line: number; problem: string; fix: string }[] = [];
  const pattern = /url\(\s*(['"]?)([^'")]*)\1\s*\)|@import\s+(['"])([^'"]+)\3/g;
  for (const match of css.matchAll(pattern)) {
    const url = match[2] ?? match[4] ?? '';
    if (url.startsWith('#') || /^data:/i.test(url)) continue;
    const found = checkTarget(built, url, file, urlPathOf(file, built.base), site, 'resource', 'style');
    if (found !== undefined) out.push({ line: css.slice(0, match.index).split('\n').length, ...found });
  }
  return out;
}
