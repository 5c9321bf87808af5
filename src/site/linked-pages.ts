/**
 * The pages of unchanged sheets hard-linked into Astro's output before it generates the pages.
 *
 * Astro's incremental build keeps a copy of each keyed page under <cacheDir>/dist/ and, for a page
 * whose key and code are those of its last build, copies that copy into the output, unless a file
 * is there already (then it leaves it: "cached"; Astro 7's core/build/generate.js). Our builds go
 * into a new staging directory, so after one sheet's edit at 200 English sheets that was 1,393 new
 * files every build: 0.4-1.9 s of system time on this disk, more than Astro rendered. A hard link
 * is a new name, not a new file: the build's prerenderer is wrapped (`setPrerenderer` in
 * `astro:build:start`, src/integration.ts; `npm run build` only, which hands over the page keys)
 * to link each such page's copy into the output once Astro has listed its paths, before it
 * generates them. The bytes are those Astro would have copied.
 *
 * A link shares the file with Astro's copy, and through it with the last site (linked the same
 * way), so nothing may write into one in place:
 * - a page Astro renders (its key changed, or Astro does not trust its copy: its code changed, the
 *   project moved) is unlinked first from the output and from Astro's cache, so Astro writes both
 *   as new files (render, below);
 * - a copy whose size or modification time is not what it was once Astro's last build
 *   ended (recordCopies; not recorded: shared with another file), a page of dist/ edited by hand
 *   say, is removed, so Astro renders that page again;
 * - later stages never write a page in place (the PDFs' sizes are written aside and renamed in:
 *   src/print/index.ts writePdfSizes), and the build unlinks the last site's links before it
 *   records the new one (src/replace-dist.ts replaceDist: unlinking changes the shared file's
 *   status-change time, which the record keeps).
 * Anything unexpected (Astro's manifest of another version, a page file not where we expect it,
 * a link that fails) leaves that page, or all of them, to Astro's own copy.
 */
import { type Dirent, linkSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { AstroPrerenderer, PathWithRoute } from 'astro';
import { keepCacheFile } from '../print/cache.ts';

/** Each copy of Astro's cache (path under <cacheDir>/dist/, forward slashes) with its stamp, once Astro's build ended. */
export const PAGE_COPIES_RECORD = '.cache/page-copies.v2.json';

/** The version of Astro's incremental build manifest (core/build/incremental.js) this reads. */
const ASTRO_MANIFEST_VERSION = 1;

interface AstroManifest {
  version: number;
  routes: Record<string, { paths: Record<string, { cacheKey?: string; outputFile: string; contentHashes?: unknown }> }>;
}

/** Where the pages go and come from. */
export interface LinkedPagesDirs {
  /** The project root (for the record). */
  root: string;
  /** Astro's `cacheDir`. */
  cacheDir: string;
  /** Astro's `outDir` (the build's staging directory). */
  outDir: string;
  /** Astro's `base`, as in the config ("/" or "/fact-sheets/"). */
  base: string;
}

/**
 * A file's size and modification time: what a write into it in place changes. Not its inode: a
 * cache restored elsewhere (CI's `.cache/`, unpacked with the times kept) gives every copy a new one.
 */
function stampOf(file: string): string {
  const info = statSync(file, { bigint: true });
  return `${info.size}:${info.mtimeNs}`;
}

/** The file at URL path `relative` (as Astro records it: URL-encoded) under `dir`. */
function fileIn(dir: string, relative: string): string {
  return fileURLToPath(new URL(relative, pathToFileURL(`${dir}${path.sep}`)));
}

const trimmed = (pathname: string): string => pathname.replace(/^\/+|\/+$/g, '');

/**
 * Where Astro writes the page of `pathname` under the output and its cache, with `build.format`
 * 'directory' (the project's): a page into its folder's index.html, an endpoint under its name.
 */
function outputFileOf(pathname: string, route: PathWithRoute['route']): string {
  const name = trimmed(pathname);
  if (route.type === 'endpoint') return name;
  return name === '' ? 'index.html' : `${name}/index.html`;
}

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch {
    return undefined;
  }
}

/** Each copy of Astro's cache with its stamp, as the last build's recordCopies left them (none recorded: empty). */
export function recordedCopies(root: string): Record<string, string> {
  return readJson<{ copies: Record<string, string> }>(path.join(root, PAGE_COPIES_RECORD))?.copies ?? {};
}

/**
 * Astro's prerenderer `astros`, with the pages whose copies Astro would restore linked into the
 * output before they are generated (see above).
 */
