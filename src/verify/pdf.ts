/**
 * Links inside the built PDFs: every link annotation is an absolute https:// URL (a PDF has
 * no site around it), and one on the site's own origin resolves to a page and anchor in the
 * built site. Internal (go-to) links must name a destination the PDF has.
 */
import { messages } from '../messages.ts';
import { checkInternal, checkTarget } from './links.ts';
import type { BuiltSite, SiteProblem } from './site.ts';

interface LinkAnnotation {
  subtype?: string;
  url?: string;
  unsafeUrl?: string;
  dest?: unknown;
}

/** Every link problem in one PDF of the site. */
export async function checkPdfFile(built: BuiltSite, file: string, site: URL): Promise<SiteProblem[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const problems: SiteProblem[] = [];
  const add = (page: number, message: { problem: string; fix: string }): void => {
    problems.push({ file, problem: `Page ${page}: ${message.problem}`, fix: message.fix });
  };
  const task = getDocument({
    data: new Uint8Array(built.read(file)),
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
    return [{ file, ...messages.quality.pdfUnreadable(error instanceof Error ? error.message : String(error)) }];
  }
  try {
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const annotations = (await page.getAnnotations({ intent: 'display' })) as LinkAnnotation[];
      for (const annotation of annotations) {
        if (annotation.subtype !== 'Link') continue;
        const raw = annotation.unsafeUrl ?? annotation.url;
        if (raw === undefined) {
          if (typeof annotation.dest === 'string' && (await document.getDestination(annotation.dest)) === null) {
            add(number, messages.quality.brokenAnchor(`#${annotation.dest}`, annotation.dest, 'this PDF'));
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
      page.cleanup();
    }
  } finally {
    await task.destroy();
  }
  return problems;
}
