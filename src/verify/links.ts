/**
 * One link target checked against the built site: internal paths and #anchors must
 * resolve; external links must be well-formed https:// URLs; resources must be on the
 * site's own origin.
 */
import { messages, type Message } from '../messages.ts';
import type { BuiltSite } from './site.ts';

/** How a URL is used: a link a reader follows, or a resource the browser loads by itself. */
export type LinkUse = 'link' | 'resource';

const unsafeScheme = /^\s*(javascript|vbscript|data|file|blob):/i;

/** A host name a browser can reach on the public web: letters, digits, hyphens, a dot and a TLD. */
const publicHost = /^(?=.{1,253}$)([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

/**
 * Checks one URL found in `fromFile` (served at `fromPath`). Returns the problem, or
 * undefined when the target is fine. `site` is the public origin (astro.config.mjs `site`).
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
  if (href === '' || href === '#') return messages.quality.emptyLinkTarget(element);
  if (use === 'resource' && /^data:/i.test(href)) return undefined;
  if (unsafeScheme.test(href)) return messages.quality.unsafeLinkTarget(href);
  if (/^(mailto|tel):/i.test(href))
    return use === 'link' && /^(mailto|tel):.+/i.test(href) ? undefined : messages.quality.malformedLink(href);

  const isAbsolute = /^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//');
  let target: URL;
  try {
    target = new URL(href, new URL(fromPath, site));
  } catch {
    return messages.quality.malformedLink(href);
  }
  const sameOrigin = target.origin === site.origin;
  if (isAbsolute && !sameOrigin) {
    if (use === 'resource') return messages.quality.offSiteResource(href);
    if (target.protocol !== 'https:')
      return target.protocol === 'http:' ? messages.quality.insecureLink(href) : messages.quality.malformedLink(href);
    if (!publicHost.test(target.hostname) || /\s/.test(href)) return messages.quality.malformedLink(href);
    return undefined;
  }
  return checkInternal(built, href, target, fromFile);
}

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