export function linkingPrerenderer(astros: AstroPrerenderer, dirs: LinkedPagesDirs): AstroPrerenderer {
  const copies = path.join(dirs.cacheDir, 'dist');
  const base = trimmed(dirs.base);
  // Keyed by route component and path: each keyed page's copy, and each page linked (the link).
  const copyOf = new Map<string, string>();
  const linkOf = new Map<string, string>();
  const keyOf = (component: string, pathname: string): string => `${component}\0${trimmed(pathname)}`;
  const requested = (request: Request): string => {
    const pathname = trimmed(decodeURI(new URL(request.url).pathname));
    if (base === '') return pathname;
    return pathname === base ? '' : pathname.startsWith(`${base}/`) ? pathname.slice(base.length + 1) : pathname;
  };

  const linkUnchanged = (paths: readonly PathWithRoute[]): void => {
    const manifest = readJson<AstroManifest>(path.join(dirs.cacheDir, 'incremental-build.json'));
    const recorded = recordedCopies(dirs.root);
    const planned: { key: string; copy: string; relative: string }[] = [];
    let layoutKnown = true;
    for (const { pathname, route, cacheKey } of paths) {
      if (cacheKey === undefined) continue;
      const key = keyOf(route.component, pathname);
      const relative = outputFileOf(pathname, route);
      const entry =
        manifest?.version === ASTRO_MANIFEST_VERSION ? manifest.routes[route.component]?.paths[pathname] : undefined;
      copyOf.set(key, fileIn(copies, entry?.outputFile ?? relative));
      if (entry === undefined) continue;
      // Astro's layout is not the one assumed here: no page is linked, Astro copies them all.
      if (entry.outputFile !== relative) layoutKnown = false;
      if (entry.cacheKey !== cacheKey || entry.contentHashes !== undefined) continue;
      planned.push({ key, copy: fileIn(copies, relative), relative });
    }
    if (!layoutKnown) return;
    const made = new Set<string>();
    for (const { key, copy, relative } of planned) {
      const file = fileIn(dirs.outDir, relative);
      try {
        // Written since Astro's last build ended (not as recorded then; or, not recorded, shared
        // with another file: the last site's): maybe not Astro's copy any more. Removed, so Astro
        // renders the page again.
        const want = recorded[path.relative(copies, copy).split(path.sep).join('/')];
        if (want === undefined ? statSync(copy).nlink > 1 : want !== stampOf(copy)) {
          rmSync(copy, { force: true });
          continue;
        }
        const folder = path.dirname(file);
        if (!made.has(folder)) {
          mkdirSync(folder, { recursive: true });
          made.add(folder);
        }
        linkSync(copy, file);
        linkOf.set(key, file);
      } catch {
        // no copy, or no link here (another file system): Astro restores it, or renders it
      }
    }
  };

  return {
    name: astros.name,
    ...(astros.setup === undefined ? {} : { setup: () => astros.setup!() }),
    getStaticPaths: async () => {
      const paths = await astros.getStaticPaths();
      linkUnchanged(paths);
      return paths;
    },
    render: (request, options) => {
      // Rendered after all: the page and its copy are written as new files, never into the link.
      const key = keyOf(options.routeData.component, requested(request));
      const link = linkOf.get(key);
      if (link !== undefined) {
        rmSync(link, { force: true });
        linkOf.delete(key);
      }
      const copy = copyOf.get(key);
      if (copy !== undefined) rmSync(copy, { force: true });
      return astros.render(request, options);
    },
    ...(astros.collectStaticImages === undefined ? {} : { collectStaticImages: () => astros.collectStaticImages!() }),
    ...(astros.teardown === undefined ? {} : { teardown: () => astros.teardown!() }),
  };
}

/**
 * Records each copy of Astro's cache (<cacheDir>/dist/) with its stamp, once Astro's build has
 * ended, and returns them: a copy shared with another file whose stamp is not this one was written
 * since, not by Astro (linkingPrerenderer removes it).
 */
export function recordCopies(root: string, cacheDir: string): Record<string, string> {
  const copies = path.join(cacheDir, 'dist');
  const out: Record<string, string> = {};
  let entries: Dirent[];
  try {
    entries = readdirSync(copies, { withFileTypes: true, recursive: true });
  } catch {
    entries = [];
  }
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    const file = path.join(entry.parentPath, entry.name);
    out[path.relative(copies, file).split(path.sep).join('/')] = stampOf(file);
  }
  // Not written: the next build finds every copy shared with the last site unrecorded, and renders it.
  keepCacheFile(path.join(root, PAGE_COPIES_RECORD), JSON.stringify({ copies: out }));
  return out;
}
