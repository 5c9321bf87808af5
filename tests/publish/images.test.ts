/**
 * How the images stage draws (src/publish/images.ts): each image Chromium draws (a card or a
 * chart with text the Latin faces lack) is captured through the DevTools protocol, from its body
 * swapped into a page that keeps the fonts loaded, and must be the PNG Playwright's own screenshot
 * gives of the image's whole HTML in a fresh page, byte for byte, on every drawing of a page (a
 * capture must not leave the page at another scale for the next one, a swap nothing of the
 * previous image or language); a chart larger than the drawing viewport is drawn whole, and one
 * that loads an image from its whole HTML. The other charts and cards are drawn by resvg (and
 * satori) meanwhile (tests/publish/raster-charts.test.ts and raster-cards.test.ts compare them with
 * Chromium's): the same bytes at every drawing. The stage is given the build's shared browser,
 * whose pages draw frames only on demand (src/print/frames.ts), and draws in one of its own (the
 * shell cannot capture a clip without frames): its PNGs are those of a browser as launched by
 * default. The image cache is keyed on the flags the browser is launched with.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { BROWSER_ARGS } from '../../src/print/browser.ts';
import { launchBrowser } from '../../src/print/index.ts';
import { chartHtml, imageIdentity, renderImages, swappable, type SocialCardJob } from '../../src/publish/images.ts';
import { embeddedFontCss } from '../../src/publish/fonts.ts';
import { CARD_HEIGHT, CARD_WIDTH, socialCardHtml } from '../../src/publish/social-card.ts';
import { projectRoot } from '../helpers/fixture.ts';

/** Width and height of a PNG, from its IHDR chunk. */
const pngSize = (bytes: Buffer): { width: number; height: number } => ({
  width: bytes.readUInt32BE(16),
  height: bytes.readUInt32BE(20),
});

