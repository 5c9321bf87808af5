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
import {
  BALANCE_TOLERANCE,
  ENDS_EARLY,
  reportLayout,
  STUB_PAGE,
  type LayoutReport,
  type PlacedPart,
  type SheetOutline,
} from './layout-report.ts';
import { PAGE, type Extent, type Place } from './layout.ts';
import { runInPage, type InPageCall } from './in-page.ts';

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

/** What sheetInPage is asked to do besides setting the variant. */
export interface InPage extends Setting {
  outline: boolean;
  /** The densities to foresee, in order (none: foresee nothing); see Enough for where it stops. */
  foresee: readonly Density[];
  /**
   * Which foresights also say where the columns begin and start and where the parts landed
   * (Foresight), for the shorter charts (printFitted): every one, or the first that
   * would pass but for a hole (the density the fit likely keeps, its layout at hand).
   */
  geometry?: 'always' | 'at-a-hole';
  enough: Enough;
  /** The rules that lay the sheet out as its pages (pagesRules). */
  pages: string;
  box: typeof PAGE;
}

/**
 * When sheetInPage stops foreseeing denser densities: at the first whose foresight plainly
 * passes, within `budget` pages, with no hole (thresholds in % of a column, as the fit's).
 * Only saves round trips: planFit decides on the foresights, and asks for any it lacks.
 */
interface Enough {
  budget: number;
  endsEarly: number;
  balance: number;
  stub: number;
  hole: number;
}

/**
 * Runs in the page, in one round trip: sets a variant (the density on <html data-fit>, the
 * column breaks on their elements, a lower chart cap as <html style="--fit-chart-height">),
 * then reads the outline and foresees the layout at the densities asked, in order, until one
 * plainly passes (Enough): a density more costs a layout, a round trip more several.
 *
 * The outline: the page's named parts, headings with their role, section and anchor, and
 * charts, read from the page as loaded: parts that print.css hides (the table of contents)
 * are skipped when the report matches these to the PDF.
 *
 * The foresight: the sheet laid out as its printed pages, in the page itself: it becomes a
 * column of A4 content boxes (an outer multicol whose columns are the pages, print.css' two
 * columns fragmenting across them as across pages), and every text line's box says where it
 * landed. None when the page is not in print media (the dev preview).
 */
