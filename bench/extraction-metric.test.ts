import { describe, expect, it } from 'vitest';
import { aggregate, scorePage, shingles, tokenize } from './extraction-metric.js';

describe('tokenize', () => {
  it('takes runs of Unicode letters, numbers and underscores', () => {
    expect(tokenize('Hello, wörld! snake_case 42 — Привет 東京')).toEqual(['Hello', 'wörld', 'snake_case', '42', 'Привет', '東京']);
  });
  it('keeps case and gives nothing for empty input', () => {
    expect(tokenize('A a')).toEqual(['A', 'a']);
    expect(tokenize('')).toEqual([]);
    expect(tokenize(null)).toEqual([]);
  });
});

describe('shingles', () => {
  it('counts repeated 4-grams', () => {
    const s = shingles(['a', 'b', 'c', 'd', 'a', 'b', 'c', 'd']);
    expect(s.size).toBe(4);
    expect(s.get(['a', 'b', 'c', 'd'].join('\u0001'))).toBe(2);
  });
  it('gives one short shingle for 1 to 3 tokens, none for 0', () => {
    expect([...shingles(['x', 'y']).values()]).toEqual([1]);
    expect(shingles([]).size).toBe(0);
  });
});

describe('scorePage', () => {
  it('is perfect for identical token lists despite punctuation', () => {
    const score = scorePage('one two three four five', 'one, two; three four five!');
    expect(score).toMatchObject({ precision: 1, recall: 1, exact: true });
  });
  it('normalises counts by tp+fp+fn', () => {
    // truth has 2 shingles, prediction shares 1 and adds 1: tp=1, fp=1, fn=1 → each 1/3.
    const score = scorePage('a b c d e', 'a b c d x');
    expect(score.tp).toBeCloseTo(1 / 3);
    expect(score.fp).toBeCloseTo(1 / 3);
    expect(score.fn).toBeCloseTo(1 / 3);
    expect(score.precision).toBeCloseTo(0.5);
    expect(score.recall).toBeCloseTo(0.5);
    expect(score.exact).toBe(false);
  });
  it('gives precision 0 and recall 0 when nothing matches', () => {
    const score = scorePage('a b c d', 'w x y z');
    expect(score.precision).toBe(0);
    expect(score.recall).toBe(0);
  });
  it('an empty prediction has recall 0 and no precision contribution', () => {
    const score = scorePage('a b c d e', '');
    expect(score.recall).toBe(0);
    expect(score.tp + score.fp).toBe(0);
  });
  it('extra text lowers precision only', () => {
    const score = scorePage('a b c d e', 'a b c d e f g');
    expect(score.recall).toBe(1);
    expect(score.precision).toBeCloseTo(2 / 4);
  });
});

describe('aggregate', () => {
  it('averages per page and leaves empty predictions out of precision', () => {
    const pages = [scorePage('a b c d e', 'a b c d e'), scorePage('a b c d e', '')];
    const result = aggregate(pages);
    expect(result.precision).toBe(1);
    expect(result.recall).toBe(0.5);
    expect(result.f1).toBeCloseTo((2 * 0.5) / 1.5);
    expect(result.accuracy).toBe(0.5);
  });
});
