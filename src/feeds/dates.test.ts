import { describe, expect, it } from 'vitest';
import { parseFeedDate } from './dates.js';

describe('parseFeedDate', () => {
  it.each([
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 UT', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 Z', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 03 04:00:00 EST', '2003-06-10T09:00:00Z'],
    ['10 Jun 2003 04:00 PDT', '2003-06-10T11:00:00Z'],
    ['Tuesday, 10-Jun-03 04:00:00 GMT', '2003-06-10T04:00:00Z'],
    ['Wed, 31 Dec 2003 10:14:55 -0800 (PST)', '2003-12-31T18:14:55Z'],
    ['Wed Dec 31 10:14:55 PST 2003', '2003-12-31T18:14:55Z'],
    ['Tue Jun 10 04:00:00 2003', '2003-06-10T04:00:00Z'],
    ['Tue, 10 Jun 2003 04:00:00 GMT+2', '2003-06-10T02:00:00Z'],
    ['Jun 10, 2003 4:00 PM', '2003-06-10T16:00:00Z'],
    ['June 10th, 2003', '2003-06-10T00:00:00Z'],
  ])('reads RFC 822 and its deformations: %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('reads military zone letters the RFC 822 way', () => {
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 A')).toBe('2003-06-10T05:00:00Z');
    expect(parseFeedDate('Tue, 10 Jun 2003 04:00:00 N')).toBe('2003-06-10T03:00:00Z');
  });

  it.each([
    ['2003-06-10T04:00:00Z', '2003-06-10T04:00:00Z'],
    ['2003-06-10T04:00:00.123+02:00', '2003-06-10T02:00:00.123Z'],
    ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55Z'],
    ['2003-12-31T10:14:55.000000Z', '2003-12-31T10:14:55Z'],
    ['2003-06-10 04:00:00', '2003-06-10T04:00:00Z'],
    ['20030610T040000Z', '2003-06-10T04:00:00Z'],
    ['2003-06-10', '2003-06-10T00:00:00Z'],
    ['2003-06', '2003-06-01T00:00:00Z'],
    ['2003', '2003-01-01T00:00:00Z'],
  ])('reads ISO 8601 / W3CDTF: %s', (input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it.each([
    ['de', 'Di, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
    ['de', 'Dienstag, 10. Juni 2003 04:00', '2003-06-10T04:00:00Z'],
    ['de', 'Mo, 03 Mär 2003 10:00:00 +0100', '2003-03-03T09:00:00Z'],
    ['fr', 'mar., 10 juin 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
    ['fr', 'lundi 3 février 2003 10:00', '2003-02-03T10:00:00Z'],
    ['es', 'martes, 10 de junio de 2003 04:00', '2003-06-10T04:00:00Z'],
    ['es', 'lun, 03 dic 2003 10:00:00 GMT', '2003-12-03T10:00:00Z'],
    ['it', 'mar 10 giu 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
    ['nl', 'di, 10 jun 2003 04:00:00 +0200', '2003-06-10T02:00:00Z'],
    ['nl', '3 mei 2003', '2003-05-03T00:00:00Z'],
    ['pt', '10 de junho de 2003 04:00', '2003-06-10T04:00:00Z'],
    ['pt', 'seg, 03 out 2003 10:00:00 GMT', '2003-10-03T10:00:00Z'],
    ['ru', 'вт, 10 июн 2003 04:00:00 +0300', '2003-06-10T01:00:00Z'],
    ['ru', '10 июня 2003 г. 04:00', '2003-06-10T04:00:00Z'],
  ])('reads %s month and day names: %s', (_lang, input, expected) => {
    expect(parseFeedDate(input)).toBe(expected);
  });

  it('reads a Unix timestamp in seconds', () => {
    expect(parseFeedDate('1281727020')).toBe('2010-08-13T19:17:00Z');
  });

  it('reads two-digit years with a 1970 pivot', () => {
    expect(parseFeedDate('Mon, 01 Jan 69 00:00:00 GMT')).toBe('2069-01-01T00:00:00Z');
    expect(parseFeedDate('Thu, 01 Jan 70 00:00:00 GMT')).toBe('1970-01-01T00:00:00Z');
  });

  it('returns null for what is not a date', () => {
    for (const input of ['constructor 10 2003', '10 toString 2003 04:00 constructor', '', '   ', 'not a date', 'Tue, 31 Feb 2003 04:00:00 GMT', '2003-13-01', 'Tue, 10 Jun 2003 25:00:00 GMT']) {
      expect(parseFeedDate(input)).toBeNull();
    }
  });
});
