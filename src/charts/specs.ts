/**
 * Vega-Lite specs for the two built-in figures, drawn like the reference sheet: direct
 * value labels on the bars instead of a value axis, no grid, a legend only where two
 * series are compared. The plotted rows are exactly the rows of the chart's table and CSV.
 */
import type { TopLevelSpec } from 'vega-lite';
import { formatPercent, strings } from '../i18n/index.ts';
import type { IrmPerformance, MeasureKey, YearCount } from './figures.ts';
import { colours, sizes } from './theme.ts';

/** A measure's name in the chart's language ("Ambition", "Terminación", "Achèvement"). */
export const measureLabel = (measure: MeasureKey, lang = 'en'): string => {
  const t = strings(lang).chart;
  return measure === 'ambition'
    ? t.measureAmbition
    : measure === 'completion'
      ? t.measureCompletion
      : t.measureEarlyResults;
};

/** Commitments per action-plan year: one bar per year, its count written on top. */
export function commitmentsPerYearSpec(rows: readonly YearCount[], lang = 'en'): TopLevelSpec {
  const t = strings(lang).chart;
  return {
    width: sizes.width,
    height: sizes.height,
    data: { values: rows.map((r) => ({ ...r })) },
    encoding: {
      x: {
        field: 'year',
        type: 'ordinal',
        title: t.yearAxis,
        axis: { labelAngle: 0, ticks: false, domainColor: colours.rule, titlePadding: 8 },
      },
      y: { field: 'commitments', type: 'quantitative', axis: null, scale: { domainMin: 0, nice: false } },
    },
    layer: [
      { mark: { type: 'bar', color: colours.accent, width: { band: 0.68 } } },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -4, color: colours.text },
        encoding: { text: { field: 'commitments', type: 'quantitative' } },
      },
    ],
  };
}

/** One plotted bar of the IRM chart: a measure, a series, the share and what it is over. */
export interface IrmRow {
  measure: string;
  series: string;
  percent: number;
  meeting: number;
  assessed: number;
}

/** The IRM figure's rows: per measure, this area then all commitments (`allSeries` names them). */
export function irmRows(
  area: string,
  performance: readonly IrmPerformance[],
  lang = 'en',
  allSeries: string = strings(lang).chart.allSeries,
): IrmRow[] {
  const t = strings(lang).chart;
  return performance.flatMap(({ measure, area: a, all }) => [
    {
      measure: measureLabel(measure, lang),
      series: t.areaSeries(area),
      percent: a.percent,
      meeting: a.meeting,
      assessed: a.assessed,
    },
    {
      measure: measureLabel(measure, lang),
      series: allSeries,
      percent: all.percent,
      meeting: all.meeting,
      assessed: all.assessed,
    },
  ]);
}

/**
 * IRM performance: grouped bars per measure, this area (accent) beside all commitments
 * (grey), percentages written on the bars. A measure whose area sample is under 50 gets
 * "*" after its axis label, matching the computed footnote.
 */
export function irmPerformanceSpec(
  area: string,
  performance: readonly IrmPerformance[],
  lang = 'en',
  allSeries: string = strings(lang).chart.allSeries,
): TopLevelSpec {
  const t = strings(lang).chart;
  const areaSeries = t.areaSeries(area);
  const series = [areaSeries, allSeries];
  const starred = new Set(performance.filter((p) => p.area.smallSample).map((p) => measureLabel(p.measure, lang)));
  const measures = performance.map((p) => measureLabel(p.measure, lang));
  const values = irmRows(area, performance, lang, allSeries).map((r) => ({
    ...r,
    axisLabel: starred.has(r.measure) ? `${r.measure}*` : r.measure,
    label: formatPercent(r.percent, lang),
  }));
  const max = Math.max(10, ...values.map((v) => v.percent));
  return {
    width: sizes.width,
    height: sizes.height,
    data: { values },
    encoding: {
      x: {
        field: 'axisLabel',
        type: 'nominal',
        sort: measures.map((m) => (starred.has(m) ? `${m}*` : m)),
        title: null,
        axis: {
          labelAngle: 0,
          ticks: false,
          labelColor: colours.text,
          labelFontSize: 14,
          labelFontWeight: 600,
          labelPadding: 6,
          // Never truncate a measure's name ("Resultados iniciales*", "Premiers résultats*").
          labelLimit: 0,
        },
        scale: { paddingInner: 0.3 },
      },
      xOffset: { field: 'series', type: 'nominal', sort: series, scale: { paddingInner: 0.08 } },
      y: {
        field: 'percent',
        type: 'quantitative',
        axis: null,
        scale: { domain: [0, Math.ceil(max * 1.15)], nice: false },
      },
    },
    layer: [
      {
        mark: { type: 'bar' },
        encoding: {
          color: {
            field: 'series',
            type: 'nominal',
            sort: series,
            scale: { domain: series, range: [colours.accent, colours.comparison] },
            // Stacked, as in the reference: Vega's text-width estimate (no canvas in Node) spreads a row too wide.
            legend: { title: null, orient: 'bottom', direction: 'vertical', rowPadding: 4 },
          },
        },
      },
      {
        mark: { type: 'text', baseline: 'bottom', dy: -4, color: colours.text },
        encoding: { text: { field: 'label', type: 'nominal' } },
      },
    ],
  };
}
