/**
 * Dev only (src/integration.ts): a page is rendered whole before it answers. Astro's dev server
 * streams a page, so a component that throws once the page has started answers 200 with the page
 * cut short; read whole here, the error is thrown before the answer and the page answers 500, as
 * the print preview reports it. (The sheet page rendered whole on its own while it rendered its
 * prose as an MDX module, which made Astro render it whole for its head.)
 */
import { defineMiddleware } from 'astro:middleware';

export const onRequest = defineMiddleware(async (_context, next) => {
  const response = await next();
  if (!(response.headers.get('content-type') ?? '').startsWith('text/html') || response.body === null) return response;
  const body = await response.arrayBuffer();
  return new Response(body, { status: response.status, statusText: response.statusText, headers: response.headers });
});
