/**
 * The layout report of a printed sheet: where every section heading, chart and block landed
 * (page, column, y), how full each column is, and every layout rule the PDF breaks. Measured
 * from the PDF (see layout.ts); the rules are those of CONTRIBUTING.md ("Print layout"):
 * - a heading stays with its first block, an introducing paragraph with its chart or group;
 * - a chart, a recommendation group and a commitment are never split;
 * - the title band and key takeaways stay on page 1;
 * - the columns of the last page differ by at most a quarter of the page's column height,
 *   and a last page is more than a few stray lines;
 * - body text at 9 pt or more; the pages within the sheet's budget.
 */
import { sectionIds } from '../content/ids.ts';
import { messages, type Message } from '../messages.ts';
import {
  columnFill,
  compactText,
  elementsWithRole,
  extentOf,
  measurePdf,
  PAGE,
  type Extent,
  type HeadingRole,
  type MeasuredPdf,
  type Place,
  type SheetOutline,
  type StructNode,
} from './layout.ts';

export type { SheetOutline } from './layout.ts';

/** The most a column of the last page may be emptier than its neighbour: a share of the column height. */
export const BALANCE_TOLERANCE = 0.25;
/** A last page whose fuller column is at most this full simply ends early: its balance is not checked. */
export const ENDS_EARLY = 0.5;
/** A last page whose columns hold less than this share of their height is a stub: a few stray lines. */
export const STUB_PAGE = 0.12;
/** The smallest body text size (pt). */
export const BODY_FLOOR_PT = 9;

export type LayoutRule =
  | 'heading-alone'
  | 'intro-apart'
  | 'chart-apart'
  | 'split'
  | 'off-first-page'
  | 'unbalanced'
  | 'stub-page'
  | 'body-too-small'
  | 'over-budget';

/** A rule the printed sheet breaks, with the section it concerns. */
export interface BrokenRule extends Message {
  rule: LayoutRule;
  /** The anchor of the section it concerns (e.g. 'where-to-next'). */
  section: string;
  /** An element to start a new column with, when that is the likely fix. */
  breakBefore?: string;
}

/** A part of the sheet and where it landed. */
export interface PlacedPart {
  kind: 'title' | 'section' | 'chart' | 'group' | 'commitment';
  id: string;
  label: string;
  section: string;
  at: Extent;
  /**
   * A section whose heading is followed by a paragraph introducing a chart or recommendation
   * groups: the heading, that paragraph and the chart or first group, which move as one
   * (print.css keeps them together; a column break can only come before all of it).
   */
  keep?: Extent;
  /** A chart: the height (mm) of its drawing's text (axis labels and marks), at most the drawing's. */
  drawing?: number;
}

export interface LayoutReport {
  pages: number;
  budget: number;
  bodyPt: number;
  parts: PlacedPart[];
  /**
   * Each page: where its columns begin (mm from the top), how full each is (%) and where
   * each column's text starts (mm from the top; the foot when it has none).
   */
  columns: { page: number; top: number; fill: [number, number]; starts?: [number, number] }[];
  broken: BrokenRule[];
  /** Text beyond the budget: lines of body text, and their share of the sheet's text (%). */
  overflow: { lines: number; percent: number } | undefined;
}

/** For each item of `found`, in order, the next item of `wanted` that `same` accepts (skipping others). */
function matchInOrder<T, U>(
  found: readonly T[],
  wanted: readonly U[],
  same: (a: T, b: U) => boolean,
): (U | undefined)[] {
  let at = 0;
  return found.map((item) => {
    while (at < wanted.length && !same(item, wanted[at] as U)) at++;
    return at < wanted.length ? wanted[at++] : undefined;
  });
}

/** The page's headings did not match the PDF's: the report cannot name the parts. */
export class LayoutMismatch extends Error {}

const samePlace = (a: Place, b: Place): boolean => a.page === b.page && a.column === b.column;
const kindOf: Record<HeadingRole, PlacedPart['kind']> = {
  title: 'title',
  section: 'section',
  group: 'group',
  'commitment-group': 'section',
  commitment: 'commitment',
};

/** The elements after `node` under the same parent that hold text. */
function following(node: StructNode): StructNode[] {
  const siblings = node.parent?.children ?? [];
  return siblings.slice(siblings.indexOf(node) + 1).filter((sibling) => sibling.runs.length > 0);
}

function preceding(node: StructNode): StructNode | undefined {
  const siblings = node.parent?.children ?? [];
  return siblings
    .slice(0, siblings.indexOf(node))
    .filter((sibling) => sibling.runs.length > 0)
    .at(-1);
}

const compact = (text: string): string =>
  text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

/** Measures the printed PDF and checks every layout rule against the page's outline. */
export async function reportLayout(pdf: Uint8Array, outline: SheetOutline, budget: number): Promise<LayoutReport> {
  return checkLayout(await measurePdf(pdf), outline, budget);
}

