/**
 * Every chart as a standalone SVG file, next to its sheet in each language it is published in:
 * /policy-areas/<slug>/<chart-id>.svg, /es/policy-areas/<slug>/<chart-id>.svg. The drawing is
 * the page's own (drawn by the content loader, in the page's language): named by its title,
 * described by its alt text; its text names the site's font with fallbacks, so it opens anywhere.
 */
import type { APIRoute, GetStaticPaths } from 'astro';
import { chartPaths, type ChartInLanguage } from '../../../../site/charts.ts';

export const getStaticPaths = (() => chartPaths()) satisfies GetStaticPaths;

export const GET: APIRoute<ChartInLanguage, { lang: string | undefined; slug: string; chart: string }> = ({
  props: { rendered },
}) => {
  // The drawing already carries its namespaces; a file wants the XML declaration too.
  return new Response(`<?xml version="1.0" encoding="UTF-8"?>\n${rendered.svg}\n`, {
    headers: { 'Content-Type': 'image/svg+xml; charset=utf-8' },
  });
};
