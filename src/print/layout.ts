/**
 * Where the parts of a printed sheet landed, measured from the PDF itself.
 *
 * Chromium tags the PDF: one structure element per heading, paragraph, list and figure, in
 * document order, each owning its marked content. The structure tree (read from the PDF's
 * objects) says which text belongs to which part; pdfjs gives every text run's page and
 * position. The sheet's outline, read from the page before printing (headings and charts,
 * with their section and anchor), names the parts: the n-th heading of the page is the n-th
 * heading element of the PDF, the n-th chart the n-th outermost figure. Nothing here depends
 * on the language of the text.
 */
import { readObjects } from './pdf.ts';

/** A4 and the @page margins of print.css (mm): the page area the columns share. */
export const PAGE = { width: 210, height: 297, top: 12, bottom: 17, left: 14, right: 14 } as const;

const MM_PER_PT = 25.4 / 72;

/** What the page says a heading is: the sheet's title, a section's, a group's or a commitment's. */
export type HeadingRole = 'title' | 'section' | 'group' | 'commitment-group' | 'commitment';

/**
 * The named parts of a sheet page, read in the browser before printing (see `readOutline`),
 * in document order; some may not print (the table of contents).
 */
export interface SheetOutline {
  headings: { level: number; text: string; role: HeadingRole; section: string; id: string }[];
  charts: { id: string; section: string; title: string }[];
}

/** A point of the printed sheet: page (1-based), column (1 or 2), distance from the page's top edge (mm). */
export interface Place {
  page: number;
  column: number;
  y: number;
}

/** Where a part starts and ends. */
export interface Extent {
  start: Place;
  end: Place;
}

/** One text run of the PDF, in mm from the top-left corner of its page. */
interface TextRun {
  page: number;
  x: number;
  top: number;
  bottom: number;
  size: number;
  text: string;
}

/** A structure element of the tagged PDF. */
export interface StructNode {
  role: string;
  parent: StructNode | undefined;
  children: StructNode[];
  /** Its own marked content, as pdfjs names it ('p2R_mc51'). */
  content: string[];
  /** Text runs of this element and everything under it, in reading order. */
  runs: TextRun[];
}

/** The measured sheet: the structure tree with positions, and each page's columns. */
export interface MeasuredPdf {
  pages: number;
  root: StructNode;
  /** Body text size (pt): the size most characters of paragraphs and lists are set in. */
  bodyPt: number;
}

/** Strips PDF strings from a dictionary's text, so that a title containing "/K" is not read as a key. */
function withoutStrings(body: string): string {
  return body.replace(/\((?:[^()\\]|\\.)*\)/g, '()').replace(/<(?!<)[0-9A-Fa-f\s]*>/g, '<>');
}

/** The structure tree of a PDF written by Chromium; undefined when it is not tagged. */
export function readStructTree(pdf: Uint8Array): StructNode | undefined {
  const objects = readObjects(pdf);
  const catalog = withoutStrings(objects.body(objects.root));
  const rootRef = /\/StructTreeRoot (\d+) 0 R/.exec(catalog);
  if (rootRef === null) return undefined;
  const root: StructNode = { role: 'Root', parent: undefined, children: [], content: [], runs: [] };
  const visit = (node: StructNode, body: string): void => {
    const page = /\/Pg (\d+) 0 R/.exec(body)?.[1];
    const kids = /\/K\s*(\[[^\]]*\]|\d+ \d+ R|\d+|<<[^>]*>>)/.exec(body)?.[1] ?? '';
    for (const kid of kids.matchAll(/(\d+) \d+ R|<<([^>]*)>>|(\d+)/g)) {
      if (kid[1] !== undefined) {
        const child = withoutStrings(objects.body(Number(kid[1])));
        if (/\/Type \/MCR/.test(child)) addMarked(node, child, page);
        else if (/\/Type \/StructElem/.test(child)) {
          const role = /\/S \/([^\s/>]+)/.exec(child)?.[1] ?? 'NonStruct';
          const element: StructNode = { role, parent: node, children: [], content: [], runs: [] };
          node.children.push(element);
          visit(element, child);
        }
      } else if (kid[2] !== undefined) addMarked(node, kid[2], page);
      else if (kid[3] !== undefined && page !== undefined) node.content.push(`p${page}R_mc${kid[3]}`);
    }
  };
  const addMarked = (node: StructNode, dict: string, page: string | undefined): void => {
    const mcid = /\/MCID (\d+)/.exec(dict)?.[1];
    const pg = /\/Pg (\d+) 0 R/.exec(dict)?.[1] ?? page;
    if (mcid !== undefined && pg !== undefined) node.content.push(`p${pg}R_mc${mcid}`);
  };
  visit(root, withoutStrings(objects.body(Number(rootRef[1]))));
  return root;
}

