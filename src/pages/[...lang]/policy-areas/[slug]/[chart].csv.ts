/**
 * The plotted data of every chart as CSV, next to its sheet in each language it is published
 * in: /policy-areas/<slug>/<chart-id>.csv, /es/policy-areas/<slug>/<chart-id>.csv (headings and
 * labels in the language). The bytes are the chart's own (renderChart), so the download is
 * exactly what the figure and its table show.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { projectRoot, renderChart } from '../../../../charts/index.ts';
import type { Chart } from '../../../../schemas/chart.ts';
import { allSheets, languagesOf, sheetCard } from '../../../../site/sheet.ts';

export const getStaticPaths = (async () => {
  const paths = [];
  for (const entry of await allSheets()) {
    for (const lang of await languagesOf(entry)) {
      const { sheet } = await sheetCard(entry, lang);
      for (const chart of sheet.charts) {
        paths.push({
          params: { lang: lang === 'en' ? undefined : lang, slug: entry.id, chart: chart.id },
          props: { chart, lang, area: lang === 'en' ? undefined : sheet.area },
        });
      }
    }
  }
  return paths;
}) satisfies GetStaticPaths;

interface Props {
  chart: Chart;
  lang: string;
  area: string | undefined;
}

export const GET: APIRoute<Props, { lang: string | undefined; slug: string; chart: string }> = async ({
  params,
  props,
}) => {
  const rendered = await renderChart(projectRoot, params.slug, props.chart, {
    lang: props.lang,
    ...(props.area === undefined ? {} : { area: props.area }),
  });
  return new Response(rendered.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
