/**
 * A page as given to Pagefind: without what Pagefind reads nothing of. A sheet page is ~45 KB of
 * HTML, of which ~15 KB is inline chart SVG, ~4 KB a <style> and ~2.5 KB <meta>/<link> tags; each
 * page is sent to Pagefind as base64 of JSON through its channel and parsed there, in every
 * rebuild (the index is made again from every page), so a page sent trimmed (~26 KB) saves both
 * processes some work: ~0.15 s of CPU at 200 sheets for ~0.03 s of trimming.
 *
 * What Pagefind (1.x, its HTML parser) reads of such elements, all of which is kept:
 * - it indexes no text inside <svg> or <style> (they are ignored, as are head, script, form, ...),
 *   but it reads data-pagefind-* attributes inside ignored elements, takes the first <title> as
 *   the page's fallback title and the first <h1> as its title, wherever they are, the first <img>
 *   after a title as its image, and makes an anchor of an element's id (an <svg id> is one; an id
 *   inside an ignored element is not);
 * - <meta> and <link> have no text: it reads their data-pagefind-* and id attributes only, and a
 *   <link> to a "_pagefind" bundle (a warning).
 * So an <svg> keeps its <title> elements and loses the rest of its content; a <style> loses its
 * content; a <meta> or <link> goes. An element with an id or a data-pagefind-* attribute is kept
 * whole, and so is an <svg> holding anything but plain SVG shapes and text (whitelisted below).
 * A page whose markup is not as expected (a comment or CDATA inside an SVG, <math>, <plaintext>,
 * a tag not closed) is given whole. The index is byte for byte the one of the whole pages
 * (tests/publish/search-html.test.ts checks it with Pagefind, on the built site and on odd pages).
 */

/** The SVG elements a chart or icon is drawn with: an <svg> holding only these is reduced. */
const SVG_SHAPES = new Set([
  'g',
  'path',
  'rect',
  'circle',
  'ellipse',
  'line',
  'polyline',
  'polygon',
  'text',
  'tspan',
  'title',
  'desc',
  'defs',
  'clippath',
  'lineargradient',
  'radialgradient',
  'stop',
]);

/** Elements whose content is text, not markup (HTML's raw text and escapable raw text): skipped whole. */
const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'iframe', 'noembed', 'noframes', 'noscript']);

/** A start or end tag at a position: its name and attributes (quoted values may hold ">"). */
const TAG = /<(\/?)([a-zA-Z][^\s/>]*)([^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*)>/y;
/** The rest of a tag after the first letter of its name. */
const TAG_REST = `[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>`;

/**
 * What comes before the next tag that matters here, in one match: text, a "<" that opens no tag,
 * and any other tag (each at once, so a ">" or "<" in a quoted value is no tag's end or start).
 */
const SKIP = new RegExp(
  `(?:[^<]+|<(?![a-z!/?])|</[a-z]${TAG_REST}|<(?!(?:svg|style|meta|link|math|plaintext|${[...RAW_TEXT].join('|')})[\\s/>])[a-z]${TAG_REST})*`,
  'iy',
);

/** An attribute that Pagefind reads on any element, or that makes one an anchor. */
const READ_ATTRIBUTE = /(?:^|[\s"'])(?:id|data-pagefind-[\w-]*)\s*(?:=|\/?$|\s)/i;

/** Thrown inside: the page is given whole. */
class Unexpected extends Error {}

/** `html` without what Pagefind does not read (see above), or `html` itself when in doubt. */
export function forPagefind(html: string): string {
  try {
    return trimmed(html);
  } catch (error) {
    if (error instanceof Unexpected) return html;
    throw error;
  }
}

function trimmed(html: string): string {
  const out: string[] = [];
  let copied = 0; // html before this is in out
  let at = 0;
  for (;;) {
    SKIP.lastIndex = at;
    SKIP.exec(html);
    const lt = SKIP.lastIndex;
    if (lt >= html.length) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      if (end < 0) throw new Unexpected();
      at = end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      if (end < 0) throw new Unexpected();
      at = end + 1;
      continue;
    }
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    // "</" not followed by a tag name (a bogus comment), or a tag not closed (a quote to the end)
    if (tag === null) throw new Unexpected();
    const [whole, slash, rawName, attributes] = tag as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    const after = lt + whole.length;
    at = after;
    if (slash === '/') continue;
    if (name === 'plaintext' || name === 'math') throw new Unexpected();
    const kept = READ_ATTRIBUTE.test(attributes);
    if (name === 'meta' || name === 'link') {
      if (!kept && !attributes.includes('_pagefind')) {
        out.push(html.slice(copied, lt));
        copied = after;
      }
      continue;
    }
    if (RAW_TEXT.has(name)) {
      // (A "/" before ">" does not close an HTML element: its text runs to its end tag.)
      const close = closingTag(html, name, after);
      if (name === 'style' && !kept) {
        out.push(html.slice(copied, after));
        copied = close;
      }
      at = close;
      continue;
    }
    if (name === 'svg') {
      if (attributes.endsWith('/')) throw new Unexpected(); // <svg/> (or a value ending in "/")
      const svg = svgContent(html, after);
      if (!kept && !svg.read) {
        out.push(html.slice(copied, after), ...svg.titles);
        copied = svg.close;
      }
      at = svg.close;
    }
  }
  if (copied === 0) return html;
  out.push(html.slice(copied));
  return out.join('');
}

const END_TAGS = new Map([...RAW_TEXT].map((name) => [name, new RegExp(`</${name}[\\s/>]`, 'gi')]));

/** Where the end tag of the raw text element `name` opened before `from` begins. */
function closingTag(html: string, name: string, from: number): number {
  const end = END_TAGS.get(name) as RegExp;
  end.lastIndex = from;
  const found = end.exec(html);
  if (found === null) throw new Unexpected();
  return found.index;
}

/**
 * The content of an <svg> from `from`: its <title> elements, where its end tag begins, and whether
 * an element in it has an attribute Pagefind reads even there (data-pagefind-*).
 */
function svgContent(html: string, from: number): { titles: string[]; close: number; read: boolean } {
  const titles: string[] = [];
  let read = false;
  let title = -1; // where an open <title> begins
  let at = from;
  for (;;) {
    const lt = html.indexOf('<', at);
    if (lt < 0) throw new Unexpected();
    TAG.lastIndex = lt;
    const tag = TAG.exec(html);
    if (tag === null) throw new Unexpected(); // a comment, CDATA, or a "<" in SVG text
    const [whole, slash, rawName, attributes] = tag as unknown as [string, string, string, string];
    const name = rawName.toLowerCase();
    at = lt + whole.length;
    if (name === 'svg' && slash === '/') {
      if (title >= 0) throw new Unexpected();
      return { titles, close: lt, read };
    }
    if (!SVG_SHAPES.has(name)) throw new Unexpected();
    if (/data-pagefind/i.test(attributes)) read = true;
    if (name === 'title') {
      if (slash === '/') {
        if (title < 0) throw new Unexpected();
        titles.push(html.slice(title, at));
        title = -1;
      } else if (title >= 0) throw new Unexpected();
      else title = lt;
    }
  }
}
