import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { decodeHtmlBytes } from './decode-html.js';

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

  it('reads <meta charset> in the first 1024 bytes (windows-1252)', () => {
    const decoded = decodeHtmlBytes(iconv.encode(html, 'windows-1252'));
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('Café – “quoted”');
  });

  it('reads http-equiv Content-Type', () => {
    const page = '<meta http-equiv="Content-Type" content="text/html; charset=iso-8859-2"><p>Łódź</p>';
    expect(decodeHtmlBytes(iconv.encode(page, 'iso-8859-2')).text).toContain('Łódź');
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
