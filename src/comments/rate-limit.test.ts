import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { slideWindow, StoreRateLimit, type RateLimitOptions } from './rate-limit.js';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';

/** Replays hits through the pure decision, keeping the log as the store would. */
function replay(options: RateLimitOptions) {
  let log: number[] = [];
  return (t: number) => {
    const step = slideWindow(log, t, options);
    log = step.times;
    return step.result;
  };
}

describe('slideWindow', () => {
  it('allows max hits in a window, then refuses with the time to wait', () => {
    const hit = replay({ windowMs: 60_000, max: 2 });
    expect(hit(0)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(hit(10_000)).toEqual({ allowed: true, retryAfterSeconds: 0 });
    expect(hit(20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
  });

  it('slides: a hit is allowed once the oldest leaves the window', () => {
    const hit = replay({ windowMs: 60_000, max: 2 });
    hit(0);
    hit(30_000);
    expect(hit(59_999).allowed).toBe(false);
    expect(hit(60_000).allowed).toBe(true);
    expect(hit(60_001).allowed).toBe(false); // the hit at 30 s is still inside
    expect(hit(90_000).allowed).toBe(true);
  });

  it('does not count refused hits (hammering does not extend the lock-out)', () => {
    const hit = replay({ windowMs: 10_000, max: 1 });
    hit(0);
    for (let t = 1000; t < 10_000; t += 1000) expect(hit(t).allowed).toBe(false);
    expect(hit(10_000).allowed).toBe(true);
  });

  it('rounds the wait up and never says 0 when refusing', () => {
    const hit = replay({ windowMs: 1_500, max: 1 });
    hit(0);
    expect(hit(1_499)).toEqual({ allowed: false, retryAfterSeconds: 1 });
    expect(hit(1)).toEqual({ allowed: false, retryAfterSeconds: 2 });
  });

  it('keeps at most max times, and says when the log can be forgotten', () => {
    const step = slideWindow([1, 2, 3, 4, 5, 6], 10, { windowMs: 100, max: 3 });
    expect(step.times).toEqual([4, 5, 6]);
    expect(step.expiresAt).toBe(106);
    expect(slideWindow([], 10, { windowMs: 100, max: 3 }).expiresAt).toBe(110);
  });

  it('refuses nonsense options', () => {
    expect(() => slideWindow([], 0, { windowMs: 0, max: 1 })).toThrow();
    expect(() => slideWindow([], 0, { windowMs: 1000, max: 0 })).toThrow();
    expect(() => slideWindow([], 0, { windowMs: 1000, max: 1.5 })).toThrow();
  });
});

for (const backend of testBackends()) {
  describe(`StoreRateLimit on ${backend.name}`, () => {
    let store: Store;
    let url: string;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, url, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('counts in the store, per scope and key', async () => {
      const limit = new StoreRateLimit(store.db, 'test', { windowMs: 60_000, max: 1 });
      const other = new StoreRateLimit(store.db, 'other', { windowMs: 60_000, max: 1 });
      const t0 = new Date('2026-11-01T00:00:00Z');
      expect((await limit.hit('a', t0)).allowed).toBe(true);
      expect((await limit.hit('b', t0)).allowed).toBe(true);
      expect((await other.hit('a', t0)).allowed).toBe(true);
      expect(await limit.hit('a', new Date(t0.getTime() + 1000))).toEqual({ allowed: false, retryAfterSeconds: 59 });
      expect((await limit.hit('a', new Date(t0.getTime() + 60_000))).allowed).toBe(true);
    });

    it('shares one count between two processes (two store connections), hits racing', async () => {
      const { openStore } = await import('../store/database.js');
      const second = await openStore(url);
      try {
        const options = { windowMs: 60_000, max: 5 };
        const mine = new StoreRateLimit(store.db, 'race', options);
        const theirs = new StoreRateLimit(second.db, 'race', options);
        const now = new Date('2026-11-01T00:00:00Z');
        const results = await Promise.all(Array.from({ length: 24 }, (_, i) => (i % 2 ? mine : theirs).hit('bucket', now)));
        expect(results.filter((r) => r.allowed)).toHaveLength(5);
        expect((await theirs.hit('bucket', now)).allowed).toBe(false);
      } finally {
        await second.close();
      }
    });
  });
}
