import { describe, expect, it } from 'vitest';
import { decodeFeedBytes, parseContentType } from './decode.js';

const ascii = (text: string): Uint8Array => new TextEncoder().encode(text);
const bytes = (...parts: (string | number[])[]): Uint8Array =>
  Uint8Array.from(parts.flatMap((p) => (typeof p === 'string' ? [...Buffer.from(p, 'latin1')] : p)));

function utf16(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  if (bigEndian) le.swap16();
  return Uint8Array.from([...(bom ? (bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]) : []), ...le]);
}

function utf32(text: string, bigEndian: boolean, bom: boolean): Uint8Array {
  const out: number[] = bom ? (bigEndian ? [0, 0, 0xfe, 0xff] : [0xff, 0xfe, 0, 0]) : [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const b = [cp >>> 24, (cp >>> 16) & 0xff, (cp >>> 8) & 0xff, cp & 0xff];
    out.push(...(bigEndian ? b : b.reverse()));
  }
  return Uint8Array.from(out);
}

const DOC = '<?xml version="1.0" encoding="utf-16"?><rss><channel><title>Été — 日本</title></channel></rss>';

describe('decodeFeedBytes', () => {
  it('reads UTF-8 by default and honours a UTF-8 BOM', () => {
    expect(decodeFeedBytes(ascii('<rss>é</rss>'))).toMatchObject({ text: '<rss>é</rss>', encoding: 'utf-8', bozo: false });
    expect(decodeFeedBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...ascii('<rss/>')]))).toMatchObject({ text: '<rss/>', encoding: 'utf-8' });
  });

  it.each([
    ['utf-16le', true, false],
    ['utf-16le', false, false],
    ['utf-16be', true, true],
    ['utf-16be', false, true],
  ] as const)('reads %s (BOM: %s)', (encoding, bom, bigEndian) => {
    const decoded = decodeFeedBytes(utf16(DOC, bigEndian, bom));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain('<title>Été — 日本</title>');
    expect(decoded.bozo).toBe(false);
  });

  it.each([
    ['utf-32le', false, true],
    ['utf-32le', false, false],
    ['utf-32be', true, true],
    ['utf-32be', true, false],
  ] as const)('reads %s (big-endian: %s, BOM: %s)', (encoding, bigEndian, bom) => {
    const decoded = decodeFeedBytes(utf32(DOC.replace('utf-16', 'utf-32'), bigEndian, bom));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain('Été — 日本');
  });

  it('lets the HTTP charset override the XML declaration', () => {
    const doc = bytes('<?xml version="1.0" encoding="iso-8859-1"?><rss>', [0x93], 'x', [0x94], '</rss>');
    const decoded = decodeFeedBytes(doc, 'text/xml; charset=windows-1252');
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('“x”');
  });

  it('uses the XML declaration for application/*+xml without a charset', () => {
    const doc = bytes('<?xml version="1.0" encoding="iso-8859-1"?><rss>caf', [0xe9], '</rss>');
    expect(decodeFeedBytes(doc, 'application/rss+xml')).toMatchObject({ encoding: 'iso-8859-1', bozo: false });
    expect(decodeFeedBytes(doc, 'application/rss+xml').text).toContain('café');
  });

  it('treats text/xml without a charset as us-ascii (RFC 3023)', () => {
    expect(decodeFeedBytes(ascii('<?xml version="1.0" encoding="iso-8859-1"?><rss/>'), 'text/xml')).toMatchObject({ encoding: 'us-ascii', bozo: false });
  });

  it('flags a declared encoding that the bytes contradict, and still decodes', () => {
    const decoded = decodeFeedBytes(ascii('<?xml version="1.0" encoding="utf-8"?><rss>é</rss>'), 'text/xml');
    expect(decoded.bozo).toBe(true);
    expect(decoded.reason).toMatch(/us-ascii/);
    expect(decoded.text).toContain('é');
  });

  it('falls back to windows-1252 without flagging when nothing was declared', () => {
    const decoded = decodeFeedBytes(bytes('<rss>don', [0x92], 't ', [0x80], '</rss>'));
    expect(decoded).toMatchObject({ encoding: 'windows-1252', bozo: false, text: '<rss>don’t €</rss>' });
  });

  it('turns C1 controls into the windows-1252 characters they were meant to be', () => {
    // U+0092 encoded as UTF-8: a smart quote that went through a latin-1 conversion.
    expect(decodeFeedBytes(bytes('<rss>don', [0xc2, 0x92], 't</rss>')).text).toBe('<rss>don’t</rss>');
  });

  it('flags an unknown encoding and a non-XML content type', () => {
    expect(decodeFeedBytes(ascii('<?xml version="1.0" encoding="bogus"?><rss/>'))).toMatchObject({ bozo: true, encoding: 'utf-8' });
    expect(decodeFeedBytes(ascii('<rss/>'), 'text/plain')).toMatchObject({ bozo: true });
  });

  it('reads legacy multi-byte encodings', () => {
    const euckr = bytes('<?xml version="1.0" encoding="euc-kr"?><rss>', [0xb3, 0xe2], '</rss>');
    expect(decodeFeedBytes(euckr)).toMatchObject({ encoding: 'euc-kr', text: '<?xml version="1.0" encoding="euc-kr"?><rss>년</rss>' });
    const gb = bytes('<?xml version="1.0" encoding="gb2312"?><rss>', [0xd6, 0xd0], '</rss>');
    expect(decodeFeedBytes(gb)).toMatchObject({ encoding: 'gb18030' });
    expect(decodeFeedBytes(gb).text).toContain('中');
  });

  it('drops characters XML forbids', () => {
    expect(decodeFeedBytes(ascii('<rss>a\u0001b\u000bc\td</rss>')).text).toBe('<rss>abc\td</rss>');
  });
});

describe('parseContentType', () => {
  it.each([
    ['text/xml; charset="us-ascii"', 'text/xml', 'us-ascii'],
    ["application/atom+xml;charset='UTF-8'", 'application/atom+xml', 'utf-8'],
    ['text/xml;charset = us-ascii', 'text/xml', 'us-ascii'],
    ['text/xml; charset:iso-8859-1', 'text/xml', null],
    ['text/xml;', 'text/xml', null],
  ])('%s', (input, mediaType, charset) => {
    expect(parseContentType(input)).toEqual({ mediaType, charset });
  });
});
