/**
 * /sitemap.xml: the index and every published sheet (drafts are left out), each sheet with
 * its edition date as lastmod. No clock: the same content gives the same file.
 */
import type { APIRoute } from 'astro';
import { homePath } from '../site/paths.ts';
import { allSheets, sheetPath } from '../site/sheet.ts';
import { escapeXml } from '../site/paths.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('https://factsheets.opengovpartnership.org/');
  const sheets = (await allSheets()).filter((entry) => !entry.data.draft);
  const urls = [
    `  <url><loc>${escapeXml(new URL(homePath(), base).href)}</loc></url>`,
    ...sheets.map(
      (entry) =>
        `  <url><loc>${escapeXml(new URL(sheetPath(entry.id), base).href)}</loc><lastmod>${entry.data.edition}</lastmod></url>`,
    ),
  ];
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
