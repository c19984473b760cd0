import { describe, expect, it } from 'vitest';
import { findDateInText, normalizeDate } from './dates.js';

describe('normalizeDate', () => {
  it.each([
    ['2025-04-02T08:15:00+02:00', '2025-04-02T08:15:00+02:00'],
    ['2025-04-02T08:15:00.123Z', '2025-04-02T08:15:00+00:00'],
    ['2025-04-02T08:15', '2025-04-02T08:15:00+00:00'],
    ['2025-04-02', '2025-04-02T00:00:00+00:00'],
    ['2025-04-02T08:15:00-0500', '2025-04-02T08:15:00-05:00'],
    ['Tue, 19 Nov 2019 13:45:00 GMT', '2019-11-19T13:45:00+00:00'],
    ['November 19, 2019 8:21 am', '2019-11-19T08:21:00+00:00'],
    ['March 5, 2024 10:30 PM EST', '2024-03-05T22:30:00-05:00'],
    ['5 March 2024', '2024-03-05T00:00:00+00:00'],
    ['2024/03/05', '2024-03-05T00:00:00+00:00'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2025-13-01', '2025-02-30', 'not a date 12'])('rejects %j', (input) => {
    expect(normalizeDate(input)).toBeNull();
  });
});

describe('findDateInText', () => {
  it('finds a date inside a sentence', () => {
    expect(findDateInText('Posted on March 5, 2024 by Jane Roe')).toBe('2024-03-05T00:00:00+00:00');
    expect(findDateInText('Updated 14th February 2023, 09:05')).toBe('2023-02-14T09:05:00+00:00');
    expect(findDateInText('no date here')).toBeNull();
  });
});
