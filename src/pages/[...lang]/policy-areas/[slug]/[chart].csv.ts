/**
 * The plotted data of every chart as CSV, next to its sheet in each language it is published
 * in: /policy-areas/<slug>/<chart-id>.csv, /es/policy-areas/<slug>/<chart-id>.csv (headings and
 * labels in the language). The bytes are the chart's own (drawn by the content loader), so the
 * download is exactly what the figure and its table show.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartPaths, type ChartInLanguage } from '../../../../site/charts.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartInLanguage, { lang: string | undefined; slug: string; chart: string }> = ({
  props: { rendered },
}) => {
  return new Response(rendered.csv, { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
