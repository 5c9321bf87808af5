/**
 * Publishing: what the site gives readers and partners besides the pages and PDFs (chart
 * images, social cards). Other stages use only what is exported here.
 */
import type { SiteContent } from '../content/index.ts';
import { chartImagePath, siteFile, socialCardPath } from '../site/paths.ts';
import type { ChartImageJob, SocialCardJob } from './images.ts';
import { socialCardFor } from './social-card.ts';

export { renderImages, type ChartImageJob, type SocialCardJob } from './images.ts';
export { buildSearchIndex, searchParts, SEARCH_BUNDLE_DIR } from './search.ts';
export { socialCardAlt, socialCardFor, type SocialCard } from './social-card.ts';

/** Every image the site needs: a PNG per chart, a social card per sheet (and, later, per language). */
export async function imageJobs(
  root: string,
  content: SiteContent,
): Promise<{ charts: ChartImageJob[]; cards: SocialCardJob[] }> {
  const charts = content.sheets.flatMap((sheet) =>
    sheet.data.charts.map((chart) => ({
      svgFile: siteFile(chartImagePath(sheet.id, chart.id, 'svg')),
      pngFile: siteFile(chartImagePath(sheet.id, chart.id, 'png')),
    })),
  );
  const cards = await Promise.all(
    content.sheets.map(async (sheet) => ({
      file: siteFile(socialCardPath(sheet.id)),
      card: await socialCardFor(root, sheet.data),
    })),
  );
  return { charts, cards };
}
