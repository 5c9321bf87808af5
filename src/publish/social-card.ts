/**
 * A sheet's social card: the 1200x630 image link previews show (Open Graph, Twitter), drawn by
 * the images stage: the OGP name and mark, the policy area, the sheet's title, one key figure
 * (marked "Illustrative data" when drawn from a sample), and the edition. Written twice, as the
 * same design: an HTML page (socialCardPage), which Chromium draws when the card has a letter
 * beyond the Latin faces, and satori's elements (socialCardTree), which resvg draws otherwise.
 */
import { figureSource, figuresFor, readManifest } from '../charts/index.ts';
import type { PolicyArea } from '../schemas/policy-area.ts';
import { embeddedFonts } from '../content/font-coverage.ts';
import { formatDate } from '../site/paths.ts';
import { formatNumber, strings } from '../i18n/index.ts';

/** The OGP mark on the card's brand line: its shapes in a 32x32 box (socialCardBody, socialCardTree). */
const MARK_SHAPES =
  '<rect width="32" height="32" rx="7" fill="#fff"/><path d="M10 7h9l5 5v13a1 1 0 0 1-1 1H10a1 1 0 0 1-1-1V8a1 1 0 0 1 1-1z" fill="#0b6e8a"/><path d="M19 7v5h5" fill="#c6e2ea"/><path d="m12.5 18.5 2.5 2.5 5-5.5" fill="none" stroke="#fff" stroke-width="2.2" stroke-linecap="round" stroke-linejoin="round"/>';

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

export interface SocialCard {
  lang: string;
  title: string;
  area: string;
  /** The edition as readers see it, e.g. "28 November 2026". */
  edition: string;
  /** The key figure: a number and what it counts. */
  figure?: { value: string; label: string; illustrative: boolean };
}

/**
 * A sheet's card in a language (`sheet` with its texts in that language): its key figure is
 * the number of commitments in the area, from the chart the sheet's figures come from (none
 * when it has no built-in chart), written the language's way.
 */
export async function socialCardFor(root: string, sheet: PolicyArea, lang = 'en'): Promise<SocialCard> {
  const card: SocialCard = { lang, title: sheet.title, area: sheet.area, edition: formatDate(sheet.edition, lang) };
  const source = figureSource(sheet);
  if (source === undefined) return card;
  const figures = await figuresFor(root, sheet);
  const { total_commitments: total, first_year: first, last_year: last } = figures;
  if (total === undefined || first === undefined || last === undefined) return card;
  const illustrative = (await readManifest(root))[source.data]?.illustrative ?? false;
  const value = /^\d+$/.test(total) ? formatNumber(Number(total), lang) : total;
  return {
    ...card,
    figure: { value, label: strings(lang).card.figureLabel(sheet.area, first, last), illustrative },
  };
}

const escapeHtml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The card's text alternative: what it shows, in a sentence or two. */
export function socialCardAlt(card: SocialCard): string {
  const t = strings(card.lang).card;
  const figure =
    card.figure === undefined ? '' : t.figureAlt(card.figure.value, card.figure.label, card.figure.illustrative);
  return t.alt(card.title, figure).trim();
}

/** The card as a self-contained HTML page; `fontCss` inlines the typeface (embeddedFontCss). */
export const socialCardHtml = (card: SocialCard, fontCss: string): string =>
  socialCardPage(card.lang, fontCss, socialCardBody(card));

/**
 * A card's page with `body` as its <body>'s content: the part every card shares (the fonts,
 * the style) and the card's own (socialCardBody). The images stage loads it once with an
 * empty body and swaps each card's body and language in (src/publish/images.ts).
 */
export function socialCardPage(lang: string, fontCss: string, body: string): string {
  return `<!doctype html>
<html lang="${escapeHtml(lang)}"><head><meta charset="utf-8"><style>
${fontCss}
* { box-sizing: border-box; margin: 0; }
html, body { width: ${CARD_WIDTH}px; height: ${CARD_HEIGHT}px; overflow: hidden; }
body { position: relative; display: flex; flex-direction: column; padding: 64px 72px 56px;
  background: #0b6e8a; color: #fff; font-family: 'Source Sans 3', sans-serif; }
.rings { position: absolute; right: -150px; top: 50%; width: 620px; height: 620px; transform: translateY(-50%);
  fill: none; stroke: #fff; stroke-width: 1.5; opacity: 0.14; }
.brand { display: flex; align-items: center; gap: 16px; font-size: 30px; font-weight: 700; }
.brand svg { width: 52px; height: 52px; }
.area { margin-top: 44px; font-size: 24px; font-weight: 700; letter-spacing: 0.1em; text-transform: uppercase; color: #e9f4f7; }
h1 { margin-top: 12px; max-width: 900px; font-size: 68px; line-height: 1.05; font-weight: 700;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.figure { display: flex; align-items: baseline; gap: 20px; margin-top: auto; max-width: 960px; }
.value { font-size: 96px; line-height: 1; font-weight: 700; }
.label { font-size: 28px; line-height: 1.2; font-weight: 600; color: #e9f4f7; }
.mark { display: inline-block; margin-left: 8px; padding: 0 10px; border: 2px solid #e9f4f7; border-radius: 6px;
  font-size: 18px; letter-spacing: 0.06em; text-transform: uppercase; vertical-align: middle; }
.foot { display: flex; justify-content: space-between; margin-top: 28px; padding-top: 18px;
  border-top: 2px solid rgba(255, 255, 255, 0.35); font-size: 24px; font-weight: 600; }
</style></head><body>${body}</body></html>`;
}

