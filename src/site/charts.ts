/**
 * A sheet's charts in a language, as its page shows them: drawn by the content loader (the
 * chart texts translated, their {{name}} figures filled, the policy area's name in the language
 * for the built-in charts' legends; src/content/sheet-pages.ts). The SVG files, CSV files and
 * embed pages use it, so they match the page.
 */
import type { RenderedChart } from '../charts/render.ts';
import type { Chart } from '../schemas/chart.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import { sheetKeyed } from './page-keys.ts';
import { langParam } from './paths.ts';
import { allSheets, sheetPage, type PolicyAreaEntry } from './sheet.ts';

/** One chart of one sheet in one language: what its CSV, SVG and embed page are made from. */
// A type, not an interface: Astro's static paths want props with an index signature.
export type ChartInLanguage = {
  entry: PolicyAreaEntry;
  lang: string;
  /** The sheet in the language, figures filled. */
  sheet: PolicyArea;
  chart: Chart;
  /** The chart as drawn for the sheet's page in the language. */
  rendered: RenderedChart;
  /** The text alternative of the sheet's social card in the language. */
  socialCardAlt: string;
};

type ChartPath = {
  params: { lang: string | undefined; slug: string; chart: string };
  props: ChartInLanguage;
  cacheKey?: string;
};

/** Every chart of every sheet in every language it is published in, as static paths (`lang` undefined for English). */
export async function chartPaths(): Promise<ChartPath[]> {
  const paths: ChartPath[] = [];
  for (const entry of await allSheets()) {
    const english = await sheetPage(entry.id, 'en');
    for (const lang of english?.data.languages ?? []) {
      const page = await sheetPage(entry.id, lang);
      if (page === undefined) continue;
      const { sheet, charts, socialCardAlt } = page.data;
      sheet.charts.forEach((chart, i) => {
        const rendered = charts[i];
        if (rendered === undefined) return;
        paths.push({
          params: { lang: langParam(lang), slug: entry.id, chart: chart.id },
          props: { entry, lang, sheet, chart, rendered, socialCardAlt },
          ...sheetKeyed(entry.id),
        });
      });
    }
  }
  return paths;
}