type Matrix = [number, number, number, number, number, number];
const IDENTITY: Matrix = [1, 0, 0, 1, 0, 0];
/** a × b, PDF order (a applied first). */
const multiply = (a: Matrix, b: Matrix): Matrix => [
  a[0] * b[0] + a[1] * b[2],
  a[0] * b[1] + a[1] * b[3],
  a[2] * b[0] + a[3] * b[2],
  a[2] * b[1] + a[3] * b[3],
  a[4] * b[0] + a[5] * b[2] + b[4],
  a[4] * b[1] + a[5] * b[3] + b[5],
];

/** Glyph code -> text, from a font's /ToUnicode CMap; and the code length in bytes. */
function readToUnicode(cmap: string): { bytes: number; map: Map<number, string> } {
  const map = new Map<number, string>();
  const utf16 = (hex: string): string => {
    const codes: number[] = [];
    for (let i = 0; i + 4 <= hex.length; i += 4) codes.push(parseInt(hex.slice(i, i + 4), 16));
    return String.fromCharCode(...codes);
  };
  const space = /begincodespacerange\s*<([0-9A-Fa-f]+)>/.exec(cmap);
  const bytes = space === null ? 2 : (space[1] ?? '0000').length / 2;
  for (const section of cmap.matchAll(/beginbfchar([^]*?)endbfchar/g)) {
    for (const m of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]*)>/g))
      map.set(parseInt(m[1] ?? '0', 16), utf16(m[2] ?? ''));
  }
  for (const section of cmap.matchAll(/beginbfrange([^]*?)endbfrange/g)) {
    for (const m of (section[1] ?? '').matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(<[0-9A-Fa-f]*>|\[[^\]]*\])/g)) {
      const from = parseInt(m[1] ?? '0', 16);
      const to = parseInt(m[2] ?? '0', 16);
      const target = m[3] ?? '';
      if (target.startsWith('[')) {
        const list = [...target.matchAll(/<([0-9A-Fa-f]*)>/g)].map((x) => utf16(x[1] ?? ''));
        for (let code = from; code <= to; code++) map.set(code, list[code - from] ?? '');
      } else {
        const base = utf16(target.slice(1, -1));
        const last = base.charCodeAt(base.length - 1);
        for (let code = from; code <= to; code++)
          map.set(code, base.slice(0, -1) + String.fromCharCode(last + code - from));
      }
    }
  }
  return { bytes, map };
}

/** A hexadecimal digit's value, by character code. */
const HEX_DIGIT: number[] = [];
for (const [i, ch] of [...'0123456789abcdef'].entries()) {
  HEX_DIGIT[ch.charCodeAt(0)] = i;
  HEX_DIGIT[ch.toUpperCase().charCodeAt(0)] = i;
}

/** An operator of up to three characters as a number (its character codes), so that it is told without a string. */
const opKey = (text: string, from: number, to: number): number => {
  let key = 0;
  for (let i = from; i < to; i++) key = key * 256 + text.charCodeAt(i);
  return key;
};
/** The operators readRuns acts on, by opKey. */
const OPERATORS = new Map(
  ['q', 'Q', 'cm', 'BT', 'ET', 'Tf', 'Tm', 'Td', 'TD', 'Tj', "'", '"', 'TJ', 'BDC', 'BMC', 'EMC'].map((op) => [
    opKey(op, 0, op.length),
    op,
  ]),
);

