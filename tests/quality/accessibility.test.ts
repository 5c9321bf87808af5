/**
 * Every built page in headless Chromium, loaded once for screen and once for print (in one
 * browser tab), each load serving every check: no request off the site's own origin (fonts,
 * styles and scripts self-hosted), no failed request and no Content-Security-Policy violation
 * reported (the CSP itself is checked in network.test.ts); axe-core with the WCAG 2.2 A and AA
 * rules; colour contrast of the charts' SVG text (4.5:1) and marks (3:1), which axe does not
 * measure inside SVG; and, on screen, a visible keyboard focus on everything Tab reaches. Each
 * page is also loaded in a 320 CSS px window, where nothing may stick out sideways.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { urlPathOf } from '../../src/verify/index.ts';
import { htmlPages, servedSite } from './helpers.ts';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** Runs axe on the loaded page; returns its violations, one line each, readable in a failed assertion. */
async function axeViolations(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (no inline script) does not block it.
  await page.evaluate(axeSource);
  const violations = await page.evaluate(async (tags) => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: unknown) => Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return result.violations;
  }, wcagTags);
  return violations.flatMap((violation) =>
    violation.nodes.map(
      (node) =>
        `${violation.id} (${violation.impact ?? 'n/a'}): ${violation.help} at ${node.target.join(' ')}${node.failureSummary ? ` (${node.failureSummary.replace(/\s+/g, ' ')})` : ''}`,
    ),
  );
}

/** Tabs through the page; returns every focused element that shows no focus indicator. */
async function invisibleFocus(page: Page): Promise<string[]> {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (let step = 0; step < 80; step++) {
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const element = document.activeElement;
      if (element === null || element === document.body) return undefined;
      const style = getComputedStyle(element);
      const outline = style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0;
      const shadow = style.boxShadow !== 'none' && style.boxShadow !== '';
      const describe = `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.getAttribute('href') !== null ? `[href="${element.getAttribute('href')}"]` : ''} "${(element.textContent ?? '').trim().slice(0, 40)}"`;
      const path: string[] = [];
      for (let node: Element | null = element; node !== null; node = node.parentElement)
        path.unshift(`${node.tagName}:${Array.from(node.parentElement?.children ?? []).indexOf(node)}`);
      return { key: path.join('/'), describe, visible: outline || shadow };
    });
    if (focused === undefined || seen.has(focused.key)) break;
    seen.add(focused.key);
    if (!focused.visible) problems.push(focused.describe);
  }
  if (seen.size === 0)
    problems.push(
      'Tab reaches nothing: the page has no keyboard-focusable element (the skip link, at least, is expected).',
    );
  return problems;
}

/** Contrast of the charts' SVG text (>= 4.5:1, 3:1 when large) and data marks (>= 3:1) against the chart background. */
async function chartContrast(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const parse = (colour: string): [number, number, number, number] | undefined => {
      const probe = document.createElement('canvas').getContext('2d');
      if (probe === null || colour === '' || colour === 'none' || colour === 'transparent') return undefined;
      probe.fillStyle = '#000';
      probe.fillStyle = colour;
      const value = probe.fillStyle;
      const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(value);
      if (hex !== null)
        return [parseInt(hex[1] ?? '0', 16), parseInt(hex[2] ?? '0', 16), parseInt(hex[3] ?? '0', 16), 1];
      const rgba = /rgba?\(([\d.]+),\s*([\d.]+),\s*([\d.]+)(?:,\s*([\d.]+))?\)/.exec(value);
      return rgba === null
        ? undefined
        : [Number(rgba[1]), Number(rgba[2]), Number(rgba[3]), rgba[4] === undefined ? 1 : Number(rgba[4])];
    };
    const luminance = ([r, g, b]: [number, number, number, number]): number => {
      const channel = (c: number): number => {
        const s = c / 255;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      };
      return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
    };
    const ratio = (a: [number, number, number, number], b: [number, number, number, number]): number => {
      const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
      return (hi + 0.05) / (lo + 0.05);
    };
    const backgroundOf = (svg: SVGSVGElement): [number, number, number, number] => {
      const rect = svg.querySelector('rect.background, path.background');
      const own = rect === null ? undefined : parse(getComputedStyle(rect).fill);
      if (own !== undefined && own[3] > 0) return own;
      for (let node: Element | null = svg; node !== null; node = node.parentElement) {
        const colour = parse(getComputedStyle(node).backgroundColor);
        if (colour !== undefined && colour[3] > 0) return colour;
      }
      return [255, 255, 255, 1];
    };
    const problems: string[] = [];
    for (const svg of Array.from(document.querySelectorAll('svg'))) {
      if (svg.getAttribute('aria-hidden') === 'true' || svg.getBoundingClientRect().width < 40) continue; // icons and logos
      const background = backgroundOf(svg);
      const name = svg.getAttribute('aria-label') ?? svg.querySelector('title')?.textContent ?? svg.id;
      for (const text of Array.from(svg.querySelectorAll('text'))) {
        if ((text.textContent ?? '').trim() === '') continue;
        const style = getComputedStyle(text);
        const fill = parse(style.fill);
        if (fill === undefined) continue;
        const size = parseFloat(style.fontSize);
        const large = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700);
        const needed = large ? 3 : 4.5;
        const found = ratio(fill, background);
        if (found < needed)
          problems.push(
            `chart "${name}": text "${(text.textContent ?? '').trim().slice(0, 30)}" in ${style.fill} has contrast ${found.toFixed(2)}:1, needs ${needed}:1`,
          );
      }
      const marks = svg.querySelectorAll(
        'g.mark-rect path, g.mark-rect rect, g.mark-arc path, g.mark-area path, g.mark-symbol path, [role="graphics-symbol"]',
      );
      for (const mark of Array.from(marks)) {
        const style = getComputedStyle(mark);
        const fill = parse(style.fill);
        if (fill === undefined || fill[3] === 0 || Number(style.fillOpacity) === 0) continue;
        const found = ratio(fill, background);
        if (found < 3)
          problems.push(
            `chart "${name}": a data mark in ${style.fill} has contrast ${found.toFixed(2)}:1 with the chart background, needs 3:1`,
          );
      }
    }
    return [...new Set(problems)];
  });
}

