import { describe, expect, it } from 'vitest';
import { HostLimiter } from './host-limiter.js';

describe('HostLimiter', () => {
  it('queues beyond the limit per host, first in first out, and frees the host when idle', async () => {
    const limiter = new HostLimiter(1);
    const order: string[] = [];
    const first = await limiter.acquire('Example.com');
    const second = limiter.acquire('example.com').then((release) => {
      order.push('second');
      return release;
    });
    const third = limiter.acquire('example.com').then((release) => {
      order.push('third');
      return release;
    });
    const other = await limiter.acquire('other.test'); // another host is not held up
    await Promise.resolve();
    expect(order).toEqual([]);
    expect(limiter.activeFor('example.com')).toBe(1);

    first();
    first(); // releasing twice frees one slot only
    (await second)();
    (await third)();
    other();
    expect(order).toEqual(['second', 'third']);
    expect(limiter.activeFor('example.com')).toBe(0);
    expect(limiter.activeFor('other.test')).toBe(0);
  });

  it('refuses a limit below one', () => {
    expect(() => new HostLimiter(0)).toThrow(/≥ 1/);
  });
});
