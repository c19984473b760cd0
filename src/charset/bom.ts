// The byte-order mark at the start of a document: the strongest evidence of its encoding, for feeds and pages.

export interface Bom {
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'utf-32le' | 'utf-32be';
  /** Bytes to skip before the text. */
  length: number;
}

/**
 * The byte-order mark the bytes start with, or null. UTF-32 marks are read only when asked: XML allows UTF-32,
 * but HTML does not, and for a page `FF FE 00 00` is a UTF-16 mark followed by a NUL, as browsers read it.
 */
export function sniffBom(bytes: Uint8Array, options: { utf32?: boolean } = {}): Bom | null {
  const [a, b, c, d] = bytes;
  if (options.utf32) {
    if (a === 0x00 && b === 0x00 && c === 0xfe && d === 0xff) return { encoding: 'utf-32be', length: 4 };
    if (a === 0xff && b === 0xfe && c === 0x00 && d === 0x00) return { encoding: 'utf-32le', length: 4 };
  }
  if (a === 0xef && b === 0xbb && c === 0xbf) return { encoding: 'utf-8', length: 3 };
  if (a === 0xfe && b === 0xff) return { encoding: 'utf-16be', length: 2 };
  if (a === 0xff && b === 0xfe) return { encoding: 'utf-16le', length: 2 };
  return null;
}
