/**
 * Data parsed from a file, kept by a hash of what it was parsed from, under the project root from
 * one run to the next (one v8-serialized file a kind): the YAML documents' data (src/content/
 * source.ts), the data files' rows (src/charts/data-file.ts), the fonts' code points (src/content/
 * font-coverage.ts). Written once a build has succeeded,
 * with the entries the run used (`check` only reads it); anything unreadable is an empty cache.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deserialize, serialize } from 'node:v8';

export const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/**
 * What parsed data depends on besides its text: the parsing module's code (how it parses, what it
 * refuses) and the parser package's version, folded into the keys so that data kept by other code
 * is never taken. Undefined (the cache unused) when either cannot be read.
 */
export function parserStamp(moduleUrl: string, parser: string): string | undefined {
  try {
    return sha256(`${readFileSync(fileURLToPath(moduleUrl), 'utf8')}\0${parser}@${packageVersion(moduleUrl, parser)}`);
  } catch {
    return undefined;
  }
}

/** The version of the package `name` as `moduleUrl` imports it (found above its entry: not every package exports its package.json). */
function packageVersion(moduleUrl: string, name: string): string {
  for (let dir = path.dirname(createRequire(moduleUrl).resolve(name)); ; dir = path.dirname(dir)) {
    try {
      const found = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown; version?: unknown };
      if (found.name === name && typeof found.version === 'string') return found.version;
    } catch {
      // no package.json here
    }
    if (path.dirname(dir) === dir) throw new Error(`no package.json of ${name}`);
  }
}

export interface KeptData {
  /** A copy of the data kept with this key, if it is known. */
  take(key: string): unknown;
  keep(key: string, data: unknown): void;
}

interface Opened {
  known: Map<string, Buffer>;
  used: Map<string, Buffer>;
  added: boolean;
}

const empty = (): Opened => ({ known: new Map(), used: new Map(), added: false });

/** The cache kept in `file` (relative to a project root): opened once per root, saved by `save`. */
export function keptData(file: string): { open(root: string): Promise<KeptData>; save(root: string): Promise<void> } {
  /** Per project root: the cache as read, and what this run took from it or added. */
  const caches = new Map<string, Promise<Opened>>();
  return {
    async open(root) {
      let opened = caches.get(root);
      if (opened === undefined) {
        opened = readFile(path.join(root, file)).then(
          (bytes) => ({ known: deserialize(bytes) as Map<string, Buffer>, used: new Map<string, Buffer>(), added: false }),
          empty,
        );
        caches.set(root, opened);
      }
      const cache = await opened.catch(empty);
      return {
        take: (key) => {
          const bytes = cache.known.get(key);
          if (!(bytes instanceof Uint8Array)) return undefined;
          try {
            const data: unknown = deserialize(bytes);
            cache.used.set(key, bytes);
            return data;
          } catch {
            return undefined; // a damaged entry: parsed again
          }
        },
        keep: (key, data) => {
          try {
            const bytes = serialize(data);
            cache.known.set(key, bytes);
            cache.used.set(key, bytes);
            cache.added = true;
          } catch {
            // data the cache cannot hold: parsed again next time
          }
        },
      };
    },
    /**
     * Writes the cache of the project at `root` with the entries this run used (when it added any,
     * or used fewer than it holds), and starts the next run afresh. A cache that cannot be written
     * only costs the next run its parsing.
     */
    async save(root) {
      const opened = caches.get(root);
      caches.delete(root);
      const cache = await opened?.catch(() => undefined);
      if (cache === undefined || (!cache.added && cache.used.size === cache.known.size)) return;
      const target = path.join(root, file);
      const temporary = `${target}.${process.pid}.tmp`;
      try {
        await mkdir(path.dirname(target), { recursive: true });
        await writeFile(temporary, serialize(cache.used));
        await rename(temporary, target);
      } catch {
        // not written: the next run parses what it reads
      }
    },
  };
}
