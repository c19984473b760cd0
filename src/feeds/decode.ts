// Turns the bytes of a feed into text. No npm feed parser does this, and feeds in the wild lie about
// their encoding often enough that the order of evidence matters:
//   1. a byte-order mark (UTF-8, UTF-16, UTF-32) wins over everything;
//   2. the HTTP charset, when the server sent one (RFC 3023: it overrides the XML declaration);
//   3. `text/*` without a charset means us-ascii (RFC 3023), other types fall through;
//   4. the XML declaration's encoding (the declaration itself may be UTF-16/32 without a BOM);
//   5. UTF-8;
//   6. for bytes that are not UTF-8, the encoding the byte statistics point to (src/charset/detect-charset.ts);
//   7. windows-1252, which decodes every byte.
// When the chosen encoding cannot decode the bytes we fall back to the next, and report `bozo` when the failing
// encoding had been declared by someone, or when an encoding other than windows-1252 had to be detected (a guess
// that may be wrong; and XML without a declaration must be UTF-8). Falling back to windows-1252 is not flagged:
// feeds without a declaration do that all the time.
import iconv from 'iconv-lite';
import { sniffBom } from '../charset/bom.js';
import { detectLegacyCharset } from '../charset/detect-charset.js';
import { parseContentType } from '../fetch/content-type.js';

export interface DecodedFeed {
  text: string;
  /** The encoding the text was decoded with: lower-case for a declared one, the detector's name for a detected one ("SHIFT_JIS"). */
  encoding: string;
  bozo: boolean;
  reason: string | null;
}

/** Labels that decoders know by another name; the name reported is the one we decoded with. */
const ALIASES: Record<string, string> = Object.assign(Object.create(null) as Record<string, string>, {
  'gb2312': 'gb18030',
  'gbk': 'gb18030',
  'x-gbk': 'gb18030',
  'ascii': 'us-ascii',
  'utf8': 'utf-8',
  'latin1': 'iso-8859-1',
  'latin-1': 'iso-8859-1',
  'utf-16': 'utf-16',
  'utf16': 'utf-16',
  'utf_16': 'utf-16',
  'u16': 'utf-16',
  'ucs-2': 'utf-16',
  'utf-32': 'utf-32',
  'utf32': 'utf-32',
  'utf_32': 'utf-32',
  'u32': 'utf-32',
  'ucs-4': 'utf-32',
  'utf_8': 'utf-8',
  'u8': 'utf-8',
});

export function decodeFeedBytes(bytes: Uint8Array, contentType?: string | null): DecodedFeed {
  const http = parseContentType(contentType);
  const bom = sniffBom(bytes, { utf32: true });
  if (bom) {
    const body = bytes.subarray(bom.length);
    const text = tryDecode(body, bom.encoding);
    if (text !== null) return finish(text, bom.encoding, false, null);
    // A BOM followed by bytes that are not that encoding: keep what can be read, flag it.
    return finish(lossyDecode(body, bom.encoding), bom.encoding, true, `bytes are not valid ${bom.encoding} after its byte-order mark`);
  }

  const family = sniffFamily(bytes);
  const declared = readXmlDeclarationEncoding(bytes, family);
  const candidates: { encoding: string; declaredBy: string | null }[] = [];

  if (http.charset) candidates.push({ encoding: http.charset, declaredBy: 'HTTP charset' });
  else if (http.mediaType && isTextMediaType(http.mediaType) && !family.startsWith('utf-16') && !family.startsWith('utf-32')) {
    candidates.push({ encoding: 'us-ascii', declaredBy: 'text/* content type without charset' });
  }
  if (declared) candidates.push({ encoding: declared, declaredBy: 'XML declaration' });
  if (family !== 'utf-8') candidates.push({ encoding: family, declaredBy: null });
  candidates.push({ encoding: 'utf-8', declaredBy: null });

  let reason: string | null = null;
  if (http.mediaType && !isXmlMediaType(http.mediaType) && !isJsonMediaType(http.mediaType)) {
    reason = `served as ${http.mediaType}, not an XML media type`;
  }
  for (const candidate of candidates) {
    const encoding = normaliseLabel(candidate.encoding);
    if (!isKnownEncoding(encoding)) {
      reason ??= `unknown encoding "${candidate.encoding}" (${candidate.declaredBy ?? 'guessed'})`;
      continue;
    }
    // "utf-16"/"utf-32" without a BOM: the byte pattern of the first characters gives the byte order.
    const concrete = encoding === 'utf-16' || encoding === 'utf-32' ? (family.startsWith(encoding) ? family : `${encoding}be`) : encoding;
    const text = tryDecode(bytes, concrete);
    if (text === null) {
      if (candidate.declaredBy) reason ??= `bytes are not valid ${concrete} as declared by the ${candidate.declaredBy}`;
      continue;
    }
    return finish(text, concrete, reason !== null, reason);
  }
  // A detection of windows-1252 is the fallback below; any other is a guess that may be wrong, so it is flagged.
  const detected = detectLegacyCharset(bytes);
  const detectedText = detected && !/^(windows-1252|iso-8859-1)$/i.test(detected.name) ? tryDecode(bytes, detected.decoder) : null;
  if (detected && detectedText !== null) {
    return finish(detectedText, detected.name, true, reason ?? `no encoding declared and the bytes are not UTF-8: detected ${detected.name} (confidence ${detected.confidence.toFixed(2)})`);
  }
  // windows-1252 decodes every byte; falling back to it from the UTF-8 default is not an error by itself.
  const text = tryDecode(bytes, 'windows-1252') ?? lossyDecode(bytes, 'utf-8');
  return finish(text, 'windows-1252', reason !== null, reason);
}

