/**
 * What one chart may cost. A fact sheet's chart is a few hundred pixels wide with at most a
 * few hundred marks; these limits are far above that and far below what would stall or
 * crash a build. `check` refuses what it can see in the spec and data (sizes, rows); the
 * worker that draws enforces the rest (time, memory, the size of what was drawn).
 */
export const chartLimits = {
  /** Rows of a Vega-Lite chart's data: each is a row of the page's data table and of its CSV. */
  maxRows: 5_000,
  /** A width, height or step written in a spec, in pixels (an A4 page is about 800 wide). */
  maxSpecSize: 2_000,
  /** The drawn chart, in pixels, whatever the spec computed. */
  maxDrawnSize: 4_000,
  /** The drawn SVG, in bytes. */
  maxSvgBytes: 5 * 1024 * 1024,
  /** Time to draw one chart (a chart of a fact sheet draws in well under a second). */
  drawSeconds: fromEnvironment('OGP_CHART_DRAW_SECONDS', 30),
  /** Memory of the thread that draws the charts. */
  drawMemoryMb: fromEnvironment('OGP_CHART_DRAW_MEMORY_MB', 512),
  /** The largest number an expression may pass to a function that builds a list or text (sequence, pad). */
  maxExpressionLength: 10_000,
} as const;

/** A limit the tests lower (to see it enforced quickly); editors never need to set it. */
function fromEnvironment(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}
