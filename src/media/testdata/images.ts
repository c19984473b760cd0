// Image fixtures made with sharp at test time (no binary fixtures in the repository): ordinary photos, an
// image with a GPS block, a decompression bomb, and files that only pretend to be images.
import { createDeflate } from 'node:zlib';
import sharp from 'sharp';

/** A gradient photo-like image (so that encoders have something to compress). */
export async function makeImage(width: number, height: number, format: 'jpeg' | 'png' | 'webp' | 'gif' | 'avif', exif?: sharp.Exif): Promise<Buffer> {
  const channels = 3;
  const pixels = Buffer.alloc(width * height * channels);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * channels;
      pixels[i] = (x * 255) / width;
      pixels[i + 1] = (y * 255) / height;
      pixels[i + 2] = ((x + y) * 127) / (width + height);
    }
  }
  let image = sharp(pixels, { raw: { width, height, channels } }).toFormat(format);
  if (exif) image = image.withExif(exif);
  return image.toBuffer();
}

/** A PNG whose EXIF holds a GPS position besides its copyright and artist. */
export function makePngWithGps(): Promise<Buffer> {
  return makeImage(1200, 800, 'png', {
    IFD0: { Copyright: 'Example Photo Agency', Artist: 'Ada Field', Make: 'ExampleCam' },
    IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 3230/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 4366/100' },
  });
}

/** A two-frame animated GIF (red, then blue). */
export async function makeAnimatedGif(): Promise<Buffer> {
  const frame = (r: number, b: number) => Buffer.alloc(40 * 30 * 3, Buffer.from([r, 0, b]));
  const frames = Buffer.concat([frame(255, 0), frame(0, 255)]);
  return sharp(frames, { raw: { width: 40, height: 60, channels: 3, pageHeight: 30 } as sharp.Raw & { pageHeight: number } })
    .gif({ loop: 0, delay: [100, 100] })
    .toBuffer();
}

/**
 * A real PNG bomb: 40,000 × 40,000 one-bit pixels (1.6 billion) whose zeros deflate to a few hundred kilobytes.
 * Built chunk by chunk, never holding the 200 MB of rows in memory.
 */
export async function makePngBomb(size = 40_000): Promise<Buffer> {
  const row = Buffer.alloc(1 + Math.ceil(size / 8)); // filter byte 0, then the row's bits
  const deflate = createDeflate({ level: 9 });
  const chunks: Buffer[] = [];
  deflate.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<void>((resolve, reject) => deflate.on('end', resolve).on('error', reject));
  const block = Buffer.concat(Array.from({ length: 200 }, () => row));
  for (let written = 0; written < size; written += 200) {
    if (!deflate.write(written + 200 <= size ? block : block.subarray(0, (size - written) * row.length))) {
      await new Promise((resolve) => deflate.once('drain', resolve));
    }
  }
  deflate.end();
  await done;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk('IHDR', ihdr),
    pngChunk('IDAT', Buffer.concat(chunks)),
    pngChunk('IEND', Buffer.alloc(0)),
  ]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

export const SVG_WITH_SCRIPT = Buffer.from(
  '<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>',
);

/** What a misconfigured or hostile server sends under `photo.jpg`: a web page. */
export const HTML_NAMED_JPEG = Buffer.from('<!DOCTYPE html>\n<html><head><title>Not found</title></head><body><script>track()</script></body></html>');
