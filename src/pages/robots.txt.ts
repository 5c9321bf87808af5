/** /robots.txt: everything may be crawled; names the sitemap on the site's own address. */
import type { APIRoute } from 'astro';
import { assetPath, homePath } from '../site/paths.ts';

export const GET: APIRoute = ({ site }) => {
  const base = site ?? new URL('https://factsheets.opengovpartnership.org/');
  const body = [
    'User-agent: *',
    `Allow: ${homePath()}`,
    '',
    `Sitemap: ${new URL(assetPath('/sitemap.xml'), base).href}`,
    '',
  ].join('\n');
  return new Response(body, { headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
};