/** White space inside a hexadecimal string, by character code (what /\s/ matches in Latin-1). */
const WHITE: boolean[] = [];
for (const code of [9, 10, 11, 12, 13, 32, 160]) WHITE[code] = true;

/** Characters that end a name or an operator in a content stream: white space and ()<>[]{}/%. */
const DELIMITER: boolean[] = [];
for (const ch of ' \t\r\n\f\0()<>[]{}/%') DELIMITER[ch.charCodeAt(0)] = true;

/**
 * Every text run of the PDF, by the marked content it belongs to; and the page count. Reads
 * the page content streams directly (Chromium writes text as BT/Tf/Tm/Td/Tj): a few
 * milliseconds a page, where a general PDF library spends its time on the fonts.
 */
function readRuns(pdf: Uint8Array): { pages: number; runs: Map<string, TextRun[]> } {
  const objects = readObjects(pdf);
  const refs = (text: string): number[] => [...text.matchAll(/(\d+) \d+ R/g)].map((m) => Number(m[1]));
  const dictionary = (body: string, key: string): string => {
    const inline = new RegExp(`/${key}\\s*<<([^]*?)>>`).exec(body);
    if (inline !== null) return inline[1] ?? '';
    const ref = new RegExp(`/${key} (\\d+) \\d+ R`).exec(body);
    return ref === null ? '' : withoutStrings(objects.body(Number(ref[1])));
  };
  const pageNumbers: number[] = [];
  const walk = (num: number): void => {
    const body = withoutStrings(objects.body(num));
    const kids = /\/Kids\s*\[([^\]]*)\]/.exec(body);
    if (kids === null) pageNumbers.push(num);
    else for (const kid of refs(kids[1] ?? '')) walk(kid);
  };
  const pagesRef = /\/Pages (\d+) \d+ R/.exec(withoutStrings(objects.body(objects.root)));
  if (pagesRef !== null) walk(Number(pagesRef[1]));
  const fonts = new Map<number, ReturnType<typeof readToUnicode>>();
  const fontOf = (num: number): ReturnType<typeof readToUnicode> => {
    let font = fonts.get(num);
    if (font === undefined) {
      const toUnicode = /\/ToUnicode (\d+) \d+ R/.exec(withoutStrings(objects.body(num)));
      font =
        toUnicode === null
          ? { bytes: 1, map: new Map() }
          : readToUnicode(objects.stream(Number(toUnicode[1])).toString('latin1'));
      fonts.set(num, font);
    }
    return font;
  };
  const runs = new Map<string, TextRun[]>();
  pageNumbers.forEach((pageNum, index) => {
    const page = withoutStrings(objects.body(pageNum));
    const box = /\/MediaBox\s*\[\s*([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s+([-\d.]+)\s*\]/.exec(page);
    const height = Number(box?.[4] ?? 842);
    const resources = /\/Resources\s*<</.test(page) ? page : dictionary(page, 'Resources');
    const fontRefs = new Map<string, number>();
    for (const m of dictionary(resources, 'Font').matchAll(/\/([^\s/]+)\s+(\d+) \d+ R/g))
      fontRefs.set(m[1] ?? '', Number(m[2]));
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+ \d+ R)/.exec(page)?.[1] ?? '';
    const text = refs(contents)
      .map((num) => objects.stream(num).toString('latin1'))
      .join('\n');
    let ctm: Matrix = IDENTITY;
    const saved: Matrix[] = [];
    let tm: Matrix = IDENTITY;
    let tlm: Matrix = IDENTITY;
    let font: ReturnType<typeof readToUnicode> = { bytes: 1, map: new Map() };
    let size = 0;
    const marked: (string | null)[] = [];
    let run: (TextRun & { key: string; baseline: number }) | undefined;
    const end = (): void => {
      if (run === undefined) return;
      if (run.text.trim() !== '') {
        const list = runs.get(run.key);
        const { key: _key, baseline: _baseline, ...plain } = run;
        if (list === undefined) runs.set(run.key, [plain]);
        else list.push(plain);
      }
      run = undefined;
    };
    /** The marked content the text shown now belongs to: the innermost with an MCID. */
    let key = '';
    /** Glyph codes (hexadecimal digits, white space ignored) as text, in the current font. */
    const decode = (h: string, from: number, to: number): string => {
      const digits = font.bytes * 2;
      let decoded = '';
      let code = 0;
      let got = 0;
      for (let k = from; k < to; k++) {
        const c = h.charCodeAt(k);
        if (WHITE[c] === true) continue;
        code = code * 16 + HEX_DIGIT[c]!;
        if (++got === digits) {
          decoded += font.map.get(code) ?? '';
          code = 0;
          got = 0;
        }
      }
      return decoded;
    };
    const show = (decoded: string): void => {
      // The entries of multiply(tm, ctm) that place the text, without building the matrix (once a glyph).
      const baseline = height - (tm[4] * ctm[1] + tm[5] * ctm[3] + ctm[5]);
      if (run !== undefined && run.key === key && Math.abs(run.baseline - baseline) < 0.5) {
        run.text += decoded;
        return;
      }
      const x = (tm[4] * ctm[0] + tm[5] * ctm[2] + ctm[4]) * MM_PER_PT;
      const pt = size * Math.hypot(tm[2] * ctm[0] + tm[3] * ctm[2], tm[2] * ctm[1] + tm[3] * ctm[3]);
      end();
      run = {
        key,
        baseline,
        page: index + 1,
        x,
        top: (baseline - pt * 0.78) * MM_PER_PT,
        bottom: (baseline + pt * 0.22) * MM_PER_PT,
        size: pt,
        text: decoded,
      };
    };
    // A hand-written scanner: content streams are long (a Td and a Tj per glyph), and a
    // regular expression per token spent most of the measuring time allocating matches.
    // The numbers before an operator, as where they are in the text: most operators (paths,
    // colours) need none of them, so only those an operator uses are read.
    const numStarts: number[] = [];
    const numEnds: number[] = [];
    let count = 0;
    /** The k-th number before the operator (1 = the last). */
    const n = (k: number): number => (k > count ? 0 : Number(text.slice(numStarts[count - k], numEnds[count - k])));
    const six = (): Matrix => [n(6), n(5), n(4), n(3), n(2), n(1)];
    /** The string before the operator: hexadecimal digits in str from strFrom to strTo. */
    let str: string | undefined;
    let strFrom = 0;
    let strTo = 0;
    let items: string[] | undefined;
    let array: string[] | undefined;
    let fontName = '';
    let props = '';
    const length = text.length;
    let i = 0;
    while (i < length) {
      const c = text.charCodeAt(i);
      if (c <= 32) {
        i++;
      } else if (c === 60) {
        // < : a hex string, or << a dictionary (marked-content properties) >>
        if (text.charCodeAt(i + 1) === 60) {
          const close = text.indexOf('>>', i + 2);
          props = text.slice(i + 2, close < 0 ? length : close);
          i = close < 0 ? length : close + 2;
        } else {
          const close = text.indexOf('>', i + 1);
          const to = close < 0 ? length : close;
          if (items !== undefined) items.push(text.slice(i + 1, to));
          else {
            str = text;
            strFrom = i + 1;
            strTo = to;
          }
          i = close < 0 ? length : close + 1;
        }
      } else if (c === 40) {
        // ( a literal string ), with nesting and escapes
        let depth = 1;
        let j = i + 1;
        let raw = '';
        while (j < length && depth > 0) {
          const d = text[j] ?? '';
          if (d === '\\') {
            raw += text[j + 1] ?? '';
            j += 2;
            continue;
          }
          if (d === '(') depth++;
          else if (d === ')' && --depth === 0) break;
          raw += d;
          j++;
        }
        const hex = Buffer.from(raw, 'latin1').toString('hex');
        if (items !== undefined) items.push(hex);
        else {
          str = hex;
          strFrom = 0;
          strTo = hex.length;
        }
        i = j + 1;
      } else if (c === 91) {
        items = [];
        i++;
      } else if (c === 93) {
        array = items;
        items = undefined;
        i++;
      } else if (c === 47) {
        let j = i + 1;
        while (j < length && !DELIMITER[text.charCodeAt(j)]) j++;
        fontName = text.slice(i + 1, j);
        i = j;
      } else if (c === 37) {
        const eol = text.indexOf('\n', i);
        i = eol < 0 ? length : eol;
      } else if ((c >= 48 && c <= 57) || c === 45 || c === 43 || c === 46) {
        let j = i + 1;
        for (let d = text.charCodeAt(j); (d >= 48 && d <= 57) || d === 46; d = text.charCodeAt(++j));
        if (items === undefined) {
          numStarts[count] = i;
          numEnds[count++] = j;
        }
        i = j;
      } else {
        let j = i + 1;
        while (j < length && !DELIMITER[text.charCodeAt(j)]) j++;
        const op = j - i <= 3 ? OPERATORS.get(opKey(text, i, j)) : undefined;
        i = j;
        switch (op) {
          case 'q':
            saved.push(ctm);
            break;
          case 'Q':
            ctm = saved.pop() ?? IDENTITY;
            break;
          case 'cm':
            ctm = multiply(six(), ctm);
            break;
          case 'BT':
            tm = IDENTITY;
            tlm = IDENTITY;
            break;
          case 'ET':
            end();
            break;
          case 'Tf': {
            const ref = fontRefs.get(fontName);
            font = ref === undefined ? { bytes: 1, map: new Map() } : fontOf(ref);
            size = n(1);
            break;
          }
          case 'Tm':
            tm = six();
            tlm = tm;
            break;
          case 'Td':
          case 'TD': {
            const tx = n(2);
            const ty = n(1);
            tlm = [
              tlm[0],
              tlm[1],
              tlm[2],
              tlm[3],
              tx * tlm[0] + ty * tlm[2] + tlm[4],
              tx * tlm[1] + ty * tlm[3] + tlm[5],
            ];
            tm = tlm;
            break;
          }
          case 'Tj':
          case "'":
          case '"':
            if (str !== undefined) show(decode(str, strFrom, strTo));
            break;
          case 'TJ':
            if (array !== undefined) show(array.map((hex) => decode(hex, 0, hex.length)).join(''));
            break;
          case 'BDC': {
            const mcid = /\/MCID (\d+)/.exec(props)?.[1];
            marked.push(mcid === undefined ? null : `p${pageNum}R_mc${mcid}`);
            key = marked.findLast((id) => id !== null) ?? '';
            break;
          }
          case 'BMC':
            marked.push(null);
            break;
          case 'EMC':
            end();
            marked.pop();
            key = marked.findLast((id) => id !== null) ?? '';
            break;
        }
        count = 0;
        str = undefined;
        array = undefined;
        props = '';
      }
    }
    end();
  });
  return { pages: pageNumbers.length, runs };
}

