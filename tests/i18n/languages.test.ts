/**
 * The built site in Spanish and French (dist/, built by the global setup): the pages and PDFs
 * of the Digital Governance sheet in each language, their language tagging and alternates,
 * locale formatting, the translation notices, and no English text of the site's own.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { load, type CheerioAPI } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.ts';
import { strings } from '../../src/i18n/index.ts';
import { pdfInfo, poppler } from '../print/helpers.ts';
import { htmlPages, siteDir } from '../quality/helpers.ts';

const slug = 'digital-governance';
/** pdftotext gives no-break spaces as plain ones. */
const spaced = (text: string): string => text.replace(/[\u00a0\u202f]/g, ' ');
const page = (lang: string): CheerioAPI =>
  load(readFileSync(path.join(siteDir, lang === 'en' ? '' : lang, 'policy-areas', slug, 'index.html'), 'utf8'));
const pdfFile = (lang: string): string =>
  path.join(siteDir, lang, 'policy-areas', slug, `ogp-${slug}-fact-sheet-${lang}.pdf`);

/** Every plain text of a string table, with its key ("sheet.keyTakeaways"); functions are left out. */
function texts(table: object, prefix = ''): [string, string][] {
  return Object.entries(table).flatMap(([key, value]): [string, string][] => {
    if (typeof value === 'string') return [[`${prefix}${key}`, value]];
    if (typeof value === 'object' && value !== null) return texts(value as object, `${prefix}${key}.`);
    return [];
  });
}

/**
 * What a reader sees or hears of a page: its text (each text node apart, so words of two
 * elements never run together), its title and the labels of its elements. Parts marked as
 * another language (the language links, "English version") are that language's, not the page's.
 */
function readerText($: CheerioAPI): string {
  const lang = $('html').attr('lang') ?? '';
  $(`body [lang]:not([lang="${lang}"])`).remove();
  const labels = $('[aria-label], [alt], [title]')
    .map((_, element) => [$(element).attr('aria-label'), $(element).attr('alt'), $(element).attr('title')])
    .get()
    .filter((value): value is string => typeof value === 'string');
  const textNodes = $('body *')
    .contents()
    .filter((_, node) => node.type === 'text')
    .map((_, node) => $(node).text())
    .get();
  return [$('title').text(), $('meta[name="description"]').attr('content') ?? '', ...textNodes, ...labels].join('\n');
}