function sheetInPage({ density, breaks, chartMm, outline, foresee, geometry, enough, pages, box }: InPage): {
  outline?: SheetOutline;
  foresights: Foresight[];
} {
  const root = document.documentElement;
  if (density === 'standard') root.removeAttribute('data-fit');
  else root.setAttribute('data-fit', density);
  if (chartMm === undefined) root.style.removeProperty('--fit-chart-height');
  else root.style.setProperty('--fit-chart-height', `${chartMm}mm`);
  for (const el of Array.from(document.querySelectorAll('[data-fit-break]'))) el.removeAttribute('data-fit-break');
  for (const id of breaks) document.getElementById(id)?.setAttribute('data-fit-break', '');
  const result: { outline?: SheetOutline; foresights: Foresight[] } = { foresights: [] };

  if (outline) {
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
    result.outline = { headings, charts };
  }

  const sheet = document.querySelector('article.sheet');
  if (foresee.length === 0 || sheet === null || !matchMedia('print').matches) return result;
  // Laid out on screen again for the foresight (see FORESIGHT_STYLE: off screen once foreseen).
  root.removeAttribute('data-fit-foreseen');
  const mm = 96 / 25.4;
  const width = box.width - box.left - box.right;
  // Laid out as pages already (FORESIGHT_STYLE, on screen only), or for the time of the foresight.
  const style = document.createElement('style');
  if (getComputedStyle(sheet).getPropertyValue('--fit-layout').trim() !== 'pages') {
    style.textContent = `@media print { ${pages} }`;
    document.head.append(style);
  }
  /** Whether a foresight has said where the parts landed (geometry 'at-a-hole': only one does). */
  let measured = false;
  /** The sheet laid out as pages at `level` (set on <html data-fit>, as a variant is). */
  const foreseeAt = (level: Density): Foresight => {
    if (level === 'standard') root.removeAttribute('data-fit');
    else root.setAttribute('data-fit', level);
    const origin = sheet.getBoundingClientRect();
    /** Page (1-based) and column (1, 2) of a box, its top and bottom in mm from the page's top edge. */
    const place = (r: DOMRect): { page: number; column: number; top: number; bottom: number } => {
      const x = (r.left - origin.left) / mm;
      const page = Math.floor((x + 1) / width) + 1;
      return {
        page,
        column: x - (page - 1) * width < width / 2 ? 1 : 2,
        top: (r.top - origin.top) / mm + box.top,
        bottom: (r.bottom - origin.top) / mm + box.top,
      };
    };
    const spanning = Array.from(sheet.querySelectorAll('.sheet-hero, .takeaways'));
    const pages: { top: number; bottoms: [number, number] }[] = [];
    const at = (n: number): { top: number; bottoms: [number, number] } =>
      (pages[n - 1] ??= { top: box.top, bottoms: [0, 0] });
    const lines: { page: number; column: number; top: number; bottom: number }[] = [];
    const range = document.createRange();
    const walker = document.createTreeWalker(sheet, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node !== null; node = walker.nextNode()) {
      if ((node.textContent ?? '').trim() === '') continue;
      range.selectNodeContents(node);
      const span = spanning.some((part) => part.contains(node));
      for (const r of Array.from(range.getClientRects())) {
        if (r.width === 0 || r.height === 0) continue;
        const p = place(r);
        if (p.top < box.top - 1 || p.bottom > box.height - box.bottom + 1) continue;
        if (span) at(p.page).top = Math.max(at(p.page).top, p.bottom);
        else lines.push(p);
      }
    }
    for (const line of lines) {
      const p = at(line.page);
      p.bottoms[line.column - 1] = Math.max(p.bottoms[line.column - 1] ?? 0, line.bottom);
    }
    // Parts print.css keeps whole (charts, groups, commitments) or with what follows
    // (headings, introducing paragraphs): apart when their boxes are not in one column.
    const places = (el: Element): string[] =>
      Array.from(el.getClientRects())
        .filter((r) => r.height > 0)
        .map((r) => {
          const p = place(r);
          return `${p.page}/${p.column}`;
        });
    const body = sheet.querySelector('.sheet-body');
    let broken = spanning.some((part) => places(part).some((p) => !p.startsWith('1/')));
    for (const el of Array.from(body?.querySelectorAll('figure.chart, .rec-group, .commitment') ?? [])) {
      if (new Set(places(el)).size > 1) broken = true;
    }
    const together = body?.querySelectorAll('h2, h3, h4, .sheet-section > p:has(+ .chart, + .rec-groups)') ?? [];
    for (const el of Array.from(together)) {
      const next = el.nextElementSibling;
      if (next === null) continue;
      const [a, b] = [places(el).at(-1), places(next)[0]];
      if (a !== undefined && b !== undefined && a !== b) broken = true;
    }
    const count = Math.max(pages.length, 1);
    const columns = Array.from({ length: count }, (_, i) => {
      const p = at(i + 1);
      const h = box.height - box.bottom - p.top;
      const fill = (bottom: number): number => Math.round(((Math.max(bottom, p.top) - p.top) / h) * 100);
      return { page: i + 1, fill: [fill(p.bottoms[0]), fill(p.bottoms[1])] as [number, number] };
    });
    const seen: Foresight = { density: level, pages: count, columns, broken };
    if (geometry !== 'always' && (geometry !== 'at-a-hole' || measured || plain(seen) || !plain(seen, true)))
      return seen;
    measured = true;
    // Where the parts landed, measured as the layout report measures the PDF (layout-report.ts):
    // a part's extent runs from its first text's top to its last text's bottom; a chart's drawing
    // is its SVG's height (what a lower cap on charts takes off it).
    const round = (n: number): number => Math.round(n * 10) / 10;
    const foot = box.height - box.bottom;
    const extent = (el: Element): Extent | undefined => {
      let start: Place | undefined;
      let end: Place | undefined;
      const texts = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
      for (let node = texts.nextNode(); node !== null; node = texts.nextNode()) {
        if ((node.textContent ?? '').trim() === '') continue;
        range.selectNodeContents(node);
        for (const r of Array.from(range.getClientRects())) {
          if (r.width === 0 || r.height === 0) continue;
          const p = place(r);
          if (p.top < box.top - 1 || p.bottom > foot + 1) continue;
          start ??= { page: p.page, column: p.column, y: round(p.top) };
          end = { page: p.page, column: p.column, y: round(p.bottom) };
        }
      }
      return start === undefined || end === undefined ? undefined : { start, end };
    };
    const parts: PlacedPart[] = [];
    const withText = (el: Element | null): Element | null => {
      let next = el;
      while (next !== null && extent(next) === undefined) next = next.nextElementSibling;
      return next;
    };
    for (const el of Array.from(body?.querySelectorAll('h2, h3, h4, figure.chart, .rec-group, .commitment') ?? [])) {
      const kind = el.matches('figure.chart')
        ? 'chart'
        : el.matches('.rec-group')
          ? 'group'
          : el.matches('.commitment')
            ? 'commitment'
            : el.closest('.rec-group, .commitment, figure') === null
              ? 'section'
              : undefined;
      const at = kind === undefined ? undefined : extent(el);
      if (kind === undefined || at === undefined) continue;
      // Named as the outline names them (sheetInPage's outline), so that the report's parts are these.
      const owner =
        kind !== 'section'
          ? el
          : el.classList.contains('commitment-group__heading')
            ? el.closest('.commitment-group')
            : el.closest('section[id]');
      const part: PlacedPart = {
        kind,
        id: owner?.id ?? '',
        label: '',
        section: el.closest('section[id]')?.id ?? '',
        at,
      };
      if (kind === 'chart') {
        const svg = el.querySelector('svg')?.getBoundingClientRect();
        part.drawing = svg === undefined ? 0 : round(svg.height / mm);
      }
      if (kind === 'section') {
        const first = withText(el.nextElementSibling);
        const after = withText(first?.nextElementSibling ?? null);
        // The PDF has no element for the groups' wrapper: what follows the paragraph is the first group.
        const second = after?.matches('.rec-groups') === true ? withText(after.firstElementChild) : after;
        const introduced =
          first?.tagName === 'P' &&
          second !== null &&
          (second.matches('figure') || second.querySelector('h2, h3, h4') !== null)
            ? extent(second)
            : undefined;
        if (introduced !== undefined) part.keep = { start: at.start, end: introduced.end };
      }
      parts.push(part);
    }
    const starts = Array.from({ length: count }, (): [number, number] => [foot, foot]);
    for (const line of lines) {
      const s = starts[line.page - 1];
      if (s !== undefined) s[line.column - 1] = Math.min(s[line.column - 1] ?? foot, line.top);
    }
    return {
      density: level,
      pages: count,
      columns: columns.map((c, i) => ({
        ...c,
        top: round(at(i + 1).top),
        starts: [round(starts[i]?.[0] ?? foot), round(starts[i]?.[1] ?? foot)] as [number, number],
      })),
      broken,
      parts,
    };
  };
  /** Whether a foresight plainly passes with no hole (Enough): then no denser density is foreseen. With `holed`, a hole is let pass. */
  const plain = (f: Foresight, holed = false): boolean => {
    const last = f.columns.at(-1);
    if (last === undefined || f.broken || f.pages > enough.budget) return false;
    const fuller = Math.max(...last.fill);
    const balanced = fuller <= enough.endsEarly || Math.abs(last.fill[0] - last.fill[1]) <= enough.balance;
    const holes = f.columns.filter((c) => c.page < last.page).map((c) => 100 - Math.min(...c.fill));
    const hole = fuller <= enough.endsEarly ? 0 : Math.max(0, ...holes);
    return balanced && (last.page === 1 || fuller > enough.stub) && (holed || hole <= enough.hole);
  };
  try {
    for (const level of foresee) {
      const f = foreseeAt(level);
      result.foresights.push(f);
      if (plain(f)) break;
    }
  } finally {
    style.remove();
    root.setAttribute('data-fit-foreseen', '');
  }
  return result;
}

