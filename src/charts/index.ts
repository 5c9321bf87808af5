/**
 * The charts stage: OGP data and Vega-Lite specs in, static accessible SVG, tables and CSV
 * out. Other stages use only what is exported here.
 */
export { chartsNamedIn, checkCharts, type InvalidSheetForCharts, type SheetForCharts } from './check.ts';
export { exportTagColumn } from './commitments-export.ts';
export { figuresFor, figureSource, figureTextFields, fillSheetFigures } from './sheet-figures.ts';
export { fillFigures } from './prose.ts';
export { renderChart, chartsDrawn, csvPathFor, CACHE_DIR as CHART_CACHE, type RenderedChart } from './render.ts';
export { readManifest, type Dataset } from './manifest.ts';
