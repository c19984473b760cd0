import { describe, it, expect } from 'vitest';
import { foldForMatching, replaceLoneSurrogates, stripBidiControls, stripControlChars } from './text-normalize.js';

describe('replaceLoneSurrogates', () => {
  it.each([
    ['a\uD83D', 'a\uFFFD'],
    ['\uDE00b', '\uFFFDb'],
    ['\uDE00\uD83D', '\uFFFD\uFFFD'],
    ['😀', '😀'],
    ['plain', 'plain'],
  ])('%j → %j', (input, expected) => {
    expect(replaceLoneSurrogates(input)).toBe(expected);
  });
});

describe('stripBidiControls', () => {
  it('removes embeddings, overrides and isolates, keeps marks and right-to-left text', () => {
    expect(stripBidiControls('a\u202Ab\u202Bc\u202Cd\u202De\u202Ef\u2066g\u2067h\u2068i\u2069j')).toBe('abcdefghij');
    expect(stripBidiControls('שלום\u200Fabc\u200E')).toBe('שלום\u200Fabc\u200E');
  });
});

describe('stripControlChars', () => {
  it('keeps newlines and tabs when asked, folding CR and CRLF to LF', () => {
    expect(stripControlChars('a\r\nb\rc\td\u0000e\u001Bf\u007Fg\u0085h', true)).toBe('a\nb\nc\tdefgh');
  });
  it('removes every control on a single line', () => {
    expect(stripControlChars('a\r\nb\tc\u0000d', false)).toBe('abcd');
  });
  it('keeps ordinary text, including non-Latin scripts and emoji', () => {
    expect(stripControlChars('Zoë 東京 😀 ñ', false)).toBe('Zoë 東京 😀 ñ');
  });
});

describe('foldForMatching', () => {
  it.each([
    ['ＳＰＡＭ', 'spam'],
    ['Straße', 'strasse'],
    ['s\u200Bp\u00ADa\u2060m\uFEFF', 'spam'],
    ['ﬁ', 'fi'],
    ['Ⓢⓟⓐⓜ', 'spam'],
    ['ДЁШЕВО', 'дёшево'],
  ])('%s → %s', (input, expected) => {
    expect(foldForMatching(input)).toBe(expected);
  });
});
