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
import { ENDS_EARLY, reportLayout, type LayoutReport, type SheetOutline } from './layout-report.ts';

/** The densities print.css defines, loosest first. 'standard' is the design as drawn. */
export const DENSITIES = ['standard', 'compact', 'tight'] as const;
export type Density = (typeof DENSITIES)[number];

/** How many times one density is reprinted with more column breaks. */
const BREAK_ROUNDS = 2;

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
  variant: { density: Density; breaks: readonly string[] } = { density: 'standard', breaks: [] },
): Promise<SheetOutline> {
  return page.evaluate(
    ({ density, breaks }) => {
      const root = document.documentElement;
      if (density === 'standard') root.removeAttribute('data-fit');
      else root.setAttribute('data-fit', density);
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
    { density: variant.density, breaks: [...variant.breaks] },
  );
}

/** Sets a variant on the loaded page: the density on <html data-fit>, the column breaks on their elements. */
async function applyVariant(page: Page, density: Density, breaks: readonly string[]): Promise<void> {
  await page.evaluate(
    ({ density, breaks }) => {
      const root = document.documentElement;
      if (density === 'standard') root.removeAttribute('data-fit');
      else root.setAttribute('data-fit', density);
      for (const el of Array.from(document.querySelectorAll('[data-fit-break]'))) el.removeAttribute('data-fit-break');
      for (const id of breaks) document.getElementById(id)?.setAttribute('data-fit-break', '');
    },
    { density, breaks: [...breaks] },
  );
}

export function variantName(density: Density, breaks: readonly string[]): string {
  return breaks.length === 0 ? density : `${density}, column break before ${breaks.join(', ')}`;
}

/**
 * A column of a page before the last that ends emptier than this share of its height is a
 * hole (the next section's heading, intro and chart or group did not fit under it). When the
 * first passing variant leaves one, the fit also tries the denser densities.
 */
export const HOLE = 0.25;
/** How much (a share of the column height) a denser variant must narrow the worst hole by to be kept. */
export const HOLE_GAIN = 0.1;

/**
 * The worst hole of a printed sheet: the empty share (%) of the emptiest column on a page
 * before the last, and that page; none (0) when the sheet simply ends early (its last page at most half full: what
 * would fill the hole is all the last page holds, and a denser print only leaves a stub).
 */
export function worstHole(report: LayoutReport): { percent: number; page: number } {
  const last = report.columns.at(-1);
  let worst = { percent: 0, page: 0 };
  if (last === undefined || Math.max(...last.fill) <= ENDS_EARLY * 100) return worst;
  for (const column of report.columns.filter((c) => c.page < last.page)) {
    const percent = 100 - Math.min(...column.fill);
    if (percent > worst.percent) worst = { percent, page: column.page };
  }
  return worst;
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
  let bestSetting: { density: Density; breaks: readonly string[] } | undefined;
  let attempts = 0;
  for (const density of DENSITIES) {
    let breaks: string[] = [];
    for (let round = 0; round <= BREAK_ROUNDS; round++) {
      if (attempts > 0) await applyVariant(page, density, breaks);
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
  await applyVariant(page, bestSetting.density, bestSetting.breaks);
  return { ...best, attempts, outline };
}

/**
 * A passing print with a hole (worstHole above HOLE): prints the denser densities with the
 * same column breaks and returns the first that passes every rule and closes the hole, else
 * the passing one that narrows it most by at least HOLE_GAIN, else nothing (the page is set
 * back to the passing variant).
 */
async function closeHole(
  page: Page,
  budget: number,
  print: () => Promise<Buffer>,
  outline: SheetOutline,
  passing: { density: Density; breaks: readonly string[] },
  printed: Omit<FittedPdf, 'attempts' | 'outline'>,
): Promise<{ fitted: Omit<FittedPdf, 'attempts' | 'outline'> | undefined; attempts: number }> {
  const { percent: before, page: holePage } = worstHole(printed.report);
  let hole = before;
  let fitted: Omit<FittedPdf, 'attempts' | 'outline'> | undefined;
  let chosen = passing;
  let attempts = 0;
  if (hole <= HOLE * 100) return { fitted, attempts };
  for (const density of DENSITIES.slice(DENSITIES.indexOf(passing.density) + 1)) {
    await applyVariant(page, density, passing.breaks);
    const pdf = await print();
    attempts++;
    const report = await reportLayout(pdf, outline, budget);
    const narrower = worstHole(report).percent;
    if (report.broken.length === 0 && report.pages <= budget && narrower <= hole - HOLE_GAIN * 100) {
      fitted = {
        pdf,
        report,
        variant: `${variantName(density, passing.breaks)} (${narrower <= HOLE * 100 ? 'closes' : 'narrows'} a hole on page ${holePage})`,
      };
      chosen = { density, breaks: passing.breaks };
      hole = narrower;
      if (hole <= HOLE * 100) break;
    }
  }
  if (attempts > 0) await applyVariant(page, chosen.density, chosen.breaks);
  return { fitted, attempts };
}
