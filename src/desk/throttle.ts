// The login throttle, as pure decisions over a log of failed attempts (epoch milliseconds): five wrong
// passwords for one account within 15 minutes lock that account for 15 minutes; twenty from one address lock
// the address. The log lives in the store's rate_limits table, so every web process counts the same failures.

export interface ThrottleRule {
  /** Failures within the window that lock. */
  maxFailures: number;
  windowMs: number;
  /** How long the lock lasts, from the failure that set it. */
  lockMs: number;
}

export const ACCOUNT_THROTTLE: ThrottleRule = { maxFailures: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const ADDRESS_THROTTLE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

/** The failures still counted at `now`. */
export function recentFailures(times: readonly number[], rule: ThrottleRule, now: number): number[] {
  // A lock set by the last failure of a run lasts lockMs past it, and that run began up to windowMs earlier:
  // the run's first failure must still be counted until the lock ends.
  const keep = rule.windowMs + rule.lockMs;
  return times.filter((t) => t > now - keep && t <= now).sort((a, b) => a - b);
}

/** Until when the key is locked (epoch milliseconds), or null when it may try. */
export function lockedUntil(times: readonly number[], rule: ThrottleRule, now: number): number | null {
  const recent = recentFailures(times, rule, now);
  // Look for any run of maxFailures failures within one window; the lock runs from the last of them.
  for (let end = recent.length - 1; end >= rule.maxFailures - 1; end--) {
    const start = end - rule.maxFailures + 1;
    if (recent[end] - recent[start] <= rule.windowMs) {
      const until = recent[end] + rule.lockMs;
      return until > now ? until : null;
    }
  }
  return null;
}

/** The log after one more failure at `now`, and when it can be forgotten. */
export function withFailure(times: readonly number[], rule: ThrottleRule, now: number): { times: number[]; expiresAt: number } {
  const next = [...recentFailures(times, rule, now), now].slice(-rule.maxFailures * 2);
  return { times: next, expiresAt: now + rule.windowMs + rule.lockMs };
}

/** "Try again in 14 minutes (at 10:42 UTC)." */
export function describeLock(until: number, now: number): string {
  const minutes = Math.max(1, Math.ceil((until - now) / 60_000));
  const at = new Date(until).toISOString().slice(11, 16);
  return `Try again in ${minutes} minute${minutes === 1 ? '' : 's'} (at ${at} UTC).`;
}
