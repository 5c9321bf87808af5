/**
 * Automatic fit: prints a loaded sheet page, measures the PDF (layout-report.ts) and, when a
 * layout rule or the page budget is broken, tries the next of a small, ordered set of layout
 * variants, keeping the first that passes (or else the best: fewest pages over budget, then
 * fewest broken rules, then the earliest). The order is fixed and every choice follows from
 * the measured PDF, so the same page gives the same variant and the same bytes.
 *
 * A variant is a density (print.css `:root[data-fit]`: spacing, chart height, body size down
 * to 9 pt) and a set of column breaks (`[data-fit-break]` on a section, group or commitment
 * that the report found separated from its heading, intro or chart).
 *
 * A passing print can still leave a hole: a column on a page before the last that ends
 * well short, because the next section's heading, intro and chart (or first group) had to
 * move on whole. Then the denser densities are tried too, and the first that passes every
 * rule and closes the hole (or else narrows it most, by at least HOLE_GAIN) is kept.
 */
import type { Page } from 'playwright-core';
import { ENDS_EARLY, reportLayout, type LayoutReport, type PlacedPart, type SheetOutline } from './layout-report.ts';
import { PAGE, type Place } from './layout.ts';

/** The densities print.css defines, loosest first. 'standard' is the design as drawn. */
export const DENSITIES = ['standard', 'compact', 'tight'] as const;
export type Density = (typeof DENSITIES)[number];

/**
 * What each density sets in print.css (`:root` and `:root[data-fit]`): body size (pt), leading,
 * the factor on vertical gaps and the tallest chart drawing (mm). From these the fit bounds
 * what a denser print can do before printing it (cannotNarrow). A test compares them with print.css.
 */
export const DENSITY_METRICS: Record<Density, { bodyPt: number; leading: number; space: number; chartMm: number }> = {
  standard: { bodyPt: 9.5, leading: 1.36, space: 1, chartMm: 75 },
  compact: { bodyPt: 9.5, leading: 1.3, space: 0.65, chartMm: 56 },
  tight: { bodyPt: 9, leading: 1.28, space: 0.5, chartMm: 50 },
};

/** How many times one density is reprinted with more column breaks. */
const BREAK_ROUNDS = 2;

/** A layout variant: a density, column breaks, and (to close a hole) a lower cap on chart drawings (mm). */
interface Setting {
  density: Density;
  breaks: readonly string[];
  chartMm?: number | undefined;
}

export interface FittedPdf {
  pdf: Buffer;
  report: LayoutReport;
  /** The chosen variant, e.g. 'standard' or 'compact, column break before where-to-next'. */
  variant: string;
  /** Prints made to choose it. */
  attempts: number;
  outline: SheetOutline;
}

/**
 * The page's named parts: headings with their role, section and anchor; charts. Read from
 * the page as loaded (no print emulation, which would lay the page out once more): parts
 * that print.css hides (the table of contents) are skipped when the report matches these to
 * the PDF. Also sets the variant, in the same round trip.
 */
export async function readOutline(
  page: Page,
  variant: Setting = { density: 'standard', breaks: [] },
): Promise<SheetOutline> {
  return page.evaluate(
    ({ density, breaks, chartMm }) => {
      const root = document.documentElement;
      if (density === 'standard') root.removeAttribute('data-fit');
      else root.setAttribute('data-fit', density);
      if (chartMm === undefined) root.style.removeProperty('--fit-chart-height');
      else root.style.setProperty('--fit-chart-height', `${chartMm}mm`);
      for (const el of Array.from(document.querySelectorAll('[data-fit-break]'))) el.removeAttribute('data-fit-break');
      for (const id of breaks) document.getElementById(id)?.setAttribute('data-fit-break', '');

      const sectionOf = (el: Element): string => el.closest('section[id]')?.id ?? '';
      const text = (el: Element | null | undefined): string => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
      const headings: SheetOutline['headings'] = [];
      for (const el of Array.from(document.querySelectorAll('h1, h2, h3, h4, h5, h6'))) {
        const level = Number(el.tagName.slice(1));
        const commitment = el.closest('.commitment');
        const group = el.closest('.rec-group');
        const kindGroup = el.classList.contains('commitment-group__heading') ? el.closest('.commitment-group') : null;
        const role =
          level === 1
            ? 'title'
            : commitment !== null
              ? 'commitment'
              : group !== null
                ? 'group'
                : kindGroup !== null
                  ? 'commitment-group'
                  : 'section';
        const owner = commitment ?? group ?? kindGroup ?? el.closest('section[id]') ?? el;
        headings.push({ level, text: text(el), role, section: level === 1 ? 'title' : sectionOf(el), id: owner.id });
      }
      const charts = Array.from(document.querySelectorAll('figure')).map((figure) => ({
        id: figure.id,
        section: sectionOf(figure),
        title: text(figure.querySelector('.chart__title')) || figure.id,
      }));
      return { headings, charts };
    },
    { density: variant.density, breaks: [...variant.breaks], chartMm: variant.chartMm },
  );
}

