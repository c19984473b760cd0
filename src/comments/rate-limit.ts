// An in-memory sliding-window rate limiter: at most `max` hits per key in any `windowMs`.
//
// Each key keeps the times of its last `max` allowed hits (a sliding log): exact, and small because comment
// limits are small numbers. Refused hits are not recorded, so a client that keeps hammering is let in again as
// soon as its oldest hit leaves the window. Memory is bounded: keys are kept in least-recently-used order,
// idle keys are swept, and when `maxKeys` is reached the least recently used key is dropped.
// One process only: behind several app servers, put the limit in the store or the proxy.

export interface RateLimiterOptions {
  windowMs: number;
  max: number;
  /** Upper bound on tracked keys. Default 10,000. */
  maxKeys?: number;
}

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until a hit would be allowed again; 0 when allowed. */
  retryAfterSeconds: number;
}

export class RateLimiter {
  private readonly windowMs: number;
  private readonly max: number;
  private readonly maxKeys: number;
  /** Key → times of allowed hits, oldest first. Map order is least recently used first. */
  private readonly hits = new Map<string, number[]>();
  private lastSweep = -Infinity;

  constructor(options: RateLimiterOptions) {
    if (!(options.windowMs > 0) || !Number.isInteger(options.max) || options.max < 1) {
      throw new Error('A rate limiter needs windowMs > 0 and an integer max ≥ 1.');
    }
    this.windowMs = options.windowMs;
    this.max = options.max;
    this.maxKeys = Math.max(1, options.maxKeys ?? 10_000);
  }

  hit(key: string, now: number | Date = Date.now()): RateLimitResult {
    const t = typeof now === 'number' ? now : now.getTime();
    this.sweep(t);
    const times = this.live(key, t);
    if (times.length >= this.max) {
      this.touch(key, times);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((times[0] + this.windowMs - t) / 1000)) };
    }
    times.push(t);
    this.touch(key, times);
    return { allowed: true, retryAfterSeconds: 0 };
  }

  /** Forgets a key (e.g. after a moderator approves a burst by hand). */
  reset(key: string): void {
    this.hits.delete(key);
  }

  /** How many keys are tracked. */
  get size(): number {
    return this.hits.size;
  }

  /** The key's hits still inside the window. */
  private live(key: string, now: number): number[] {
    const times = this.hits.get(key) ?? [];
    let drop = 0;
    while (drop < times.length && times[drop] <= now - this.windowMs) drop++;
    return drop ? times.slice(drop) : times;
  }

  private touch(key: string, times: number[]): void {
    this.hits.delete(key);
    if (times.length === 0) return;
    this.hits.set(key, times);
    if (this.hits.size > this.maxKeys) {
      const oldest = this.hits.keys().next().value;
      if (oldest !== undefined) this.hits.delete(oldest);
    }
  }

  /** At most once per window, drops keys whose newest hit has left the window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.windowMs) return;
    this.lastSweep = now;
    for (const [key, times] of this.hits) {
      if (times[times.length - 1] <= now - this.windowMs) this.hits.delete(key);
    }
  }
}
