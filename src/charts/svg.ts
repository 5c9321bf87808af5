/**
 * Vega-Lite -> Vega -> SVG in Node (no browser, no canvas: Vega estimates text widths,
 * which makes the output independent of installed fonts), then made page-ready: stable
 * ids, an accessible name and description.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { vegaLiteConfig } from './theme.ts';

/** Renders a Vega-Lite spec to an SVG string, with the shared theme under the spec's own config. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const withTheme = { ...spec, config: { ...vegaLiteConfig, ...(spec.config ?? {}), aria: false } } as TopLevelSpec;
  const vega = compile(withTheme).spec;
  const view = new View(parse(vega), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

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
