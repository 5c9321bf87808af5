/**
 * A PDF's pages as images, drawn by pdf.js onto @napi-rs/canvas (the canvas pdf.js itself
 * uses in Node): for the dev print preview and the review report. No browser, no poppler.
 */
import { createCanvas } from '@napi-rs/canvas';

export interface PageImage {
  /** 1-based page number. */
  number: number;
  width: number;
  height: number;
  /** The page as PNG. */
  png: Buffer;
  /** Its pixels, RGBA, row by row: what the review compares. */
  rgba: Uint8ClampedArray;
}

/** Draws every page of `pdf` at `scale` CSS pixels per PDF point (1 = 96 dpi A4 at 595 x 842 px... at 72 dpi). */
export async function renderPdfPages(pdf: Uint8Array, scale = 1): Promise<PageImage[]> {
  const { getDocument } = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const images: PageImage[] = [];
    for (let number = 1; number <= document.numPages; number++) {
      const page = await document.getPage(number);
      const viewport = page.getViewport({ scale });
      const width = Math.ceil(viewport.width);
      const height = Math.ceil(viewport.height);
      const canvas = createCanvas(width, height);
      const context = canvas.getContext('2d');
      context.fillStyle = '#ffffff';
      context.fillRect(0, 0, width, height);
      await page.render({
        canvas: canvas as unknown as HTMLCanvasElement,
        canvasContext: context as unknown as CanvasRenderingContext2D,
        viewport,
      }).promise;
      images.push({
        number,
        width,
        height,
        png: canvas.toBuffer('image/png'),
        rgba: new Uint8ClampedArray(context.getImageData(0, 0, width, height).data),
      });
      page.cleanup();
    }
    return images;
  } finally {
    await task.destroy();
  }
}
