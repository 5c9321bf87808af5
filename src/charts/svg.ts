/**
 * Vega-Lite -> Vega -> SVG in Node (no browser, no canvas: text is measured with the
 * page's font files, see text-metrics.ts, so the output depends on no installed font), then
 * made page-ready: stable ids, an accessible name and description.
 */
import type { TopLevelSpec } from 'vega-lite';
import { UserError } from '../diagnostics/index.ts';
import { messages } from '../messages.ts';
import { escapeXml } from '../site/paths.ts';
import { drawInWorker } from './chart-worker.ts';
import type { PlottedTable } from './prepare.ts';
import type { VegaRecords } from './vega-data.ts';

/**
 * Renders a Vega-Lite spec to an SVG string, with the shared theme under the spec's own config,
 * in the chart worker (within its time and memory limits). Throws a UserError for a spec that
 * tries to load something or links where the link policy refuses, or for any other problem
 * met drawing (the first; check reports them all): nothing is published from a chart Vega
 * complained about. A spec naming its
 * data file by url gets that file's records (bindRecords), never a load.
 */
export async function renderSvg(spec: TopLevelSpec, records?: VegaRecords): Promise<string> {
  return (await renderChartDrawing(spec, records)).svg;
}

/** renderSvg's drawing with what the chart plots, when it aggregates its data (plotted-data.ts). */
export async function renderChartDrawing(
  spec: TopLevelSpec,
  records?: VegaRecords,
): Promise<{ svg: string; plotted: PlottedTable | undefined }> {
  const drawing = await drawInWorker(spec, records);
  const [refused] = drawing.refused;
  if (refused) throw new UserError(refused, { field: 'spec' });
  const [first] = drawing.errors;
  if (first || drawing.svg === undefined)
    throw new UserError(first ?? messages.chartRenderFailed('no drawing'), { field: 'spec' });
  return { svg: drawing.svg, plotted: drawing.plotted };
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
