import { createReadStream, statSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { basePath, fileForUrlPath, withoutBase } from '../site/paths.ts';

// Not imported as a module: importing node:http reads every export of it, and its WebSocket and
// fetch classes load Node's fetch implementation (undici), 60 ms of the build's CPU for nothing.
const { createServer } = process.getBuiltinModule('node:http');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.gif': 'image/gif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.pdf': 'application/pdf',
};

/** A static file server for a built site, on 127.0.0.1 and a free port. */
export interface StaticServer {
  /** e.g. `http://127.0.0.1:41234` (no trailing slash). */
  origin: string;
  close(): Promise<void>;
}

/** The file a URL path is served from, as the static host serves it (src/site/paths.ts). */
export function resolveFile(root: string, urlPath: string): string | undefined {
  const file = fileForUrlPath(urlPath, (candidate) => {
    try {
      return statSync(path.join(root, candidate)).isFile();
    } catch {
      return false;
    }
  });
  return file === undefined ? undefined : path.join(root, file);
}

/**
 * Serves `siteDir` read-only (GET/HEAD) on a free loopback port, under the base path the
 * site is built for (as its host will serve it): outside the base, nothing is found.
 */
export async function serveStatic(siteDir: string, base = basePath()): Promise<StaticServer> {
  const root = path.resolve(siteDir);
  const server: Server = createServer((req, res) => {
    const pathname = withoutBase(new URL(req.url ?? '/', 'http://127.0.0.1').pathname, base);
    const file =
      (req.method === 'GET' || req.method === 'HEAD') && pathname !== undefined
        ? resolveFile(root, pathname)
        : undefined;
    if (file === undefined) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('Not found');
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      // Astro names its built assets by their content (/_astro/<name>.<hash>.css): the browser
      // keeps those, so the shared stylesheets and fonts load once per print run, not per sheet.
      'cache-control': pathname?.startsWith('/_astro/') === true ? 'public, max-age=31536000, immutable' : 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
