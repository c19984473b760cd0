import { describe, it, expect } from 'vitest';
import { inflateSync } from 'node:zlib';
import { crc32, createImage, encodePng, PNG_SIGNATURE, type RgbImage } from './png.js';
import { drawArt, LEAD_IMAGE_SIZE, parseHexColour } from './art.js';

interface Chunk {
  type: string;
  data: Buffer;
  crcOk: boolean;
}

function readChunks(png: Buffer): Chunk[] {
  const chunks: Chunk[] = [];
  let offset = 8;
  while (offset < png.length) {
    const length = png.readUInt32BE(offset);
    const type = png.toString('latin1', offset + 4, offset + 8);
    const data = png.subarray(offset + 8, offset + 8 + length);
    const crc = png.readUInt32BE(offset + 8 + length);
    chunks.push({ type, data, crcOk: crc === crc32(png.subarray(offset + 4, offset + 8 + length)) });
    offset += 12 + length;
  }
  return chunks;
}

/** Reverses the PNG filters this encoder uses (None, Sub, Up) to get the pixels back. */
function decodeRgb(png: Buffer): RgbImage {
  const chunks = readChunks(png);
  const ihdr = chunks[0].data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  const raw = inflateSync(Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)));
  expect(raw.length).toBe(height * (1 + width * 3));
  const stride = width * 3;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    expect([0, 1, 2]).toContain(filter);
    for (let i = 0; i < stride; i++) {
      const value = raw[y * (stride + 1) + 1 + i];
      const left = i >= 3 ? data[y * stride + i - 3] : 0;
      const up = y > 0 ? data[(y - 1) * stride + i] : 0;
      data[y * stride + i] = (value + (filter === 1 ? left : filter === 2 ? up : 0)) & 0xff;
    }
  }
  return { width, height, data };
}

describe('crc32', () => {
  it('matches the reference value of the standard check string', () => {
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });
});

describe('encodePng', () => {
  it('writes the signature, a valid IHDR first and IEND last, every CRC correct', () => {
    const png = encodePng(createImage(7, 3));
    expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    const chunks = readChunks(png);
    expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
    expect(chunks.every((c) => c.crcOk)).toBe(true);
    const ihdr = chunks[0].data;
    expect(ihdr.length).toBe(13);
    expect([ihdr.readUInt32BE(0), ihdr.readUInt32BE(4), ihdr[8], ihdr[9], ihdr[12]]).toEqual([7, 3, 8, 2, 0]);
  });

  it('round-trips the pixels through deflate and the row filters', () => {
    const image = createImage(13, 9);
    for (let i = 0; i < image.data.length; i++) image.data[i] = (i * 37 + (i % 7) * 11) & 0xff;
    const decoded = decodeRgb(encodePng(image));
    expect(decoded.width).toBe(13);
    expect(decoded.height).toBe(9);
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
  });

  it('refuses pixel data of the wrong size', () => {
    expect(() => encodePng({ width: 2, height: 2, data: new Uint8Array(5) })).toThrow(RangeError);
    expect(() => createImage(0, 10)).toThrow(RangeError);
  });
});

describe('drawArt', () => {
  const spec = { top: '#102030', bottom: '#405060', accent: '#ff0000', motif: 'sun' } as const;

  it('draws a lead image that encodes to a small valid PNG and decodes to the drawn pixels', () => {
    const image = drawArt(spec, 'test-sun', LEAD_IMAGE_SIZE.width, LEAD_IMAGE_SIZE.height);
    const png = encodePng(image);
    expect(png.length).toBeLessThan(100_000);
    const decoded = decodeRgb(png);
    expect([decoded.width, decoded.height]).toEqual([800, 450]);
    expect(Buffer.from(decoded.data).equals(Buffer.from(image.data))).toBe(true);
    // The top-left pixel is the gradient's first colour.
    expect([...decoded.data.subarray(0, 3)]).toEqual(parseHexColour('#102030'));
    // The accent colour (the sun) appears somewhere.
    let accent = 0;
    for (let i = 0; i < image.data.length; i += 3) if (image.data[i] === 255 && image.data[i + 1] === 0) accent++;
    expect(accent).toBeGreaterThan(1000);
  });

  it('is deterministic per name and differs between names and motifs', () => {
    const a = encodePng(drawArt({ ...spec, motif: 'skyline' }, 'one', 200, 100));
    const b = encodePng(drawArt({ ...spec, motif: 'skyline' }, 'one', 200, 100));
    const c = encodePng(drawArt({ ...spec, motif: 'skyline' }, 'two', 200, 100));
    const d = encodePng(drawArt({ ...spec, motif: 'waves' }, 'one', 200, 100));
    expect(a.equals(b)).toBe(true);
    expect(a.equals(c)).toBe(false);
    expect(a.equals(d)).toBe(false);
  });

  it('rejects a colour that is not #rrggbb', () => {
    expect(() => parseHexColour('red')).toThrow(/rrggbb/);
  });
});