/** The column a run is in: 1 left of the page's middle, 2 right of it. */
export function columnOf(x: number): number {
  return x < PAGE.width / 2 ? 1 : 2;
}

const order = (a: TextRun, b: TextRun): number =>
  a.page - b.page || columnOf(a.x) - columnOf(b.x) || a.top - b.top || a.x - b.x;

/** Reads the printed PDF: its structure tree with every element's text runs, in reading order. */
export async function measurePdf(pdf: Uint8Array): Promise<MeasuredPdf> {
  const root = readStructTree(pdf);
  if (root === undefined) throw new Error('the PDF is not tagged: no structure tree to measure');
  const { pages, runs } = readRuns(pdf);
  const sizes = new Map<number, number>();
  const gather = (node: StructNode, inBody: boolean): TextRun[] => {
    const body = inBody || /^(P|LI|L)$/.test(node.role);
    const own = node.content.flatMap((id) => runs.get(id) ?? []);
    if (body && node.role !== 'Figure') {
      for (const run of own) {
        const size = Math.round(run.size * 4) / 4;
        sizes.set(size, (sizes.get(size) ?? 0) + run.text.length);
      }
    }
    const all = [...own, ...node.children.flatMap((child) => gather(child, body && child.role !== 'Figure'))];
    node.runs = all.sort(order);
    return node.runs;
  };
  gather(root, false);
  const bodyPt = [...sizes.entries()].sort((a, b) => b[1] - a[1] || b[0] - a[0])[0]?.[0] ?? 0;
  return { pages, root, bodyPt };
}

