// Sliding-window rate limits: at most `max` allowed hits per key in any `windowMs`.
//
// Each key keeps the times of its last `max` allowed hits (a sliding log): exact, and small because comment
// limits are small numbers. Refused hits are not recorded, so a client that keeps hammering is let in again as
// soon as its oldest hit leaves the window. The log lives in the store (`store/rate-limits.ts`), so several web
// processes share one count; the decision over a log is the pure `slideWindow`.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import { pruneRateLimits, updateRateLog, type RateLogStep } from '../store/rate-limits.js';

export interface RateLimitOptions {
  windowMs: number;
  max: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until a hit would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

export interface RateLimit {
  hit(key: string, now: Date): Promise<RateLimitResult>;
}

/** Per IP bucket: ten comments in ten minutes. */
export const NETWORK_COMMENT_LIMIT: RateLimitOptions = { windowMs: 10 * 60_000, max: 10 };
/** Per author (email address): one comment every fifteen seconds. */
export const AUTHOR_COMMENT_LIMIT: RateLimitOptions = { windowMs: 15_000, max: 1 };

/** The decision over one key's log at `now`: the log to keep and the answer. */
export function slideWindow(times: readonly number[], now: number, options: RateLimitOptions): RateLogStep<RateLimitResult> {
  checkOptions(options);
  const live = times.filter((t) => t > now - options.windowMs && t <= now + options.windowMs).slice(-options.max);
  if (live.length >= options.max) {
    const retryAfterSeconds = Math.max(1, Math.ceil((live[0] + options.windowMs - now) / 1000));
    return { times: live, expiresAt: live[live.length - 1] + options.windowMs, result: { allowed: false, retryAfterSeconds } };
  }
  const kept = [...live, now];
  return { times: kept, expiresAt: now + options.windowMs, result: { allowed: true, retryAfterSeconds: 0 } };
}

/** How often one process sweeps expired logs out of the store. */
const PRUNE_EVERY_MS = 60 * 60_000;

/** A limit whose hits are counted in the store, under `scope` (one scope per kind of limit). */
export class StoreRateLimit implements RateLimit {
  private lastPrune = -Infinity;

  constructor(
    private readonly db: Kysely<Schema>,
    private readonly scope: string,
    private readonly options: RateLimitOptions,
  ) {
    checkOptions(options);
  }

  async hit(key: string, now: Date): Promise<RateLimitResult> {
    const t = now.getTime();
    if (t - this.lastPrune >= PRUNE_EVERY_MS) {
      this.lastPrune = t;
      await pruneRateLimits(this.db, now);
    }
    return updateRateLog(this.db, this.scope, key, (times) => slideWindow(times, t, this.options));
  }
}

function checkOptions(options: RateLimitOptions): void {
  if (!(options.windowMs > 0) || !Number.isInteger(options.max) || options.max < 1) {
    throw new Error('A rate limit needs windowMs > 0 and an integer max ≥ 1.');
  }
}
