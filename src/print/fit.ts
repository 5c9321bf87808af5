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
 */
import type { Page } from 'playwright-core';
import { reportLayout, type LayoutReport, type SheetOutline } from './layout-report.ts';

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
      if (report.broken.length === 0 && report.pages <= budget) return { ...best, attempts, outline };
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