/**
 * Sets a variant on the loaded page: the density on <html data-fit>, the column breaks on
 * their elements, a lower chart cap as <html style="--fit-chart-height">.
 */
async function applyVariant(page: Page, { density, breaks, chartMm }: Setting): Promise<void> {
  await page.evaluate(
    ({ density, breaks, chartMm }) => {
      const root = document.documentElement;
      if (density === 'standard') root.removeAttribute('data-fit');
      else root.setAttribute('data-fit', density);
      if (chartMm === undefined) root.style.removeProperty('--fit-chart-height');
      else root.style.setProperty('--fit-chart-height', `${chartMm}mm`);
      for (const el of Array.from(document.querySelectorAll('[data-fit-break]'))) el.removeAttribute('data-fit-break');
      for (const id of breaks) document.getElementById(id)?.setAttribute('data-fit-break', '');
    },
    { density, breaks: [...breaks], chartMm },
  );
}

export function variantName(density: Density, breaks: readonly string[], chartMm?: number): string {
  return [
    density,
    ...(breaks.length === 0 ? [] : [`column break before ${breaks.join(', ')}`]),
    ...(chartMm === undefined ? [] : [`charts at most ${chartMm} mm high`]),
  ].join(', ');
}

/**
 * A column of a page before the last that ends emptier than this share of its height is a
 * hole (the next section's heading, intro and chart or group did not fit under it). When the
 * first passing variant leaves one, the fit also tries the denser densities.
 */
export const HOLE = 0.25;
/** How much (a share of the column height) a denser variant must narrow the worst hole by to be kept. */
export const HOLE_GAIN = 0.1;

/** The empty share (%) of the emptiest column on a page before the last, and that page (0, 0 for one page). */
export function holeBeforeLast(report: LayoutReport): { percent: number; page: number } {
  const last = report.columns.at(-1);
  let worst = { percent: 0, page: 0 };
  for (const column of report.columns.filter((c) => c.page < (last?.page ?? 0))) {
    const percent = 100 - Math.min(...column.fill);
    if (percent > worst.percent) worst = { percent, page: column.page };
  }
  return worst;
}

/**
 * The worst hole of a printed sheet: holeBeforeLast; none (0) when the sheet simply ends early (its last page at most half full: what
 * would fill the hole is all the last page holds, and a denser print only leaves a stub).
 */
export function worstHole(report: LayoutReport): { percent: number; page: number } {
  const last = report.columns.at(-1);
  if (last === undefined || Math.max(...last.fill) <= ENDS_EARLY * 100) return { percent: 0, page: 0 };
  return holeBeforeLast(report);
}

/**
 * The part that opens a column (its text starts where the column's does): the height (mm) it
 * needs wherever it goes, and how much of that is chart drawings. A chart, group or commitment
 * whole; a section heading with the intro and chart or first group it keeps; any other heading
 * alone (the text after it may split). Undefined when the column opens with running text.
 */
function openerOf(
  report: LayoutReport,
  at: Pick<Place, 'page' | 'column'>,
): { height: number; drawing: number; drawings: number[] } | undefined {
  const start = report.columns.find((c) => c.page === at.page)?.starts?.[at.column - 1];
  if (start === undefined) return undefined;
  const sameColumn = (place: Place): boolean => place.page === at.page && place.column === at.column;
  const opener = report.parts
    .filter((part) => part.kind !== 'title' && sameColumn(part.at.start) && Math.abs(part.at.start.y - start) <= 1)
    .sort((a, b) => a.at.start.y - b.at.start.y)[0];
  if (opener === undefined) return undefined;
  const whole: PlacedPart['at'] | undefined =
    opener.kind === 'section'
      ? opener.keep !== undefined && sameColumn(opener.keep.end)
        ? opener.keep
        : opener.at
      : opener.at;
  if (!sameColumn(whole.end)) return undefined;
  const drawings = report.parts
    .filter((part) => sameColumn(part.at.start) && part.at.start.y >= whole.start.y && part.at.end.y <= whole.end.y)
    .map((part) => part.drawing ?? 0);
  return { height: whole.end.y - whole.start.y, drawing: drawings.reduce((sum, d) => sum + d, 0), drawings };
}

