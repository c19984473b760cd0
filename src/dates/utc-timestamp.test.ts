import { describe, expect, it } from 'vitest';
import { convertTimestamp, toUtcTimestamp, toUtcTimestampOrNull } from './utc-timestamp.js';

describe('convertTimestamp', () => {
  it.each([
    ['2019-11-18T21:24:00-05:00', '2019-11-19T02:24:00.000Z'],
    ['2019-11-18T21:24:00+0530', '2019-11-18T15:54:00.000Z'],
    ['2019-11-18T21:24:00Z', '2019-11-18T21:24:00.000Z'],
    ['2019-11-18T21:24:00.5+00:00', '2019-11-18T21:24:00.500Z'],
    ['2019-11-18 21:24:00+01:00', '2019-11-18T20:24:00.000Z'],
    ['2019-11-18T21:24+01:00', '2019-11-18T20:24:00.000Z'],
    ['2019-11-18', '2019-11-18T00:00:00.000Z'],
    ['2019-11-18T21:24:00.000Z', '2019-11-18T21:24:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(convertTimestamp(input)).toBe(expected);
  });

  it('refuses what is not an ISO 8601 timestamp', () => {
    for (const input of ['', 'yesterday', 'Tue, 19 Nov 2019 13:45:00 GMT', '2019-13-01T00:00:00Z', '2019-11-18T21:24:00']) {
      expect(convertTimestamp(input)).toBeNull();
    }
    expect(convertTimestamp(new Date(Number.NaN))).toBeNull();
  });

  it('throws for a caller that hands the store something that is not a moment', () => {
    expect(() => toUtcTimestamp('soon')).toThrow(/not a timestamp/);
    expect(toUtcTimestampOrNull(null)).toBeNull();
    expect(toUtcTimestamp(new Date(Date.UTC(2020, 0, 1)))).toBe('2020-01-01T00:00:00.000Z');
  });
});
