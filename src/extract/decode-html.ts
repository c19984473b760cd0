// Turns the bytes of a page into text. Order of evidence, as browsers do it: a byte-order mark,
// then the charset of the HTTP Content-Type, then a <meta charset> or http-equiv in the first 1024 bytes,
// then UTF-8 if the bytes are valid UTF-8; then, where browsers guess from the bytes too, the encoding the
// byte statistics point to (src/charset/detect-charset.ts); else windows-1252 (what "ISO-8859-1" means on the web).
import iconv from 'iconv-lite';
import { sniffBom } from '../charset/bom.js';
import { detectLegacyCharset, isValidUtf8 } from '../charset/detect-charset.js';
import { parseContentType } from '../fetch/content-type.js';

export interface DecodedHtml {
  text: string;
  /** The encoding the text was decoded with: lower-case for a declared one, the detector's name for a detected one. */
  encoding: string;
}

export function decodeHtmlBytes(bytes: Uint8Array, contentType?: string | null): DecodedHtml {
  const bom = sniffBom(bytes);
  if (bom) return { text: iconv.decode(Buffer.from(bytes.subarray(bom.length)), bom.encoding), encoding: bom.encoding };

  const declared = normaliseLabel(parseContentType(contentType).charset, false) ?? normaliseLabel(charsetFromMeta(bytes), true);
  if (declared) return { text: decode(bytes, declared), encoding: declared };

  if (isValidUtf8(bytes)) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf-8' };
  const detected = detectLegacyCharset(bytes);
  if (detected) return { text: iconv.decode(Buffer.from(bytes), detected.decoder), encoding: detected.name };
  return { text: iconv.decode(Buffer.from(bytes), 'windows-1252'), encoding: 'windows-1252' };
}

/** UTF-8 through the platform's decoder (the same text as iconv-lite's, a quarter faster); the rest through iconv-lite. */
function decode(bytes: Uint8Array, encoding: string): string {
  return encoding === 'utf-8' || encoding === 'utf8' ? new TextDecoder('utf-8').decode(bytes) : iconv.decode(Buffer.from(bytes), encoding);
}

/**
 * Looks for a charset declaration in the first 1024 bytes, read as ASCII: `<meta charset>`, or the content of
 * `<meta http-equiv="Content-Type">`, read by the same Content-Type parser as the HTTP header.
 */
function charsetFromMeta(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, 1024)).toString('latin1');
  const metaTags = head.match(/<meta\b[^>]*>/gi) ?? [];
  for (const tag of metaTags) {
    const direct = /\bcharset\s*=\s*["']?\s*([-\w.:]+)/i.exec(tag);
    if (direct && !/\bhttp-equiv\s*=/i.test(tag)) return direct[1];
    const content = /\bcontent\s*=\s*(?:"([^"]*)"|'([^']*)')/i.exec(tag);
    if (content && /\bhttp-equiv\s*=\s*["']?content-type/i.test(tag)) {
      const charset = parseContentType(content[1] ?? content[2]).charset;
      if (charset) return charset;
    }
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
