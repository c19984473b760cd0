import { describe, it, expect } from 'vitest';
import { FetchError } from '../fetch/fetch-error.js';
import { fetchErrorKindOf, statusClass } from './metrics.js';
import { timeBox, TimedOutError } from './time-box.js';

describe('fetchErrorKindOf', () => {
  it('takes the client code of a FetchError, else the class of the HTTP status, else other', () => {
    expect(fetchErrorKindOf(new FetchError('timeout', 'https://x.test/', 'timed out'))).toBe('timeout');
    expect(fetchErrorKindOf(new Error('HTTP 503'), 503)).toBe('http-5xx');
    expect(fetchErrorKindOf(new Error('HTTP 429'), 429)).toBe('http-4xx');
    expect(fetchErrorKindOf(new Error('parse failed'))).toBe('other');
  });
});

describe('statusClass', () => {
  it('names the hundred of a status', () => {
    expect([200, 304, 404, 503, 999].map(statusClass)).toEqual(['2xx', '3xx', '4xx', '5xx', 'other']);
  });
});

describe('timeBox', () => {
  it('passes a prompt answer and its failure through, and gives up on a late one', async () => {
    expect(await timeBox(Promise.resolve(7), 50, 'x')).toBe(7);
    await expect(timeBox(Promise.reject(new Error('broken')), 50, 'x')).rejects.toThrow('broken');
    const late = new Promise((_, reject) => setTimeout(() => reject(new Error('too late')), 80));
    await expect(timeBox(late, 20, 'the store')).rejects.toThrow(new TimedOutError('the store did not answer within 20 ms'));
    await new Promise((r) => setTimeout(r, 100)); // the late rejection must not surface as unhandled
  });
});
