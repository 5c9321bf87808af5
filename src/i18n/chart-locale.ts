/**
 * Vega's number and time locale for a language, derived from Intl so charts write numbers,
 * percentages and month names exactly as the page around them does ("1 234", "21 %", "janv.").
 * Set as `config.locale` of a chart's Vega-Lite spec.
 */
import type { Locale } from 'vega';
import { intlLocale, isLang } from './index.ts';

/** The separators Intl uses for a locale: decimal, group, and the text around a percentage. */
function numberParts(locale: string): { decimal: string; group: string; percentSuffix: string } {
  const parts = new Intl.NumberFormat(locale, { useGrouping: 'always' } as Intl.NumberFormatOptions).formatToParts(
    12345.6,
  );
  const percent = new Intl.NumberFormat(locale, { style: 'percent' }).formatToParts(0.5);
  const afterNumber = percent.slice(percent.findIndex((p) => p.type === 'integer') + 1);
  return {
    decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    group: parts.find((p) => p.type === 'group')?.value ?? ',',
    percentSuffix: afterNumber.map((p) => p.value).join(''),
  };
}

function names(locale: string, option: Intl.DateTimeFormatOptions, dates: Date[]): string[] {
  const format = new Intl.DateTimeFormat(locale, { ...option, timeZone: 'UTC' });
  return dates.map((date) => format.format(date));
}

/** Each language's Vega locale, made once (Intl's formatters are slow to make): a copy is handed out. */
const made = new Map<string, Locale>();

/** The Vega locale of a language (English for anything else). */
export function chartLocale(lang: string): Locale {
  const locale = intlLocale[isLang(lang) ? lang : 'en'];
  let known = made.get(locale);
  if (known === undefined) {
    known = localeOf(lang, locale);
    made.set(locale, known);
  }
  return structuredClone(known);
}

function localeOf(lang: string, locale: string): Locale {
  const { decimal, group, percentSuffix } = numberParts(locale);
  const months = Array.from({ length: 12 }, (_, m) => new Date(Date.UTC(2026, m, 1)));
  // 2026-11-01 is a Sunday: Vega's weekdays start on Sunday.
  const days = Array.from({ length: 7 }, (_, d) => new Date(Date.UTC(2026, 10, 1 + d)));
  return {
    // French typography: a narrow no-break space before % (older ICU data gives a full one).
    number: {
      decimal,
      thousands: group,
      grouping: [3],
      currency: ['', ''],
      percent: lang === 'fr' ? '\u202f%' : percentSuffix,
    },
    time: {
      dateTime: '%x, %X',
      date: '%d/%m/%Y',
      time: '%H:%M:%S',
      periods: ['AM', 'PM'],
      days: names(locale, { weekday: 'long' }, days) as NonNullable<Locale['time']>['days'],
      shortDays: names(locale, { weekday: 'short' }, days) as NonNullable<Locale['time']>['shortDays'],
      months: names(locale, { month: 'long' }, months) as NonNullable<Locale['time']>['months'],
      shortMonths: names(locale, { month: 'short' }, months) as NonNullable<Locale['time']>['shortMonths'],
    },
  };
}
