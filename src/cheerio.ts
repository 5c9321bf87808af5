/**
 * cheerio's `load`, the one `import { load } from 'cheerio'` gives (parse5, htmlparser2 for XML),
 * without the rest of cheerio's main entry: that entry also loads undici, encoding-sniffer and a
 * stream parser, to fetch and decode documents, which we never do: 130 modules, about 0.13 s of
 * CPU in each process that checks or indexes pages (the build's, the search process). The main
 * entry is taken instead when that file is not where cheerio 1.x keeps it.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { load as cheerioLoad } from 'cheerio';

async function loadOnly(): Promise<typeof cheerioLoad> {
  try {
    const cheerio = path.dirname(createRequire(import.meta.url).resolve('cheerio/package.json'));
    const module = (await import(pathToFileURL(path.join(cheerio, 'dist', 'esm', 'load-parse.js')).href)) as {
      load?: typeof cheerioLoad;
    };
    if (typeof module.load === 'function') return module.load;
  } catch {
    // another layout of the package: its main entry
  }
  return (await import('cheerio')).load;
}

export const load = await loadOnly();
