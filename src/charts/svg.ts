/**
 * Vega-Lite -> Vega -> SVG in Node (no browser, no canvas: Vega estimates text widths,
 * which makes the output independent of installed fonts), then made page-ready: stable
 * ids, an accessible name and description.
 */
import { loader, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { describeValue, messages, type Message } from '../messages.ts';
import { UserError } from '../diagnostics/index.ts';
import { classifyLink } from '../link-policy.ts';
import { escapeXml } from '../site/paths.ts';
import { vegaLiteConfig } from './theme.ts';
import { bindRecords, type VegaRecords } from './vega-data.ts';

const refusal = (uri: string, context: string | undefined): Message =>
  context === 'href' ? messages.chartSpecUnsafeHref(uri) : messages.chartSpecLoadsData('url', describeValue(uri));

/**
 * Vega's loader, made unable to load: no file, no network, whatever the spec says (a spec
 * that got past `check` still cannot read /etc/hostname). Only link targets pass sanitizing,
 * and only those the link policy accepts; nothing is ever fetched. Each refused address
 * is passed to `refused`.
 */
export function refusingLoader(refused: (problem: Message) => void = () => undefined): Loader {
  const refuse = (uri: string, options?: { context?: string }): Promise<never> => {
    const problem = refusal(uri, options?.context);
    refused(problem);
    return Promise.reject(new UserError(problem));
  };
  const refusing = loader();
  refusing.load = (uri) => refuse(uri);
  refusing.http = (uri) => refuse(uri);
  refusing.file = (file) => refuse(file);
  refusing.sanitize = (uri: string, options: { context?: string }) =>
    options.context === 'href' && classifyLink(uri).ok ? Promise.resolve({ href: uri }) : refuse(uri, options);
  return refusing;
}

/**
 * Renders a Vega-Lite spec to an SVG string, with the shared theme under the spec's own config.
 * A spec naming its data file by url gets that file's records (bindRecords), never a load.
 */
export async function renderSvg(spec: TopLevelSpec, records?: VegaRecords): Promise<string> {
  const withTheme = { ...spec, config: { ...vegaLiteConfig, ...(spec.config ?? {}), aria: false } } as TopLevelSpec;
  const compiled = compile(withTheme).spec;
  const vega = records ? bindRecords(compiled, records) : compiled;
  const refused: Message[] = [];
  const view = new View(parse(vega), { renderer: 'none', loader: refusingLoader((problem) => refused.push(problem)) });
  try {
    const svg = await view.toSVG();
    // Vega only warns when a load fails and draws without the data: never publish that.
    const [first] = refused;
    if (first) throw new UserError(first);
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Vega numbers clip paths and gradients from a process-wide counter, so ids depend on what
 * was drawn before. They are renumbered per chart, under a prefix unique on the page.
 */
export function stabilizeIds(svg: string, prefix: string): string {
  const ids = new Map<string, string>();
  for (const m of svg.matchAll(/\sid="([^"]+)"/g)) {
    const id = m[1] ?? '';
    if (!ids.has(id)) ids.set(id, `${prefix}-${ids.size + 1}`);
  }
  let out = svg;
  for (const [from, to] of ids) {
    const escaped = from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    out = out
      .replace(new RegExp(`(\\sid=")${escaped}"`, 'g'), `$1${to}"`)
      .replace(new RegExp(`url\\(#${escaped}\\)`, 'g'), `url(#${to})`)
      .replace(new RegExp(`href="#${escaped}"`, 'g'), `href="#${to}"`);
  }
  return out;
}

/**
 * Makes the SVG one image for assistive technology: role="img", named by its <title> and
 * described by its <desc> (the chart's title and alt text); Vega's own ARIA is off
 * (config.aria false), so nothing inside competes.
 */
export function makeAccessible(svg: string, idPrefix: string, title: string, description: string): string {
  const titleId = `${idPrefix}-svg-title`;
  const descId = `${idPrefix}-svg-desc`;
  // Vega still marks some mark containers as unnamed graphics symbols: the figure is one image.
  const inner = svg.replace(/\s(?:role|aria-roledescription|aria-label)="[^"]*"/g, '');
  return inner.replace(
    /^<svg([^>]*)>/,
    (_whole, attributes: string) =>
      `<svg${attributes.replace(/\sclass="marks"/, ' class="chart-svg"')} role="img" aria-labelledby="${titleId}" aria-describedby="${descId}" focusable="false">` +
      `<title id="${titleId}">${escapeXml(title)}</title><desc id="${descId}">${escapeXml(description)}</desc>`,
  );
}
