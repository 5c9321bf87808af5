/**
 * No network: every built page ships a Content-Security-Policy that forbids inline script and
 * off-site loads, and its markup has no inline script, event handler or off-site resource.
 * That the browser then loads each page (screen and print) without a request off the site's
 * origin and without a CSP violation is checked in accessibility.test.ts, in the one load of
 * each page there.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { load } from 'cheerio';
import { describe, expect, it } from 'vitest';
import { htmlPages, siteDir } from './helpers.ts';

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
  });
});
