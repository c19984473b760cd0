import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeHtmlBytes } from './decode-html.js';
import { extractArticle } from './extract-article.js';

const html = '<html><head><meta charset="windows-1252"></head><body><p>Café – “quoted”</p></body></html>';

describe('decodeHtmlBytes', () => {
  it('honours a UTF-16 byte-order mark over everything else', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode('<p>Grüße</p>', 'utf-16le')]);
    expect(decodeHtmlBytes(bytes, 'text/html; charset=iso-8859-1')).toEqual({ text: '<p>Grüße</p>', encoding: 'utf-16le' });
  });

  it('uses the HTTP charset before the meta tag', () => {
    const bytes = iconv.encode('<meta charset="utf-8"><p>Привет</p>', 'koi8-r');
    expect(decodeHtmlBytes(bytes, 'text/html; charset=KOI8-R').text).toContain('Привет');
  });

  it('decodes declared UTF-8 with broken sequences as iconv-lite does: one replacement character each', () => {
    const bytes = Buffer.concat([Buffer.from('<p>Grüße '), Buffer.from([0xc3, 0x28, 0xe2, 0x82, 0xff, 0xf0, 0x9f, 0x98]), Buffer.from(' ende</p>')]);
    const decoded = decodeHtmlBytes(bytes, 'text/html; charset=UTF-8');
    expect(decoded).toEqual({ text: iconv.decode(bytes, 'utf-8'), encoding: 'utf-8' });
    expect(decoded.text).toContain('\ufffd');
  });

  it('reads <meta charset> in the first 1024 bytes (windows-1252)', () => {
    const decoded = decodeHtmlBytes(iconv.encode(html, 'windows-1252'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Café – “quoted”');
  });

  it('reads http-equiv Content-Type', () => {
    const page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>Łódź</p>';
    expect(decodeHtmlBytes(iconv.encode(page, 'iso-8859-2')).text).toContain('Łódź');
    const reordered = `<meta content='text/html; charset="koi8-r"' http-equiv='Content-Type'><p>Привет</p>`;
    expect(decodeHtmlBytes(iconv.encode(reordered, 'koi8-r'))).toMatchObject({ encoding: 'koi8-r' });
  });

  it('takes valid UTF-8 without a declaration, else windows-1252', () => {
    expect(decodeHtmlBytes(Buffer.from('<p>naïve</p>', 'utf8'))).toEqual({ text: '<p>naïve</p>', encoding: 'utf-8' });
    expect(decodeHtmlBytes(Buffer.from([0x3c, 0x70, 0x3e, 0x93, 0x68, 0x69, 0x94]))).toEqual({ text: '<p>“hi”', encoding: 'windows-1252' });
  });

  it('treats a utf-16 label in a meta tag as UTF-8 and ignores unknown labels', () => {
    expect(decodeHtmlBytes(Buffer.from('<meta charset="utf-16"><p>ok é</p>')).text).toContain('ok é');
    expect(decodeHtmlBytes(Buffer.from('<meta charset="no-such-thing"><p>ok é</p>')).text).toContain('ok é');
  });
});

describe('decodeHtmlBytes: undeclared legacy encodings', () => {
  const fixture = (name: string): Uint8Array => new Uint8Array(readFileSync(new URL(`./testdata/charsets/${name}`, import.meta.url)));

  it.each([
    ['ru-windows-1251.html', 'windows-1251', 'Жители северных районов давно жаловались на длинные интервалы движения.'],
    ['ja-shift_jis.html', 'SHIFT_JIS', '北部の住民は以前から運行間隔の長さに不満を訴えていた。'],
    ['zh-big5.html', 'Big5', '北部地區的居民長期以來一直抱怨發車間隔太長。'],
    ['zh-gb18030.html', 'GB2312', '北部地区的居民长期以来一直抱怨发车间隔太长。'],
    ['ko-euc-kr.html', 'EUC-KR', '북부 지역 주민들은 오래전부터 긴 배차 간격에 불만을 제기해 왔다.'],
    ['el-iso-8859-7.html', 'ISO-8859-7', 'τα πρώτα ηλεκτρικά λεωφορεία θα κυκλοφορήσουν την άνοιξη'],
    ['fr-windows-1252.html', 'windows-1252', "leur nombre doublera d'ici à la fin de l'année"],
  ])('detects %s as %s', (name, encoding, sentence) => {
    const decoded = decodeHtmlBytes(fixture(name));
    expect(decoded.encoding).toBe(encoding);
    expect(decoded.text).toContain(sentence);
  });

  it('keeps undeclared UTF-8 as UTF-8 and lets <meta charset> win over detection', () => {
    expect(decodeHtmlBytes(fixture('ru-utf-8.html')).encoding).toBe('utf-8');
    const czech = decodeHtmlBytes(fixture('cs-iso-8859-2-declared.html'));
    expect(czech.encoding).toBe('iso-8859-2');
    expect(czech.text).toContain('Obyvatelé severních čtvrtí si dlouho stěžovali na dlouhé intervaly mezi spoji.');
  });

  it('extracts the article of an undeclared Shift_JIS page', () => {
    const article = extractArticle(fixture('ja-shift_jis.html'), 'https://citydesk.example/transport', { contentType: 'text/html' });
    expect(article.title).toBe('電気バス、春に運行開始');
    expect(article.text).toContain('市長によると、最初の電気バスは春に運行を始め');
  });
});
