/**
 * Post-processing of the PDF Chromium (Skia) writes: sets the document information
 * (title, author, subject, keywords, dates from the edition), a stable trailer /ID, and
 * /DisplayDocTitle, so that the same page gives the same bytes.
 *
 * Skia writes a classic PDF: plain objects, one cross-reference table, a trailer, and no
 * object streams. We replace the /Info object (and extend the /Catalog) in place and rewrite
 * the cross-reference table with shifted offsets. Every other byte, including the structure
 * tree, outline, links and fonts, is kept as Chromium wrote it.
 */
import { createHash } from 'node:crypto';
import { inflateSync } from 'node:zlib';
import { messages } from '../messages.ts';
import { UserError } from '../diagnostics/index.ts';

export interface PdfMetadata {
  title: string;
  author: string;
  subject: string;
  keywords: readonly string[];
  /** The creating application, e.g. "OGP Fact Sheets". */
  creator: string;
  /** YYYY-MM-DD: becomes /CreationDate and /ModDate (midnight UTC). */
  date: string;
  /** BCP 47 language tag for /Lang, e.g. "en"; kept as Chromium set it when present. */
  lang: string;
}

interface XrefEntry {
  offset: number;
  generation: number;
  inUse: boolean;
}

export interface ParsedPdf {
  text: string;
  /** Object number -> entry, as in the cross-reference table. */
  entries: Map<number, XrefEntry>;
  /** Where the `xref` keyword starts. */
  xrefStart: number;
  size: number;
  root: number;
  info: number | undefined;
}

function fail(detail: string): never {
  throw new UserError(messages.print.unexpectedPdf(detail));
}

export function parse(pdf: Uint8Array): ParsedPdf {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const tail = text.slice(-1024);
  const sx = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(tail);
  if (sx === null) fail('no startxref at the end of the file');
  const xrefStart = Number(sx[1]);
  if (text.slice(xrefStart, xrefStart + 4) !== 'xref') fail('the cross-reference is a stream, not a table');
  const entries = new Map<number, XrefEntry>();
  const re = /(\d+) (\d+)\r?\n|trailer/y;
  re.lastIndex = xrefStart + 4;
  while (/\s/.test(text[re.lastIndex] ?? '')) re.lastIndex++;
  for (;;) {
    const m = re.exec(text);
    if (m === null) fail('the cross-reference table cannot be read');
    if (m[0] === 'trailer') break;
    const first = Number(m[1]);
    const count = Number(m[2]);
    let at = re.lastIndex;
    for (let i = 0; i < count; i++) {
      const line = text.slice(at, at + 20);
      const e = /^(\d{10}) (\d{5}) ([nf])/.exec(line);
      if (e === null) fail(`cross-reference entry ${first + i} is malformed`);
      entries.set(first + i, { offset: Number(e[1]), generation: Number(e[2]), inUse: e[3] === 'n' });
      at += 20;
    }
    re.lastIndex = at;
    while (/\s/.test(text[re.lastIndex] ?? '')) re.lastIndex++;
  }
  const trailer = text.slice(re.lastIndex, text.lastIndexOf('startxref'));
  if (/\/Prev\s/.test(trailer)) fail('the file has incremental updates');
  const size = /\/Size (\d+)/.exec(trailer);
  const root = /\/Root (\d+) 0 R/.exec(trailer);
  const info = /\/Info (\d+) 0 R/.exec(trailer);
  if (size === null || root === null) fail('the trailer has no /Size or /Root');
  return {
    text,
    entries,
    xrefStart,
    size: Number(size[1]),
    root: Number(root[1]),
    info: info === null ? undefined : Number(info[1]),
  };
}

/** The object's text from `N 0 obj` to `endobj` inclusive, and where it starts. */
export function objectSpan(parsed: ParsedPdf, num: number): { start: number; end: number; body: string } {
  const entry = parsed.entries.get(num);
  if (entry === undefined || !entry.inUse) fail(`object ${num} is not in the cross-reference table`);
  const start = entry.offset;
  const header = `${num} ${entry.generation} obj`;
  if (parsed.text.slice(start, start + header.length) !== header) fail(`object ${num} is not where the table says`);
  const endAt = parsed.text.indexOf('endobj', start);
  if (endAt < 0) fail(`object ${num} has no endobj`);
  const end = endAt + 'endobj'.length;
  return { start, end, body: parsed.text.slice(start + header.length, endAt).trim() };
}

/** Reads the objects of a PDF written by Chromium: the catalog's number, any object's text, a stream's data. */
export function readObjects(pdf: Uint8Array): {
  root: number;
  body: (num: number) => string;
  stream: (num: number) => Buffer;
} {
  const parsed = parse(pdf);
  const body = (num: number): string => objectSpan(parsed, num).body;
  const stream = (num: number): Buffer => {
    const text = body(num);
    const start = /stream\r?\n/.exec(text);
    const length = /\/Length (\d+)(?! \d+ R)/.exec(text);
    if (start === null || length === null) fail(`object ${num} is not a stream of known length`);
    const at = start.index + start[0].length;
    const data = Buffer.from(text.slice(at, at + Number(length[1])), 'latin1');
    return /\/Filter\s*\/FlateDecode/.test(text.slice(0, start.index)) ? inflateSync(data) : data;
  };
  return { root: parsed.root, body, stream };
}

