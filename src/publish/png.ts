/**
 * The PNG file of an opaque drawing (resvg's pixels): RGB, 8 bits a channel, rows unfiltered, one
 * IDAT chunk deflated by Node's zlib at level 3. resvg's own encoder (asPng) keeps the alpha channel
 * and its deflate is slower: a chart at 3x or a social card took about 20 ms of a drawing thread to
 * encode, as long as drawing it; this takes about 5 ms and makes files about 5% smaller (every
 * chart and card is drawn on an opaque background, so the alpha channel is all 255s). Measured over
 * the reference sheet's charts and cards: level 1 or 2 is no faster and larger, level 4 and up
 * smaller but 2.5x slower; filtering the rows (up, sub, paeth) makes larger files at levels 1-3.
 */
import { crc32, deflateSync } from 'node:zlib';

/** What the bytes depend on besides the pixels (the image cache's key holds it): this scheme and zlib's version. */
export const PNG_ENCODING = `rgb8-unfiltered-deflate3 zlib ${process.versions.zlib}`;

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** A chunk: its data's length, its type, the data and the CRC of type and data. */
function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(data, crc32(head.subarray(4))), 0);
  return Buffer.concat([head, data, tail]);
}

/** The rows of the last image encoded, reused: a new buffer of a few megabytes a drawing is a few thousand page faults. */
let scratch = Buffer.alloc(0);

/**
 * The PNG of `width` x `height` pixels `rgba` (premultiplied or not: the same when every pixel is
 * opaque), or undefined when a pixel is not opaque (the caller then keeps resvg's encoding).
 */
export function opaquePng(width: number, height: number, rgba: Uint8Array): Buffer | undefined {
  const stride = width * 3 + 1;
  if (scratch.length < stride * height) scratch = Buffer.allocUnsafe(stride * height);
  const rows = scratch.subarray(0, stride * height);
  let from = 0;
  for (let y = 0; y < height; y++) {
    let to = y * stride;
    rows[to++] = 0; // filter type: none
    for (let x = 0; x < width; x++, from += 4) {
      if (rgba[from + 3] !== 255) return undefined;
      rows[to++] = rgba[from] as number;
      rows[to++] = rgba[from + 1] as number;
      rows[to++] = rgba[from + 2] as number;
    }
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bits a channel
  header[9] = 2; // colour type: RGB
  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 3 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
