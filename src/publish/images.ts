/**
 * Stage "images": the site's raster images, drawn after the pages by the installed Chromium
 * the print stage uses, offline (fonts inlined, no server, nothing fetched) and with stable
 * bytes (a fixed viewport and scale, no clock): each chart's PNG download, a 3x raster of
 * its SVG download, and each sheet's 1200x630 social card.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../print/index.ts';
import { embeddedFontCss } from './fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, socialCardHtml, type SocialCard } from './social-card.ts';

/** A chart's PNG, drawn from its SVG file; both paths relative to the site directory. */
export interface ChartImageJob {
  svgFile: string;
  pngFile: string;
}

/** A social card and where it goes, relative to the site directory. */
export interface SocialCardJob {
  file: string;
  card: SocialCard;
}

/** The chart PNGs' scale: a 430-pixel-wide chart becomes about 1300 pixels, sharp in print. */
const CHART_SCALE = 3;

/** Draws every image into `siteDir`; returns how many were written. */
export async function renderImages(options: {
  root: string;
  siteDir: string;
  charts: readonly ChartImageJob[];
  cards: readonly SocialCardJob[];
}): Promise<number> {
  const { root, siteDir, charts, cards } = options;
  if (charts.length === 0 && cards.length === 0) return 0;
  const fontCss = embeddedFontCss(root);
  const write = (file: string, bytes: Buffer): void => {
    const full = path.join(siteDir, file);
    mkdirSync(path.dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  };
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const chartPage = await newPage(browser, { width: 800, height: 600 }, CHART_SCALE);
    for (const job of charts) {
      const svg = readFileSync(path.join(siteDir, job.svgFile), 'utf8').replace(/^<\?xml[^>]*>\s*/, '');
      await show(
        chartPage,
        `<style>${fontCss} body { margin: 0; background: #fff; } svg { display: block; }</style>${svg}`,
      );
      write(job.pngFile, await chartPage.locator('svg').first().screenshot({ type: 'png', animations: 'disabled' }));
    }
    const cardPage = await newPage(browser, { width: CARD_WIDTH, height: CARD_HEIGHT }, 1);
    for (const job of cards) {
      await show(cardPage, socialCardHtml(job.card, fontCss));
      write(job.file, await cardPage.screenshot({ type: 'png', animations: 'disabled' }));
    }
    return charts.length + cards.length;
  } finally {
    await browser?.close().catch(() => undefined);
  }
}

async function newPage(browser: Browser, viewport: { width: number; height: number }, scale: number): Promise<Page> {
  const context = await browser.newContext({
    viewport,
    deviceScaleFactor: scale,
    javaScriptEnabled: true,
    serviceWorkers: 'block',
    // Nothing drawn here may come from the network: every request is refused.
    offline: true,
  });
  await context.route('**/*', (route) => route.abort());
  return context.newPage();
}

/** Loads the HTML and waits until its fonts are ready, so the raster never catches a fallback font. */
async function show(page: Page, html: string): Promise<void> {
  await page.setContent(html, { waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready.then(() => undefined));
}
