/**
 * The one look every chart shares. Colours and type match the page (src/styles/site.css):
 * "Source Sans 3", the deep teal accent for this policy area, a darker grey for "all OGP".
 * Contrast on white (checked in tests/charts/theme.test.ts): text and labels >= 4.5:1,
 * bars >= 3:1 (WCAG 2.2 AA, 1.4.3 and 1.4.11).
 */
import type { Config } from 'vega-lite';

/** The family name is quoted: it ends in a digit, so unquoted it is not a valid CSS name. */
export const FONT_FAMILY = `'Source Sans 3', 'Source Sans Pro', Arial, sans-serif`;

export const colours = {
  /** Body text, value labels, titles. */
  text: '#1d2a33',
  /** Axis labels and secondary text (6.3:1 on white, the page's --color-muted). */
  muted: '#55636d',
  /** This policy area's bars (--color-accent). */
  accent: '#0b6e8a',
  /** "All OGP commitments" bars: the page's #9aa5ad is only 2.4:1 on white, so a darker grey (3.5:1). */
  comparison: '#7d8a94',
  /** Axis lines. */
  rule: '#8a969e',
  background: '#ffffff',
} as const;

export const sizes = {
  /** Drawing width in px; the SVG scales to the column (viewBox), so this sets proportions and type size. */
  width: 420,
  height: 150,
  labelFont: 13,
  valueFont: 14,
  legendFont: 13,
} as const;

/** Vega-Lite config applied to every chart (built-in and user specs). */
export const vegaLiteConfig: Config = {
  background: colours.background,
  font: FONT_FAMILY,
  padding: { top: 8, right: 4, bottom: 4, left: 4 },
  view: { stroke: null },
  axis: {
    labelFont: FONT_FAMILY,
    titleFont: FONT_FAMILY,
    labelColor: colours.muted,
    titleColor: colours.muted,
    labelFontSize: sizes.labelFont,
    titleFontSize: sizes.labelFont,
    titleFontWeight: 600,
    domainColor: colours.rule,
    tickColor: colours.rule,
    grid: false,
    labelPadding: 4,
  },
  legend: {
    labelFont: FONT_FAMILY,
    labelColor: colours.text,
    labelFontSize: sizes.legendFont,
    titleFont: FONT_FAMILY,
    symbolType: 'square',
    symbolSize: 160,
    orient: 'bottom',
    direction: 'horizontal',
    /** Never truncate series names ("Digital Governance commitments"). */
    labelLimit: 0,
  },
  title: { font: FONT_FAMILY, color: colours.text, fontSize: 16, fontWeight: 700, anchor: 'start' },
  text: { font: FONT_FAMILY, color: colours.text, fontSize: sizes.valueFont, fontWeight: 600 },
  bar: { color: colours.accent },
  mark: { color: colours.accent },
  range: { category: [colours.accent, colours.comparison, '#b4581c', '#5b4a9e', '#2f7d32'] },
};

/** WCAG relative luminance of a #rrggbb colour. */
export function luminance(hex: string): number {
  const channels = [1, 3, 5].map((i) => Number.parseInt(hex.slice(i, i + 2), 16) / 255);
  const [r = 0, g = 0, b = 0] = channels.map((c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}