function finish(text: string, encoding: string, bozo: boolean, reason: string | null): DecodedFeed {
  // C1 control characters never mean anything in a feed; they are windows-1252 punctuation that went
  // through a latin-1 conversion somewhere ("smart quotes"), so they are turned back into it.
  const demoronized = text.replace(/[\u0080-\u009f]/g, (c) => windows1252C1(c.charCodeAt(0)));
  return { text: dropInvalidXmlChars(demoronized), encoding, bozo, reason };
}

// Node's TextDecoder treats windows-1252 as latin-1 (C1 controls stay), so iconv-lite's table is used.
const C1_AS_WINDOWS_1252 = iconv.decode(Buffer.from(Array.from({ length: 32 }, (_, i) => 0x80 + i)), 'cp1252');

/** The windows-1252 character for a C1 control code point (0x80–0x9F); unassigned ones stay as they are. */
export function windows1252C1(code: number): string {
  const mapped = C1_AS_WINDOWS_1252[code - 0x80];
  return mapped && mapped !== '\ufffd' ? mapped : String.fromCharCode(code);
}

/** Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF). */
export function dropInvalidXmlChars(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '');
}

function isTextMediaType(mediaType: string): boolean {
  return mediaType.startsWith('text/');
}

function isXmlMediaType(mediaType: string): boolean {
  return (
    mediaType === 'text/xml' || mediaType === 'application/xml' || mediaType.endsWith('+xml') ||
    mediaType === 'application/xml-dtd' || mediaType.endsWith('/xml-external-parsed-entity')
  );
}

function isJsonMediaType(mediaType: string): boolean {
  return mediaType === 'application/json' || mediaType.endsWith('+json');
}

/** Guesses the byte width from the first characters, which in any feed are ASCII (`<`, whitespace, `{`). */
function sniffFamily(bytes: Uint8Array): string {
  if (bytes.length < 4) return 'utf-8';
  const [a, b, c, d] = bytes;
  if (a === 0 && b === 0 && c === 0 && d !== 0) return 'utf-32be';
  if (a !== 0 && b === 0 && c === 0 && d === 0) return 'utf-32le';
  if (a === 0 && b !== 0 && c === 0 && d !== 0) return 'utf-16be';
  if (a !== 0 && b === 0 && c !== 0 && d === 0) return 'utf-16le';
  return 'utf-8';
}

function readXmlDeclarationEncoding(bytes: Uint8Array, family: string): string | null {
  const head = family === 'utf-8' ? latin1(bytes.subarray(0, 512)) : lossyDecode(bytes.subarray(0, 2048), family);
  const decl = /^\s*<\?xml\s[^>]*?encoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return decl ? decl[1].toLowerCase() : null;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) out += String.fromCharCode(bytes[i]);
  return out;
}

function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  return ALIASES[lower] ?? lower;
}

function isKnownEncoding(encoding: string): boolean {
  if (encoding === 'us-ascii' || encoding.startsWith('utf-32') || encoding === 'utf-16') return true;
  try {
    new TextDecoder(encoding);
    return true;
  } catch {
    return iconv.encodingExists(encoding);
  }
}

/** Strict decoding: null when the bytes are not valid in `encoding`. */
function tryDecode(bytes: Uint8Array, encoding: string): string | null {
  if (encoding === 'us-ascii') {
    for (let i = 0; i < bytes.length; i++) if (bytes[i] > 0x7f) return null;
    return latin1(bytes);
  }
  if (encoding === 'windows-1252' || encoding === 'iso-8859-1' || encoding === 'cp1252') {
    // WHATWG reads iso-8859-1 as windows-1252; every byte decodes.
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), 'cp1252');
  }
  if (encoding === 'utf-16') return tryDecode(bytes, sniffFamily(bytes) === 'utf-16le' ? 'utf-16le' : 'utf-16be');
  if (encoding === 'utf-32') return tryDecode(bytes, sniffFamily(bytes) === 'utf-32le' ? 'utf-32le' : 'utf-32be');
  if (encoding.startsWith('utf-32')) {
    if (bytes.length % 4 !== 0) return null;
    const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
    return text.includes('\ufffd') ? null : text;
  }
  try {
    return new TextDecoder(encoding, { fatal: true }).decode(bytes);
  } catch (error) {
    if (error instanceof RangeError) {
      // Not a WHATWG label: iconv-lite knows more (e.g. some legacy code pages). It never throws on bad
      // bytes, so a replacement character is the sign of failure.
      if (!iconv.encodingExists(encoding)) return null;
      const text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
      return text.includes('\ufffd') ? null : text;
    }
    return null;
  }
}

function lossyDecode(bytes: Uint8Array, encoding: string): string {
  if (encoding.startsWith('utf-32') || encoding === 'us-ascii') {
    return iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding === 'us-ascii' ? 'latin1' : encoding);
  }
  try {
    return new TextDecoder(encoding).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}
