// The written pairs of testdata/pairs, the generated 2,000-sentence article, and the JSON shape of the report.
import { describe, it, expect } from 'vitest';
import { compareTexts, toJsonReport } from './index.js';
import { loadPairs, mismatches } from './testdata/pairs.js';
import { generateLongPair } from './testdata/long-pair.js';

const pairs = loadPairs();

describe('compareTexts on the written pairs', () => {
  it('has at least 40 pairs', () => {
    expect(pairs.length).toBeGreaterThanOrEqual(40);
  });
  it.each(pairs.map((p) => [p.name, p] as const))('%s', (_name, pair) => {
    const report = compareTexts(pair.source, pair.copy, pair.expected.options);
    expect(mismatches(report, pair.expected), pair.expected.description).toEqual([]);
  });
});

describe('a 2,000-sentence article', () => {
  it('finds exactly the edits made to it', () => {
    const pair = generateLongPair();
    const report = compareTexts(pair.source, pair.copy);
    expect(report.sentences.source).toBe(2000);
    expect(report.counts).toEqual(pair.expected);
    expect(report.altered.every((a) => a.numbers.length === 1)).toBe(true);
  });
});

describe('a copy that is the same string as its source', () => {
  it('gets the report the full comparison gives, quotations included', () => {
    for (const pair of pairs) {
      // A trailing space makes the strings differ, so the second call prepares both sides on its own.
      expect(compareTexts(pair.source, pair.source, pair.expected.options)).toEqual(compareTexts(pair.source, `${pair.source} `, pair.expected.options));
      expect(compareTexts(pair.source, pair.source, pair.expected.options).faithful).toBe(true);
    }
  });
});

describe('the JSON report', () => {
  it('has exactly the published keys, in order', () => {
    const json = toJsonReport(compareTexts('A quiet day. “We are ready,” Ana Ruiz said.', 'A quiet day in town. Nothing else.'));
    expect(Object.keys(json)).toEqual(['faithful', 'counts', 'omitted', 'altered', 'added', 'moved', 'quotesChanged']);
    expect(Object.keys(json.counts)).toEqual(['omitted', 'altered', 'added', 'moved']);
    expect(json.altered[0]).toEqual({ from: 'A quiet day.', to: 'A quiet day in town.', changes: ['+ in town'] });
    expect(json.quotesChanged).toEqual([{ source: 'We are ready', copy: null, speaker: 'Ana Ruiz', kind: 'omitted' }]);
    expect(json.faithful).toBe(false);
  });
});