/**
 * What sticks out sideways at the page's width, so that a reader must scroll sideways (WCAG 1.4.10:
 * content reflows at 320 CSS px). A data table inside its own scrolling box is allowed to scroll.
 */
async function sidewaysOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsItself = (element: Element): boolean => {
      for (let node = element.parentElement; node !== null && node !== document.body; node = node.parentElement)
        if (['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(node).overflowX)) return true;
      return false;
    };
    const problems: string[] = [];
    if (document.documentElement.scrollWidth > width)
      problems.push(`the page is ${document.documentElement.scrollWidth} px wide in a ${width} px window`);
    for (const element of Array.from(document.body.querySelectorAll('*'))) {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5 || scrollsItself(element)) continue;
      const parentBox = element.parentElement?.getBoundingClientRect();
      if (parentBox !== undefined && parentBox.right > width + 0.5 && !scrollsItself(element.parentElement as Element))
        continue; // report the outermost element that sticks out, not each of its children
      problems.push(
        `${element.tagName.toLowerCase()}${element.className === '' ? '' : `.${String(element.className).trim().split(/\s+/).join('.')}`} "${(element.textContent ?? '').trim().slice(0, 30)}" ends at ${Math.round(box.right)} px`,
      );
    }
    return problems;
  });
}

describe('every built page in Chromium, loaded once per medium', () => {
  const pages = htmlPages();
  const site = servedSite();

  it('finds pages to check', () => {
    expect(pages).toContain('index.html');
    expect(pages.some((file) => file.startsWith('policy-areas/'))).toBe(true);
  });

  // One browser context and tab for every page (a context and its renderer process cost more CPU
  // than a load), in which each page is loaded afresh for each medium: what that load requested and
  // what the browser reported while it loaded, then axe, the charts' contrast and (on screen) the
  // keyboard walk and a load in a 320 CSS px window, in that order. Routing a context's requests
  // turns off its HTTP cache: every load requests every file again.
  let tab: Page | undefined;
  let current = ''; // the page being checked
  const offOrigin: string[] = [];
  const failed: string[] = [];
  const cspViolations: string[] = [];
  beforeAll(async () => {
    const context = await site.browser.newContext({ viewport: { width: 1280, height: 900 }, reducedMotion: 'reduce' });
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      if (url.startsWith(`${site.server.origin}/`) || url.startsWith('data:')) await route.continue();
      else {
        offOrigin.push(url);
        await route.abort('blockedbyclient');
      }
    });
    tab = await context.newPage();
    tab.on('console', (message) => {
      if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
    });
    tab.on('response', (response) => {
      if (
        response.status() >= 400 &&
        !(current === '404.html' && response.url() === site.server.origin + urlPathOf(current))
      )
        failed.push(`${response.status()} ${response.url()}`);
    });
  });
  afterAll(async () => {
    await tab?.context().close();
  });

  describe.each(pages)('%s', (file) => {
    describe.each(['screen', 'print'] as const)('in %s', (media) => {
      let page: Page | undefined;
      beforeAll(async () => {
        if (tab === undefined) return;
        // What this load requested and reported, only: off the last load's page first.
        await tab.goto('about:blank');
        current = file;
        for (const list of [offOrigin, failed, cspViolations]) list.length = 0;
        await tab.setViewportSize({ width: 1280, height: 900 });
        await tab.emulateMedia({ media, reducedMotion: 'reduce' });
        await tab.goto(site.server.origin + urlPathOf(file), { waitUntil: 'networkidle' });
        await tab.evaluate(() => document.fonts.ready);
        // Every stylesheet's fonts, not only those the page happened to use.
        await tab.evaluate(async () => {
          await Promise.all(Array.from(document.fonts).map((font) => font.load().catch(() => undefined)));
        });
        page = tab;
      });
      const loaded = (): Page => {
        if (page === undefined) throw new Error('the page did not load (see the error of beforeAll)');
        return page;
      };

      it('loads with every request on its own origin and no CSP violation', () => {
        loaded();
        expect(offOrigin).toEqual([]);
        expect(failed).toEqual([]);
        expect(cspViolations).toEqual([]);
      });

      it('has no axe violations (WCAG 2.2 A/AA) and its charts have enough contrast', async () => {
        expect(await axeViolations(loaded())).toEqual([]);
        expect(await chartContrast(loaded())).toEqual([]);
      });

      if (media === 'screen') {
        it('shows where the keyboard focus is, on everything Tab reaches', async () => {
          expect(await invisibleFocus(loaded())).toEqual([]);
        });

        // Loaded again in a 320 CSS px window: a load at that size, not a resize of the laid-out page.
        it('reflows to a 320 CSS px window with nothing to scroll sideways (WCAG 1.4.10)', async () => {
          const page = loaded();
          await page.setViewportSize({ width: 320, height: 640 });
          await page.reload({ waitUntil: 'load' });
          await page.evaluate(() => document.fonts.ready);
          expect(await page.evaluate(() => document.documentElement.clientWidth)).toBeLessThanOrEqual(320);
          expect(await sidewaysOverflow(page)).toEqual([]);
        });
      }
    });
  });
});
