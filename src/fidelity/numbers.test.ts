import { describe, it, expect } from 'vitest';
import { negationChanges, numberChanges } from './numbers.js';
import { hunksOf, wordDiff } from './word-diff.js';

describe('numberChanges', () => {
  it('names each changed number and ignores numbers that only moved', () => {
    expect(numberChanges('12 boats and 3 piers', '19 boats and 3 piers')).toEqual(['12 → 19']);
    expect(numberChanges('3 piers and 12 boats', '12 boats and 3 piers')).toEqual([]);
    expect(numberChanges('cost 4.5 million', 'cost 4,5 million')).toEqual(['4.5 → 4,5']);
    expect(numberChanges('in 2027', 'soon')).toEqual(['2027 → ∅']);
  });
});

describe('negationChanges', () => {
  const named = (from: string, to: string) => negationChanges(hunksOf(wordDiff(from, to)));
  it('names an inserted or removed negation with the word before it', () => {
    expect(named('The route is a luxury.', 'The route is not a luxury.')).toEqual(['is → is not']);
    expect(named('It is not late.', 'It is late.')).toEqual(['is not → is']);
    expect(named('Er kommt.', 'Er kommt nicht.')).toEqual(['kommt → kommt nicht']);
    expect(named('The route is a luxury.', 'The road is a luxury.')).toEqual([]);
  });
});
