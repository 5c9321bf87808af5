/**
 * Stages 1-2 without building: content/ and data/ loaded, validated and cross-checked, every
 * chart checked. What `npm run check` runs, what the build reports before it starts, and what
 * fills the content collections the pages read (src/content/loader.ts): one model of the content.
 */
import { chartsNamedIn, checkCharts, type InvalidSheetForCharts, type SheetForCharts } from './charts/index.ts';
import { checkContent, type ContentCheck, type Entry } from './content/index.ts';
import type { ParsedSource } from './content/source.ts';
import { sortIssues } from './diagnostics/index.ts';
import { ChartSchema, type Chart } from './schemas/chart.ts';
import { CHART_SECTIONS, type PolicyArea } from './schemas/policy-area.ts';

/** Every content and data problem, found at once. */
export async function validate(root: string): Promise<ContentCheck> {
  const checked = await checkContent(root);
  const chartIssues = await checkCharts({
    root,
    sheets: checked.content.sheets.map(sheetForCharts),
    invalidSheets: checked.content.invalidSheets.map(invalidSheetForCharts),
  });
  return { ...checked, issues: sortIssues([...checked.issues, ...chartIssues]) };
}

/**
 * The charts of a sheet that failed its schema that are valid on their own, and the chart ids
 * its sections name when every chart is valid (then an id not among them is known to be wrong):
 * all at once, not after the fix.
 */
function invalidSheetForCharts({ id, source }: { id: string; source: ParsedSource }): InvalidSheetForCharts {
  const data = source.data as Record<string, unknown> | null;
  const listed = data?.['charts'];
  const charts: [number, Chart][] = [];
  if (Array.isArray(listed))
    listed.forEach((raw: unknown, index) => {
      const parsed = ChartSchema.safeParse(raw);
      if (parsed.success) charts.push([index, parsed.data]);
    });
  const complete = Array.isArray(listed) && charts.length === listed.length;
  return {
    slug: id,
    file: source.file,
    charts,
    ...(complete ? { placed: CHART_SECTIONS.flatMap((section) => chartsNamedIn(section, data?.[section])) } : {}),
    locate: (fieldPath) => source.locate(fieldPath),
  };
}

const sheetForCharts = (sheet: Entry<PolicyArea>): SheetForCharts => ({
  slug: sheet.id,
  file: sheet.file,
  data: sheet.data,
  locate: (fieldPath) => sheet.source.locate(fieldPath),
});

/**
 * Dev: the content loader announces each run once the pages can see it, and the integration
 * shows its problems (terminal, browser panel, print preview) from that same run. A global by
 * a registered symbol, for the same reason as the hand-over; the last run is kept for a
 * listener that comes later.
 */
const ANNOUNCED = Symbol.for('ogp-fact-sheets.checked');
type Channel = Map<string, { latest?: ContentCheck; listeners: Set<(checked: ContentCheck) => void> }>;
type ChannelHolder = { [ANNOUNCED]?: Channel };

function channel(root: string): { latest?: ContentCheck; listeners: Set<(checked: ContentCheck) => void> } {
  const holder = globalThis as ChannelHolder;
  const all = (holder[ANNOUNCED] ??= new Map());
  let one = all.get(root);
  if (one === undefined) {
    one = { listeners: new Set() };
    all.set(root, one);
  }
  return one;
}

/** Tells the listeners for `root` about a run the pages now render. */
export function announceChecked(root: string, checked: ContentCheck): void {
  const one = channel(root);
  if (one.latest === checked) return;
  one.latest = checked;
  for (const listener of one.listeners) listener(checked);
}

/** Calls `listener` with every run announced for `root`, starting with the last one if there is one. */
export function onChecked(root: string, listener: (checked: ContentCheck) => void): void {
  const one = channel(root);
  one.listeners.add(listener);
  if (one.latest !== undefined) listener(one.latest);
}
