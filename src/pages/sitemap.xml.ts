/**
 * /sitemap.xml: the index of each language and every published sheet in every language it is
 * published in (drafts and untranslated languages are left out), each sheet with its edition
 * date as lastmod and its other languages as xhtml:link alternates. No clock: the same
 * content gives the same file.
 */
import type { APIRoute } from 'astro';
import { languages } from '../i18n/index.ts';
import { escapeXml, indexPath } from '../site/paths.ts';
import { allSheets, languagesOf, sheetPath } from '../site/sheet.ts';

/** One <url> with its language alternates (and x-default, the English page). */
function urlEntry(base: URL, path: string, alternates: { lang: string; path: string }[], lastmod?: string): string {
  const links = alternates.length > 1 ? [...alternates, { lang: 'x-default', path: alternates[0]?.path ?? path }] : [];
  return [
    `  <url><loc>${escapeXml(new URL(path, base).href)}</loc>`,
    ...(lastmod === undefined ? [] : [`<lastmod>${lastmod}</lastmod>`]),
    ...links.map(
      (link) =>
        `<xhtml:link rel="alternate" hreflang="${link.lang}" href="${escapeXml(new URL(link.path, base).href)}"/>`,
    ),
    '</url>',
  ].join('');
}

export const GET: APIRoute = async ({ site }) => {
  const base = site ?? new URL('https://factsheets.opengovpartnership.org/');
  const indexes = languages.map((lang) => ({ lang, path: indexPath(lang) }));
  const urls = indexes.map((index) => urlEntry(base, index.path, indexes));
  for (const entry of await allSheets()) {
    if (entry.data.draft) continue;
    const pages = (await languagesOf(entry)).map((lang) => ({ lang, path: sheetPath(entry.id, lang) }));
    for (const page of pages) urls.push(urlEntry(base, page.path, pages, entry.data.edition));
  }
  const body = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">',
    ...urls,
    '</urlset>',
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'application/xml; charset=utf-8' } });
};
