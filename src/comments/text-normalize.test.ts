import { describe, it, expect } from 'vitest';
import { foldForMatching, hasVisibleText, replaceLoneSurrogates, stripBidiControls, stripControlChars, stripInvisibleControls } from './text-normalize.js';

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

describe('stripInvisibleControls', () => {
  it.each([
    ['zero-width space inside a word', 'fr\u200Bee', 'free'],
    ['word joiner, BOM, Mongolian vowel separator', '\u2060a\uFEFFb\u180Ec', 'abc'],
    ['bidi override (Trojan Source)', 'evil\u202Etxt.exe', 'eviltxt.exe'],
    ['a joiner that joins nothing', '\u200Dname\u200C ', 'name '],
    ['a Persian non-joiner between letters', 'می\u200Cخواهم', 'می\u200Cخواهم'],
    ['an emoji family sequence', '👨\u200D👩\u200D👧', '👨\u200D👩\u200D👧'],
    ['a flag with variation selector and joiner', '🏳\uFE0F\u200D🌈', '🏳\uFE0F\u200D🌈'],
    ['direction marks in a body', 'שלום\u200Fabc', 'שלום\u200Fabc'],
  ])('%s', (_name, input, expected) => {
    expect(stripInvisibleControls(input)).toBe(expected);
  });

  it('drops direction marks and soft hyphens from a one-line field', () => {
    expect(stripInvisibleControls('A\u200Eda\u00AD\u200F', { line: true })).toBe('Ada');
  });
});

describe('hasVisibleText', () => {
  it.each([
    ['Ada', true],
    ['😀', true],
    ['.', true],
    ['', false],
    [' \t\n', false],
    ['\u200B\u200C\u200D\u2060\uFEFF', false],
    ['\u3164\u3164', false],
    ['\u2800 \u115F\u1160\uFFA0', false],
    ['\u202E\u2066\u00A0\u2003', false],
  ])('%j → %s', (text, expected) => {
    expect(hasVisibleText(text)).toBe(expected);
  });
});
