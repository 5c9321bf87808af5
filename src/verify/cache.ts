/**
 * The verify cache: a file of the site is checked again only when what its check read
 * changed. While a file is checked, every URL path it resolved (and to which file) and every
 * page whose anchors it looked up are recorded; the next build reuses the file's problems
 * when the file's bytes are the same, each of those paths still resolves to the same file,
 * each of those pages still has the same anchors, and the verify code, the site's address and
 * base path are the same. So an edit re-checks the changed files and the links into them.
 *
 * The anchors of a page are kept by the page's content hash, so an unchanged page is never
 * parsed again to learn them. One JSON file, `.cache/verify/state.json`; anything unreadable is
 * an empty cache.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { codeHash } from '../print/cache.ts';
import type { Issue } from '../diagnostics/index.ts';
import type { BuiltSite } from './site.ts';

const FORMAT = 'ogp-verify-cache-1';

const sha256 = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

interface FileRecord {
  /** The sha256 of what was checked: the file's bytes (or a PDF's links as print read them). */
  input: string;
  problems: Issue[];
  /** URL paths resolved, and the file each resolved to ('' for none). */
  resolved: [string, string][];
  /** Pages whose anchors were looked up, with the hash of those anchors. */
  anchors: [string, string][];
}

interface State {
  format: string;
  /** Verify code, site address, base path. */
  identity: string;
  files: Record<string, FileRecord>;
  /** Anchors of a page by the page's sha256. */
  ids: Record<string, string[]>;
}

/** What one file's check read, recorded through a view of the built site. */
export interface Recorder {
  view: BuiltSite;
  finish(input: string, problems: Issue[]): void;
}

export class VerifyCache {
  private readonly file: string;
  private readonly previous: State;
  private readonly next: State;
  private readonly built: BuiltSite;
  private readonly contentHashes = new Map<string, string>();
  private readonly fileSet: Set<string>;

  private constructor(file: string, identity: string, previous: State, built: BuiltSite) {
    this.file = file;
    this.previous = previous;
    this.built = built;
    this.next = { format: FORMAT, identity, files: {}, ids: {} };
    this.fileSet = new Set(built.files);
  }

  static async open(dir: string, built: BuiltSite, site: string): Promise<VerifyCache> {
    const identity = sha256(
      JSON.stringify({ code: codeHash(path.join(import.meta.dirname, 'index.ts')), site, base: built.base }),
    );
    const file = path.join(dir, 'state.json');
    let previous: State = { format: FORMAT, identity, files: {}, ids: {} };
    try {
      const read = JSON.parse(await readFile(file, 'utf8')) as State;
      if (read.format === FORMAT && read.identity === identity && typeof read.files === 'object') previous = read;
    } catch {
      // no cache yet, or unreadable: check everything
    }
    return new VerifyCache(file, identity, previous, built);
  }

  /** The sha256 of a file of the site. */
  contentHash(file: string): string {
    let hash = this.contentHashes.get(file);
    if (hash === undefined) {
      hash = sha256(this.built.read(file));
      this.contentHashes.set(file, hash);
    }
    return hash;
  }

  /** The sha256 of each file read so far (contentHash), by its path in the site. */
  readHashes(): ReadonlyMap<string, string> {
    return this.contentHashes;
  }

  /** A page's anchors, from the cache when the page is unchanged. */
  private ids(file: string): Set<string> {
    if (!file.endsWith('.html')) return this.built.idsOf(file);
    const hash = this.contentHash(file);
    const known = this.next.ids[hash] ?? this.previous.ids[hash];
    if (known !== undefined) {
      this.next.ids[hash] = known;
      return new Set(known);
    }
    const ids = this.built.idsOf(file);
    this.next.ids[hash] = [...ids].sort();
    return ids;
  }

  private idsHash(file: string): string {
    return sha256(JSON.stringify([...this.ids(file)].sort()));
  }

  /** The problems recorded for `file` when nothing its check read changed; else undefined. */
  reuse(file: string, input: string): Issue[] | undefined {
    const record = this.previous.files[file];
    if (record?.input !== input) return undefined;
    for (const [urlPath, resolved] of record.resolved)
      if ((this.built.resolve(urlPath) ?? '') !== resolved) return undefined;
    for (const [page, hash] of record.anchors) {
      if (!this.fileSet.has(page) || this.idsHash(page) !== hash) return undefined;
    }
    this.next.files[file] = record;
    return record.problems;
  }

  /** A view of the site for checking `file` that records what the check reads. */
  record(file: string): Recorder {
    const resolved = new Map<string, string>();
    const anchors = new Set<string>();
    const built = this.built;
    const view = Object.create(built) as BuiltSite;
    view.resolve = (urlPath: string): string | undefined => {
      const found = built.resolve(urlPath);
      resolved.set(urlPath, found ?? '');
      return found;
    };
    view.idsOf = (page: string): Set<string> => {
      anchors.add(page);
      return this.ids(page);
    };
    return {
      view,
      finish: (input, problems) => {
        this.next.files[file] = {
          input,
          problems,
          resolved: [...resolved].sort(),
          anchors: [...anchors].sort().map((page) => [page, this.idsHash(page)]),
        };
      },
    };
  }

  async save(): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(this.next));
    await rename(temporary, this.file);
  }
}
