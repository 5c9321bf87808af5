/**
 * No network: every built page loads in Chromium without a single request off the site's
 * own origin (fonts, styles and scripts self-hosted), and ships a Content-Security-Policy
 * that forbids inline script, which the browser then enforces without complaint.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { urlPathOf } from '../../src/verify/index.ts';
import { htmlPages, servedSite, siteDir } from './helpers.ts';

const pages = htmlPages();

/** The page's CSP directives, from its <meta http-equiv="Content-Security-Policy">. */
function cspOf(html: string): Map<string, string[]> | undefined {
  const $ = load(html);
  const meta = $('meta[http-equiv]').filter(
    (_, node) => ($(node).attr('http-equiv') ?? '').toLowerCase() === 'content-security-policy',
  );
  if (meta.length !== 1) return undefined;
  const directives = new Map<string, string[]>();
  for (const part of (meta.attr('content') ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name !== undefined && name !== '') directives.set(name.toLowerCase(), values);
  }
  return directives;
}

describe('no request off the site, and a CSP without inline script', () => {
  const site = servedSite();

  describe.each(pages)('%s', (file) => {
    const html = readFileSync(path.join(siteDir, file), 'utf8');

    it('declares a Content-Security-Policy that forbids inline script and off-site loads', () => {
      const csp = cspOf(html);
      expect(csp, 'one <meta http-equiv="Content-Security-Policy">').toBeDefined();
      if (csp === undefined) return;
      const script = csp.get('script-src') ?? csp.get('default-src') ?? [];
      // The search page also runs Pagefind's WebAssembly (never eval: 'unsafe-eval' is refused below).
      expect(script).toEqual(
        /^(?:(?:es|fr)\/)?search\/index\.html$/.test(file) ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"],
      );
      expect(csp.get('default-src')).toEqual(["'self'"]);
      expect(csp.get('object-src')).toEqual(["'none'"]);
      for (const [name, values] of csp) {
        expect(
          values.filter((value) => /^(https?:|\*|'unsafe-eval')/.test(value)),
          `${name} allows another origin`,
        ).toEqual([]);
      }
    });

    it('has no inline script, event handler or off-site resource in its markup', () => {
      const $ = load(html);
      expect($('script:not([src])').length, 'inline <script>').toBe(0);
      const handlers: string[] = [];
      $('*').each((_, node) => {
        if (!('attribs' in node)) return;
        for (const name of Object.keys(node.attribs)) if (/^on/i.test(name)) handlers.push(`${node.tagName} ${name}`);
      });
      expect(handlers).toEqual([]);
      const offSite: string[] = [];
      $(
        'link[href], script[src], img[src], source[src], source[srcset], img[srcset], iframe[src], video[src], audio[src], use[href], image[href]',
      ).each((_, node) => {
        const element = $(node);
        if (
          element.is('link') &&
          !/\b(stylesheet|icon|preload|modulepreload|manifest)\b/i.test(element.attr('rel') ?? '')
        )
          return;
        for (const value of [element.attr('href'), element.attr('src'), element.attr('srcset')]) {
          if (value !== undefined && /(^|[\s,])(https?:)?\/\//i.test(value))
            offSite.push(`<${'tagName' in node ? node.tagName : ''}> ${value}`);
        }
      });
      expect(offSite).toEqual([]);
    });

    it.each(['screen', 'print'] as const)(
      'loads (%s) with every request on its own origin and no CSP violation',
      async (media) => {
        const context = await site.browser.newContext();
        const offOrigin: string[] = [];
        const failed: string[] = [];
        const cspViolations: string[] = [];
        await context.route('**/*', async (route) => {
          const url = route.request().url();
          if (url.startsWith(`${site.server.origin}/`) || url.startsWith('data:')) await route.continue();
          else {
            offOrigin.push(url);
            await route.abort('blockedbyclient');
          }
        });
        const page = await context.newPage();
        page.on('console', (message) => {
          if (/Content.Security.Policy/i.test(message.text())) cspViolations.push(message.text());
        });
        page.on('response', (response) => {
          if (
            response.status() >= 400 &&
            !(file === '404.html' && response.url() === site.server.origin + urlPathOf(file))
          )
            failed.push(`${response.status()} ${response.url()}`);
        });
        try {
          await page.emulateMedia({ media });
          await page.goto(site.server.origin + urlPathOf(file), { waitUntil: 'networkidle' });
          await page.evaluate(() => document.fonts.ready);
          // Every stylesheet's fonts, not only those the page happened to use.
          await page.evaluate(async () => {
            await Promise.all(Array.from(document.fonts).map((font) => font.load().catch(() => undefined)));
          });
          expect(offOrigin).toEqual([]);
          expect(failed).toEqual([]);
          expect(cspViolations).toEqual([]);
        } finally {
          await context.close();
        }
      },
    );
  });
});
