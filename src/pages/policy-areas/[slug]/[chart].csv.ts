/**
 * The plotted data of every chart as CSV, next to its sheet:
 * /policy-areas/<slug>/<chart-id>.csv. The bytes are the chart's own (renderChart), so the
 * download is exactly what the figure and its table show.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { getCollection } from 'astro:content';
import { projectRoot, renderChart } from '../../../charts/index.ts';
import type { Chart } from '../../../schemas/chart.ts';

export const getStaticPaths = (async () => {
  const sheets = await getCollection('policyAreas');
  return sheets.flatMap((sheet) =>
    sheet.data.charts.map((chart) => ({ params: { slug: sheet.id, chart: chart.id }, props: { chart } })),
  );
}) satisfies GetStaticPaths;

export const GET: APIRoute<{ chart: Chart }, { slug: string; chart: string }> = async ({ params, props }) => {
  const rendered = await renderChart(projectRoot, params.slug, props.chart);
  return new Response(rendered.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