describe.each(['es', 'fr'] as const)('the sheet in %s', (lang) => {
  const t = strings(lang);

  it('is a page in that language, linked to its other languages', () => {
    const $ = page(lang);
    expect($('html').attr('lang')).toBe(lang);
    expect($('h1').text()).not.toBe('Digital Governance Fact Sheet');
    expect($('h1').text().length).toBeGreaterThan(10);
    const alternates = $('link[rel="alternate"][hreflang]')
      .map((_, link) => `${$(link).attr('hreflang')} ${new URL($(link).attr('href') ?? '').pathname}`)
      .get();
    expect(alternates).toEqual([
      `en /policy-areas/${slug}/`,
      `es /es/policy-areas/${slug}/`,
      `fr /fr/policy-areas/${slug}/`,
      `x-default /policy-areas/${slug}/`,
    ]);
    const switcher = $('nav.language-links a')
      .map((_, a) => `${$(a).attr('hreflang')} ${$(a).text().trim()}`)
      .get();
    expect(switcher).toEqual(['en English', 'es Español', 'fr Français']);
    expect($(`nav.language-links a[aria-current="page"]`).attr('hreflang')).toBe(lang);
  });

  it('has every section heading, the notice and the PDF link in the language', () => {
    const $ = page(lang);
    const headings = $('h2.section-heading')
      .map((_, h) => $(h).text().trim())
      .get();
    for (const key of ['keyTakeaways', 'statusQuo', 'commitmentProgress', 'whereToNext', 'irmQuickStats'] as const)
      expect(headings).toContain(t.sheet[key]);
    expect($('[data-translation-notice="unreviewed"]').text()).toContain(t.sheet.unreviewedLabel);
    expect($('[data-translation-notice="stale"]')).toHaveLength(0);
    expect($('.sheet-hero .pdf-link').attr('href')).toBe(
      `/${lang}/policy-areas/${slug}/ogp-${slug}-fact-sheet-${lang}.pdf`,
    );
    expect($('.sheet-hero .pdf-link__label').text()).toBe(t.sheet.downloadPdf);
  });

  it('keeps the English anchors of every section, chart, commitment and recommendation, under translated headings', () => {
    // A partner's link (#protect-civic-space-online-2) must work in every language, and a
    // translator's edit of a heading must not move it.
    const anchors = ($: CheerioAPI): string[] =>
      $('.sheet [id]')
        .map((_, element) => $(element).attr('id'))
        .get();
    const english = page('en');
    const translated = page(lang);
    expect(anchors(translated)).toEqual(anchors(english));
    const groups = english('.rec-group')
      .map((_, group) => english(group).attr('id'))
      .get();
    expect(groups).toContain('protect-civic-space-online');
    for (const id of groups) expect(translated(`#${id} h3`).text()).not.toBe(english(`#${id} h3`).text());
  });

  it('prints from the browser with its page numbering and its notice in the language, as the PDF does', () => {
    // print.css' margin boxes read these; the printer sets the same on each sheet it prints.
    const style = page(lang)('html').attr('style') ?? '';
    expect(style).toContain(`--print-page: "${t.print.page}"`);
    expect(style).toContain(`--print-of: "${t.print.of}"`);
    expect(style).toContain(`--print-notice: "${t.sheet.printUnreviewed}"`);
    expect(page('en')('html').attr('style')).toBe('--print-page: "Page"; --print-of: "of"');
  });

  it('writes dates, numbers and percentages the language’s way, in the text and the charts', () => {
    const $ = page(lang);
    expect($('.sheet-hero__edition time').text()).toBe(lang === 'es' ? '28 de noviembre de 2026' : '28 novembre 2026');
    const labels = $('#commitment-performance svg text')
      .map((_, text) => $(text).text())
      .get();
    // Intl: "21 %" with a no-break space in Spanish, a narrow no-break space in French.
    expect(labels).toContain(lang === 'es' ? '21\u00a0%' : '21\u202f%');
    expect(labels).toContain(t.chart.allSeries);
    expect(labels).toContain(t.chart.measureEarlyResults + '*');
    const csv = readFileSync(path.join(siteDir, lang, 'policy-areas', slug, 'commitments-per-year.csv'), 'utf8');
    expect($('#commitments-per-year .chart__download a').attr('href')).toBe(
      `/${lang}/policy-areas/${slug}/commitments-per-year.csv`,
    );
    expect(csv.split('\n')[0]).toBe('year,commitments');
    expect($('#commitments-per-year table th').first().text()).toBe(t.chart.yearAxis);
  });

  it('shows no text of the English string table, on any page in the language', () => {
    // The sheet, the index, the search page and every chart's embed page under /<lang>/.
    const pages = htmlPages().filter((file) => file.startsWith(`${lang}/`));
    expect(pages).toEqual(
      expect.arrayContaining([
        `${lang}/index.html`,
        `${lang}/policy-areas/${slug}/index.html`,
        `${lang}/search/index.html`,
        `${lang}/embed/${slug}/commitment-performance/index.html`,
      ]),
    );
    const seen = pages.map((file) => readerText(load(readFileSync(path.join(siteDir, file), 'utf8')))).join('\n');
    const own = new Map(texts(t));
    const english = texts(en).filter(
      ([key, value]) => value.length >= 4 && own.get(key) !== value && /[a-z]/i.test(value),
    );
    expect(english.length).toBeGreaterThan(40);
    const found = english.filter(([, value]) =>
      new RegExp(`(^|[^\\p{L}])${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(seen),
    );
    expect(found).toEqual([]);
  });

  it('is listed on the index of the language, with its notice', () => {
    const $ = load(readFileSync(path.join(siteDir, lang, 'index.html'), 'utf8'));
    expect($('html').attr('lang')).toBe(lang);
    expect($(`#${slug} h2 a`).attr('href')).toBe(`/${lang}/policy-areas/${slug}/`);
    expect($(`#${slug} .badge`).text()).toContain(t.sheet.unreviewedLabel);
  });

  it('has a 2-page tagged PDF in the language, fonts embedded with every accented letter', () => {
    const file = pdfFile(lang);
    expect(existsSync(file)).toBe(true);
    const info = pdfInfo(file);
    expect(Number(info['Pages'])).toBe(2);
    expect(info['Tagged']).toBe('yes');
    expect(info['Title']).toBe(page(lang)('h1').text());
    expect(readFileSync(file, 'latin1')).toMatch(new RegExp(`/Lang \\(${lang}`));
    const fonts = poppler('pdffonts', file)
      .split('\n')
      .slice(2)
      .filter((line) => line.trim() !== '');
    for (const font of fonts) expect(font).toMatch(/\s+yes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/);
    // Every accented letter of the sheet comes out of the PDF as that letter: embedded and mapped.
    const text = poppler('pdftotext', '-enc', 'UTF-8', file, '-');
    const accented = new Set(
      page(lang)('.sheet')
        .text()
        .match(/[^\x00-\x7f\s\u2000-\u206f]/gu) ?? [],
    );
    expect(accented.size).toBeGreaterThan(5);
    const missing = [...accented].filter((c) => /\p{L}/u.test(c) && !text.includes(c));
    expect(missing).toEqual([]);
    // The notice is at the top of every page.
    for (const pageNumber of ['1', '2'])
      expect(poppler('pdftotext', '-enc', 'UTF-8', '-f', pageNumber, '-l', pageNumber, file, '-')).toContain(
        spaced(t.sheet.printUnreviewed),
      );
    expect(text).toContain(spaced(`${t.print.page} 2 ${t.print.of} 2`));
  });
});

describe('the sitemap', () => {
  it('lists every language of the sheet, with alternates', () => {
    const xml = readFileSync(path.join(siteDir, 'sitemap.xml'), 'utf8');
    for (const lang of ['', 'es/', 'fr/']) expect(xml).toContain(`/${lang}policy-areas/${slug}/</loc>`);
    expect(xml).toContain(`hreflang="x-default"`);
    expect(xml.match(/hreflang="fr" href="[^"]*\/fr\/policy-areas\/digital-governance\/"/g)).toHaveLength(3);
  });
});

describe('the page for a missing address', () => {
  it('says it in English, then in Spanish and French, each marked with its language and linking its index', () => {
    const $ = load(readFileSync(path.join(siteDir, '404.html'), 'utf8'));
    expect($('html').attr('lang')).toBe('en');
    expect($('h1').text()).toBe(strings('en').notFound.heading);
    for (const lang of ['es', 'fr']) {
      const part = $(`section[lang="${lang}"]`);
      expect(part.find('h2').text()).toBe(strings(lang).notFound.heading);
      expect(part.find('p').first().text()).toBe(strings(lang).notFound.text);
      expect(part.find('a').attr('href')).toBe(`/${lang}/`);
      expect(part.find('a').text().trim()).toBe(strings(lang).notFound.home);
    }
  });
});
