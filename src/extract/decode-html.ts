// Turns the bytes of a page into text. Order of evidence, as browsers do it: a byte-order mark,
// then the charset of the HTTP Content-Type, then a <meta charset> or http-equiv in the first 1024 bytes,
// then UTF-8 if the bytes are valid UTF-8, else windows-1252 (what "ISO-8859-1" means on the web).
import iconv from 'iconv-lite';

export interface DecodedHtml {
  text: string;
  encoding: string;
}

export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const bom = sniffBom(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding), encoding: bom.encoding };

  const declared = normaliseLabel(charsetFromContentType(contentType), false) ?? normaliseLabel(charsetFromMeta(bytes), true);
  if (declared) return { text: iconv.decode(Buffer.from(bytes), declared), encoding: declared };

  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
  }
}

function sniffBom(bytes: Uint8Array): { encoding: string; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}

export function charsetFromContentType(contentType: string | null | undefined): string | null {
  if (!contentType) return null;
  const match = /charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match ? match[1] : null;
}

/** Looks for a charset declaration in the first 1024 bytes, read as ASCII. */
function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const metaTags = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const tag of metaTags) {
    const direct = /\bcharset\s*=\s*["']?\s*([-\w.:]+)/i.exec(tag);
    if (direct) return direct[1];
  }
  return null;
}

/** Maps a label to an encoding iconv-lite knows; UTF-16 labels in a meta tag mean UTF-8 (the spec's rule). */
function normaliseLabel(label: string | null, fromMeta: boolean): string | null {
  if (!label) return null;
  let name = label.trim().toLowerCase();
  if (name === 'iso-8859-1' || name === 'latin1' || name === 'ascii' || name === 'us-ascii' || name === 'iso8859-1') {
    name = 'windows-1252';
  }
  if (fromMeta && name.startsWith('utf-16')) name = 'utf-8';
  if (name === 'x-sjis') name = 'shift_jis';
  return iconv.encodingExists(name) ? name : null;
}