/** The page's named parts (sheetInPage); also sets the variant, in the same round trip. */
export async function readOutline(
  page: Page,
  variant: Setting = { density: 'standard', breaks: [] },
): Promise<SheetOutline> {
  const { outline } = await runInPage(page, [settingIn(variant, true)]);
  if (outline === undefined) throw new Error('readOutline: the page gave no outline');
  return outline;
}

/** Sets a variant on the loaded page (sheetInPage). */
async function applyVariant(page: Page, setting: Setting): Promise<void> {
  await runInPage(page, [settingIn(setting, false)]);
}

/** sheetInPage setting `setting` and foreseeing nothing, with the outline or not. */
function settingIn(setting: Setting, outline: boolean): InPageCall<InPage, ReturnType<typeof sheetInPage>> {
  return {
    fn: sheetInPage,
    arg: {
      ...setting,
      breaks: [...setting.breaks],
      outline,
      foresee: [],
      enough: ENOUGH(0),
      pages: PAGES_RULES,
      box: PAGE,
    },
  };
}

/**
 * The rules that lay a sheet page out as its printed pages: `article.sheet` becomes an outer
 * multicol whose columns are the A4 content boxes, so print.css' two columns fragment across
 * them as across pages (`.sheet-body`'s `overflow: hidden` made it monolithic there).
 */