/**
 * Whether printing the denser density `to` surely leaves a hole wider than `target` % on the
 * page of `report`'s worst hole (printed at `from`), judged from that print alone, so that it
 * need not be printed. Content only moves up in a denser print; a column whose opening part
 * (the part that opens the next column: openerOf) cannot move up into it even if everything
 * shrank as much as anything can (text at a smaller size on fewer lines, gaps; a chart drawing
 * to the denser cap) keeps at most its own content, shrunk at least as much as its lines are
 * shorter (charts counted unshrunk), and so a hole at least that wide.
 */
export function cannotNarrow(report: LayoutReport, from: Density, to: Density, target: number): boolean {
  const [a, b] = [DENSITY_METRICS[from], DENSITY_METRICS[to]];
  const least = (b.bodyPt * b.leading) / (a.bodyPt * a.leading);
  // Text and gaps shrink at most this much; a chart drawing to no less than the shorter drawing's cap.
  const most = Math.min(least * (b.bodyPt / a.bodyPt), b.space / a.space);
  const atLeast = (part: { height: number; drawing: number; drawings: number[] }): number =>
    most * (part.height - part.drawing) + part.drawings.reduce((sum, d) => sum + Math.min(d, b.chartMm), 0);
  const { page } = holeBeforeLast(report);
  const columns = report.columns.find((c) => c.page === page);
  if (columns === undefined) return false;
  const bottom = PAGE.height - PAGE.bottom;
  const height = bottom - columns.top;
  // Page 1's columns begin below the title band and key takeaways, which shrink too.
  const top = page === 1 ? columns.top - (1 - most) * (columns.top - PAGE.top) : columns.top;
  let hole = 0;
  for (const column of [1, 2] as const) {
    const used = ((columns.fill[column - 1] ?? 0) / 100) * height;
    const opener = openerOf(report, column === 1 ? { page, column: 2 } : { page: page + 1, column: 1 });
    // It may move up (1 mm for the rounding of the measures).
    if (opener === undefined || atLeast(opener) <= bottom - top - most * used + 1) continue;
    const charts = report.parts
      .filter((part) => part.kind === 'chart' && part.at.start.page === page && part.at.start.column === column)
      .reduce((sum, part) => sum + part.at.end.y - part.at.start.y, 0);
    hole = Math.max(hole, 100 - ((charts + least * (used - charts)) / height) * 100);
  }
  // 1 point for the rounding of the fill.
  return hole > target + 1;
}

/** The shortest a chart drawing is made to close a hole (mm): still read at a glance. */
export const CHART_FLOOR_MM = 35;

/**
 * The lower cap (mm, whole) on chart drawings that should let the part opening the column
 * after the worst hole move up into it, with `density`'s gaps: the drawings in the hole's
 * column and in that part shrink by what it lacks. Undefined when that is not known (the
 * column after opens with running text) or would take drawings under CHART_FLOOR_MM.
 */
export function shorterCharts(report: LayoutReport, density: Density): number | undefined {
  const { page } = holeBeforeLast(report);
  const columns = report.columns.find((c) => c.page === page);
  if (columns === undefined) return undefined;
  const column = columns.fill[0] <= columns.fill[1] ? 1 : 2;
  const opener = openerOf(report, column === 1 ? { page, column: 2 } : { page: page + 1, column: 1 });
  if (opener === undefined) return undefined;
  const room = (PAGE.height - PAGE.bottom - columns.top) * (1 - (columns.fill[column - 1] ?? 0) / 100);
  // What the text's extents leave out: the gap above a section heading, half a line above
  // its first text and below the column's and the part's last.
  const lacks = opener.height + 3.5 * DENSITY_METRICS[density].space + 3 - room;
  const drawings = [
    ...report.parts
      .filter((part) => part.kind === 'chart' && part.at.start.page === page && part.at.start.column === column)
      .map((part) => part.drawing ?? 0),
    ...opener.drawings,
  ];
  for (let cap = Math.ceil(Math.max(0, ...drawings)) - 1; cap >= CHART_FLOOR_MM; cap--) {
    if (drawings.reduce((sum, d) => sum + Math.max(0, d - cap), 0) >= lacks) return cap;
  }
  return undefined;
}

/** Lower is better: pages over budget, then broken rules. */
function score(report: LayoutReport): [number, number] {
  return [Math.max(0, report.pages - report.budget), report.broken.length];
}