/** A PDF text string: literal when ASCII, else UTF-16BE with a byte-order mark. */
export function pdfString(value: string): string {
  if (/^[\x20-\x7e]*$/.test(value)) return `(${value.replace(/[\\()]/g, (c) => `\\${c}`)})`;
  let hex = 'FEFF';
  for (let i = 0; i < value.length; i++) hex += value.charCodeAt(i).toString(16).padStart(4, '0').toUpperCase();
  return `<${hex}>`;
}

function pdfDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) throw new Error(`edition date must be YYYY-MM-DD, got ${isoDate}`);
  return `(D:${isoDate.replaceAll('-', '')}000000Z)`;
}

/** Counts the pages of a PDF written by Chromium (the /Count of the page tree's root). */
export function countPages(pdf: Uint8Array): number {
  const parsed = parse(pdf);
  const catalog = objectSpan(parsed, parsed.root).body;
  const pagesRef = /\/Pages (\d+) 0 R/.exec(catalog);
  if (pagesRef === null) fail('the catalog has no /Pages');
  const count = /\/Count (\d+)/.exec(objectSpan(parsed, Number(pagesRef[1])).body);
  if (count === null) fail('the page tree has no /Count');
  return Number(count[1]);
}

/**
 * Returns the PDF with its metadata set and everything clock-dependent made stable.
 * Same input bytes and metadata give the same output bytes.
 */
export function finalizePdf(pdf: Uint8Array, meta: PdfMetadata): Buffer {
  const parsed = parse(pdf);
  const producer =
    parsed.info === undefined
      ? undefined
      : /\/Producer (\((?:[^()\\]|\\.)*\))/.exec(objectSpan(parsed, parsed.info).body)?.[1];
  const infoBody = [
    `/Title ${pdfString(meta.title)}`,
    `/Author ${pdfString(meta.author)}`,
    `/Subject ${pdfString(meta.subject)}`,
    `/Keywords ${pdfString(meta.keywords.join(', '))}`,
    `/Creator ${pdfString(meta.creator)}`,
    `/Producer ${producer ?? pdfString('Chromium (Skia/PDF)')}`,
    `/CreationDate ${pdfDate(meta.date)}`,
    `/ModDate ${pdfDate(meta.date)}`,
  ].join('\n');

  const replacements = new Map<number, string>();
  let size = parsed.size;
  const infoNum = parsed.info ?? size++;
  replacements.set(infoNum, `${infoNum} 0 obj\n<<${infoBody}>>\nendobj`);

  const catalog = objectSpan(parsed, parsed.root);
  let catalogBody = catalog.body;
  if (!catalogBody.startsWith('<<') || !catalogBody.endsWith('>>')) fail('the catalog is not a dictionary');
  const additions: string[] = [];
  if (!/\/Lang\s*[(<]/.test(catalogBody)) additions.push(`/Lang ${pdfString(meta.lang)}`);
  if (!catalogBody.includes('/ViewerPreferences')) additions.push('/ViewerPreferences <</DisplayDocTitle true>>');
  if (additions.length > 0) {
    catalogBody = `${catalogBody.slice(0, -2)}\n${additions.join('\n')}>>`;
    replacements.set(parsed.root, `${parsed.root} 0 obj\n${catalogBody}\nendobj`);
  }

  // Splice the replaced objects in, in file order, remembering each shift.
  const spans = [...replacements.keys()]
    .filter((num) => parsed.entries.get(num)?.inUse === true)
    .map((num) => ({ num, ...objectSpan(parsed, num) }))
    .sort((a, b) => a.start - b.start);
  const parts: string[] = [];
  const shifts: { at: number; delta: number }[] = [];
  let cursor = 0;
  let delta = 0;
  for (const span of spans) {
    const replacement = replacements.get(span.num) ?? '';
    parts.push(parsed.text.slice(cursor, span.start), replacement);
    delta += replacement.length - (span.end - span.start);
    shifts.push({ at: span.end, delta });
    cursor = span.end;
  }
  parts.push(parsed.text.slice(cursor, parsed.xrefStart));
  const newOffsets = new Map<number, number>();
  if (parsed.info === undefined) {
    // A new /Info object goes right before the cross-reference table.
    const before = parts.reduce((n, p) => n + p.length, 0);
    const obj = replacements.get(infoNum) ?? '';
    parts.push(`${obj}\n`);
    newOffsets.set(infoNum, before);
  }
  const body = parts.join('');
  const shifted = (offset: number): number => {
    let d = 0;
    for (const s of shifts) if (offset >= s.at) d = s.delta;
    return offset + d;
  };

  let xref = `xref\n0 ${size}\n`;
  for (let num = 0; num < size; num++) {
    const entry = parsed.entries.get(num);
    const inUse = newOffsets.has(num) || entry?.inUse === true;
    const offset =
      newOffsets.get(num) ?? (entry === undefined ? 0 : entry.inUse ? shifted(entry.offset) : entry.offset);
    const generation = entry?.generation ?? (num === 0 ? 65535 : 0);
    xref += `${String(offset).padStart(10, '0')} ${String(generation).padStart(5, '0')} ${inUse ? 'n' : 'f'} \n`;
  }
  const id = createHash('md5').update(body, 'latin1').digest('hex').toUpperCase();
  const trailer = `trailer\n<</Size ${size}\n/Root ${parsed.root} 0 R\n/Info ${infoNum} 0 R\n/ID [<${id}> <${id}>]>>\nstartxref\n${body.length}\n%%EOF\n`;
  return Buffer.from(body + xref + trailer, 'latin1');
}
