import { describe, expect, it } from 'vitest';
import { findDateInText } from './find-date-in-text.js';

describe('findDateInText', () => {
  it('finds a date inside a sentence', () => {
    expect(findDateInText('Posted on March 5, 2024 by Jane Roe')).toBe('2024-03-05T00:00:00.000Z');
    expect(findDateInText('Updated 14th February 2023, 09:05')).toBe('2023-02-14T09:05:00.000Z');
    expect(findDateInText('no date here')).toBeNull();
  });

  it('reads the zone written after the time', () => {
    expect(findDateInText('Published Nov 18, 2019 at 9:24 pm ET')).toBe('2019-11-19T02:24:00.000Z');
    expect(findDateInText('Posted Jul 4, 2019 9:24 p.m. PT, updated later')).toBe('2019-07-05T04:24:00.000Z');
    expect(findDateInText('18 November 2019, 21:24 CET')).toBe('2019-11-18T20:24:00.000Z');
    expect(findDateInText('18 November 2019 21:24 +0100')).toBe('2019-11-18T20:24:00.000Z');
    expect(findDateInText('Nov 18, 2019 9.24 pm EST')).toBe('2019-11-19T02:24:00.000Z');
  });

  it('does not take the next words of the sentence for a zone', () => {
    expect(findDateInText('Nov 18, 2019 at 9:24 pm by Jane Roe')).toBe('2019-11-18T21:24:00.000Z');
    expect(findDateInText('Nov 18, 2019 at 9:24 pm BY JANE ROE')).toBe('2019-11-18T21:24:00.000Z');
  });

  it('gives up on a date whose zone abbreviation it does not know rather than read it as UTC', () => {
    expect(findDateInText('Nov 18, 2019 at 9:24 pm ACWST')).toBeNull();
  });

  it('keeps to the plausible years it is given', () => {
    expect(findDateInText('Founded January 1, 1970', { years: { min: 1990, max: 2100 } })).toBeNull();
  });
});
