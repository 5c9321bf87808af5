/**
 * The running words print.css puts in the page margins of a printed sheet (its custom properties
 * --print-*): the printer sets them all on each sheet it prints (src/print/index.ts), and every
 * built page carries its language's words and a translation's notice itself, so that a reader who
 * prints a page from the browser gets "Página 1 de 2" and the "under review" notice too, not
 * English words and no notice.
 */
import { strings } from '../i18n/index.ts';
import type { SheetTranslationState } from '../content/translations.ts';

/** A CSS string literal. */
export function cssString(value: string): string {
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** A translation's notice for the top margin of every printed page, or undefined when it needs none. */
export function printNotice(
  lang: string,
  status: Pick<SheetTranslationState, 'state' | 'reviewed'>,
): string | undefined {
  const t = strings(lang).sheet;
  const notices = [
    ...(status.state === 'stale' ? [t.printStale] : []),
    ...(status.reviewed ? [] : [t.printUnreviewed]),
  ];
  return notices.length > 0 ? notices.join('  ·  ') : undefined;
}

/** The page numbering in the language and the notice, as print.css' custom properties. */
export function pagePrintWords(lang: string, notice?: string): Record<string, string> {
  const words = strings(lang).print;
  return {
    '--print-page': cssString(words.page),
    '--print-of': cssString(words.of),
    ...(notice === undefined ? {} : { '--print-notice': cssString(notice) }),
  };
}

/** The page's own print words (the `style` of its <html>), for a reader who prints it from the browser. */
export function pagePrintStyle(lang: string, notice?: string): string {
  return Object.entries(pagePrintWords(lang, notice))
    .map(([property, value]) => `${property}: ${value}`)
    .join('; ');
}
