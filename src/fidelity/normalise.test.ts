import { describe, it, expect } from 'vitest';
import { comparisonKey, normaliseText, stripDateline } from './normalise.js';

describe('normaliseText', () => {
  it('folds spaces, invisible characters, dashes and ellipses', () => {
    expect(normaliseText(' a\u00a0b\tc\u00ad d\u200b ')).toBe('a b c d');
    expect(normaliseText('then -- later')).toBe(normaliseText('then—later'));
    expect(normaliseText('wait . . . no')).toBe(normaliseText('wait… no'));
    expect(normaliseText('cafe\u0301')).toBe('café');
  });
  it('keeps hyphens inside words', () => {
    expect(normaliseText('well-known')).toBe('well-known');
  });
});

describe('comparisonKey', () => {
  it('makes every quote convention and French spacing equal', () => {
    const key = comparisonKey('“Yes,” she said.');
    expect(comparisonKey('"Yes," she said.')).toBe(key);
    expect(comparisonKey('« Yes, » she said.')).toBe(key);
    expect(comparisonKey('„Yes“, she said.')).not.toBe(key); // the comma moved: a real difference
  });
  it('makes number ranges and French spaces before % equal', () => {
    expect(comparisonKey('In 2020–2021 it rose 12 %.')).toBe(comparisonKey('In 2020-2021 it rose 12%.'));
  });
  it('keeps words apart', () => {
    expect(comparisonKey('is not')).not.toBe(comparisonKey('is'));
  });
});

describe('stripDateline', () => {
  it('drops the dateline styles of wires and papers', () => {
    expect(stripDateline('MOSCOW (Sputnik) — Lavrov said.')).toBe('Lavrov said.');
    expect(stripDateline('NAIROBI, Nov. 3 (Wire) — Rain fell.')).toBe('Rain fell.');
    expect(stripDateline('OSLO — Snow fell.')).toBe('Snow fell.');
  });
  it('leaves ordinary openings alone', () => {
    expect(stripDateline('A — then B.')).toBe('A — then B.');
    expect(stripDateline('The council (in full) — met.')).toBe('The council (in full) — met.');
  });
});
