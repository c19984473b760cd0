import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeFeedBytes } from './decode.js';
import { parseFeed } from './parse-feed.js';

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

describe('decodeFeedBytes: undeclared legacy encodings', () => {
  const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/charsets/${name}`, import.meta.url)));
  const RU = 'Городской совет утвердил новый план развития общественного транспорта.';
  const JA = '市議会は新しい公共交通の整備計画を承認した。';
  const ZH_HANS = '市议会批准了新的公共交通发展计划。';
  const ZH_HANT = '市議會批准了新的公共交通發展計劃。';
  const KO = '시의회는 새로운 대중교통 발전 계획을 승인했다.';
  const EL = 'Το δημοτικό συμβούλιο ενέκρινε το νέο σχέδιο για τις δημόσιες συγκοινωνίες.';
  const HE = 'מועצת העיר אישרה את התוכנית החדשה לפיתוח התחבורה הציבורית.';

  it.each([
    ['ru-koi8-r.xml', 'KOI8-R', RU],
    ['ru-windows-1251.xml', 'windows-1251', RU],
    ['ja-euc-jp.xml', 'EUC-JP', JA],
    ['ja-shift_jis.xml', 'SHIFT_JIS', JA],
    ['zh-gb18030.xml', 'GB2312', ZH_HANS],
    ['zh-big5.xml', 'Big5', ZH_HANT],
    ['ko-euc-kr.xml', 'EUC-KR', KO],
    ['el-iso-8859-7.xml', 'ISO-8859-7', EL],
    ['he-windows-1255.xml', 'windows-1255', HE],
  ])('detects %s as %s, flagged as a guess', (name, encoding, sentence) => {
    const decoded = decodeFeedBytes(fixture(name));
    expect(decoded).toMatchObject({ encoding, bozo: true });
    expect(decoded.reason).toMatch(new RegExp(`detected ${encoding} \\(confidence [01]\\.\\d\\d\\)`));
    expect(decoded.text).toContain(sentence);
  });

  it('reads a Windows code page where the detector names its ISO set but the bytes use the Windows range', () => {
    // «…» and the en dash of the title sit at 0x80–0x9F in windows-1253, where ISO-8859-7 has only controls.
    const decoded = decodeFeedBytes(fixture('el-windows-1253.xml'));
    expect(decoded.encoding).toBe('windows-1253');
    expect(decoded.text).toContain('<title>«Τα πρώτα ηλεκτρικά λεωφορεία» – την άνοιξη</title>');
  });

  it('reads the whole feed, not only its text: titles of entries come out right', () => {
    expect(parseFeed(fixture('ja-shift_jis.xml'), null, 'https://citydesk.example/feed').entries[0].title).toBe('電気バス、春に運行開始');
    expect(parseFeed(fixture('ru-koi8-r.xml'), 'application/rss+xml', 'https://citydesk.example/feed').entries[0].title).toBe('Новые автобусы выйдут на линии весной');
  });

  it('lets a declaration win over detection', () => {
    const decoded = decodeFeedBytes(fixture('cs-windows-1250-declared.xml'));
    expect(decoded).toMatchObject({ encoding: 'windows-1250', bozo: false });
    expect(decoded.text).toContain('Městská rada schválila nový plán rozvoje veřejné dopravy.');
    // The HTTP charset wins over both: the same bytes labelled KOI8-R are read as KOI8-R, however wrong.
    expect(decodeFeedBytes(fixture('zh-big5.xml'), 'text/xml; charset=koi8-r').encoding).toBe('koi8-r');
  });

  it('never second-guesses valid UTF-8', () => {
    const utf8 = new TextEncoder().encode(`<rss><channel><title>${RU}</title></channel></rss>`);
    expect(decodeFeedBytes(utf8)).toMatchObject({ encoding: 'utf-8', bozo: false });
  });
});
