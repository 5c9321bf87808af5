/**
 * The built site as the verify stage sees it: its files, the URL path of each page, which
 * file a URL path resolves to, and the ids (anchors) each page has.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { load } from '../cheerio.ts';
import { basePath, fileForUrlPath, withoutBase } from '../site/paths.ts';
import { listFiles } from './files.ts';

export { listFiles, urlPathOf } from './files.ts';

/**
 * At most this many pages parsed ahead are held (a parse is several megabytes): a page linking into
 * hundreds of others with anchors (an index of every sheet's sections) parses the rest twice, as
 * before, rather than holding them all.
 */
const PARSED_AHEAD = 16;

export class BuiltSite {
  readonly dir: string;
  /** The base path the site is served under ("/" or "/fact-sheets/"). */
  readonly base: string;
  readonly files: string[];
  private readonly fileSet: Set<string>;
  private readonly idCache = new Map<string, Set<string>>();
  /**
   * Pages whose own check is still to come in this run (verifySite): a link into one parses it for
   * its ids, and that parse is kept for its check (takeParsed), not made twice.
   */
  awaitingCheck = new Set<string>();
  private readonly parsedAhead = new Map<string, CheerioAPI>();

  constructor(dir: string, base = basePath()) {
    this.dir = path.resolve(dir);
    this.base = base;
    this.files = existsSync(this.dir) && statSync(this.dir).isDirectory() ? listFiles(this.dir) : [];
    this.fileSet = new Set(this.files);
  }

  /** The file a URL path is served from (as a static host does), or undefined (also outside the base path). */
  resolve(urlPath: string): string | undefined {
    const inside = withoutBase(urlPath, this.base);
    if (inside === undefined) return undefined;
    return fileForUrlPath(inside, (file) => this.fileSet.has(file));
  }

  /** The ids (and `<a name>`s) of an HTML file: the anchors a link may name. */
  idsOf(file: string): Set<string> {
    let ids = this.idCache.get(file);
    if (ids === undefined) {
      if (file.endsWith('.html')) {
        const text = readFileSync(path.join(this.dir, file), 'utf8');
        if (this.awaitingCheck.has(file) && this.parsedAhead.size < PARSED_AHEAD) {
          // Parsed as its check parses it, and kept for it.
          const $ = load(text);
          this.parsedAhead.set(file, $);
          ids = anchorsIn(elementsOf($));
        } else ids = anchorsIn(elementsOf(load(text)));
      } else ids = new Set();
      this.idCache.set(file, ids);
    }
    return ids;
  }

  /** The page parsed ahead for its ids (idsOf), handed to its check once (undefined: not parsed yet). */
  takeParsed(file: string): CheerioAPI | undefined {
    const $ = this.parsedAhead.get(file);
    this.parsedAhead.delete(file);
    return $;
  }

  /** A page parsed ahead and not checked yet: checked next, so that few parses are held at once. */
  nextParsed(): string | undefined {
    return this.parsedAhead.keys().next().value;
  }

  /**
   * Learns the ids of `file` from its `elements` (elementsOf), those of the page parsed for its own
   * links' check: a page changed since the last build is checked, and then its anchors are asked
   * for (its links to itself, the verify cache), and it was parsed again for them.
   */
  knowIds(file: string, elements: readonly Element[]): void {
    if (!this.idCache.has(file)) this.idCache.set(file, anchorsIn(elements));
  }

  read(file: string): Buffer {
    return readFileSync(path.join(this.dir, file));
  }
}

/**
 * Every element of a parsed page in document order, as `$('*')` lists them (template contents
 * too), walked directly: the selector engine took three times as long.
 */
export function elementsOf($: CheerioAPI): Element[] {
  const elements: Element[] = [];
  const walk = (nodes: readonly AnyNode[]): void => {
    for (const node of nodes) {
      if ('attribs' in node) elements.push(node);
      if ('children' in node) walk(node.children);
    }
  };
  const root = $.root().get(0);
  if (root !== undefined) walk(root.children);
  return elements;
}

/** The ids (and `<a name>`s) of a parsed page's elements. */
function anchorsIn(elements: readonly Element[]): Set<string> {
  const ids = new Set<string>();
  for (const node of elements) {
    const { id, name } = node.attribs;
    if (id !== undefined) ids.add(id);
    if (name !== undefined && node.tagName === 'a') ids.add(name);
  }
  return ids;
}
