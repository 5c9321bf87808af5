/**
 * Drawing one Vega-Lite chart to SVG and saying everything that went wrong on the way:
 * Vega-Lite's and Vega's own warnings and errors (which Vega otherwise prints to the console,
 * some with a stack trace, and then draws anyway), links the link policy refuses, and a drawing
 * larger than the limits. Runs inside the chart worker (draw-worker.ts), so an expression that
 * fills memory or loops ends there, not in the build.
 */
import { loader, parse, View, type Loader } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { UserError } from '../diagnostics/index.ts';
import { classifyLink } from '../link-policy.ts';
import { describeValue, messages, type Message } from '../messages.ts';
import { chartLimits } from './limits.ts';
import { plottedData } from './plotted-data.ts';
import type { PlottedTable } from './prepare.ts';
import { useFontMetrics } from './text-metrics.ts';
import { vegaLiteConfig } from './theme.ts';
import { bindRecords, type VegaRecords } from './vega-data.ts';

// Text measured as the page draws it, not Vega's Node estimate (see text-metrics.ts).
useFontMetrics();

const refusal = (uri: string, context: string | undefined): Message =>
  context === 'href' ? messages.chartSpecUnsafeHref(uri) : messages.chartSpecLoadsData('url', describeValue(uri));

/**
 * Vega's loader, made unable to load: no file, no network, whatever the spec says (a spec
 * that got past `check` still cannot read /etc/hostname). Only link targets pass sanitizing,
 * and only those the link policy accepts; nothing is ever fetched. Each refused address is
 * passed to `refused`. A refused link (from a fixed `href` or one computed from the data or an
 * expression) resolves to no link rather than failing: Vega's SVG writer would otherwise
 * crash on it outside any caller's reach; the refusal is reported instead.
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
  refusing.sanitize = (uri: string, options: { context?: string }) => {
    if (options.context !== 'href') return refuse(uri, options);
    if (typeof uri === 'string' && classifyLink(uri).ok) return Promise.resolve({ href: uri });
    refused(refusal(String(uri), 'href'));
    return Promise.resolve({ href: '' });
  };
  return refusing;
}

/** What drawing a chart gave: the SVG when it could be drawn, and every problem met. */
export interface Drawing {
  svg?: string;
  /** What the chart plots, read from the drawn view, when its marks are drawn from aggregated rows (plotted-data.ts). */
  plotted?: PlottedTable;
  /** Loads and links refused: the spec tried to read something, or to link where a chart may not. */
  refused: Message[];
  /** Other problems that stop the chart: errors of Vega-Lite or Vega, limits. */
  errors: Message[];
  /** Warnings of Vega-Lite or Vega: the chart may not show what was meant. */
  warnings: Message[];
}

/** A logger for Vega-Lite and Vega that keeps what they say instead of printing it. */
function collectingLogger(errors: string[], warnings: string[]) {
  const text = (args: unknown[]): string =>
    args
      .map((a) => (a instanceof Error ? a.message : typeof a === 'string' ? a : JSON.stringify(a)))
      .join(' ')
      .replace(/\.$/, '');
  let level = 0;
  const logger = {
    level: (value?: number) => (value === undefined ? level : ((level = value), logger)),
    error: (...args: unknown[]) => (errors.push(text(args)), logger),
    warn: (...args: unknown[]) => (warnings.push(text(args)), logger),
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Messages without repeats (Vega logs an error, then throws it). */
const unique = (list: readonly Message[]): Message[] => [...new Map(list.map((m) => [m.problem, m])).values()];

const firstLine = (error: unknown): string =>
  ((error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '').replace(/\.$/, '');

/** Draws a spec (data and theme already in it) to SVG; never throws for a problem of the spec. */
export async function drawSvg(spec: TopLevelSpec, records?: VegaRecords): Promise<Drawing> {
  const errorTexts: string[] = [];
  const warningTexts: string[] = [];
  const refused: Message[] = [];
  const logger = collectingLogger(errorTexts, warningTexts);
  const errors: Message[] = [];
  let plotted: PlottedTable | undefined;
  const result = (svg?: string): Drawing => {
    const all = unique([...errors, ...errorTexts.map((e) => messages.chartSpecInvalid(e))]);
    return {
      ...(svg === undefined || all.length > 0 || refused.length > 0 ? {} : { svg, ...(plotted && { plotted }) }),
      refused: unique(refused),
      errors: all,
      warnings: unique(warningTexts.map((w) => messages.chartSpecWarning(w))),
    };
  };
  const withTheme = { ...spec, config: { ...vegaLiteConfig, ...(spec.config ?? {}), aria: false } } as TopLevelSpec;
  let view: View | undefined;
  try {
    const compiled = compile(withTheme, { logger: logger as never }).spec;
    // A spec naming its data file by url gets that file's records, never a load.
    const vega = records ? bindRecords(compiled, records) : compiled;
    view = new View(parse(vega), {
      renderer: 'none',
      loader: refusingLoader((problem) => refused.push(problem)),
      logger: logger as never,
      logLevel: 2, // warnings and errors
    });
    await view.runAsync();
    const width = view.width();
    const height = view.height();
    if (width > chartLimits.maxDrawnSize || height > chartLimits.maxDrawnSize) {
      errors.push(messages.limits.chartTooLarge(Math.round(width), Math.round(height), chartLimits.maxDrawnSize));
      return result();
    }
    plotted = plottedData(view, vega);
    const svg = await view.toSVG();
    if (svg.length > chartLimits.maxSvgBytes) {
      errors.push(messages.limits.svgTooLarge(svg.length, chartLimits.maxSvgBytes));
      return result();
    }
    return result(svg);
  } catch (error) {
    errors.push(messages.chartSpecInvalid(firstLine(error)));
    return result();
  } finally {
    view?.finalize();
  }
}