/** The report of a measured PDF. Throws LayoutMismatch when its headings are not the page's. */
export function checkLayout(measured: MeasuredPdf, outline: SheetOutline, budget: number): LayoutReport {
  const headings = elementsWithRole(measured.root, /^H[1-6]$/);
  const figures = elementsWithRole(measured.root, /^Figure$/);
  // The page's parts in the PDF's order: each PDF heading is the next page heading with its
  // text (the page's unprinted headings are skipped); each PDF figure the next chart whose
  // title its text starts with.
  const matchedHeadings = matchInOrder(
    headings,
    outline.headings,
    (node, heading) => compactText(node) === compact(heading.text),
  );
  const matchedCharts = matchInOrder(figures, outline.charts, (node, chart) =>
    compactText(node).startsWith(compact(chart.title)),
  );
  const unmatched = [...matchedHeadings, ...matchedCharts].findIndex((found) => found === undefined);
  if (unmatched >= 0) {
    const node = [...headings, ...figures][unmatched];
    throw new LayoutMismatch(
      messages.layout.unmatched(
        `the PDF's ${node?.role ?? 'part'} "${
          node === undefined
            ? ''
            : node.runs
                .map((run) => run.text)
                .join(' ')
                .slice(0, 60)
        }" is not on the page`,
      ),
    );
  }
  const labels = new Map<string, string>();
  for (const heading of outline.headings) if (heading.role === 'section') labels.set(heading.section, heading.text);
  const sectionLabel = (id: string): string => labels.get(id) ?? id;
  const placeText = (place: Place, foot = false): string => messages.layout.place(place.page, place.column, foot);

  const parts: PlacedPart[] = [];
  const broken: BrokenRule[] = [];
  const spanning: StructNode[] = [];

  headings.forEach((node, index) => {
    const heading = matchedHeadings[index];
    if (heading === undefined) return;
    const container = node.parent ?? node;
    const whole = heading.role === 'title' || heading.role === 'group' || heading.role === 'commitment';
    const at = extentOf(whole ? container : node);
    const own = extentOf(node);
    if (at === undefined || own === undefined) return;
    const part: PlacedPart = {
      kind: kindOf[heading.role],
      id: heading.id,
      label: heading.text,
      section: heading.section,
      at,
    };
    parts.push(part);

    if (heading.role === 'title' || heading.section === sectionIds.keyTakeaways) {
      const extent = extentOf(container);
      spanning.push(container);
      if (extent !== undefined && extent.end.page !== 1) {
        const part = heading.role === 'title' ? 'title band' : `"${heading.text}" box`;
        broken.push({
          rule: 'off-first-page',
          section: heading.section,
          ...messages.layout.offFirstPage(part, `page ${extent.end.page}`),
        });
      }
      return;
    }
    if (heading.role === 'group' || heading.role === 'commitment') {
      if (!samePlace(at.start, at.end)) {
        broken.push({
          rule: 'split',
          section: heading.section,
          breakBefore: heading.id,
          ...messages.layout.split(
            heading.role === 'group' ? 'recommendation group' : 'commitment',
            heading.text,
            sectionLabel(heading.section),
            placeText(at.start),
            placeText(at.end),
          ),
        });
      }
      return;
    }
    // A section's or a commitment group's heading: with its first block; an intro paragraph with what it introduces.
    const [first, second] = following(node);
    const firstAt = first === undefined ? undefined : extentOf(first);
    const introduced =
      first?.role === 'P' &&
      second !== undefined &&
      (second.role === 'Figure' || elementsWithRole(second, /^H[1-6]$/).length > 0)
        ? extentOf(second)
        : undefined;
    if (introduced !== undefined) part.keep = { start: own.start, end: introduced.end };
    if (firstAt !== undefined && !samePlace(own.end, firstAt.start)) {
      broken.push({
        rule: 'heading-alone',
        section: heading.section,
        breakBefore: heading.role === 'section' ? heading.section : heading.id,
        ...messages.layout.headingAlone(heading.text, placeText(own.end), placeText(firstAt.start)),
      });
      return;
    }
    if (first?.role === 'P' && second !== undefined && firstAt !== undefined) {
      const secondAt = extentOf(second);
      const groups = elementsWithRole(second, /^H[1-6]$/).length > 0;
      if (groups && secondAt !== undefined && !samePlace(firstAt.end, secondAt.start)) {
        broken.push({
          rule: 'intro-apart',
          section: heading.section,
          breakBefore: heading.section,
          ...messages.layout.introApart(
            sectionLabel(heading.section),
            placeText(firstAt.end, true),
            placeText(secondAt.start),
            'group',
          ),
        });
      }
    }
  });

  figures.forEach((node, index) => {
    const chart = matchedCharts[index];
    const at = extentOf(node);
    if (chart === undefined || at === undefined) return;
    const drawings = node.children.flatMap((child) => elementsWithRole(child, /^Figure$/)).map(extentOf);
    const drawing = drawings.reduce(
      (sum, extent) =>
        sum + (extent === undefined || !samePlace(extent.start, extent.end) ? 0 : extent.end.y - extent.start.y),
      0,
    );
    parts.push({ kind: 'chart', id: chart.id, label: chart.title, section: chart.section, at, drawing });
    if (!samePlace(at.start, at.end)) {
      broken.push({
        rule: 'split',
        section: chart.section,
        ...messages.layout.split(
          'chart',
          chart.title,
          sectionLabel(chart.section),
          placeText(at.start),
          placeText(at.end),
        ),
      });
      return;
    }
    const intro = preceding(node);
    const introAt = intro?.role === 'P' ? extentOf(intro) : undefined;
    if (introAt !== undefined && !samePlace(introAt.end, at.start)) {
      broken.push({
        rule: 'chart-apart',
        section: chart.section,
        breakBefore: chart.section,
        ...messages.layout.introApart(
          sectionLabel(chart.section),
          placeText(introAt.end, true),
          placeText(at.start),
          'chart',
        ),
      });
    }
  });

  const fills = columnFill(measured, spanning);
  const columns = fills.map(({ page, top, bottoms, starts }) => {
    const height = PAGE.height - PAGE.bottom - top;
    const fill = (bottom: number): number => Math.round(((bottom - top) / height) * 100);
    return { page, top, fill: [fill(bottoms[0]), fill(bottoms[1])] as [number, number], starts };
  });
  const last = columns.at(-1);
  const lastSection = parts.filter((part) => part.kind === 'section').at(-1)?.section ?? '';
  // A last page whose fuller column is at most half full is a sheet that simply ends early.
  if (
    last !== undefined &&
    Math.max(...last.fill) > ENDS_EARLY * 100 &&
    Math.abs(last.fill[0] - last.fill[1]) > BALANCE_TOLERANCE * 100
  ) {
    broken.push({ rule: 'unbalanced', section: lastSection, ...messages.layout.unbalanced(last.page, last.fill) });
  }
  if (last !== undefined && last.page > 1 && Math.max(...last.fill) < STUB_PAGE * 100) {
    broken.push({ rule: 'stub-page', section: lastSection, ...messages.layout.stubPage(last.page, last.fill) });
  }
  if (measured.bodyPt < BODY_FLOOR_PT) {
    broken.push({ rule: 'body-too-small', section: '', ...messages.layout.bodyTooSmall(measured.bodyPt) });
  }

  let overflow: LayoutReport['overflow'];
  if (measured.pages > budget) {
    const used = (page: (typeof fills)[number]): number => page.bottoms[0] - page.top + (page.bottoms[1] - page.top);
    const over = fills.filter((page) => page.page > budget).reduce((sum, page) => sum + used(page), 0);
    const total = fills.reduce((sum, page) => sum + used(page), 0);
    const lineMm = ((measured.bodyPt * 1.36) / 72) * 25.4;
    overflow = {
      lines: Math.max(1, Math.round(over / lineMm)),
      percent: Math.max(1, Math.round((over / Math.max(total, 1)) * 100)),
    };
  }
  parts.sort((a, b) => placeOrder(a.at.start, b.at.start));
  return { pages: measured.pages, budget, bodyPt: measured.bodyPt, parts, columns, broken, overflow };
}

const placeOrder = (a: Place, b: Place): number => a.page - b.page || a.column - b.column || a.y - b.y;

/** The report as text: one line per page and per part, then the broken rules. */
export function formatLayoutReport(sheet: string, report: LayoutReport, variant: string): string {
  const where = (place: Place): string => `p${place.page} c${place.column} ${place.y.toFixed(0)}mm`;
  const lines = [
    `${sheet}: ${report.pages} of ${report.budget} page${report.budget === 1 ? '' : 's'}, body ${report.bodyPt} pt, variant "${variant}"`,
    ...report.columns.map(
      (column) => `  page ${column.page}: column 1 ${column.fill[0]}% full, column 2 ${column.fill[1]}% full`,
    ),
    ...report.parts.map(
      (part) =>
        `  ${part.kind.padEnd(10)} ${where(part.at.start)} -> ${where(part.at.end)}  ${part.label}${part.kind === 'section' ? '' : ` (${part.section})`}`,
    ),
    ...(report.broken.length === 0
      ? ['  no broken rule']
      : report.broken.map((rule) => `  BROKEN ${rule.rule}: ${rule.problem}`)),
  ];
  return lines.join('\n');
}
