/**
 * One link target checked against the built site: internal paths and #anchors must
 * resolve; external links must be well-formed https:// URLs; resources must be on the
 * site's own origin.
 */
import { classifyLink, type LinkProblemKind } from '../link-policy.ts';
import { messages, type Message } from '../messages.ts';
import type { BuiltSite } from './site.ts';

/** How a URL is used: a link a reader follows, or a resource the browser loads by itself. */
export type LinkUse = 'link' | 'resource';

/**
 * Checks one URL found in `fromFile` (served at `fromPath`). Returns the problem, or
 * undefined when the target is fine. `site` is the public origin (astro.config.mjs `site`).
 * What a link may point at is the link policy's to say (src/link-policy.ts), as in `check`;
 * here the site's own links must also resolve, and resources must come from the site.
 */
export function checkTarget(
  built: BuiltSite,
  raw: string,
  fromFile: string,
  fromPath: string,
  site: URL,
  use: LinkUse,
  element: string,
): Message | undefined {
  const href = raw.trim();
  if (use === 'resource' && /^data:/i.test(href)) return undefined;
  const base = new URL(fromPath, site);
  // What the generator writes relative to the page (x.csv, ../) or as a full URL of the site itself.
  const relative = !/^[a-z][a-z0-9+.-]*:/i.test(href) && !/^[/#]/.test(href) && href !== '';
  const sameOrigin = /^https?:/i.test(href) && URL.canParse(href) && new URL(href).origin === site.origin;
  if (relative || sameOrigin) {
    if (!URL.canParse(href, base) || /\s/.test(href)) return messages.quality.malformedLink(href);
    return checkInternal(built, href, new URL(href, base), fromFile);
  }
  const verdict = classifyLink(href);
  if (!verdict.ok) {
    if (use === 'resource' && verdict.kind === 'insecureLink') return messages.quality.offSiteResource(href);
    return verdictMessages[verdict.kind](href, element);
  }
  switch (verdict.target.kind) {
    case 'web':
    case 'contact':
      return use === 'resource' ? messages.quality.offSiteResource(href) : undefined;
    case 'site':
    case 'anchor':
      return checkInternal(built, href, new URL(href, base), fromFile);
  }
}

const verdictMessages: Record<LinkProblemKind, (href: string, element: string) => Message> = {
  emptyLink: (_href, element) => messages.quality.emptyLinkTarget(element),
  unsafeLink: (href) => messages.quality.unsafeLinkTarget(href),
  insecureLink: (href) => messages.quality.insecureLink(href),
  malformedLink: (href) => messages.quality.malformedLink(href),
};

/** A URL on the site's own origin: its file must exist and, for an HTML page, its #anchor too. */
export function checkInternal(built: BuiltSite, href: string, target: URL, fromFile: string): Message | undefined {
  const file = built.resolve(target.pathname);
  if (file === undefined) return messages.quality.brokenLink(href, target.pathname);
  if (target.hash.length > 1 && file.endsWith('.html')) {
    let id: string;
    try {
      id = decodeURIComponent(target.hash.slice(1));
    } catch {
      return messages.quality.malformedLink(href);
    }
    if (!built.idsOf(file).has(id))
      return messages.quality.brokenAnchor(href, id, file === fromFile ? 'this page' : `the page ${target.pathname}`);
  }
  return undefined;
}
