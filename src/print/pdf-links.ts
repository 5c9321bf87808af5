/**
 * The links of a PDF Chromium printed, read straight from its objects: each page's link
 * annotations (a URI, or a named destination inside the PDF) and the named destinations the
 * PDF defines. The print stage reads them once, from the bytes it just wrote (or from the
 * print cache), so the verify stage checks them without opening the PDF again.
 *
 * Skia writes a classic PDF (see pdf.ts): every object is reachable from the cross-reference
 * table, so a small reader of PDF values is enough; anything else is refused, and the verify
 * stage then reads the file with pdf.js instead.
 */
import { objectSpan, parse } from './pdf.ts';

/** One link annotation: where it is and what it points at. */
export interface PdfLink {
  /** 1-based page number. */
  page: number;
  /** The URI of a URI action. */
  uri?: string;
  /** A named destination in this PDF (a go-to link). */
  dest?: string;
}

export interface PdfLinks {
  links: PdfLink[];
  /** The named destinations the PDF defines (its /Dests dictionary). */
  destinations: string[];
}

type PdfValue =
  | { kind: 'dict'; entries: Map<string, PdfValue> }
  | { kind: 'array'; items: PdfValue[] }
  | { kind: 'name'; value: string }
  | { kind: 'string'; value: string }
  | { kind: 'ref'; num: number }
  | { kind: 'other' };

class Reader {
  at = 0;
  private readonly text: string;
  constructor(text: string) {
    this.text = text;
  }

  private skip(): void {
    for (;;) {
      const c = this.text[this.at];
      if (c === '%') {
        while (this.at < this.text.length && !/[\r\n]/.test(this.text[this.at] ?? '')) this.at++;
      } else if (c !== undefined && /[\s\0]/.test(c)) this.at++;
      else return;
    }
  }