/** A chart-like SVG: bars, a hairline, text in the site's typeface at a fractional position. */
const chartSvg = (width: number, height: number, label: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">` +
  `<rect width="${width}" height="${height}" fill="#ffffff"/>` +
  `<rect x="12.5" y="20" width="${width / 3}" height="${height / 2}" fill="#0b6e8a"/>` +
  `<path d="M0.5,${height - 30.5}h${width}" stroke="#55636d"/>` +
  `<text x="20.25" y="${height - 12}" font-family="'Source Sans 3', sans-serif" font-size="13px" font-weight="600">${label}</text>` +
  `</svg>`;

describe('images drawn through the DevTools protocol', () => {
  let root: string;
  let siteDir: string;
  /** Playwright's screenshots are taken in a browser as launched by default, */
  let browser: Browser;
  /** the stage is given one as the build launches it: frames on demand. */
  let buildBrowser: Browser;
  // Drawn by resvg (Latin text).
  const small = { a: chartSvg(429, 218, 'Commitments 2011–2020'), b: chartSvg(431.5, 240.25, 'Évaluation') };
  // Drawn by Chromium: Latin Extended letters. Taller and wider than the 800x600 viewport charts are drawn in.
  const large = chartSvg(900, 700, 'A large custom chart: Łódź');
  const polish = { p: chartSvg(429, 218, 'Zobowiązania, Łódź'), q: chartSvg(431.5, 240.25, 'Győr, Brno') };
  // Loads an image: drawn from its whole HTML (the page's load waits for it), not swapped in.
  const pixel =
    'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==';
  const picture = chartSvg(300, 200, 'With a picture, Łódź').replace(
    '</svg>',
    `<image href="${pixel}" x="200" y="20" width="60" height="60"/></svg>`,
  );
  // Drawn by Chromium (each has a letter of the Latin Extended face), in turn: English, French and
  // Spanish (each language's uppercase and marks), a card without a figure, an illustrative one.
  const cardsDrawn: SocialCardJob['card'][] = [
    {
      lang: 'en',
      title: 'Digital governance in Łódź',
      area: 'Digital governance',
      edition: '28 November 2026',
      figure: { value: '512', label: 'commitments, 2011–2020', illustrative: false },
    },
    {
      lang: 'fr',
      title: 'Justice ouverte : œuvre commune à Győr',
      area: 'Justice ouverte',
      edition: '28 novembre 2026',
      figure: { value: '1 204', label: 'engagements, 2011–2020', illustrative: true },
    },
    {
      lang: 'es',
      title: 'Gobernanza digital en Łódź y Győr',
      area: 'Participación',
      edition: '28 de noviembre de 2026',
    },
    {
      lang: 'en',
      title: 'Open justice',
      area: 'Open justice in Česko',
      edition: '28 November 2026',
      figure: { value: '87', label: 'commitments, 2014–2020', illustrative: false },
    },
  ];

  const latinCard: SocialCardJob['card'] = {
    lang: 'fr',
    title: 'Gouvernance numérique',
    area: 'Gouvernance numérique',
    edition: '28 novembre 2026',
    figure: { value: '27', label: 'engagements, 2011–2020', illustrative: true },
  };

  beforeAll(async () => {
    root = mkdtempSync(path.join(tmpdir(), 'ogp-images-'));
    siteDir = path.join(root, 'site');
    mkdirSync(siteDir);
    // The fonts are the project's (embeddedFontCss resolves them from the root); the cache is the copy's own.
    writeFileSync(path.join(root, 'package.json'), readFileSync(path.join(projectRoot, 'package.json')));
    symlinkSync(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
    for (const [name, svg] of Object.entries({ ...small, ...polish, large, picture }))
      writeFileSync(path.join(siteDir, `${name}.svg`), svg);
    browser = await launchBrowser();
    buildBrowser = await launchBrowser({ framesOnDemand: true });
  });
  afterAll(async () => {
    await browser?.close();
    await buildBrowser?.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('gives the PNGs Playwright screenshots give, on every drawing of a page, and a large chart whole', async () => {
    // Each of the two workers' pages (and threads) draws several images in turn (the same SVG again, too).
    const order = ['a', 'p', 'b', 'q', 'a', 'b', 'p', 'a', 'picture', 'b', 'q', 'large', 'a', 'p', 'b'];
    const drawn = await renderImages({
      root,
      siteDir,
      charts: order.map((name, i) => ({ svgFile: `${name}.svg`, pngFile: `${i}-${name}.png` })),
      cards: [
        ...[0, 1, 2, 3, 0, 1].map((n, i) => ({ file: `card-${i}.png`, card: cardsDrawn[n] as SocialCardJob['card'] })),
        // Latin only: drawn by satori and resvg.
        ...[latinCard, latinCard].map((card, i) => ({ file: `latin-card-${i}.png`, card })),
      ],
      browser: () => Promise.resolve(buildBrowser),
    });
    expect(drawn).toHaveLength(order.length + 8);
    expect([small.a, small.b, large].map(swappable)).toEqual([true, true, true]);
    expect(swappable(picture)).toBe(false);
    const png = (file: string): Buffer => readFileSync(path.join(siteDir, file));

    // What Playwright's element and page screenshots give, each image in a fresh page.
    const fontCss = embeddedFontCss(root);
    const playwright = async (html: string, chart: boolean): Promise<Buffer> => {
      const context = await browser.newContext({
        viewport: chart ? { width: 800, height: 600 } : { width: CARD_WIDTH, height: CARD_HEIGHT },
        deviceScaleFactor: chart ? 3 : 1,
        offline: true,
      });
      try {
        const page = await context.newPage();
        await page.setContent(html, { waitUntil: 'load' });
        await page.evaluate(() => document.fonts.ready.then(() => undefined));
        return chart
          ? await page.locator('svg').first().screenshot({ type: 'png', animations: 'disabled' })
          : await page.screenshot({ type: 'png', animations: 'disabled' });
      } finally {
        await context.close();
      }
    };
    const sizes = { a: [429, 218], b: [431.5, 240.25] } as const;
    for (const name of ['a', 'b'] as const) {
      const drawings = order.flatMap((drawnName, i) => (drawnName === name ? [png(`${i}-${name}.png`)] : []));
      const [width, height] = sizes[name];
      expect(pngSize(drawings[0] as Buffer)).toEqual({ width: Math.ceil(width * 3), height: Math.ceil(height * 3) });
      for (const drawing of drawings)
        expect(drawing.equals(drawings[0] as Buffer), `each drawing of ${name}`).toBe(true);
    }
    for (const name of ['p', 'q', 'large', 'picture'] as const) {
      const svgText = name === 'large' ? large : name === 'picture' ? picture : polish[name];
      const expected = await playwright(chartHtml(svgText, fontCss), true);
      const svg =
        name === 'large'
          ? { width: 900, height: 700 }
          : name === 'picture'
            ? { width: 300, height: 200 }
            : { width: name === 'p' ? 429 : 432, height: name === 'p' ? 218 : 241 };
      expect(pngSize(expected)).toEqual({ width: svg.width * 3, height: svg.height * 3 });
      order.forEach((drawnName, i) => {
        if (drawnName !== name) return;
        expect(png(`${i}-${name}.png`).equals(expected), `drawing ${i} (${name}) is Playwright's screenshot`).toBe(
          true,
        );
      });
    }
    for (const [i, n] of [0, 1, 2, 3, 0, 1].entries()) {
      const expected = await playwright(socialCardHtml(cardsDrawn[n] as SocialCardJob['card'], fontCss), false);
      expect(pngSize(png(`card-${i}.png`))).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
      expect(png(`card-${i}.png`).equals(expected), `card ${i} is Playwright's screenshot`).toBe(true);
    }
    const latin = png('latin-card-0.png');
    expect(pngSize(latin)).toEqual({ width: CARD_WIDTH, height: CARD_HEIGHT });
    expect(png('latin-card-1.png').equals(latin)).toBe(true);
    expect(latin.equals(await playwright(socialCardHtml(latinCard, fontCss), false)), 'not drawn by Chromium').toBe(
      false,
    );
  });

  it("keys the images on the browser's launch flags too, which change the raster", async () => {
    const launched = await imageIdentity();
    expect(await imageIdentity([...BROWSER_ARGS])).toBe(launched);
    expect(await imageIdentity(BROWSER_ARGS.filter((arg) => arg !== '--font-render-hinting=none'))).not.toBe(launched);
  });
});
