// What an image really is, read from its first bytes: the Content-Type header and the file name are the
// sender's claim, the magic bytes are the file. Only the raster formats Convey re-encodes are accepted; SVG
// (it can carry script), HTML served under an image name, and everything else are refused with the reason.

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif';

export type Sniffed = { ok: true; format: ImageFormat } | { ok: false; reason: string };

const startsWith = (bytes: Uint8Array, signature: number[], at = 0) => signature.every((b, i) => bytes[at + i] === b);
const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function sniffImage(bytes: Uint8Array): Sniffed {
  if (bytes.length < 12) return { ok: false, reason: `not an image: only ${bytes.length} bytes` };
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return { ok: true, format: 'jpeg' };
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, format: 'png' };
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return { ok: true, format: 'gif' };
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 12) === 'WEBP') return { ok: true, format: 'webp' };
  if (ascii(bytes, 4, 8) === 'ftyp') {
    // ISO base media file: AVIF names itself in the major brand or among the compatible brands.
    const boxSize = Math.min(new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0), bytes.length, 64);
    const brands = [ascii(bytes, 8, 12), ...Array.from({ length: Math.max(0, (boxSize - 16) / 4) }, (_, i) => ascii(bytes, 16 + i * 4, 20 + i * 4))];
    if (brands.some((brand) => brand === 'avif' || brand === 'avis')) return { ok: true, format: 'avif' };
    return { ok: false, reason: `not a supported image: an ISO media file of brand "${brands[0]}" (video or HEIC)` };
  }
  return { ok: false, reason: describeNonImage(bytes) };
}

/** A reason an editor understands: what the bytes look like instead. */
function describeNonImage(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false })
    .decode(bytes.subarray(0, 1024))
    .replace(/^\uFEFF/, '')
    .trimStart()
    .toLowerCase();
  if (/<svg[\s>]/.test(head) || (head.startsWith('<?xml') && head.includes('<svg'))) {
    return 'refused: SVG is never served from a source (it can carry script)';
  }
  if (/^<(!doctype html|html|head|body|script|meta|title|div|p)[\s>]/.test(head)) return 'not an image: the file is HTML';
  if (head.startsWith('<?xml') || head.startsWith('<')) return 'not an image: the file is XML or markup';
  if (head.startsWith('{') || head.startsWith('[')) return 'not an image: the file is JSON';
  if (ascii(bytes, 0, 4) === '%PDF') return 'not an image: the file is a PDF';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'not a supported image: TIFF';
  if (ascii(bytes, 0, 2) === 'BM') return 'not a supported image: BMP';
  return 'not an image: no JPEG, PNG, GIF, WebP or AVIF signature';
}

export const CONTENT_TYPE_OF: Record<ImageFormat, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
};

export const EXTENSION_OF: Record<ImageFormat, string> = { jpeg: 'jpg', png: 'png', gif: 'gif', webp: 'webp', avif: 'avif' };
