import MarkdownIt from 'markdown-it';
import { siteLink } from '../site/paths.ts';

// Raw HTML in content is shown as text, never as markup (html: false), and links
// with unsafe schemes are dropped by markdown-it's default validateLink; `check`
// reports them before a build ever gets here.
const renderer = new MarkdownIt('commonmark', { html: false, typographer: false });
// No images: `check` reports them (a fact sheet's figures are its charts), and none is ever fetched.
renderer.disable('image');
// A site-absolute link ("/policy-areas/x/") points under the base path the site is served from.
const normalizeLink = renderer.normalizeLink.bind(renderer);
renderer.normalizeLink = (url) => normalizeLink(siteLink(url));

/** Renders one paragraph of markdown (links, bold, italic, code) to inline HTML. */
export function renderInline(markdown: string): string {
  return renderer.renderInline(markdown);
}

/** Plain text of a markdown string: for titles, alt text and metadata. */
export function toPlainText(markdown: string): string {
  const tokens = renderer.parseInline(markdown, {})[0]?.children ?? [];
  return tokens
    .map((token) => (token.type === 'text' || token.type === 'code_inline' ? token.content : ''))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}
