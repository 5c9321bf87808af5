/** Source positions: where an offset or a field path sits in a text or a parsed YAML (or JSON) document. */
import { isMap, isScalar, isSeq, type Document, type LineCounter, type Node } from 'yaml';

/** A 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** Where a field path sits in a parsed document: its key or its value. */
export type Locate = (path: readonly PropertyKey[], part?: 'key' | 'value') => Position;

/** The line and column of a character offset in `text`. */
export function positionOfOffset(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - before.lastIndexOf('\n') };
}

/**
 * Locates field paths in a document parsed with `lineCounter`; `lineOffset` shifts lines for
 * a document that starts further down its file (an .mdx file's frontmatter). A missing field
 * is placed at the deepest parent that exists.
 */
export function yamlLocator(doc: Document, lineCounter: LineCounter, lineOffset = 0): Locate {
  return (path, part = 'value') => {
    const { line, col } = lineCounter.linePos(offsetOf(doc, path, part));
    return { line: line + lineOffset, column: col };
  };
}

/** Offset of the node at `path`: its key or value; for a missing field, the deepest parent that exists. */
function offsetOf(doc: Document, path: readonly PropertyKey[], part: 'key' | 'value'): number {
  let node: unknown = doc.contents;
  let offset = (doc.contents as Node | null)?.range?.[0] ?? 0;
  for (const [index, segment] of path.entries()) {
    const last = index === path.length - 1;
    if (isMap(node)) {
      const pair = node.items.find((item) => isScalar(item.key) && String(item.key.value) === String(segment));
      if (pair === undefined) return offset;
      const keyOffset = (pair.key as Node).range?.[0] ?? offset;
      if (last && part === 'key') return keyOffset;
      const value = pair.value as Node | null;
      offset = value?.range?.[0] ?? keyOffset;
      node = value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (item === undefined) return offset;
      offset = item.range?.[0] ?? offset;
      node = item;
    } else {
      return offset;
    }
  }
  return offset;
}
