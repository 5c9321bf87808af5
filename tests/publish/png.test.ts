/**
 * The PNG encoding of resvg's drawings (src/publish/png.ts): the pixels resvg drew, decoded back
 * exactly, and resvg's own encoding kept for a drawing that is not opaque.
 */
import { createCanvas, Image } from '@napi-rs/canvas';
import { Resvg } from '@resvg/resvg-js';
import { describe, expect, it } from 'vitest';
import { opaquePng } from '../../src/publish/png.ts';

/** A PNG's pixels (RGBA), decoded by Skia (@napi-rs/canvas). */
function decoded(png: Buffer): { width: number; height: number; rgba: Buffer } {
  const image = new Image();
  image.src = png;
  const context = createCanvas(image.width, image.height).getContext('2d');
  context.drawImage(image, 0, 0);
  return {
    width: image.width,
    height: image.height,
    rgba: Buffer.from(context.getImageData(0, 0, image.width, image.height).data),
  };
}

const svg = (background: string): string =>
  `<svg xmlns="http://www.w3.org/2000/svg" width="173" height="61">${background}` +
  `<circle cx="40" cy="30" r="25" fill="#0b6e8a"/><path d="M80,5L170,58" stroke="#c2410c" stroke-width="3"/>` +
  `<rect x="100" y="10" width="30" height="20" fill="#55636d" opacity="0.5"/></svg>`;

describe('opaquePng', () => {
  it('encodes an opaque drawing as an RGB PNG whose pixels are the drawing’s, exactly', () => {
    const drawn = new Resvg(svg(''), { background: '#ffffff', fitTo: { mode: 'zoom', value: 3 } }).render();
    const png = opaquePng(drawn.width, drawn.height, drawn.pixels);
    expect(png).toBeDefined();
    // IHDR: the size, 8 bits a channel, colour type 2 (RGB).
    expect([png?.readUInt32BE(16), png?.readUInt32BE(20), png?.[24], png?.[25]]).toEqual([519, 183, 8, 2]);
    const back = decoded(png as Buffer);
    expect({ width: back.width, height: back.height }).toEqual({ width: 519, height: 183 });
    expect(back.rgba.equals(decoded(drawn.asPng()).rgba)).toBe(true);
    // Antialiased edges and a half-transparent shape over white: more than a couple of colours.
    expect(new Set(back.rgba.toString('hex').match(/.{8}/g)).size).toBeGreaterThan(20);
  });

  it('leaves a drawing with a pixel that is not opaque to resvg’s encoding', () => {
    const drawn = new Resvg(svg('')).render();
    expect(opaquePng(drawn.width, drawn.height, drawn.pixels)).toBeUndefined();
    const onePixel = new Uint8Array(2 * 2 * 4).fill(255);
    expect(opaquePng(2, 2, onePixel)).toBeDefined();
    onePixel[15] = 254;
    expect(opaquePng(2, 2, onePixel)).toBeUndefined();
  });

  it('makes the same bytes from the same pixels', () => {
    const drawn = new Resvg(svg('<rect width="173" height="61" fill="#fff"/>')).render();
    expect(
      opaquePng(drawn.width, drawn.height, drawn.pixels)?.equals(
        opaquePng(drawn.width, drawn.height, drawn.pixels) as Buffer,
      ),
    ).toBe(true);
  });
});