const better = (a: LayoutReport, b: LayoutReport): boolean => {
  const [sa, sb] = [score(a), score(b)];
  return sa[0] < sb[0] || (sa[0] === sb[0] && sa[1] < sb[1]);
};

/**
 * Prints the loaded sheet with `print` (page.pdf and post-processing), trying variants until
 * one passes every layout rule within `budget` pages. Leaves the page set to the chosen variant.
 */
export async function printFitted(page: Page, budget: number, print: () => Promise<Buffer>): Promise<FittedPdf> {
  const outline = await readOutline(page, { density: DENSITIES[0], breaks: [] });
  let best: Omit<FittedPdf, 'attempts' | 'outline'> | undefined;
  let bestSetting: Setting | undefined;
  let attempts = 0;
  for (const density of DENSITIES) {
    let breaks: string[] = [];
    for (let round = 0; round <= BREAK_ROUNDS; round++) {
      if (attempts > 0) await applyVariant(page, { density, breaks });
      const pdf = await print();
      attempts++;
      const report = await reportLayout(pdf, outline, budget);
      if (best === undefined || better(report, best.report)) {
        best = { pdf, report, variant: variantName(density, breaks) };
        bestSetting = { density, breaks };
      }
      if (report.broken.length === 0 && report.pages <= budget) {
        const denser = await closeHole(page, budget, print, outline, { density, breaks }, best);
        return { ...(denser.fitted ?? best), attempts: attempts + denser.attempts, outline };
      }
      // Over budget: a column break only adds space; try the next density.
      if (report.pages > budget) break;
      const more = report.broken.flatMap((rule) =>
        rule.breakBefore === undefined || breaks.includes(rule.breakBefore) ? [] : [rule.breakBefore],
      );
      if (more.length === 0) break;
      breaks = [...breaks, ...new Set(more)];
    }
  }
  if (best === undefined || bestSetting === undefined) throw new Error('printFitted: no variant was printed');
  await applyVariant(page, bestSetting);
  return { ...best, attempts, outline };
}

/**
 * A passing print with a hole (worstHole above HOLE): prints the denser densities with the
 * same column breaks and returns the first that passes every rule and closes the hole, else
 * the passing one that narrows it most by at least HOLE_GAIN, else nothing (the page is set
 * back to the passing variant). A density that the print kept so far shows cannot narrow the
 * hole enough (cannotNarrow) is not printed. A hole no density closes gets one more try: the
 * kept variant with shorter chart drawings (shorterCharts), kept on the same terms.
 */
async function closeHole(
  page: Page,
  budget: number,
  print: () => Promise<Buffer>,
  outline: SheetOutline,
  passing: Setting,
  printed: Omit<FittedPdf, 'attempts' | 'outline'>,
): Promise<{ fitted: Omit<FittedPdf, 'attempts' | 'outline'> | undefined; attempts: number }> {
  const { percent: before, page: holePage } = worstHole(printed.report);
  let hole = before;
  let fitted: Omit<FittedPdf, 'attempts' | 'outline'> | undefined;
  let chosen = passing;
  let kept = printed.report;
  let attempts = 0;
  if (hole <= HOLE * 100) return { fitted, attempts };
  /** Prints a variant and keeps it when it passes and narrows the hole enough; true when the hole is closed. */
  const attempt = async (setting: Setting): Promise<boolean> => {
    await applyVariant(page, setting);
    const pdf = await print();
    attempts++;
    const report = await reportLayout(pdf, outline, budget);
    // Its hole wherever it is: a denser print that makes the last page end early may still leave one.
    const narrower = holeBeforeLast(report).percent;
    if (report.broken.length === 0 && report.pages <= budget && narrower <= hole - HOLE_GAIN * 100) {
      const name = variantName(setting.density, setting.breaks, setting.chartMm);
      fitted = {
        pdf,
        report,
        variant: `${name} (${narrower <= HOLE * 100 ? 'closes' : 'narrows'} a hole on page ${holePage})`,
      };
      chosen = setting;
      kept = report;
      hole = narrower;
    }
    return hole <= HOLE * 100;
  };
  for (const density of DENSITIES.slice(DENSITIES.indexOf(passing.density) + 1)) {
    if (cannotNarrow(kept, chosen.density, density, hole - HOLE_GAIN * 100)) continue;
    if (await attempt({ density, breaks: passing.breaks })) break;
  }
  const chartMm = hole > HOLE * 100 ? shorterCharts(kept, chosen.density) : undefined;
  if (chartMm !== undefined) await attempt({ ...chosen, chartMm });
  if (attempts > 0) await applyVariant(page, chosen);
  return { fitted, attempts };
}
