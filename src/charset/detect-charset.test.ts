import { describe, expect, it } from 'vitest';
import iconv from 'iconv-lite';
import { MIN_CONFIDENCE, detectLegacyCharset, isValidUtf8 } from './detect-charset.js';

const RU = 'Городской совет утвердил новый план развития общественного транспорта. По словам мэра, первые автобусы на электрической тяге выйдут на линии уже весной.';
const JA = '市議会は新しい公共交通の整備計画を承認した。市長によると、最初の電気バスは春に運行を始め、年末までに台数を倍に増やす予定だという。';

describe('detectLegacyCharset', () => {
  it('names the encoding of a paragraph of real text and the decoder to read it with', () => {
    expect(detectLegacyCharset(iconv.encode(`<p>${RU}</p>`, 'koi8-r'))).toMatchObject({ name: 'KOI8-R', decoder: 'KOI8-R' });
    expect(detectLegacyCharset(iconv.encode(`<p>${JA}</p>`, 'euc-jp'))).toMatchObject({ name: 'EUC-JP' });
    const chinese = detectLegacyCharset(iconv.encode('<p>市议会批准了新的公共交通发展计划。市长表示，首批电动公交车将于春季投入运营。</p>', 'gb18030'));
    // GB2312 text is read with GB18030, its superset, which also covers what pages labelled GB2312 really use.
    expect(chinese).toMatchObject({ name: 'GB2312', decoder: 'gb18030' });
    expect(chinese!.confidence).toBeGreaterThanOrEqual(MIN_CONFIDENCE);
  });

  it('leaves valid UTF-8 alone', () => {
    const bytes = Buffer.from(`<p>${RU}</p>`, 'utf8');
    expect(isValidUtf8(bytes)).toBe(true);
    expect(detectLegacyCharset(bytes)).toBeNull();
  });

  it('calls UTF-8 valid exactly where a strict decoder reads it without error', () => {
    const strict = (bytes: Uint8Array) => {
      try {
        new TextDecoder('utf-8', { fatal: true }).decode(bytes);
        return true;
      } catch {
        return false;
      }
    };
    const cases = [
      [0xef, 0xbb, 0xbf, 0x41], // a byte-order mark, then A
      [0xc3, 0xa9], // é
      [0xf0, 0x9f, 0x93, 0xb0], // a four-byte character
      [0xc0, 0xaf], // an overlong slash
      [0xed, 0xa0, 0x80], // a UTF-16 surrogate written as UTF-8
      [0xf4, 0x90, 0x80, 0x80], // past U+10FFFF
      [0x41, 0xe2, 0x82], // a character cut short at the end
      [0x80], // a continuation byte alone
    ].map((bytes) => Uint8Array.from(bytes));
    expect(cases.map(isValidUtf8)).toEqual([true, true, true, false, false, false, false, false]);
    expect(cases.map(isValidUtf8)).toEqual(cases.map(strict));
    // A view into a larger buffer is checked over its own bytes only: cut inside the é, or just after it.
    const utf8 = Buffer.from('<p>café</p>', 'utf8');
    expect(isValidUtf8(utf8.subarray(0, 7))).toBe(false);
    expect(isValidUtf8(utf8.subarray(0, 8))).toBe(true);
    const latin1 = Buffer.from('<p>café</p>', 'latin1');
    expect(isValidUtf8(latin1.subarray(0, 6))).toBe(true);
    expect(isValidUtf8(latin1)).toBe(false);
  });

  it('does not trust a guess below the confidence threshold', () => {
    // Seven characters of Shift_JIS are too few for the detector to be sure (it says 0.44).
    const bytes = iconv.encode('<p>市議会は新しい</p>', 'shift_jis');
    expect(isValidUtf8(bytes)).toBe(false);
    expect(detectLegacyCharset(bytes)).toBeNull();
  });

  it('prefers the Windows code page when the bytes use its 0x80–0x9F range', () => {
    const greek = '“Το δημοτικό συμβούλιο ενέκρινε το νέο σχέδιο” – για τις δημόσιες συγκοινωνίες της πόλης και τα πρώτα ηλεκτρικά λεωφορεία.';
    expect(detectLegacyCharset(iconv.encode(greek, 'windows-1253'))?.name).toBe('windows-1253');
    expect(detectLegacyCharset(iconv.encode(greek.replace(/[“”–]/g, '"'), 'iso-8859-7'))?.name).toBe('ISO-8859-7');
  });
});
