/**
 * Links inside the built PDFs: every link annotation is an absolute https:// URL (a PDF has
 * no site around it), and one on the site's own origin resolves to a page and anchor in the
 * built site. Internal (go-to) links must name a destination the PDF has.
 *
 * The links of a PDF the print stage wrote are read from its objects (src/print/pdf-links.ts),
 * in well under a millisecond; any other PDF is read with pdf.js.
 */
import { messages } from '../messages.ts';
import { readPdfLinks, type PdfLink, type PdfLinks } from '../print/pdf-links.ts';
import { checkInternal, checkTarget } from './links.ts';
import type { Issue } from '../diagnostics/index.ts';
import type { BuiltSite } from './site.ts';

interface LinkAnnotation {
  subtype?: string;
  url?: string;
  unsafeUrl?: string;
  dest?: unknown;
}

/** Every link problem in one PDF of the site; `known` are its links when the print stage already read them. */
export async function checkPdfFile(built: BuiltSite, file: string, site: URL, known?: PdfLinks): Promise<Issue[]> {
  let read: PdfLinks | Issue[];
  if (known !== undefined) read = known;
  else {
    const bytes = built.read(file);
    try {
      read = readPdfLinks(bytes);
    } catch {
      read = await readWithPdfJs(file, bytes);
    }
  }
  return Array.isArray(read) ? read : checkPdfLinks(built, file, site, read);
}

/** The links as pdf.js reads them, for a PDF laid out otherwise than Chromium writes it. */
async function readWithPdfJs(file: string, bytes: Buffer): Promise<PdfLinks | Issue[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({
    data: new Uint8Array(bytes),
    disableFontFace: true,
    useSystemFonts: false,
    stopAtErrors: true,
    verbosity: 0,
  });
  let document;
  try {
    document = await task.promise;
  } catch (error) {
    await task.destroy();
    return [
      {
        file,
        ...messages.quality.pdfUnreadable(error instanceof Error ? error.message : String(error)),
        severity: 'error',
      },
    ];
  }
  try {
    const links: PdfLink[] = [];
    const destinations = new Set<string>();
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const annotations = (await page.getAnnotations({ intent: 'display' })) as LinkAnnotation[];
      for (const annotation of annotations) {
        if (annotation.subtype !== 'Link') continue;
        const raw = annotation.unsafeUrl ?? annotation.url;
        if (raw !== undefined) links.push({ page: number, uri: raw });
        else if (typeof annotation.dest === 'string') {
          links.push({ page: number, dest: annotation.dest });
          if ((await document.getDestination(annotation.dest)) !== null) destinations.add(annotation.dest);
        }
      }
      page.cleanup();
    }
    return { links, destinations: [...destinations] };
  } finally {
    await task.destroy();
  }
}

/** Checks a PDF's links against the built site. */
export function checkPdfLinks(built: BuiltSite, file: string, site: URL, read: PdfLinks): Issue[] {
  const problems: Issue[] = [];
  const add = (page: number, message: { problem: string; fix: string }): void => {
    problems.push({ file, problem: `Page ${page}: ${message.problem}`, fix: message.fix, severity: 'error' });
  };
  const destinations = new Set(read.destinations);
  for (const { page: number, uri: raw, dest } of read.links) {
    if (raw === undefined) {
      if (dest !== undefined && !destinations.has(dest)) {
        add(number, messages.quality.brokenAnchor(`#${dest}`, dest, 'this PDF'));
      }
      continue;
    }
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      add(number, messages.quality.pdfLinkNotPublic(raw));
      continue;
    }
    if (url.protocol === 'mailto:') continue;
    if (url.protocol !== 'https:') {
      add(
        number,
        url.protocol === 'http:' && url.origin !== site.origin && !/^(127\.|localhost$|\[::1\]$)/.test(url.hostname)
          ? messages.quality.insecureLink(raw)
          : messages.quality.pdfLinkNotPublic(raw),
      );
      continue;
    }
    const found =
      url.origin === site.origin
        ? checkInternal(built, raw, url, file)
        : checkTarget(built, raw, file, '/', site, 'link', 'a');
    if (found !== undefined) add(number, found);
  }
  return problems;
}