const PAGES_RULES = (() => {
  const [width, height] = [PAGE.width - PAGE.left - PAGE.right, PAGE.height - PAGE.top - PAGE.bottom];
  return `article.sheet { --fit-layout: pages; column-width: ${width}mm; column-gap: 0; column-fill: auto;
    height: ${height}mm; width: ${width}mm; max-width: none; margin: 0; padding: 0; }
    .sheet-body { overflow: visible !important; }`;
})();

/**
 * A stylesheet the printer adds to a sheet page it loads (src/print/index.ts): on screen in
 * print media, the page is laid out as its printed pages (PAGES_RULES), so that the standard
 * density is foreseen from the layout the page gets anyway when a sheet is put in, and a
 * foresight costs no layout of its own. Once foreseen (sheetInPage marks <html
 * data-fit-foreseen>) the sheet is off screen: each print ends with Chromium laying the page
 * out again for the screen, and a page with nothing to lay out there makes that almost free
 * (a sixth of a sheet's CPU as the build prints it, 30 November 2026); the next foresight or
 * sheet put in brings it back. Never when printing: the media width is then the page's (A4
 * portrait, 210 mm); the printer's pages are wider (1280 px, 339 mm). In a page narrower than
 * 320 mm the foresight lays the sheet out as pages itself, for its own time.
 */
export const FORESIGHT_STYLE = `@media print and (min-width: 320mm) { ${PAGES_RULES}
  :root[data-fit-foreseen] body { display: none !important; } }`;

/** Enough for a sheet of `budget` pages: the fit's thresholds. */
const ENOUGH = (budget: number): Enough => ({
  budget,
  endsEarly: ENDS_EARLY * 100,
  balance: BALANCE_TOLERANCE * 100,
  stub: STUB_PAGE * 100,
  hole: HOLE * 100,
});

/**
 * Foresees the layout of the loaded page (sheetInPage) at `densities` in order (no column
 * breaks), in one round trip, stopping at the first that plainly passes within `budget` with
 * no hole; with the page's outline when asked. The page is left at the last density foreseen.
 * A few milliseconds a density, where a print takes a hundred (and a round trip some). None
 * when the page is not in print media (the dev preview): then nothing is foreseen.
 */
export async function foresee(
  page: Page,
  densities: readonly Density[],
  budget: number,
  withOutline = false,
): Promise<FirstLook> {
  return runInPage(page, [{ fn: sheetInPage, arg: foreseeing(densities, budget, withOutline) }]);
}

/** What sheetInPage is asked to foresee `densities` (foresee). */
const foreseeing = (
  densities: readonly Density[],
  budget: number,
  withOutline: boolean,
  geometry?: InPage['geometry'],
): InPage => ({
  density: densities[0] ?? DENSITIES[0],
  breaks: [],
  outline: withOutline,
  foresee: [...densities],
  ...(geometry !== undefined && { geometry }),
  enough: ENOUGH(budget),
  pages: PAGES_RULES,
  box: PAGE,
});

