// The login throttle's decisions over a log of failures.
import { describe, it, expect } from 'vitest';
import { ACCOUNT_THROTTLE, describeLock, lockedUntil, withFailure } from './throttle.js';

const MIN = 60_000;
const t0 = Date.UTC(2026, 11, 2, 10, 0, 0);

function fail(times: number[], at: number): number[] {
  return withFailure(times, ACCOUNT_THROTTLE, at).times;
}

describe('login throttle', () => {
  it('locks after the fifth failure within the window, for the lock time from that failure', () => {
    let log: number[] = [];
    for (let i = 0; i < 4; i++) log = fail(log, t0 + i * MIN);
    expect(lockedUntil(log, ACCOUNT_THROTTLE, t0 + 4 * MIN)).toBeNull();
    log = fail(log, t0 + 4 * MIN);
    expect(lockedUntil(log, ACCOUNT_THROTTLE, t0 + 4 * MIN)).toBe(t0 + 4 * MIN + 15 * MIN);
    expect(lockedUntil(log, ACCOUNT_THROTTLE, t0 + 18 * MIN)).toBe(t0 + 19 * MIN);
    expect(lockedUntil(log, ACCOUNT_THROTTLE, t0 + 19 * MIN)).toBeNull();
  });

  it('does not lock on five failures spread wider than the window', () => {
    let log: number[] = [];
    for (let i = 0; i < 5; i++) log = fail(log, t0 + i * 4 * MIN); // 16 minutes from first to fifth
    expect(lockedUntil(log, ACCOUNT_THROTTLE, t0 + 16 * MIN)).toBeNull();
  });

  it('forgets failures once neither window nor lock needs them, and keeps the log short', () => {
    let log: number[] = [];
    for (let i = 0; i < 30; i++) log = fail(log, t0 + i * 1000);
    expect(log.length).toBeLessThanOrEqual(10);
    expect(withFailure(log, ACCOUNT_THROTTLE, t0 + 31 * MIN).times).toEqual([t0 + 31 * MIN]);
  });

  it('states the wait in minutes and the time it ends', () => {
    expect(describeLock(t0 + 15 * MIN, t0 + 30_000)).toBe('Try again in 15 minutes (at 10:15 UTC).');
    expect(describeLock(t0 + 30_000, t0)).toBe('Try again in 1 minute (at 10:00 UTC).');
  });
});
