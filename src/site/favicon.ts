// The site's default icon, drawn in code: a 16×16 disc in the stylesheet's accent colour, as an ICO file
// (one 32-bit BMP image), so /favicon.ico answers without a file to ship or configure.

const SIZE = 16;
const ACCENT = { r: 0x0b, g: 0x57, b: 0xd0 };

/** The ICO bytes: ICONDIR, one ICONDIRENTRY, then the BMP (header, BGRA pixels bottom-up, AND mask). */
export function defaultFavicon(): Buffer {
  const pixelBytes = SIZE * SIZE * 4;
  const maskRowBytes = Math.ceil(SIZE / 32) * 4;
  const maskBytes = maskRowBytes * SIZE;
  const bmpBytes = 40 + pixelBytes + maskBytes;
  const out = Buffer.alloc(6 + 16 + bmpBytes);
  // ICONDIR: reserved, type 1 (icon), one image.
  out.writeUInt16LE(0, 0);
  out.writeUInt16LE(1, 2);
  out.writeUInt16LE(1, 4);
  // ICONDIRENTRY: width, height, no palette, reserved, 1 plane, 32 bits, size, offset.
  out.writeUInt8(SIZE, 6);
  out.writeUInt8(SIZE, 7);
  out.writeUInt16LE(1, 10);
  out.writeUInt16LE(32, 12);
  out.writeUInt32LE(bmpBytes, 14);
  out.writeUInt32LE(22, 18);
  // BITMAPINFOHEADER: the height counts the image and its mask together.
  const bmp = 22;
  out.writeUInt32LE(40, bmp);
  out.writeInt32LE(SIZE, bmp + 4);
  out.writeInt32LE(SIZE * 2, bmp + 8);
  out.writeUInt16LE(1, bmp + 12);
  out.writeUInt16LE(32, bmp + 14);
  out.writeUInt32LE(pixelBytes + maskBytes, bmp + 20);
  const pixels = bmp + 40;
  const centre = (SIZE - 1) / 2;
  for (let row = 0; row < SIZE; row++) {
    const y = SIZE - 1 - row; // BMP rows run bottom-up
    for (let x = 0; x < SIZE; x++) {
      const distance = Math.hypot(x - centre, y - centre);
      // Edge pixels are partly covered: their alpha smooths the disc's outline.
      const alpha = Math.round(255 * Math.min(1, Math.max(0, SIZE / 2 - distance)));
      const at = pixels + (row * SIZE + x) * 4;
      out.writeUInt8(ACCENT.b, at);
      out.writeUInt8(ACCENT.g, at + 1);
      out.writeUInt8(ACCENT.r, at + 2);
      out.writeUInt8(alpha, at + 3);
    }
  }
  // The AND mask stays all zero: the alpha channel decides transparency.
  return out;
}