/** Where the text of an element starts and ends; undefined when it has none. */
export function extentOf(node: StructNode): Extent | undefined {
  const first = node.runs[0];
  const last = node.runs.at(-1);
  if (first === undefined || last === undefined) return undefined;
  return {
    start: { page: first.page, column: columnOf(first.x), y: round(first.top) },
    end: { page: last.page, column: columnOf(last.x), y: round(last.bottom) },
  };
}

const round = (mm: number): number => Math.round(mm * 10) / 10;

/** Every element of the tree with one of the roles, in document order. */
export function elementsWithRole(root: StructNode, role: RegExp, inside = false): StructNode[] {
  const out: StructNode[] = [];
  const walk = (node: StructNode): void => {
    if (role.test(node.role)) {
      out.push(node);
      if (!inside) return;
    }
    for (const child of node.children) walk(child);
  };
  walk(root);
  return out;
}

/** The text of an element, without white space, in lower case (to compare with the page's). */
export function compactText(node: StructNode): string {
  return node.runs
    .map((run) => run.text)
    .join('')
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');
}

/**
 * The bottom of the lowest text in each column of each page (mm from the top edge), below
 * the spanning parts on page 1, and the top of its highest (`starts`); `top` is where the
 * columns begin on that page.
 */
export function columnFill(
  measured: MeasuredPdf,
  spanning: readonly StructNode[],
): { page: number; top: number; bottoms: [number, number]; starts: [number, number] }[] {
  const spanRuns = new Set(spanning.flatMap((node) => node.runs));
  const contentBottom = PAGE.height - PAGE.bottom;
  const pages = Array.from({ length: measured.pages }, (_, i) => ({
    page: i + 1,
    top: PAGE.top as number,
    bottoms: [0, 0] as [number, number],
  }));
  for (const run of spanRuns) {
    const page = pages[run.page - 1];
    if (page !== undefined) page.top = Math.max(page.top, run.bottom);
  }
  const starts = pages.map((): [number, number] => [contentBottom, contentBottom]);
  for (const page of pages) page.bottoms = [page.top, page.top];
  for (const run of measured.root.runs) {
    if (spanRuns.has(run) || run.top < PAGE.top - 1 || run.bottom > contentBottom + 1) continue;
    const page = pages[run.page - 1];
    if (page === undefined) continue;
    const column = columnOf(run.x) - 1;
    page.bottoms[column] = Math.max(page.bottoms[column] ?? 0, run.bottom);
    const start = starts[run.page - 1] as [number, number];
    start[column] = Math.min(start[column] ?? contentBottom, run.top);
  }
  return pages.map((page, i) => ({
    page: page.page,
    top: round(page.top),
    bottoms: [round(page.bottoms[0]), round(page.bottoms[1])],
    starts: [round(starts[i]?.[0] ?? contentBottom), round(starts[i]?.[1] ?? contentBottom)],
  }));
}
