/**
 * The site's stable addresses and the edition-date wording: plain functions with no Astro
 * imports, shared by the pages, the printer and the pipeline so that every link, file name
 * and date is made one way.
 *
 * Every address is under the base path the site is served from: "/" at the root of a
 * domain, or a folder such as "/fact-sheets/" (a GitHub Pages project site). BASE_PATH sets
 * it; astro.config.mjs takes its `base` from basePath() here, so pages, printer, verifier
 * and config always agree.
 */
import { posix } from 'node:path';
import { formatDate as formatLocaleDate } from '../i18n/index.ts';

/** A base path in its one form: "/" or "/folder/" (leading and trailing slash, no doubles). */
export function normalizeBase(raw: string | undefined): string {
  const trimmed = (raw ?? '').trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

/** The base path the site is served under: BASE_PATH, normalised ("/" when unset). */
export function basePath(): string {
  return normalizeBase(process.env['BASE_PATH']);
}

/** A path inside the site as the URL path a reader uses: "/policy-areas/x/" -> "/fact-sheets/policy-areas/x/". */
export function withBase(sitePath: string, base = basePath()): string {
  return `${base}${sitePath.replace(/^\/+/, '')}`;
}

/**
 * The inverse of withBase: "/fact-sheets/policy-areas/x/" -> "/policy-areas/x/" (the file's
 * place in dist/). Undefined for a path outside the base: nothing of the site is there.
 */
export function withoutBase(urlPath: string, base = basePath()): string | undefined {
  if (urlPath === base.slice(0, -1)) return '/';
  return urlPath.startsWith(base) ? `/${urlPath.slice(base.length)}` : undefined;
}

/**
 * A link as an editor wrote it, pointed under the base: "/policy-areas/x/" becomes
 * "/fact-sheets/policy-areas/x/"; anchors, relative and external links stay as they are.
 */
export function siteLink(href: string): string {
  return href.startsWith('/') && !href.startsWith('//') && withoutBase(href) === undefined ? withBase(href) : href;
}

/** The path prefix of a language: "" for English (the source language), "/es", "/fr". */
function langPrefix(lang: string): string {
  return lang === 'en' ? '' : `/${lang}`;
}

/** The `[...lang]` route parameter of a language: none for English (served at the root), else its code. */
export function langParam(lang: string): string | undefined {
  return lang === 'en' ? undefined : lang;
}

/** The home page: "/" (under the base); "/es/", "/fr/" for the other languages' indexes. */
export function homePath(lang = 'en'): string {
  return withBase(`${langPrefix(lang)}/`);
}

/** The site path of a language's index of sheets: the same as homePath. */
export function indexPath(lang = 'en'): string {
  return homePath(lang);
}

/** The site path of a sheet's page: "/policy-areas/<slug>/" ("/es/policy-areas/<slug>/" in Spanish). */
export function sheetPath(slug: string, lang = 'en'): string {
  return withBase(`${langPrefix(lang)}/policy-areas/${slug}/`);
}

/** The file name of a sheet's PDF: "ogp-<slug>-fact-sheet.pdf" ("...-es.pdf" for Spanish). */
export function pdfFileName(slug: string, lang = 'en'): string {
  return `ogp-${slug}-fact-sheet${lang === 'en' ? '' : `-${lang}`}.pdf`;
}

/** The site path of a sheet's PDF: "/policy-areas/<slug>/ogp-<slug>-fact-sheet.pdf" (under /es/ or /fr/ per language). */
export function pdfPath(slug: string, lang = 'en'): string {
  return `${sheetPath(slug, lang)}${pdfFileName(slug, lang)}`;
}

/** The plotted data of a chart as CSV, next to its sheet in its language: "/policy-areas/<slug>/<chart-id>.csv". */
export function chartCsvPath(slug: string, chartId: string, lang = 'en'): string {
  return `${sheetPath(slug, lang)}${chartId}.csv`;
}

/**
 * A chart drawn alone, for download, next to its sheet in its language:
 * "/policy-areas/<slug>/<chart-id>.svg" (or ".png"; "/es/policy-areas/..." in Spanish).
 */
export function chartImagePath(slug: string, chartId: string, format: 'svg' | 'png', lang = 'en'): string {
  return `${sheetPath(slug, lang)}${chartId}.${format}`;
}

/** A chart's embed page, for partners' iframes: "/embed/<slug>/<chart-id>/" ("/es/embed/..." in Spanish). */
export function embedPath(slug: string, chartId: string, lang = 'en'): string {
  return withBase(`${langPrefix(lang)}/embed/${slug}/${chartId}/`);
}

/** A sheet's social card (1200x630 PNG): "/policy-areas/<slug>/social-card.png" ("/es/policy-areas/..." in Spanish). */
export function socialCardPath(slug: string, lang = 'en'): string {
  return `${sheetPath(slug, lang)}social-card.png`;
}

/**
 * A past edition's permanent page in a language: "/policy-areas/<slug>/editions/<YYYY-MM-DD>/"
 * ("/es/policy-areas/..." in Spanish), that language's PDF inside.
 */
export function editionPath(slug: string, date: string, lang = 'en'): string {
  return `${sheetPath(slug, lang)}editions/${date}/`;
}

/** The search page of a language: "/search/" ("/es/search/", "/fr/search/"). */
export function searchPath(lang = 'en'): string {
  return withBase(`${langPrefix(lang)}/search/`);
}

/**
 * The folder of the search index and its script in the built site: "pagefind" (served at
 * "/pagefind/"). Here, with the site's other paths, so that the search page reads it without
 * loading the search stage (src/publish/search.ts) and its HTML parser into the pages' build.
 */
export const SEARCH_BUNDLE_DIR = 'pagefind';

/** Any other file of the site (favicon, JSON index, sitemap): "/favicon.svg" under the base. */
export function assetPath(sitePath: string): string {
  return withBase(sitePath);
}

/**
 * Where a site path's file is in the built site, relative to it: "/fact-sheets/a/x.pdf" ->
 * "a/x.pdf", "/fact-sheets/a/" -> "a/index.html".
 */
export function siteFile(urlPath: string, base = basePath()): string {
  const inside = (withoutBase(urlPath, base) ?? urlPath).replace(/^\/+/, '');
  return inside === '' || inside.endsWith('/') ? `${inside}index.html` : inside;
}

/**
 * "2026-11-28" -> "28 November 2026" (or "28 de noviembre de 2026"): from the date alone, in
 * UTC, so it reads the same on every machine and never depends on the clock.
 */
export function formatDate(iso: string, lang = 'en'): string {
  return formatLocaleDate(iso, lang);
}

/** The public address from astro.config.mjs (`Astro.site`): set there, or by SITE_URL, always. */
export function publicSite(site: URL | undefined): URL {
  if (site === undefined) throw new Error('astro.config.mjs must set `site`: the public address of the fact sheets.');
  return site;
}

/**
 * The file a URL path is served from, as a static host serves a directory-format site:
 * "/" and "/x/" from their index.html, "/x" from the file x or x/index.html. `isFile` says
 * whether a path (relative to the site, posix) is a file. Undefined when nothing matches, the
 * path cannot be decoded, or it climbs out of the site.
 */
export function fileForUrlPath(urlPath: string, isFile: (file: string) => boolean): string | undefined {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const clean = posix.normalize(`/${decoded}`).slice(1);
  if (clean.startsWith('..')) return undefined;
  const candidates =
    clean === '' ? ['index.html'] : clean.endsWith('/') ? [`${clean}index.html`] : [clean, `${clean}/index.html`];
  return candidates.find(isFile);
}

/** Text made safe inside XML and HTML: element content and double-quoted attributes. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
