import { describe, expect, it } from 'vitest';
import {
  backoffMinutes,
  cacheControlMinutes,
  expiresMinutes,
  nextArticleCheckAt,
  nextPollAt,
  retryAfterMinutes,
  shouldDisable,
  type PollInputs,
} from './poll-schedule.js';

const now = new Date('2026-11-27T12:00:00Z');
const MIN = 60_000;

function minutesUntil(date: Date | null): number | null {
  return date === null ? null : (date.getTime() - now.getTime()) / MIN;
}

function poll(extra: Partial<PollInputs> = {}): number | null {
  return minutesUntil(nextPollAt({ now, baseIntervalMinutes: 60, consecutiveErrors: 0, ...extra }));
}

describe('nextPollAt', () => {
  it('uses the base interval when nothing else speaks', () => {
    expect(poll()).toBe(60);
    expect(poll({ baseIntervalMinutes: 15 })).toBe(15);
  });

  it('takes the largest of base, ttl and sy:updatePeriod', () => {
    expect(poll({ ttlMinutes: 180 })).toBe(180);
    expect(poll({ ttlMinutes: 5 })).toBe(60);
    expect(poll({ ttlMinutes: 90, updatePeriodMinutes: 120 })).toBe(120);
    expect(poll({ ttlMinutes: null, updatePeriodMinutes: null })).toBe(60);
    expect(poll({ ttlMinutes: -5, updatePeriodMinutes: Number.NaN })).toBe(60);
  });

  it('honours Cache-Control max-age (minus Age) and Expires', () => {
    expect(poll({ headers: { 'Cache-Control': 'public, max-age=7200' } })).toBe(120);
    expect(poll({ headers: { 'cache-control': 'max-age=7200', age: '3600' } })).toBe(60);
    expect(poll({ headers: { 'cache-control': 'max-age=10800', age: '3600' } })).toBe(120);
    expect(poll({ headers: { expires: 'Fri, 27 Nov 2026 15:00:00 GMT' } })).toBe(180);
  });

  it('reads Expires against the server Date, not our clock', () => {
    // The server's clock is an hour behind ours; Expires is two hours after its Date.
    const headers = { date: 'Fri, 27 Nov 2026 11:00:00 GMT', expires: 'Fri, 27 Nov 2026 13:00:00 GMT' };
    expect(poll({ headers })).toBe(120);
  });

  it('ignores Expires: 0, past dates and garbage', () => {
    expect(poll({ headers: { expires: '0' } })).toBe(60);
    expect(poll({ headers: { expires: 'Thu, 01 Jan 1970 00:00:00 GMT' } })).toBe(60);
    expect(poll({ headers: { expires: 'tomorrow-ish' } })).toBe(60);
  });

  it('honours Retry-After in seconds or as an HTTP date', () => {
    expect(poll({ headers: { 'retry-after': '14400' } })).toBe(240);
    expect(poll({ headers: { 'Retry-After': 'Fri, 27 Nov 2026 17:00:00 GMT' } })).toBe(300);
    expect(poll({ headers: { 'retry-after': '30' } })).toBe(60);
  });

  it('backs off exponentially on consecutive errors, capped at the maximum', () => {
    expect(poll({ consecutiveErrors: 1 })).toBe(60);
    expect(poll({ consecutiveErrors: 2 })).toBe(120);
    expect(poll({ consecutiveErrors: 3 })).toBe(240);
    expect(poll({ consecutiveErrors: 5 })).toBe(960);
    expect(poll({ consecutiveErrors: 6 })).toBe(1440);
    expect(poll({ consecutiveErrors: 5000 })).toBe(1440);
    expect(poll({ consecutiveErrors: 4, maxIntervalMinutes: 300 })).toBe(300);
  });

  it('never goes past the maximum interval', () => {
    expect(poll({ ttlMinutes: 10_000 })).toBe(1440);
    expect(poll({ headers: { 'retry-after': '999999' } })).toBe(1440);
    expect(poll({ ttlMinutes: 600, maxIntervalMinutes: 240 })).toBe(240);
    expect(poll({ baseIntervalMinutes: 5000 })).toBe(1440);
  });

  it('adds at most 10 % jitter, deterministically when injected', () => {
    expect(poll({ jitter: () => 0 })).toBe(60);
    expect(poll({ jitter: () => 0.5 })).toBe(63);
    expect(poll({ jitter: () => 0.999 })).toBeCloseTo(66, 0);
    expect(poll({ ttlMinutes: 5000, jitter: () => 0.9 })).toBe(1440);
  });
});

describe('header readers', () => {
  it('parse what they should and refuse the rest', () => {
    expect(cacheControlMinutes({ 'cache-control': 'no-cache' })).toBeNull();
    expect(cacheControlMinutes({ 'cache-control': 's-maxage=600' })).toBeNull();
    expect(cacheControlMinutes({ 'cache-control': 'max-age=0' })).toBeNull();
    expect(cacheControlMinutes({ 'cache-control': 'max-age="600"' })).toBe(10);
    expect(expiresMinutes({}, now)).toBeNull();
    expect(retryAfterMinutes({ 'retry-after': '-5' }, now)).toBeNull();
    expect(retryAfterMinutes({ 'retry-after': '120' }, now)).toBe(2);
  });

  it('back-off is zero without errors', () => {
    expect(backoffMinutes(60, 0, 1440)).toBe(0);
    expect(backoffMinutes(60, 1, 1440)).toBe(60);
  });
});

describe('shouldDisable', () => {
  it('disables at the threshold, default 10', () => {
    expect(shouldDisable(9)).toBe(false);
    expect(shouldDisable(10)).toBe(true);
    expect(shouldDisable(2, 3)).toBe(false);
    expect(shouldDisable(3, 3)).toBe(true);
  });

  it('never disables with a threshold of 0', () => {
    expect(shouldDisable(1000, 0)).toBe(false);
  });
});

describe('nextArticleCheckAt', () => {
  const hoursAgo = (h: number) => new Date(now.getTime() - h * 60 * MIN);

  const table: [string, number, number | null][] = [
    ['just published', 0, 30],
    ['5 h old', 5, 30],
    ['6 h old', 6, 60],
    ['23 h old', 23, 60],
    ['1 day old', 24, 720],
    ['6 days old', 6 * 24, 720],
    ['7 days old', 7 * 24, 1440],
    ['29 days old', 29 * 24, 1440],
    ['29.5 days old: last check on the 30-day mark', 29.5 * 24, 720],
    ['30 days old', 30 * 24, null],
    ['a year old', 365 * 24, null],
  ];
  it.each(table)('%s → next check in %s min', (_label, ageHours, expected) => {
    expect(minutesUntil(nextArticleCheckAt(hoursAgo(ageHours), now))).toBe(expected);
  });

  it('treats a publication date in the future as just published', () => {
    expect(minutesUntil(nextArticleCheckAt(new Date(now.getTime() + 3 * 60 * MIN), now))).toBe(30);
  });
});
