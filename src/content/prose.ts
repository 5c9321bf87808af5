/**
 * A sheet's prose (its MDX body, or its translation's) rendered to HTML here, once per page, as
 * Astro's MDX integration rendered it in the page: the same parser (satteri's MDX compile, with
 * GFM and smart punctuation on, as Astro's defaults have them), the same heading ids, the same
 * code highlighting, and the compiled content run by a JSX runtime that writes HTML as Astro's
 * renderer does (its escaping, attributes and void elements), a link's site-absolute address
 * pointed under the base path (siteLink). The sheet page takes the HTML from its `sheetPages`
 * entry: no sheet body is an MDX module of Astro's build, compiled and bundled on every build
 * though an edit renders one sheet's pages.
 *
 * The check allows only markdown in the prose (no JSX, expressions, import or export:
 * src/content/load.ts checkMdxBody); a body with any is not rendered (dev shows the problem).
 */
import GithubSlugger from 'github-slugger';
import { mdxToJs, type HastPluginInput } from 'satteri';
import { UserError } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { siteLink } from '../site/paths.ts';

/** HTML as written, not to be escaped again (Astro's HTMLString). */
class Html {
  readonly html: string;
  constructor(html: string) {
    this.html = html;
  }
}

/** The MDX content's `components.a`: the page rendered its ProseLink component there (siteLink on the href). */
const proseLink = Symbol('prose-link');
const fragment = Symbol('fragment');

type Props = Record<string, unknown> & { children?: unknown };