/** The outline and the foresights printFitted starts from. */
export interface FirstLook {
  outline?: SheetOutline;
  foresights: Foresight[];
}

/**
 * printFitted's first look at a sheet of `budget` pages (its outline, and the densities
 * foreseen until one plainly passes), as a function to run in the page and its argument:
 * for a caller that readies the page to run it in the same round trip (src/print/index.ts,
 * swapSheetPage) and hand the result to printFitted. `fn` is self-contained (runInPage).
 */
export function firstLook(budget: number): InPageCall<InPage, FirstLook> {
  return { fn: sheetInPage, arg: foreseeing(DENSITIES, budget, true, 'at-a-hole') };
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
 * A sheet laid out as pages in the loaded page (print media), at one density: its pages, each
 * page's column fill (%, as the layout report measures it from the PDF), and whether a part
 * print.css keeps whole or together landed apart.
 */
export interface Foresight {
  density: Density;
  pages: number;
  /** With `geometry` asked: where each page's columns begin and each column's text starts (mm from the top), as the report's. */
  columns: { page: number; fill: [number, number]; top?: number; starts?: [number, number] }[];
  broken: boolean;
  /** With `geometry` asked: the parts and where they landed, as the report's (label left empty). */
  parts?: PlacedPart[];
}

/** How close (points of a column's fill) a foreseen figure may come to a threshold of the choice and still decide it. */
const FORESIGHT_MARGIN = 1;

/** The variant printFitted would choose, as foreseen (planFit). */
export interface FitPlan {
  /** The density to print. */
  density: Density;
  /** The first density that passes, whose hole the denser ones close or narrow. */
  passing: Density;
  /** The hole left after `density` (%, as closeHole measures it), and the page of the first passing one's. */
  hole: number;
  holePage: number;
  /** What the print of `density` should look like. */
  foreseen: Foresight;
}

/**
 * The density printFitted's order (first passing density, then the denser ones that close
 * or narrow its hole) would choose, decided on foreseen layouts; undefined when it cannot be
 * told without printing: a part apart (column breaks decide then), no density passing, a
 * page not laid out as pages, or a figure within FORESIGHT_MARGIN of a threshold it decides.
 */
export async function planFit(
  foreseeAt: (density: Density) => Promise<Foresight | undefined>,
  budget: number,
): Promise<FitPlan | undefined> {
  let unclear = false;
  const m = FORESIGHT_MARGIN;
  const near = (value: number, threshold: number, margin = m): boolean => Math.abs(value - threshold) <= margin;
  /** A rule that holds when `value` is above `threshold`: unclear when a print within the margin may say otherwise. */
  const above = (value: number, threshold: number): boolean => {
    if (near(value, threshold)) unclear = true;
    return value > threshold;
  };
  const endsEarly = (f: Foresight): boolean => Math.max(...(f.columns.at(-1)?.fill ?? [0, 0])) <= ENDS_EARLY * 100;
  const passes = (f: Foresight): boolean => {
    const last = f.columns.at(-1);
    if (last === undefined || f.pages > budget) return false;
    const fuller = Math.max(...last.fill);
    const gap = Math.abs(last.fill[0] - last.fill[1]);
    // Unbalanced: a last page that does not end early, its columns more than the tolerance apart.
    const unbalanced =
      fuller > ENDS_EARLY * 100 + m && gap > BALANCE_TOLERANCE * 100 + m
        ? true
        : fuller <= ENDS_EARLY * 100 - m || gap <= BALANCE_TOLERANCE * 100 - m
          ? false
          : ((unclear = true), false);
    const stub = last.page > 1 && !above(fuller, STUB_PAGE * 100 - 0.5);
    return !unbalanced && !stub;
  };
  const foreseen = new Map<Density, Foresight>();
  const at = async (density: Density): Promise<Foresight | undefined> => {
    const known = foreseen.get(density);
    if (known !== undefined) return known;
    const f = await foreseeAt(density);
    if (f !== undefined) foreseen.set(density, f);
    return f;
  };
  const hole = (f: Foresight): { percent: number; page: number } =>
    holeBeforeLast({ columns: f.columns } as LayoutReport);
  let passing: Foresight | undefined;
  for (const density of DENSITIES) {
    const f = await at(density);
    // A part apart within budget: column breaks decide, which only a print tells.
    if (f === undefined || (f.broken && f.pages <= budget)) return undefined;
    if (passes(f)) {
      passing = f;
      break;
    }
  }
  if (passing === undefined || unclear) return undefined;
  const before = hole(passing);
  // worstHole: none when the last page ends early (which matters only when there is a hole).
  if (before.percent > HOLE * 100 - m && near(Math.max(...(passing.columns.at(-1)?.fill ?? [0, 0])), ENDS_EARLY * 100))
    return undefined;
  const first = endsEarly(passing) ? { percent: 0, page: 0 } : before;
  if (near(first.percent, HOLE * 100)) return undefined;
  let plan: FitPlan = {
    density: passing.density,
    passing: passing.density,
    hole: first.percent,
    holePage: first.page,
    foreseen: passing,
  };
  if (first.percent <= HOLE * 100) return plan;
  for (const density of DENSITIES.slice(DENSITIES.indexOf(passing.density) + 1)) {
    const f = await at(density);
    if (f === undefined) return undefined;
    const ok = passes(f);
    const narrower = hole(f).percent;
    // Both holes are foreseen: the gain is unclear within twice the margin.
    if (unclear || (ok && (near(narrower, plan.hole - HOLE_GAIN * 100, 2 * m) || near(narrower, HOLE * 100))))
      return undefined;
    // A part apart in a print that would be kept: unclear (the print would not be kept).
    if (ok && f.broken && narrower <= plan.hole - HOLE_GAIN * 100) return undefined;
    if (ok && narrower <= plan.hole - HOLE_GAIN * 100) {
      plan = { ...plan, density, hole: narrower, foreseen: f };
      if (narrower <= HOLE * 100) break;
    }
  }
  return plan;
}

/**
 * The layout foreseen at `density` (no column breaks) as a layout report: its columns and its
 * parts measured in the page as the report measures the PDF (text extents; a chart's drawing
 * is its SVG's height), no rule checked. Undefined when the page is not in print media. The
 * page is left at `density`.
 */
export async function foreseeParts(page: Page, density: Density, budget: number): Promise<LayoutReport | undefined> {
  const [at] = (await runInPage(page, [{ fn: sheetInPage, arg: foreseeing([density], budget, false, 'always') }]))
    .foresights;
  return at === undefined ? undefined : asReport(at, budget);
}

/** A foresight that says where its parts landed as a layout report (no rule checked); undefined when it does not. */
function asReport(at: Foresight, budget: number): LayoutReport | undefined {
  if (at.parts === undefined) return undefined;
  return {
    pages: at.pages,
    budget,
    bodyPt: DENSITY_METRICS[at.density].bodyPt,
    parts: at.parts,
    columns: at.columns.map(({ page: n, fill, top, starts }) => ({
      page: n,
      fill,
      top: top ?? PAGE.top,
      ...(starts !== undefined && { starts }),
    })),
    broken: [],
    overflow: undefined,
  };
}

/**
 * Whether a print with shorter charts is kept in place of the plan's density (closeHole's
 * terms): every rule kept within budget, and the hole narrowed by HOLE_GAIN from the plan's,
 * which is foreseen (hence the margin) since that density is not printed.
 */
function narrowsEnough(report: LayoutReport, plan: FitPlan): boolean {
  return (
    report.broken.length === 0 &&
    report.pages <= report.budget &&
    holeBeforeLast(report).percent <= plan.hole - HOLE_GAIN * 100 - FORESIGHT_MARGIN
  );
}

/** Whether a print is as foreseen: every rule kept, within budget, each column within FORESIGHT_MARGIN of its foreseen fill. */
export function asForeseen(report: LayoutReport, foreseen: Foresight, budget: number): boolean {
  if (report.broken.length > 0 || report.pages > budget || report.pages !== foreseen.pages) return false;
  return report.columns.every((column, i) =>
    column.fill.every((fill, c) => Math.abs(fill - (foreseen.columns[i]?.fill[c] ?? -100)) <= FORESIGHT_MARGIN),
  );
}

/** A printed variant: the PDF, its report and its name. */
type Printed = Omit<FittedPdf, 'attempts' | 'outline'>;

/**
 * Prints the loaded sheet with `print` (page.pdf and post-processing), trying variants until
 * one passes every layout rule within `budget` pages. Leaves the page set to the chosen variant.
 *
 * First the fit foresees (foresee, planFit): it lays the sheet out as pages in the page itself
 * and runs the same choice on those layouts. When that choice is clear, it prints the chosen
 * variant only, and keeps it if the PDF is laid out as foreseen (checked on the PDF: every rule,
 * the budget, each column's fill); otherwise, and when the choice is not clear, it prints
 * variants in order as below. Either way the same page gives the same variant and bytes.
 * A hole that every density leaves is closed with shorter charts whose cap is measured on the
 * layout in the page (foreseeParts): one print a sheet where there were two (the first to
 * measure the cap on).
 */
export async function printFitted(
  page: Page,
  budget: number,
  print: () => Promise<Buffer>,
  looked?: FirstLook,
): Promise<FittedPdf> {
  // The outline, and the layout foreseen at standard and (unless standard plainly passes) the
  // denser densities, in one round trip; the page is left at the last density foreseen.
  // `looked`: that round trip was made by whoever readied the page (firstLook), the page left as is since.
  const first = looked ?? (await runInPage(page, [firstLook(budget)]));
  const outline = first.outline ?? (await readOutline(page));
  let attempts = 0;
  let applied: Setting = { density: first.foresights.at(-1)?.density ?? DENSITIES[0], breaks: [] };
  const prints = new Map<string, Printed>();
  /** Prints a variant once (a variant printed before is not printed again). */
  const printVariant = async (setting: Setting): Promise<Printed> => {
    const name = variantName(setting.density, setting.breaks, setting.chartMm);
    const known = prints.get(name);
    if (known !== undefined) return known;
    if (variantName(applied.density, applied.breaks, applied.chartMm) !== name) await applyVariant(page, setting);
    applied = setting;
    const pdf = await print();
    attempts++;
    const printed = { pdf, report: await reportLayout(pdf, outline, budget), variant: name };
    prints.set(name, printed);
    return printed;
  };
  const finish = async (setting: Setting, printed: Printed): Promise<FittedPdf> => {
    if (
      variantName(applied.density, applied.breaks, applied.chartMm) !==
      variantName(setting.density, setting.breaks, setting.chartMm)
    )
      await applyVariant(page, setting);
    return { ...printed, attempts, outline };
  };

  const plan = await planFit(async (density) => {
    const known = first.foresights.find((f) => f.density === density);
    if (known !== undefined || first.foresights.length === 0) return known;
    // The page is left at that density, ready to print if it is the one chosen.
    applied = { density, breaks: [] };
    return (await foresee(page, [density], budget)).foresights[0];
  }, budget);
  if (plan !== undefined && plan.hole > HOLE * 100) {
    // The hole stays at every density: the cap on charts that closeHole would measure on the
    // plan's print (shorterCharts) is measured on its layout in the page (the first look's,
    // else foreseeParts'), and that variant printed first: kept when it narrows the hole enough.
    const known = first.foresights.find((f) => f.density === plan.density);
    let measured = known === undefined ? undefined : asReport(known, budget);
    if (measured === undefined) {
      measured = await foreseeParts(page, plan.density, budget);
      applied = { density: plan.density, breaks: [] };
    }
    const chartMm = measured === undefined ? undefined : shorterCharts(measured, plan.density);
    if (chartMm !== undefined) {
      const setting: Setting = { density: plan.density, breaks: [], chartMm };
      const printed = await printVariant(setting);
      if (narrowsEnough(printed.report, plan))
        return finish(setting, {
          ...printed,
          variant: holeVariant(printed.variant, holeBeforeLast(printed.report).percent, plan.holePage),
        });
    }
  }
  if (plan !== undefined) {
    const setting: Setting = { density: plan.density, breaks: [] };
    const printed = await printVariant(setting);
    if (asForeseen(printed.report, plan.foreseen, budget)) {
      if (plan.density === plan.passing && plan.hole <= HOLE * 100) return finish(setting, printed);
      const kept: Printed =
        plan.density === plan.passing
          ? printed
          : {
              ...printed,
              variant: holeVariant(printed.variant, holeBeforeLast(printed.report).percent, plan.holePage),
            };
      const denser = await closeHole(printVariant, { density: plan.passing, breaks: [] }, kept, {
        setting,
        printed: kept,
        hole:
          plan.density === plan.passing ? worstHole(printed.report).percent : holeBeforeLast(printed.report).percent,
        holePage: plan.holePage,
      });
      return finish(denser.setting, denser.printed);
    }
  }

  let best: Printed | undefined;
  let bestSetting: Setting | undefined;
  for (const density of DENSITIES) {
    let breaks: string[] = [];
    for (let round = 0; round <= BREAK_ROUNDS; round++) {
      const printed = await printVariant({ density, breaks });
      const report = printed.report;
      if (best === undefined || better(report, best.report)) {
        best = printed;
        bestSetting = { density, breaks };
      }
      if (report.broken.length === 0 && report.pages <= budget) {
        const denser = await closeHole(printVariant, { density, breaks }, best);
        return finish(denser.setting, denser.printed);
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
  return finish(bestSetting, best);
}

/** A variant's name once it closes or narrows (to `hole` %) the hole of the first passing print on `page`. */
function holeVariant(name: string, hole: number, page: number): string {
  return `${name} (${hole <= HOLE * 100 ? 'closes' : 'narrows'} a hole on page ${page})`;
}

/**
 * A passing print with a hole (worstHole above HOLE): prints the denser densities with the
 * same column breaks and returns the first that passes every rule and closes the hole, else
 * the passing one that narrows it most by at least HOLE_GAIN, else the passing print. A density
 * that the print kept so far shows cannot narrow the hole enough (cannotNarrow) is not printed.
 * A hole no density closes gets one more try: the kept variant with shorter chart drawings
 * (shorterCharts), kept on the same terms. `from`: the densities were foreseen (planFit) and
 * this one was printed and kept; only the shorter charts are left to try.
 */
async function closeHole(
  printVariant: (setting: Setting) => Promise<Printed>,
  passing: Setting,
  printed: Printed,
  from?: { setting: Setting; printed: Printed; hole: number; holePage: number },
): Promise<{ setting: Setting; printed: Printed }> {
  const first = worstHole(printed.report);
  let hole = from?.hole ?? first.percent;
  const holePage = from?.holePage ?? first.page;
  let chosen = from?.setting ?? passing;
  let kept = from?.printed ?? printed;
  if (hole <= HOLE * 100) return { setting: chosen, printed: kept };
  /** Prints a variant and keeps it when it passes and narrows the hole enough; true when the hole is closed. */
  const attempt = async (setting: Setting): Promise<boolean> => {
    const { pdf, report, variant } = await printVariant(setting);
    // Its hole wherever it is: a denser print that makes the last page end early may still leave one.
    const narrower = holeBeforeLast(report).percent;
    if (report.broken.length === 0 && report.pages <= report.budget && narrower <= hole - HOLE_GAIN * 100) {
      kept = { pdf, report, variant: holeVariant(variant, narrower, holePage) };
      chosen = setting;
      hole = narrower;
    }
    return hole <= HOLE * 100;
  };
  if (from === undefined) {
    for (const density of DENSITIES.slice(DENSITIES.indexOf(passing.density) + 1)) {
      if (cannotNarrow(kept.report, chosen.density, density, hole - HOLE_GAIN * 100)) continue;
      if (await attempt({ density, breaks: passing.breaks })) break;
    }
  }
  const chartMm = hole > HOLE * 100 ? shorterCharts(kept.report, chosen.density) : undefined;
  if (chartMm !== undefined) await attempt({ ...chosen, chartMm });
  return { setting: chosen, printed: kept };
}
