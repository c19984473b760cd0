// A minimal PNG encoder (8-bit truecolour, no alpha) so the demo can serve images drawn in code instead of
// binary files. Each scanline gets the filter (None, Sub or Up) with the smallest sum of absolute values, the
// usual heuristic: smooth gradients then deflate to a few kilobytes.
import { deflateSync } from 'node:zlib';

/** An RGB raster, 3 bytes a pixel, rows top to bottom. */
export interface RgbImage {
  width: number;
  height: number;
  data: Uint8Array;
}

export const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/** CRC-32 as PNG (and zip) define it. */
export function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = CRC_TABLE[(c ^ bytes[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function createImage(width: number, height: number): RgbImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`invalid image size ${width}×${height}`);
  }
  return { width, height, data: new Uint8Array(width * height * 3) };
}

export function encodePng(image: RgbImage): Buffer {
  const { width, height, data } = image;
  if (data.length !== width * height * 3) throw new RangeError('pixel data does not match the image size');
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // colour type: truecolour
  header[10] = 0; // compression: deflate
  header[11] = 0; // filter method 0
  header[12] = 0; // no interlace
  const idat = deflateSync(filterScanlines(image), { level: 9 });
  return Buffer.concat([PNG_SIGNATURE, chunk('IHDR', header), chunk('IDAT', idat), chunk('IEND', Buffer.alloc(0))]);
}

function chunk(type: string, payload: Uint8Array): Buffer {
  const out = Buffer.alloc(12 + payload.length);
  out.writeUInt32BE(payload.length, 0);
  out.write(type, 4, 'latin1');
  out.set(payload, 8);
  out.writeUInt32BE(crc32(out.subarray(4, 8 + payload.length)), 8 + payload.length);
  return out;
}

function filterScanlines({ width, height, data }: RgbImage): Buffer {
  const stride = width * 3;
  const out = Buffer.alloc(height * (stride + 1));
  const candidates = [new Uint8Array(stride), new Uint8Array(stride), new Uint8Array(stride)];
  for (let y = 0; y < height; y++) {
    const row = data.subarray(y * stride, (y + 1) * stride);
    const above = y > 0 ? data.subarray((y - 1) * stride, y * stride) : null;
    const [none, sub, up] = candidates;
    for (let i = 0; i < stride; i++) {
      none[i] = row[i];
      sub[i] = (row[i] - (i >= 3 ? row[i - 3] : 0)) & 0xff;
      up[i] = (row[i] - (above ? above[i] : 0)) & 0xff;
    }
    let best = 0;
    let bestCost = Infinity;
    candidates.forEach((filtered, type) => {
      let cost = 0;
      for (let i = 0; i < stride; i++) cost += filtered[i] < 128 ? filtered[i] : 256 - filtered[i];
      if (cost < bestCost) [best, bestCost] = [type, cost];
    });
    // Filter type numbers: 0 None, 1 Sub, 2 Up; the candidates array is in that order.
    out[y * (stride + 1)] = best;
    out.set(candidates[best], y * (stride + 1) + 1);
  }
  return out;
}
