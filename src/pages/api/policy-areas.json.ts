/**
 * /api/policy-areas.json: a JSON index of the published fact sheets for partners,
 * sorted by policy area. Absolute URLs; no timestamps (same input, same output).
 */
import type { APIRoute } from 'astro';
import { allSheets, pdfPath, sheetPath } from '../../site/sheet.ts';

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('https://factsheets.opengovpartnership.org/');
  const sheets = (await allSheets()).map((entry) => ({
    slug: entry.id,
    title: entry.data.title,
    area: entry.data.area,
    summary: entry.data.summary,
    edition: entry.data.edition,
    draft: entry.data.draft,
    url: new URL(sheetPath(entry.id), base).href,
    pdf: new URL(pdfPath(entry.id), base).href,
  }));
  return new Response(`${JSON.stringify({ policyAreas: sheets }, null, 2)}\n`, {
    headers: { 'Content-Type': 'application/json; charset=utf-8' },
  });
};
