import { describe, it, expect } from 'vitest';
import { formatDate, isoDate, rfc822Date, siteUrl, textExcerpt } from './format.js';

describe('format', () => {
  it('formats dates for readers in UTC, and passes non-dates through', () => {
    expect(formatDate('2023-01-31T14:05:00+03:00', 'en')).toBe('January 31, 2023 at 11:05 AM UTC');
    expect(formatDate('2023-01-31T14:05:00+03:00', 'de')).toBe('31. Januar 2023 um 11:05 UTC');
    expect(formatDate('yesterday')).toBe('yesterday');
    expect(formatDate('2023-01-31T11:05:00Z', 'not a language tag!')).toBe('January 31, 2023 at 11:05 AM UTC');
  });

  it('formats dates in the site’s time zone, naming it (summer time included)', () => {
    expect(formatDate('2023-01-31T11:05:00Z', 'en', 'America/New_York')).toBe('January 31, 2023 at 6:05 AM EST');
    expect(formatDate('2023-07-31T11:05:00Z', 'en', 'America/New_York')).toBe('July 31, 2023 at 7:05 AM EDT');
    expect(formatDate('2023-01-31T11:05:00Z', 'de', 'Europe/Berlin')).toBe('31. Januar 2023 um 12:05 MEZ');
    expect(formatDate('2023-01-31T11:05:00Z', 'en', 'UTC')).toBe('January 31, 2023 at 11:05 AM UTC');
  });

  it('formats machine dates', () => {
    expect(isoDate('2023-01-31T14:05:00+03:00')).toBe('2023-01-31T11:05:00.000Z');
    expect(isoDate('nope')).toBeNull();
    expect(rfc822Date('2023-01-31T11:05:00Z')).toBe('Tue, 31 Jan 2023 11:05:00 GMT');
  });

  it('joins site URLs', () => {
    expect(siteUrl('https://a.example', '/articles/x')).toBe('https://a.example/articles/x');
    expect(siteUrl('https://a.example/', 'articles/x')).toBe('https://a.example/articles/x');
    expect(siteUrl('https://a.example', 'https://b.example/y')).toBe('https://b.example/y');
  });

  it('takes a plain-text excerpt of HTML', () => {
    expect(textExcerpt('<p>Hello&nbsp;<b>world</b> &amp; friends&#8217;</p>\n<p>Next</p>')).toBe('Hello world & friends’ Next');
    const long = `<p>${'word '.repeat(100)}</p>`;
    const excerpt = textExcerpt(long, 50);
    expect(excerpt.endsWith('…')).toBe(true);
    // At most 50 characters, the "…" included.
    expect(excerpt.length).toBeLessThanOrEqual(50);
    expect(excerpt).toBe(`${'word '.repeat(9).trim()}…`);
  });
});
