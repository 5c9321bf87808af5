import MarkdownIt from 'markdown-it';

export interface LinkProblem {
  kind: 'unsafeLink' | 'emptyLink' | 'insecureLink' | 'malformedLink';
  href: string;
  text: string;
}

// A parser that keeps every link (markdown-it's default drops unsafe ones silently),
// so that the checker sees what the editor wrote.
const inspector = new MarkdownIt('commonmark', { html: false });
inspector.validateLink = () => true;

/** Lists the links in a markdown text whose target is unsafe, empty or malformed. */
export function findLinkProblems(markdown: string): LinkProblem[] {
  const problems: LinkProblem[] = [];
  const tokens = inspector.parseInline(markdown, {})[0]?.children ?? [];
  tokens.forEach((token, index) => {
    if (token.type !== 'link_open') return;
    const href = (token.attrGet('href') ?? '').trim();
    const text = tokens[index + 1]?.content ?? '';
    const kind = classifyHref(href);
    if (kind !== undefined) problems.push({ kind, href, text });
  });
  return problems;
}

function classifyHref(href: string): LinkProblem['kind'] | undefined {
  if (href === '' || href === '#') return 'emptyLink';
  if (/^(javascript|data|vbscript|file):/i.test(href.replace(/[\s\u0000-\u001f]/g, ''))) return 'unsafeLink';
  if (href.startsWith('#')) return /^#[A-Za-z][\w-]*$/.test(href) ? undefined : 'malformedLink';
  if (href.startsWith('/')) return href.startsWith('//') ? 'malformedLink' : undefined;
  if (/^mailto:[^@\s]+@[^@\s]+$/i.test(href)) return undefined;
  if (/^http:/i.test(href)) return 'insecureLink';
  if (/^https:/i.test(href)) {
    try {
      const url = new URL(href);
      return url.hostname.includes('.') ? undefined : 'malformedLink';
    } catch {
      return 'malformedLink';
    }
  }
  return /^[a-z][a-z0-9+.-]*:/i.test(href) ? 'unsafeLink' : 'malformedLink';
}
