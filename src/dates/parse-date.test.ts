import { describe, expect, it } from 'vitest';
import { parseDate } from './parse-date.js';
import { knownZoneNames } from './zones.js';

describe('parseDate (feed forms)', () => {
  it.each([
    ['Tue, 10 Jun 2003 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 UT', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 Z', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 03 04:00:00 EST', '2003-06-10T09:00:00.000Z'],
    ['10 Jun 2003 04:00 PDT', '2003-06-10T11:00:00.000Z'],
    ['Tuesday, 10-Jun-03 04:00:00 GMT', '2003-06-10T04:00:00.000Z'],
    ['Wed, 31 Dec 2003 10:14:55 -0800 (PST)', '2003-12-31T18:14:55.000Z'],
    ['Wed Dec 31 10:14:55 PST 2003', '2003-12-31T18:14:55.000Z'],
    ['Tue Jun 10 04:00:00 2003', '2003-06-10T04:00:00.000Z'],
    ['Tue, 10 Jun 2003 04:00:00 GMT+2', '2003-06-10T02:00:00.000Z'],
    ['Jun 10, 2003 4:00 PM', '2003-06-10T16:00:00.000Z'],
    ['June 10th, 2003', '2003-06-10T00:00:00.000Z'],
  ])('reads RFC 822 and its deformations: %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads military zone letters the RFC 822 way', () => {
    expect(parseDate('Tue, 10 Jun 2003 04:00:00 A')).toBe('2003-06-10T05:00:00.000Z');
    expect(parseDate('Tue, 10 Jun 2003 04:00:00 N')).toBe('2003-06-10T03:00:00.000Z');
  });

  it.each([
    ['2003-06-10T04:00:00.000Z', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10T04:00:00.123+02:00', '2003-06-10T02:00:00.123Z'],
    ['2004-02-28T18:14:55-08:00', '2004-02-29T02:14:55.000Z'],
    ['2003-12-31T10:14:55.000000Z', '2003-12-31T10:14:55.000Z'],
    ['2003-06-10 04:00:00', '2003-06-10T04:00:00.000Z'],
    ['20030610T040000Z', '2003-06-10T04:00:00.000Z'],
    ['2003-06-10', '2003-06-10T00:00:00.000Z'],
    ['2003-06', '2003-06-01T00:00:00.000Z'],
    ['2003', '2003-01-01T00:00:00.000Z'],
  ])('reads ISO 8601 / W3CDTF: %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each([
    ['de', 'Di, 10 Jun 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['de', 'Dienstag, 10. Juni 2003 04:00', '2003-06-10T04:00:00.000Z'],
    ['de', 'Mo, 03 Mär 2003 10:00:00 +0100', '2003-03-03T09:00:00.000Z'],
    ['fr', 'mar., 10 juin 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['fr', 'lundi 3 février 2003 10:00', '2003-02-03T10:00:00.000Z'],
    ['es', 'martes, 10 de junio de 2003 04:00', '2003-06-10T04:00:00.000Z'],
    ['es', 'lun, 03 dic 2003 10:00:00 GMT', '2003-12-03T10:00:00.000Z'],
    ['it', 'mar 10 giu 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['nl', 'di, 10 jun 2003 04:00:00 +0200', '2003-06-10T02:00:00.000Z'],
    ['nl', '3 mei 2003', '2003-05-03T00:00:00.000Z'],
    ['pt', '10 de junho de 2003 04:00', '2003-06-10T04:00:00.000Z'],
    ['pt', 'seg, 03 out 2003 10:00:00 GMT', '2003-10-03T10:00:00.000Z'],
    ['ru', 'вт, 10 июн 2003 04:00:00 +0300', '2003-06-10T01:00:00.000Z'],
    ['ru', '10 июня 2003 г. 04:00', '2003-06-10T04:00:00.000Z'],
  ])('reads %s month and day names: %s', (_lang, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('reads a Unix timestamp in seconds', () => {
    expect(parseDate('1281727020')).toBe('2010-08-13T19:17:00.000Z');
  });

  it('reads two-digit years with a 1970 pivot', () => {
    expect(parseDate('Mon, 01 Jan 69 00:00:00 GMT')).toBe('2069-01-01T00:00:00.000Z');
    expect(parseDate('Thu, 01 Jan 70 00:00:00 GMT')).toBe('1970-01-01T00:00:00.000Z');
  });

  it('returns null for what is not a date', () => {
    for (const input of ['constructor 10 2003', '10 toString 2003 04:00 constructor', '', '   ', 'not a date', 'Tue, 31 Feb 2003 04:00:00 GMT', '2003-13-01', 'Tue, 10 Jun 2003 25:00:00 GMT']) {
      expect(parseDate(input)).toBeNull();
    }
  });
});

describe('parseDate (page forms)', () => {
  it.each([
    ['2025-04-02T08:15:00+02:00', '2025-04-02T06:15:00.000Z'],
    ['2025-04-02T08:15:00.123Z', '2025-04-02T08:15:00.123Z'],
    ['2025-04-02T08:15', '2025-04-02T08:15:00.000Z'],
    ['2025-04-02', '2025-04-02T00:00:00.000Z'],
    ['2025-04-02T08:15:00-0500', '2025-04-02T13:15:00.000Z'],
    ['Tue, 19 Nov 2019 13:45:00 GMT', '2019-11-19T13:45:00.000Z'],
    ['November 19, 2019 8:21 am', '2019-11-19T08:21:00.000Z'],
    ['March 5, 2024 10:30 PM EST', '2024-03-06T03:30:00.000Z'],
    ['Nov 18, 2019 at 9:24 pm ET', '2019-11-19T02:24:00.000Z'],
    ['5 March 2024', '2024-03-05T00:00:00.000Z'],
    ['2024/03/05', '2024-03-05T00:00:00.000Z'],
    ['1572121440000', '2019-10-26T20:24:00.000Z'],
  ])('%s → %s', (input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it.each(['', 'yesterday', '2025-13-01', '2025-02-30', 'not a date 12'])('rejects %j', (input) => {
    expect(parseDate(input)).toBeNull();
  });

  it('keeps to the years a caller finds plausible', () => {
    const page = { years: { min: 1990, max: 2100 } };
    expect(parseDate('1970-01-01T00:00:00Z', page)).toBeNull();
    expect(parseDate('2019-11-18T21:24:00Z', page)).toBe('2019-11-18T21:24:00.000Z');
    expect(parseDate('1970-01-01T00:00:00Z')).toBe('1970-01-01T00:00:00.000Z');
  });
});

describe('parseDate: named zones', () => {
  // [zone, reading of "Jan 15, 2020 10:00 <zone>", reading of "Jul 15, 2020 10:00 <zone>"]
  const cases: [string, string, string][] = [
    ['Z', '2020-01-15T10:00:00.000Z', '2020-07-15T10:00:00.000Z'],
    ['UT', '2020-01-15T10:00:00.000Z', '2020-07-15T10:00:00.000Z'],
    ['UTC', '2020-01-15T10:00:00.000Z', '2020-07-15T10:00:00.000Z'],
    ['GMT', '2020-01-15T10:00:00.000Z', '2020-07-15T10:00:00.000Z'],
    // Generic North American names follow daylight saving; EST/EDT & co. are fixed (RFC 822).
    ['ET', '2020-01-15T15:00:00.000Z', '2020-07-15T14:00:00.000Z'],
    ['EST', '2020-01-15T15:00:00.000Z', '2020-07-15T15:00:00.000Z'],
    ['EDT', '2020-01-15T14:00:00.000Z', '2020-07-15T14:00:00.000Z'],
    ['CT', '2020-01-15T16:00:00.000Z', '2020-07-15T15:00:00.000Z'],
    ['CST', '2020-01-15T16:00:00.000Z', '2020-07-15T16:00:00.000Z'],
    ['CDT', '2020-01-15T15:00:00.000Z', '2020-07-15T15:00:00.000Z'],
    ['MT', '2020-01-15T17:00:00.000Z', '2020-07-15T16:00:00.000Z'],
    ['MST', '2020-01-15T17:00:00.000Z', '2020-07-15T17:00:00.000Z'],
    ['MDT', '2020-01-15T16:00:00.000Z', '2020-07-15T16:00:00.000Z'],
    ['PT', '2020-01-15T18:00:00.000Z', '2020-07-15T17:00:00.000Z'],
    ['PST', '2020-01-15T18:00:00.000Z', '2020-07-15T18:00:00.000Z'],
    ['PDT', '2020-01-15T17:00:00.000Z', '2020-07-15T17:00:00.000Z'],
    ['AKT', '2020-01-15T19:00:00.000Z', '2020-07-15T18:00:00.000Z'],
    ['AKST', '2020-01-15T19:00:00.000Z', '2020-07-15T19:00:00.000Z'],
    ['AKDT', '2020-01-15T18:00:00.000Z', '2020-07-15T18:00:00.000Z'],
    ['HST', '2020-01-15T20:00:00.000Z', '2020-07-15T20:00:00.000Z'],
    ['HAST', '2020-01-15T20:00:00.000Z', '2020-07-15T20:00:00.000Z'],
    ['AST', '2020-01-15T14:00:00.000Z', '2020-07-15T14:00:00.000Z'],
    ['ADT', '2020-01-15T13:00:00.000Z', '2020-07-15T13:00:00.000Z'],
    ['NT', '2020-01-15T13:30:00.000Z', '2020-07-15T12:30:00.000Z'],
    ['NST', '2020-01-15T13:30:00.000Z', '2020-07-15T13:30:00.000Z'],
    ['NDT', '2020-01-15T12:30:00.000Z', '2020-07-15T12:30:00.000Z'],
    ['UK', '2020-01-15T10:00:00.000Z', '2020-07-15T09:00:00.000Z'],
    ['BST', '2020-01-15T09:00:00.000Z', '2020-07-15T09:00:00.000Z'],
    ['WET', '2020-01-15T10:00:00.000Z', '2020-07-15T10:00:00.000Z'],
    ['WEST', '2020-01-15T09:00:00.000Z', '2020-07-15T09:00:00.000Z'],
    ['CET', '2020-01-15T09:00:00.000Z', '2020-07-15T09:00:00.000Z'],
    ['CEST', '2020-01-15T08:00:00.000Z', '2020-07-15T08:00:00.000Z'],
    ['MET', '2020-01-15T09:00:00.000Z', '2020-07-15T09:00:00.000Z'],
    ['MEST', '2020-01-15T08:00:00.000Z', '2020-07-15T08:00:00.000Z'],
    ['EET', '2020-01-15T08:00:00.000Z', '2020-07-15T08:00:00.000Z'],
    ['EEST', '2020-01-15T07:00:00.000Z', '2020-07-15T07:00:00.000Z'],
    ['MSK', '2020-01-15T07:00:00.000Z', '2020-07-15T07:00:00.000Z'],
    ['IST', '2020-01-15T04:30:00.000Z', '2020-07-15T04:30:00.000Z'],
    ['HKT', '2020-01-15T02:00:00.000Z', '2020-07-15T02:00:00.000Z'],
    ['SGT', '2020-01-15T02:00:00.000Z', '2020-07-15T02:00:00.000Z'],
    ['AWST', '2020-01-15T02:00:00.000Z', '2020-07-15T02:00:00.000Z'],
    ['JST', '2020-01-15T01:00:00.000Z', '2020-07-15T01:00:00.000Z'],
    ['KST', '2020-01-15T01:00:00.000Z', '2020-07-15T01:00:00.000Z'],
    ['ACST', '2020-01-15T00:30:00.000Z', '2020-07-15T00:30:00.000Z'],
    ['ACDT', '2020-01-14T23:30:00.000Z', '2020-07-14T23:30:00.000Z'],
    // Southern hemisphere: January is summer.
    ['AET', '2020-01-14T23:00:00.000Z', '2020-07-15T00:00:00.000Z'],
    ['AEST', '2020-01-15T00:00:00.000Z', '2020-07-15T00:00:00.000Z'],
    ['AEDT', '2020-01-14T23:00:00.000Z', '2020-07-14T23:00:00.000Z'],
    ['NZST', '2020-01-14T22:00:00.000Z', '2020-07-14T22:00:00.000Z'],
    ['NZDT', '2020-01-14T21:00:00.000Z', '2020-07-14T21:00:00.000Z'],
  ];

  it.each(cases)('%s', (zone, winter, summer) => {
    expect(parseDate(`Jan 15, 2020 10:00 ${zone}`)).toBe(winter);
    expect(parseDate(`Jul 15, 2020 10:00 ${zone}`)).toBe(summer);
    expect(parseDate(`2020-01-15T10:00:00 ${zone}`)).toBe(winter);
  });

  it('has a case for every zone name it knows', () => {
    expect(cases.map(([zone]) => zone.toLowerCase()).sort()).toEqual(knownZoneNames().sort());
  });

  it('follows a zone\'s history: Moscow kept UTC+4 all year from 2011 to 2014', () => {
    expect(parseDate('Jan 15, 2013 10:00 MSK')).toBe('2013-01-15T06:00:00.000Z');
    expect(parseDate('Jan 15, 2016 10:00 MSK')).toBe('2016-01-15T07:00:00.000Z');
  });

  it('reads a zone in any case and in parentheses, and lets a numeric offset win over a zone comment', () => {
    expect(parseDate('Nov 18, 2019 at 9:24 p.m. et')).toBe('2019-11-19T02:24:00.000Z');
    expect(parseDate('Wed, 31 Dec 2003 10:14:55 -0800 (EST)')).toBe('2003-12-31T18:14:55.000Z');
  });

  it('treats an unknown zone as unreadable, never as UTC', () => {
    expect(parseDate('Nov 18, 2019 9:24 pm XYZT')).toBeNull();
    expect(parseDate('2019-11-18T21:24:00 QQQ')).toBeNull();
  });
});

describe('parseDate: daylight-saving edges of a generic zone', () => {
  it.each([
    // New York, 10 March 2019: clocks go from 02:00 EST to 03:00 EDT; 02:30 does not exist.
    ['the last minute before the gap', 'Mar 10, 2019 1:59 am ET', '2019-03-10T06:59:00.000Z'],
    ['the hour that does not exist, read on standard time', 'Mar 10, 2019 2:30 am ET', '2019-03-10T07:30:00.000Z'],
    ['the first minute after the gap', 'Mar 10, 2019 3:00 am ET', '2019-03-10T07:00:00.000Z'],
    // New York, 3 November 2019: clocks go back from 02:00 EDT to 01:00 EST; 01:30 happens twice.
    ['the hour that happens twice, first occurrence', 'Nov 3, 2019 1:30 am ET', '2019-11-03T05:30:00.000Z'],
    ['the hour after the repeated one', 'Nov 3, 2019 2:30 am ET', '2019-11-03T07:30:00.000Z'],
    // London, 31 March and 27 October 2019.
    ['London: the hour that does not exist', 'Mar 31, 2019 1:30 UK', '2019-03-31T01:30:00.000Z'],
    ['London: the hour that happens twice', 'Oct 27, 2019 1:30 UK', '2019-10-27T00:30:00.000Z'],
    // Sydney, southern hemisphere: daylight time ends 7 April and starts 6 October 2019.
    ['Sydney: the hour that happens twice', 'Apr 7, 2019 2:30 AET', '2019-04-06T15:30:00.000Z'],
    ['Sydney: the hour that does not exist', 'Oct 6, 2019 2:30 AET', '2019-10-05T16:30:00.000Z'],
  ])('%s: %s', (_what, input, expected) => {
    expect(parseDate(input)).toBe(expected);
  });

  it('is exact for fixed names at the same edges', () => {
    expect(parseDate('Nov 3, 2019 1:30 am EDT')).toBe('2019-11-03T05:30:00.000Z');
    expect(parseDate('Nov 3, 2019 1:30 am EST')).toBe('2019-11-03T06:30:00.000Z');
  });
});
