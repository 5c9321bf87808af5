/**
 * The one link policy: what a link may point at, wherever it is written (a markdown field
 * of the frontmatter, the prose, a chart spec's `href`) and wherever it ends up (the built
 * pages and PDFs the verify stage reads). Each caller words the problem for its reader;
 * the verdict is decided here only, so `check` and the build can never disagree.
 */

import MarkdownIt from 'markdown-it';
import { editDistance } from './diagnostics/index.ts';

/** Where an acceptable link leads. */
export type LinkTarget =
  /** A public web page: https:// and a host name with a dot and a top-level domain. */
  | { kind: 'web'; url: URL }
  /** A page or file of this site: a path starting with a single `/`. */
  | { kind: 'site'; path: string }
  /** A section of the same page: `#id`. */
  | { kind: 'anchor'; id: string }
  /** An e-mail address or telephone number. */
  | { kind: 'contact' };

/** Why a link is refused. */
export type LinkProblemKind = 'emptyLink' | 'unsafeLink' | 'insecureLink' | 'malformedLink';

export type LinkVerdict = { ok: true; target: LinkTarget } | { ok: false; kind: LinkProblemKind };

/** A host name a browser can reach on the public web: letters, digits, hyphens, a dot and a TLD (no IP address, no localhost). */
export const publicHost = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/** Schemes that run code or read local data instead of opening a page (checked with whitespace and control characters removed, as browsers do). */
const unsafeScheme = /^(javascript|vbscript|data|file|blob):/i;

/** An id a `#fragment` may name: what the site's anchors look like. */
const anchorId = /^[A-Za-z][\w-]*$/;

/** Decides whether `raw` is an acceptable link target, and what it leads to. */
export function classifyLink(raw: string): LinkVerdict {
  const href = raw.trim();
  if (href === '' || href === '#') return refuse('emptyLink');
  if (unsafeScheme.test(href.replace(/[\s\u0000-\u001f]/g, ''))) return refuse('unsafeLink');
  if (href.startsWith('#'))
    return anchorId.test(href.slice(1)) ? accept({ kind: 'anchor', id: href.slice(1) }) : refuse('malformedLink');
  if (href.startsWith('/'))
    return href.startsWith('//') || /\s/.test(href) ? refuse('malformedLink') : accept({ kind: 'site', path: href });
  if (/^mailto:[^@\s]+@[^@\s]+$/i.test(href) || /^tel:\+?[\d ().-]+$/i.test(href)) return accept({ kind: 'contact' });
  if (/^http:/i.test(href)) return refuse('insecureLink');
  if (/^https:/i.test(href)) {
    if (/\s/.test(href)) return refuse('malformedLink');
    let url: URL;
    try {
      url = new URL(href);
    } catch {
      return refuse('malformedLink');
    }
    return publicHost.test(url.hostname) && url.username === '' && url.password === ''
      ? accept({ kind: 'web', url })
      : refuse('malformedLink');
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(href) ? refuse('unsafeLink') : refuse('malformedLink');
}

const accept = (target: LinkTarget): LinkVerdict => ({ ok: true, target });
const refuse = (kind: LinkProblemKind): LinkVerdict => ({ ok: false, kind });

/**
 * The https:// address meant by a target whose scheme is misspelt ("htps://", "http//",
 * "https:/", "https;//") or missing ("www.example.org"); undefined when it is not such a typo.
 */
export function schemeTypoFix(href: string): string | undefined {
  if (/^www\.[a-z0-9-]+\.[a-z]/i.test(href)) return `https://${href}`;
  const match = /^([a-z]{2,7})([:;]?)(\/*)([a-z0-9][^\s/]*\.[a-z]{2,}.*)$/i.exec(href);
  if (match === null) return undefined;
  const [, scheme = '', colon, slashes, rest = ''] = match;
  if (/^https?$/i.test(scheme) && colon === ':' && slashes === '//') return undefined;
  const near = ['https', 'http'].some((expected) => editDistance(scheme, expected) <= (scheme.length <= 4 ? 1 : 2));
  if (!near || (colon === '' && slashes === '')) return undefined;
  return `https://${rest}`;
}

/**
 * The site path a link copied from the preview on the editor's own computer means
 * ("http://localhost:4321/policy-areas/x/#why" -> "/policy-areas/x/#why"); undefined for any other link.
 */
export function localPreviewPath(href: string): string | undefined {
  const match = /^https?:\/\/(?:localhost|127(?:\.\d{1,3}){3}|0\.0\.0\.0|\[::1\])(?::\d+)?(\/\S*)?$/i.exec(href.trim());
  return match === null ? undefined : (match[1] ?? '/');
}

/** A refused link of a markdown text: why, its target and its words. */
export interface LinkProblem {
  kind: LinkProblemKind;
  href: string;
  text: string;
  /** For a misspelt or missing scheme: the address the editor meant. */
  suggestion?: string;
  /** For a link to the preview on the editor's computer (localhost): the site path it shows. */
  previewPath?: string;
}

// A parser that keeps every link (markdown-it's default drops unsafe ones silently),
// so that the checker sees what the editor wrote.
const inspector = new MarkdownIt('commonmark', { html: false });
inspector.validateLink = () => true;

/** The links of a markdown text (a frontmatter field) that the policy refuses. */
export function findLinkProblems(markdown: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const tokens = inspector.parseInline(markdown, {})[0]?.children ?? [];
  tokens.forEach((token, index) => {
    if (token.type !== 'link_open') return;
    const href = (token.attrGet('href') ?? '').trim();
    const verdict = classifyLink(href);
    if (verdict.ok) return;
    const suggestion = schemeTypoFix(href);
    const previewPath = localPreviewPath(href);
    problems.push({
      kind: verdict.kind,
      href,
      text: tokens[index + 1]?.content ?? '',
      ...(suggestion === undefined ? {} : { suggestion }),
      ...(previewPath === undefined ? {} : { previewPath }),
    });
  });
  return problems;
}
