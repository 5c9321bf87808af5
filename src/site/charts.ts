/**
 * A sheet's charts in a language, as its page draws them: the chart texts translated, their
 * {{name}} figures filled from the data, and the policy area's name in the language for the
 * built-in charts' legends. The SVG files and embed pages use it, so they match the page.
 */
import { figuresFor, fillSheetFigures, projectRoot, renderChart, type RenderedChart } from '../charts/index.ts';
import type { Chart } from '../schemas/chart.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import { langParam } from './paths.ts';
import { allSheets, languagesOf, sheetCard, type PolicyAreaEntry } from './sheet.ts';

export async function sheetChartsIn(
  entry: PolicyAreaEntry,
  lang: string,
): Promise<{ sheet: PolicyArea; area: string | undefined }> {
  const { sheet } = await sheetCard(entry, lang);
  const filled = fillSheetFigures(sheet, await figuresFor(projectRoot, sheet));
  return { sheet: filled, area: lang === 'en' ? undefined : filled.area };
}

/** One chart of one sheet in one language: what its CSV, SVG and embed page are made from. */
// A type, not an interface: Astro's static paths want props with an index signature.
export type ChartInLanguage = {
  entry: PolicyAreaEntry;
  lang: string;
  /** The sheet in the language, figures filled. */
  sheet: PolicyArea;
  /** The policy area's name for the legends (undefined in English: the chart's tag). */
  area: string | undefined;
  chart: Chart;
};

/** Every chart of every sheet in every language it is published in, as static paths (`lang` undefined for English). */
export async function chartPaths(): Promise<
  { params: { lang: string | undefined; slug: string; chart: string }; props: ChartInLanguage }[]
> {
  const paths = [];
  for (const entry of await allSheets()) {
    for (const lang of await languagesOf(entry)) {
      const { sheet, area } = await sheetChartsIn(entry, lang);
      for (const chart of sheet.charts) {
        paths.push({
          params: { lang: langParam(lang), slug: entry.id, chart: chart.id },
          props: { entry, lang, sheet, area, chart },
        });
      }
    }
  }
  return paths;
}

/** Draws one chart of chartPaths() (or takes it from the cache), as its sheet page does. */
export function renderChartIn(slug: string, { chart, lang, area }: ChartInLanguage): Promise<RenderedChart> {
  return renderChart(projectRoot, slug, chart, { lang, ...(area === undefined ? {} : { area }) });
}
