/**
 * Publishing: what the site gives readers and partners besides the pages and PDFs (chart
 * images, social cards). Other stages use only what is exported here.
 */
import type { SiteContent } from '../content/index.ts';
import type { TranslationCheck } from '../content/translation-check.ts';
import { typeset } from '../i18n/index.ts';
import { chartImagePath, siteFile, socialCardPath } from '../site/paths.ts';
import type { ChartImageJob, SocialCardJob } from './images.ts';
import { socialCardFor } from './social-card.ts';

export {
  IMAGE_CACHE,
  drawCardsAhead,
  planImages,
  renderImages,
  type ChartImageJob,
  type SocialCardJob,
} from './images.ts';
export { buildSearchIndex, bundleDigests, searchParts, SEARCH_CACHE } from './search.ts';
export { buildSearchIndexApart } from './search-process.ts';
export { socialCardAlt, socialCardFor, type SocialCard } from './social-card.ts';

/**
 * Every image the site needs: a PNG per chart and a social card per sheet, in every language
 * the sheet is published in (`translations`: the publishing rule's states and the translated
 * title and area, from check).
 */
export async function imageJobs(
  root: string,
  content: SiteContent,
  translations?: TranslationCheck,
): Promise<{ charts: ChartImageJob[]; cards: SocialCardJob[] }> {
  const charts: ChartImageJob[] = [];
  const cards: SocialCardJob[] = [];
  for (const sheet of content.sheets) {
    for (const { lang, texts } of publishedLanguages(sheet, translations)) {
      for (const chart of sheet.data.charts) {
        charts.push({
          svgFile: siteFile(chartImagePath(sheet.id, chart.id, 'svg', lang)),
          pngFile: siteFile(chartImagePath(sheet.id, chart.id, 'png', lang)),
        });
      }
      cards.push({
        file: siteFile(socialCardPath(sheet.id, lang)),
        card: await socialCardFor(root, { ...sheet.data, ...texts }, lang),
      });
    }
  }
  return { charts, cards };
}

/** English, then each language the sheet is published in (complete, current or stale), with its title and area there. */
function publishedLanguages(
  sheet: SiteContent['sheets'][number],
  translations: TranslationCheck | undefined,
): { lang: string; texts: { title: string; area: string } }[] {
  const out = [{ lang: 'en', texts: { title: sheet.data.title, area: sheet.data.area } }];
  for (const { slug, lang, state, texts } of translations?.states ?? []) {
    if (slug !== sheet.id || state === 'none' || state.state === 'missing') continue;
    out.push({
      lang,
      texts: {
        title: typeset(texts?.title ?? sheet.data.title, lang),
        area: typeset(texts?.area ?? sheet.data.area, lang),
      },
    });
  }
  return out;
}