/** Astro's escapeHTML (astro/dist/runtime/server/escape.js). */
function escapeHtml(text: string): string {
  return text.replace(/[&<>'"]/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === "'" ? '&#39;' : '&quot;',
  );
}

/** Astro's toAttributeString: only & and " are escaped in an attribute's value. */
const attributeText = (value: unknown): string => String(value).replace(/&/g, '&amp;').replace(/"/g, '&quot;');

const booleanAttributes =
  /^(?:allowfullscreen|async|autofocus|autoplay|checked|controls|default|defer|disabled|disablepictureinpicture|disableremoteplayback|formnovalidate|inert|loop|muted|nomodule|novalidate|open|playsinline|readonly|required|reversed|scoped|seamless|selected|itemscope)$/i;
const voidElements = /^(area|base|br|col|command|embed|hr|img|input|keygen|link|meta|param|source|track|wbr)$/i;

/** Astro's toStyleString: a style object as CSS text. */
function styleText(style: Record<string, unknown>): string {
  const kebab = (key: string): string =>
    key.toLowerCase() === key ? key : key.replace(/[A-Z]/g, (match) => `-${match.toLowerCase()}`);
  let output = '';
  for (const [key, value] of Object.entries(style)) {
    if (!((typeof value === 'string' && value.trim() !== '') || typeof value === 'number')) continue;
    if (output !== '') output += ';';
    output += key[0] !== '-' && key[1] !== '-' ? `${kebab(key)}:${value}` : `${key}:${value}`;
  }
  return output;
}

/** Astro's addAttribute, for what markdown makes (no class:list, no directives). */
function attribute(key: string, value: unknown): string {
  if (value === null || value === undefined || /[\s"'>/=]/.test(key)) return '';
  if (key === 'style' && typeof value === 'object') return ` style="${attributeText(styleText(value as Record<string, unknown>))}"`;
  if (key === 'className') return ` class="${attributeText(value)}"`;
  if (booleanAttributes.test(key) || (['popover', 'download', 'hidden'].includes(key) && typeof value === 'boolean'))
    return value ? ` ${key}` : '';
  return value === '' ? ` ${key}` : ` ${key}="${attributeText(value)}"`;
}

const attributes = (props: Record<string, unknown>): string =>
  Object.entries(props)
    .map(([key, value]) => attribute(key, value))
    .join('');

/** Astro's renderJSX of a child: text escaped, HTML as it is, lists joined, nothing for null/false/"". */
function childHtml(child: unknown): string {
  if (child instanceof Html) return child.html;
  if (typeof child === 'string') return escapeHtml(child);
  if (Array.isArray(child)) return child.map(childHtml).join('');
  if (!child && child !== 0) return '';
  return String(child);
}

/** The JSX runtime the compiled prose runs with: each element becomes its HTML at once. */
function jsx(type: unknown, props: Props): Html {
  const { children, ...rest } = props;
  if (type === fragment) return new Html(childHtml(children));
  if (type === proseLink) {
    // As ProseLink was: <a href={siteLink(href)} {...rest}><slot /></a>; a slot of whitespace only is dropped.
    const { href, ...others } = rest;
    const slot = childHtml(children);
    const link = typeof href === 'string' ? siteLink(href) : href;
    return new Html(`<a${attribute('href', link)}${attributes(others)}>${slot.trim() === '' ? '' : slot}</a>`);
  }
  if (typeof type !== 'string') throw new Error(`prose: unexpected component ${String(type)}`);
  const empty = children === null || children === undefined || children === '';
  if (empty && voidElements.test(type)) return new Html(`<${type}${attributes(rest)}/>`);
  return new Html(`<${type}${attributes(rest)}>${children === null || children === undefined ? '' : childHtml(children)}</${type}>`);
}

const runtime = { Fragment: fragment, jsx, jsxs: jsx };

/** Astro's heading ids: each heading's text slugged as GitHub does, numbered when repeated; an id given is kept. */
const headingIds = (): HastPluginInput => () => {
  const slugger = new GithubSlugger();
  return {
    name: 'heading-ids',
    element: {
      filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'],
      visit(node, ctx) {
        if (typeof node.properties?.['id'] === 'string') return;
        ctx.setProperty(node, 'id', slugger.slug(ctx.textContent(node)));
      },
    },
  };
};

interface Found {
  /** MDX code or markup in the body (never in a checked sheet): not rendered. */
  code?: 'esm' | 'expression' | { element: string };
  /** A code block: highlighted as Astro's default (Shiki), whose modules load only then. */
  pre?: boolean;
}

/** Notes what the body holds that changes how it is rendered. */
const survey = (found: Found): HastPluginInput => ({
  name: 'prose-survey',
  element: { filter: ['pre'], visit: () => void (found.pre = true) },
  mdxJsxFlowElement: { filter: [], visit: (node) => void (found.code = { element: node.name ?? '' }) },
  mdxJsxTextElement: { filter: [], visit: (node) => void (found.code = { element: node.name ?? '' }) },
  mdxFlowExpression: () => void (found.code = 'expression'),
  mdxTextExpression: () => void (found.code = 'expression'),
  mdxjsEsm: () => void (found.code = 'esm'),
});

/** Astro's code highlighting of markdown (its default: Shiki, github-dark; math left alone), made when first needed. */
let highlighting: Promise<HastPluginInput> | undefined;
function highlighter(): Promise<HastPluginInput> {
  highlighting ??= (async () => {
    const [{ satteriCreateHighlightFn, satteriHighlightPlugin }, { markdownConfigDefaults }] = await Promise.all([
      import('@astrojs/markdown-satteri'),
      import('@astrojs/internal-helpers/markdown'),
    ]);
    const { syntaxHighlight, shikiConfig } = markdownConfigDefaults;
    const highlight = await satteriCreateHighlightFn(syntaxHighlight, shikiConfig);
    if (highlight === undefined) throw new Error('prose: no code highlighter');
    const excluded = typeof syntaxHighlight === 'object' ? syntaxHighlight.excludeLangs : undefined;
    // Shiki stops tokenizing a line after 500 ms and leaves its rest as one token: the first
    // code of a language also compiles its grammar's patterns, which on a busy machine can take
    // that long. Highlighted once before, the code is highlighted whole.
    const warmed: typeof highlight = async (code, lang, meta) => {
      await highlight(code, lang, meta);
      return highlight(code, lang, meta);
    };
    return satteriHighlightPlugin(warmed, excluded) as HastPluginInput;
  })();
  return highlighting;
}

/** Compiles the body as Astro's MDX integration did (its features and plugins, in its order). */
async function compile(body: string, plugins: HastPluginInput[]): Promise<string> {
  const { code } = await mdxToJs(body, {
    hastPlugins: plugins,
    features: { gfm: true, smartPunctuation: true },
    jsxImportSource: 'astro',
    elementAttributeNameCase: 'html',
    outputFormat: 'function-body',
  });
  return code;
}

/**
 * The HTML of a sheet's prose as its page shows it. `file`: where the body is, for the problem
 * a body that is not markdown raises (the check reports it first; only dev renders such a sheet).
 */
export async function renderProse(body: string, file: string): Promise<string> {
  const found: Found = {};
  let code: string;
  try {
    code = await compile(body, [survey(found), headingIds()]);
    if (found.pre === true && found.code === undefined) code = await compile(body, [await highlighter(), headingIds()]);
  } catch (error) {
    // The parser's "line:column: reason (rule)", as the check reports it; anything else is ours.
    const syntax = /^\d+:\d+: (.*?)(?: \([\w:-]+\))?$/.exec(error instanceof Error ? error.message : '');
    if (syntax === null) throw error;
    throw new UserError(messages.mdxSyntax(syntax[1] ?? ''), { file });
  }
  if (found.code !== undefined) {
    const message = typeof found.code === 'object' ? messages.mdxElement(found.code.element) : messages.mdxCode(found.code);
    throw new UserError(message, { file });
  }
  // The compiled body: a function of the JSX runtime returning the module's exports (no imports:
  // a body with any was refused above).
  const exports = new Function(code)(runtime) as { default: (props: { components: Record<string, unknown> }) => Html };
  return exports.default({ components: { a: proseLink } }).html;
}