/** The content of a card's <body> (socialCardPage): the brand, the area, the title, the figure, the foot. */
export function socialCardBody(card: SocialCard): string {
  const t = strings(card.lang);
  const figure =
    card.figure === undefined
      ? ''
      : `<div class="figure"><p class="value">${escapeHtml(card.figure.value)}</p><p class="label">${escapeHtml(card.figure.label)}${
          card.figure.illustrative ? ` <span class="mark">${escapeHtml(t.chart.illustrativeMark)}</span>` : ''
        }</p></div>`;
  return `
<svg class="rings" viewBox="0 0 400 400" aria-hidden="true"><circle cx="200" cy="200" r="190"/><circle cx="200" cy="200" r="140"/><circle cx="200" cy="200" r="90"/><circle cx="200" cy="200" r="40"/></svg>
<p class="brand"><svg viewBox="0 0 32 32" aria-hidden="true">${MARK_SHAPES}</svg>${escapeHtml(t.siteName)}</p>
<p class="area">${escapeHtml(card.area)}</p>
<h1>${escapeHtml(card.title)}</h1>
${figure}
<p class="foot"><span>${escapeHtml(t.partnershipName)}</span><span>${escapeHtml(t.card.edition(card.edition))}</span></p>
`;
}

/**
 * An element as satori lays it out (src/publish/raster.ts): a subset of HTML and CSS, as
 * plain data, so it can be sent to a drawing thread.
 */
export interface CardElement {
  type: 'div' | 'span' | 'img';
  props: { style: Record<string, string | number>; children?: (CardElement | string)[]; src?: string };
}

const element = (
  type: CardElement['type'],
  style: CardElement['props']['style'],
  ...children: (CardElement | string)[]
): CardElement => ({ type, props: { style, children } });

/** The OGP mark of the card's brand line as an SVG file, for satori's <img>. */
const MARK_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" width="52" height="52">${MARK_SHAPES}</svg>`;

/**
 * The rings of socialCardPage (a 620-pixel SVG of four circles at 14% opacity, centred 150 pixels
 * past the right edge) as SVG circles, which the drawing threads add over the card satori laid out
 * (socialCardTree), where the page paints them: positioned, after the rest. Not laid out by satori:
 * as four round-bordered boxes it drew each clipped and masked, which took resvg about 13 ms of a
 * card's 19-24 ms; the circles take about 1 ms. No group opacity either (a layer in resvg): the
 * circles do not overlap, so each stroke's own is the same.
 */
export function socialCardRings(): string {
  const scale = 620 / 400;
  const centre = { x: CARD_WIDTH + 150 - 310, y: CARD_HEIGHT / 2 };
  const circles = [190, 140, 90, 40].map((r) => `<circle cx="${centre.x}" cy="${centre.y}" r="${r * scale}"/>`);
  return `<g fill="none" stroke="#fff" stroke-opacity="0.14" stroke-width="${1.5 * scale}">${circles.join('')}</g>`;
}

/**
 * The card as satori lays it out: socialCardPage's design, element for element and style for style
 * but for the rings, which are drawn over it (socialCardRings; tests/publish/raster-cards.test.ts
 * compares the two rasters).
 */
export function socialCardTree(card: SocialCard): CardElement {
  const t = strings(card.lang);
  const figure =
    card.figure === undefined
      ? []
      : [
          element(
            'div',
            { display: 'flex', alignItems: 'baseline', gap: 20, marginTop: 'auto', maxWidth: 960 },
            element('div', { fontSize: 96, lineHeight: 1, fontWeight: 700 }, card.figure.value),
            element(
              'div',
              { display: 'block', fontSize: 28, lineHeight: 1.2, fontWeight: 600, color: '#e9f4f7' },
              card.figure.label,
              ...(card.figure.illustrative
                ? [
                    ' ',
                    element(
                      'span',
                      {
                        marginLeft: 8,
                        padding: '0 10px',
                        border: '2px solid #e9f4f7',
                        borderRadius: 6,
                        fontSize: 18,
                        letterSpacing: '0.06em',
                        textTransform: 'uppercase',
                      },
                      t.chart.illustrativeMark,
                    ),
                  ]
                : []),
            ),
          ),
        ];
  return element(
    'div',
    {
      position: 'relative',
      display: 'flex',
      flexDirection: 'column',
      boxSizing: 'border-box',
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      padding: '64px 72px 56px',
      background: '#0b6e8a',
      color: '#fff',
      // The family the drawing threads give satori the faces under (src/publish/images.ts drawRasters).
      fontFamily: embeddedFonts[0].family,
    },
    element(
      'div',
      { display: 'flex', alignItems: 'center', gap: 16, fontSize: 30, fontWeight: 700 },
      {
        type: 'img',
        props: { style: { width: 52, height: 52 }, src: `data:image/svg+xml;base64,${btoa(MARK_SVG)}` },
      },
      t.siteName,
    ),
    element(
      'div',
      {
        marginTop: 44,
        fontSize: 24,
        fontWeight: 700,
        letterSpacing: '0.1em',
        textTransform: 'uppercase',
        color: '#e9f4f7',
      },
      card.area,
    ),
    element(
      'div',
      { display: 'block', marginTop: 12, maxWidth: 900, fontSize: 68, lineHeight: 1.05, fontWeight: 700, lineClamp: 2 },
      card.title,
    ),
    ...figure,
    element(
      'div',
      {
        display: 'flex',
        justifyContent: 'space-between',
        marginTop: 28,
        paddingTop: 18,
        borderTop: '2px solid rgba(255, 255, 255, 0.35)',
        fontSize: 24,
        fontWeight: 600,
      },
      element('span', {}, t.partnershipName),
      element('span', {}, t.card.edition(card.edition)),
    ),
  );
}
