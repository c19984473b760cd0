import { describe, it, expect } from 'vitest';
import { RateLimiter } from './rate-limit.js';

describe('RateLimiter', () => {
  it('allows max hits in a window, then refuses with the time to wait', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 2 });
    expect(limiter.hit('a', 0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.hit('a', 10_000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(limiter.hit('a', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('slides: a hit is allowed once the oldest leaves the window', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 2 });
    limiter.hit('a', 0);
    limiter.hit('a', 30_000);
    expect(limiter.hit('a', 59_999).allowed).toBe(false);
    expect(limiter.hit('a', 60_000).allowed).toBe(true);
    expect(limiter.hit('a', 60_001).allowed).toBe(false); // the hit at 30 s is still inside
    expect(limiter.hit('a', 90_000).allowed).toBe(true);
  });

  it('does not count refused hits (hammering does not extend the lock-out)', () => {
    const limiter = new RateLimiter({ windowMs: 10_000, max: 1 });
    limiter.hit('a', 0);
    for (let t = 1000; t < 10_000; t += 1000) expect(limiter.hit('a', t).allowed).toBe(false);
    expect(limiter.hit('a', 10_000).allowed).toBe(true);
  });

  it('keeps keys apart', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 1 });
    expect(limiter.hit('a', 0).allowed).toBe(true);
    expect(limiter.hit('b', 0).allowed).toBe(true);
    expect(limiter.hit('a', 1).allowed).toBe(false);
  });

  it('rounds the wait up and never says 0 when refusing', () => {
    const limiter = new RateLimiter({ windowMs: 1_500, max: 1 });
    limiter.hit('a', 0);
    expect(limiter.hit('a', 1_499)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(limiter.hit('a', 1)).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('accepts Date values', () => {
    const limiter = new RateLimiter({ windowMs: 1_000, max: 1 });
    expect(limiter.hit('a', new Date(0)).allowed).toBe(true);
    expect(limiter.hit('a', new Date(500)).allowed).toBe(false);
  });

  it('bounds memory: never more than maxKeys, least recently used dropped first', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 1, maxKeys: 100 });
    for (let i = 0; i < 10_000; i++) limiter.hit(`k${i}`, i);
    expect(limiter.size).toBe(100);
    // k9999 is recent and still limited; k0 was evicted long ago and starts afresh.
    expect(limiter.hit('k9999', 10_000).allowed).toBe(false);
    expect(limiter.hit('k0', 10_000).allowed).toBe(true);
  });

  it('keeps a recently used key over an older one', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 1, maxKeys: 2 });
    limiter.hit('a', 0);
    limiter.hit('b', 1);
    limiter.hit('a', 2); // refused, but touches a
    limiter.hit('c', 3); // evicts b, the least recently used
    expect(limiter.hit('a', 4).allowed).toBe(false);
    expect(limiter.hit('b', 5).allowed).toBe(true);
  });

  it('sweeps idle keys once their window has passed', () => {
    const limiter = new RateLimiter({ windowMs: 1_000, max: 5 });
    for (let i = 0; i < 50; i++) limiter.hit(`k${i}`, 0);
    expect(limiter.size).toBe(50);
    limiter.hit('fresh', 5_000);
    expect(limiter.size).toBe(1);
  });

  it('reset forgets a key', () => {
    const limiter = new RateLimiter({ windowMs: 60_000, max: 1 });
    limiter.hit('a', 0);
    limiter.reset('a');
    expect(limiter.hit('a', 1).allowed).toBe(true);
  });

  it('refuses nonsense options', () => {
    expect(() => new RateLimiter({ windowMs: 0, max: 1 })).toThrow();
    expect(() => new RateLimiter({ windowMs: 1000, max: 0 })).toThrow();
    expect(() => new RateLimiter({ windowMs: 1000, max: 1.5 })).toThrow();
  });
});
