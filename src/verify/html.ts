/**
 * Links and resources in the built HTML and CSS: every href/src/srcset, SVG reference,
 * meta refresh (aliases) and canonical URL, and every url() in the stylesheets.
 */
import type { Cheerio } from 'cheerio';
import { load } from '../cheerio.ts';
import type { AnyNode } from 'domhandler';
import { checkTarget, type LinkUse } from './links.ts';
import type { Issue } from '../diagnostics/index.ts';
import { urlPathOf, type BuiltSite } from './site.ts';

/** Which attributes hold URLs, and whether the browser loads them by itself (resources). */
const urlAttributes: { selector: string; attribute: string; use: (element: Cheerio<AnyNode>) => LinkUse }[] = [
  { selector: 'a[href], area[href]', attribute: 'href', use: () => 'link' },
  {
    selector: 'link[href]',
    attribute: 'href',
    use: (element) =>
      /\b(stylesheet|icon|preload|modulepreload|manifest|apple-touch-icon)\b/i.test(element.attr('rel') ?? '')
        ? 'resource'
        : 'link',
  },
  {
    selector: 'script[src], img[src], iframe[src], embed[src], source[src], track[src], audio[src], video[src]',
    attribute: 'src',
    use: () => 'resource',
  },
  { selector: 'video[poster]', attribute: 'poster', use: () => 'resource' },
  { selector: 'object[data]', attribute: 'data', use: () => 'resource' },
  { selector: 'form[action]', attribute: 'action', use: () => 'link' },
  { selector: 'use[href], image[href], feImage[href]', attribute: 'href', use: () => 'resource' },
];

const positionOf = (element: Cheerio<AnyNode>): { line: number; column: number } | undefined => {
  const node = element.get(0) as { sourceCodeLocation?: { startLine: number; startCol: number } | null } | undefined;
  const location = node?.sourceCodeLocation;
  return location === undefined || location === null
    ? undefined
    : { line: location.startLine, column: location.startCol };
};

/** Every link problem in one HTML file. */
export function checkHtmlFile(built: BuiltSite, file: string, site: URL): Issue[] {
  const problems: Issue[] = [];
  const $ = built.takeParsed(file) ?? load(built.read(file).toString('utf8'), { sourceCodeLocationInfo: true });
  built.knowIds(file, $);
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

  for (const { selector, attribute, use } of urlAttributes) {
    $(selector).each((_, node) => {
      const element = $(node);
      check(element, element.attr(attribute) ?? '', use(element));
    });
  }
  // SVG 1.1 references.
  $('*').each((_, node) => {
    const value = 'attribs' in node ? node.attribs['xlink:href'] : undefined;
    if (value !== undefined) check($(node), value, 'tagName' in node && node.tagName === 'a' ? 'link' : 'resource');
  });
  $('img[srcset], source[srcset]').each((_, node) => {
    const element = $(node);
    for (const candidate of (element.attr('srcset') ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url !== undefined && url !== '') check(element, url, 'resource');
    }
  });
  // Alias pages redirect with <meta http-equiv="refresh" content="0; url=...">.
  $('meta[http-equiv]').each((_, node) => {
    const element = $(node);
    if ((element.attr('http-equiv') ?? '').toLowerCase() !== 'refresh') return;
    const match = /url\s*=\s*['"]?([^'"\s]+)/i.exec(element.attr('content') ?? '');
    if (match?.[1] !== undefined) check(element, match[1], 'link');
  });
  // Social cards name absolute URLs on the site's own origin: they must exist too.
  $('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]').each((_, node) => {
    const element = $(node);
    check(element, element.attr('content') ?? '', 'link');
  });
  // Inline styles can load resources too.
  $('style').each((_, node) => {
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
  });
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
