/**
 * The size marker of a PDF download link (src/components/PdfLink.astro): the pages are built
 * with it empty, and the print stage writes each PDF's size into it ("PDF, 312 KB") once the
 * PDF is printed (src/print/index.ts writePdfSizes).
 */

/** Matches a size marker: `<span data-pdf-size>…</span>` or `<span data-pdf-size="/path.pdf">…</span>`. */
export const SIZE_MARKER = /(<span\b[^>]*\bdata-pdf-size(?:="([^"]*)")?[^>]*>)[^<]*(<\/span>)/g;

/**
 * A page's HTML with its size markers empty, as the pages stage wrote it: what the search
 * stage indexes, so that the index does not wait on the printing (a size is the one part of
 * a page known only once its PDF is printed, and not what a reader searches for).
 */
export function withoutPdfSizes(html: string): string {
  return html.replace(SIZE_MARKER, '$1$3');
}
