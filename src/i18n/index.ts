/**
 * The site's languages, their string tables and locale formatting (Intl): one place for
 * every word and number a reader sees that is not content. Plain functions, no Astro imports,
 * shared by pages, charts and the printer.
 */
import { en, type Strings } from './en.ts';
import { es } from './es.ts';
import { fr } from './fr.ts';

export type { Strings } from './en.ts';

/** The languages the site publishes, English (the source) first. */
export const languages = ['en', 'es', 'fr'] as const;
export type Lang = (typeof languages)[number];
/** The language content is written in; translations are made from it. */
export const sourceLanguage: Lang = 'en';
/** The languages content is translated into. */
export const translatedLanguages = languages.filter((lang) => lang !== sourceLanguage) as Exclude<Lang, 'en'>[];

export const isLang = (value: string): value is Lang => (languages as readonly string[]).includes(value);

/** The Intl locale used for dates and numbers: British English, Spain's Spanish, France's French. */
export const intlLocale: Record<Lang, string> = { en: 'en-GB', es: 'es-ES', fr: 'fr-FR' };

const NARROW_NBSP = '\u202f';

/**
 * French typography: a narrow no-break space before ; : ! ? % and inside « » (a plain space
 * there is replaced, so a line never starts with the mark). Other languages are unchanged.
 * Only spaces already written are replaced, so "https://" and "10:30" stay as they are.
 */
export function typeset(text: string, lang: string): string {
  if (lang !== 'fr') return text;
  return text.replace(/[ \u00a0]+([;:!?%»])/g, `${NARROW_NBSP}$1`).replace(/«[ \u00a0]+/g, `«${NARROW_NBSP}`);
}

type Table = { [key: string]: unknown };

/** The table with `typeset` applied to every text and every text a function returns. */
function typesetTable<T>(table: T, lang: Lang): T {
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return typeset(value, lang);
    if (typeof value === 'function') {
      const fn = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]) => walk(fn(...args));
    }
    if (typeof value === 'object' && value !== null)
      return Object.fromEntries(Object.entries(value as Table).map(([k, v]) => [k, walk(v)]));
    return value;
  };
  return walk(table) as T;
}

const tables: Record<Lang, Strings> = { en, es: typesetTable(es, 'es'), fr: typesetTable(fr, 'fr') };

/** The string table of a language (English for any other value). */
export function strings(lang: string): Strings {
  return isLang(lang) ? tables[lang] : tables.en;
}

/** A whole number or decimal in the language's style: "1,234.5", "1234,5", "1 234,5". */
export function formatNumber(value: number, lang: string): string {
  return formatter(numberFormats, lang, (locale) => new Intl.NumberFormat(locale, { maximumFractionDigits: 1 })).format(
    value,
  );
}

/** A whole percentage (21 -> "21%", "21 %", "21 %" with a narrow no-break space in French). */
export function formatPercent(percent: number, lang: string): string {
  const text = formatter(
    percentFormats,
    lang,
    (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
  ).format(percent / 100);
  // Older ICU data puts a full no-break space before % in French: French typography wants the narrow one.
  return lang === 'fr' ? text.replace(/\s%/u, `${NARROW_NBSP}%`) : text;
}

/**
 * "2026-11-28" -> "28 November 2026", "28 de noviembre de 2026", "28 novembre 2026": from the
 * date alone, in UTC, so it reads the same on every machine and never depends on the clock.
 */
export function formatDate(iso: string, lang: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(iso)) return iso;
  return formatter(
    dateFormats,
    lang,
    (locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }),
  ).format(new Date(`${iso}T00:00:00Z`));
}

/**
 * Each language's formatter of a kind, made once: making one (Intl reads its locale's data) costs
 * a hundred times its use, and a 200-sheet build formats tens of thousands of figures and dates.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const percentFormats = new Map<string, Intl.NumberFormat>();
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function formatter<F>(made: Map<string, F>, lang: string, make: (locale: string) => F): F {
  const locale = intlLocale[isLang(lang) ? lang : 'en'];
  let format = made.get(locale);
  if (format === undefined) {
    format = make(locale);
    made.set(locale, format);
  }
  return format;
}

/** The PDF size shown next to a download link, in the page's language ("PDF, 312 KB", "PDF, 312 Ko"). */
export function pdfSizeLabel(bytes: number, lang: string): string {
  return strings(lang).print.pdfSize(bytes, (value) => formatNumber(value, lang));
}
