/**
 * The built site's files and the URL path each is served at: without the parsing of pages
 * (src/verify/site.ts), so the search process does not load cheerio's whole entry for them.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { basePath, withBase } from '../site/paths.ts';

/** Every file under `dir`, as sorted posix paths relative to it. */
export function listFiles(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub === '' ? entry.name : `${sub}/${entry.name}`;
      if (entry.isDirectory()) walk(rel);
      else if (entry.isFile()) out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/**
 * The URL path a built file is served at: 'policy-areas/x/index.html' -> '/policy-areas/x/'
 * ('/fact-sheets/policy-areas/x/' under that base path).
 */
export function urlPathOf(file: string, base = basePath()): string {
  if (file === 'index.html') return withBase('/', base);
  if (file.endsWith('/index.html')) return withBase(`/${file.slice(0, -'index.html'.length)}`, base);
  return withBase(`/${file}`, base);
}