  value(): PdfValue {
    this.skip();
    const text = this.text;
    const c = text[this.at];
    if (text.startsWith('<<', this.at)) {
      this.at += 2;
      const entries = new Map<string, PdfValue>();
      for (;;) {
        this.skip();
        if (text.startsWith('>>', this.at)) {
          this.at += 2;
          return { kind: 'dict', entries };
        }
        const key = this.value();
        if (key.kind !== 'name') throw new Error('a dictionary key is not a name');
        entries.set(key.value, this.value());
      }
    }
    if (c === '[') {
      this.at++;
      const items: PdfValue[] = [];
      for (;;) {
        this.skip();
        if (text[this.at] === ']') {
          this.at++;
          return { kind: 'array', items };
        }
        if (this.at >= text.length) throw new Error('an array is not closed');
        items.push(this.value());
      }
    }
    if (c === '/') {
      const m = /\/([^\s()<>[\]{}/%]*)/y;
      m.lastIndex = this.at;
      const found = m.exec(text);
      this.at = m.lastIndex;
      return {
        kind: 'name',
        value: (found?.[1] ?? '').replace(/#([0-9a-f]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
      };
    }
    if (c === '(') return { kind: 'string', value: decodeText(this.literal()) };
    if (c === '<') {
      const end = text.indexOf('>', this.at);
      if (end < 0) throw new Error('a hex string is not closed');
      const hex = text.slice(this.at + 1, end).replace(/\s/g, '');
      this.at = end + 1;
      let bytes = '';
      for (let i = 0; i < hex.length; i += 2)
        bytes += String.fromCharCode(parseInt(hex.slice(i, i + 2).padEnd(2, '0'), 16));
      return { kind: 'string', value: decodeText(bytes) };
    }
    const ref = /(\d+)\s+(\d+)\s+R\b/y;
    ref.lastIndex = this.at;
    const r = ref.exec(text);
    if (r !== null) {
      this.at = ref.lastIndex;
      return { kind: 'ref', num: Number(r[1]) };
    }
    const token = /[^\s()<>[\]{}/%]+/y;
    token.lastIndex = this.at;
    if (token.exec(text) === null) throw new Error(`unexpected "${c ?? 'end of object'}"`);
    this.at = token.lastIndex;
    return { kind: 'other' };
  }

  /** A literal string's bytes: balanced parentheses, backslash escapes. */
  private literal(): string {
    const text = this.text;
    let depth = 0;
    let out = '';
    for (this.at++; this.at < text.length; this.at++) {
      const c = text[this.at] as string;
      if (c === '\\') {
        const next = text[++this.at] ?? '';
        const octal = /[0-7]{1,3}/y;
        octal.lastIndex = this.at;
        const o = octal.exec(text);
        if (o !== null) {
          out += String.fromCharCode(parseInt(o[0], 8) & 0xff);
          this.at = octal.lastIndex - 1;
        } else if (next === '\r' || next === '\n') {
          if (next === '\r' && text[this.at + 1] === '\n') this.at++;
        } else out += ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[next] ?? next;
      } else if (c === '(') {
        depth++;
        out += c;
      } else if (c === ')') {
        if (depth === 0) {
          this.at++;
          return out;
        }
        depth--;
        out += c;
      } else out += c;
    }
    throw new Error('a string is not closed');
  }
}

/** PDF text string bytes as text: UTF-16BE with a byte-order mark, else one byte a character. */
function decodeText(bytes: string): string {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let out = '';
  for (let i = 2; i + 1 < bytes.length; i += 2)
    out += String.fromCharCode((bytes.charCodeAt(i) << 8) | bytes.charCodeAt(i + 1));
  return out;
}

/** Reads the links of a PDF Chromium wrote. Throws when the file is not laid out as Skia writes it. */
export function readPdfLinks(pdf: Uint8Array): PdfLinks {
  const parsed = parse(pdf);
  const objects = new Map<number, PdfValue>();
  const object = (num: number): PdfValue => {
    let value = objects.get(num);
    if (value === undefined) {
      value = new Reader(objectSpan(parsed, num).body).value();
      objects.set(num, value);
    }
    return value;
  };
  const resolve = (value: PdfValue | undefined): PdfValue | undefined =>
    value?.kind === 'ref' ? object(value.num) : value;
  const dict = (value: PdfValue | undefined): Map<string, PdfValue> | undefined => {
    const resolved = resolve(value);
    return resolved?.kind === 'dict' ? resolved.entries : undefined;
  };
  const text = (value: PdfValue | undefined): string | undefined => {
    const resolved = resolve(value);
    return resolved?.kind === 'string' || resolved?.kind === 'name' ? resolved.value : undefined;
  };

  const catalog = dict({ kind: 'ref', num: parsed.root });
  if (catalog === undefined) throw new Error('the catalog is not a dictionary');
  // Destinations in a name tree (/Names) are not read here: pdf.js reads such a file.
  if (catalog.has('Names')) throw new Error('the destinations are in a name tree');
  const links: PdfLink[] = [];
  let pageNumber = 0;
  const visit = (node: PdfValue | undefined, depth: number): void => {
    const entries = dict(node);
    if (entries === undefined || depth > 64) throw new Error('the page tree cannot be read');
    const kids = resolve(entries.get('Kids'));
    if (kids?.kind === 'array') {
      for (const kid of kids.items) visit(kid, depth + 1);
      return;
    }
    pageNumber++;
    const annots = resolve(entries.get('Annots'));
    if (annots?.kind !== 'array') return;
    for (const item of annots.items) {
      const annot = dict(item);
      if (annot === undefined || text(annot.get('Subtype')) !== 'Link') continue;
      const action = dict(annot.get('A'));
      const link: PdfLink = { page: pageNumber };
      if (action !== undefined && text(action.get('S')) === 'URI') link.uri = text(action.get('URI')) ?? '';
      const dest = action !== undefined && text(action.get('S')) === 'GoTo' ? action.get('D') : annot.get('Dest');
      const name = text(dest);
      if (name !== undefined) link.dest = name;
      links.push(link);
    }
  };
  visit(catalog.get('Pages'), 0);
  const dests = dict(catalog.get('Dests'));
  return { links, destinations: dests === undefined ? [] : [...dests.keys()] };
}
