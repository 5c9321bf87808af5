/**
 * The site's stable addresses and the edition-date wording: plain functions with no Astro
 * imports, shared by the pages, the printer and the pipeline so that every link, file name
 * and date is made one way.
 */

/** The site path of a sheet's page: "/policy-areas/<slug>/". */
export function sheetPath(slug: string): string {
  return `/policy-areas/${slug}/`;
}

/** The file name of a sheet's PDF: "ogp-<slug>-fact-sheet.pdf" ("...-es.pdf" for Spanish). */
export function pdfFileName(slug: string, lang = 'en'): string {
  return `ogp-${slug}-fact-sheet${lang === 'en' ? '' : `-${lang}`}.pdf`;
}

/** The site path of a sheet's PDF: "/policy-areas/<slug>/ogp-<slug>-fact-sheet.pdf". */
export function pdfPath(slug: string, lang = 'en'): string {
  return `${sheetPath(slug)}${pdfFileName(slug, lang)}`;
}

/**
 * "2026-11-28" -> "28 November 2026" (or "28 de noviembre de 2026"): from the date alone, in
 * UTC, so it reads the same on every machine and never depends on the clock.
 */
export function formatDate(iso: string, lang = 'en'): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso}T00:00:00Z`),
  );
}

/** The public address from astro.config.mjs (`Astro.site`): set there, or by SITE_URL, always. */
export function publicSite(site: URL | undefined): URL {
  if (site === undefined) throw new Error('astro.config.mjs must set `site`: the public address of the fact sheets.');
  return site;
}
