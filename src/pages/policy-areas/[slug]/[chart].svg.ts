/**
 * Every chart as a standalone SVG file, next to its sheet: /policy-areas/<slug>/<chart-id>.svg.
 * The drawing is the page's own (renderChart): named by its title, described by its alt
 * text; its text names the site's font with fallbacks, so it opens anywhere.
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
  // The drawing already carries its namespaces; a file wants the XML declaration too.
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${rendered.svg}\n`, {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
};
