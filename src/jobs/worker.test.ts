// The worker's pure parts and its timers: back-off with jitter, waits that leave no listener behind, and the
// event loop's turn between jobs, and the wake of a sleeping worker by a job this process queues.
import { describe, it, expect } from 'vitest';
import { getEventListeners } from 'node:events';
import { retryDelayMs } from './backoff.js';
import { runJobWorker, sleep, type JobHandler } from './worker.js';
import { openStore } from '../store/database.js';
import { StoreJobQueue } from './store-queue.js';

describe('retry back-off', () => {
  it('doubles from the base, with jitter between half and all of the step, capped', () => {
    const policy = { baseMs: 1000, maxMs: 60_000 };
    expect(retryDelayMs(1, policy, null, () => 0)).toBe(500);
    expect(retryDelayMs(1, policy, null, () => 1)).toBe(1000);
    expect(retryDelayMs(4, policy, null, () => 1)).toBe(8000);
    expect(retryDelayMs(4, policy, null, () => 0)).toBe(4000);
    expect(retryDelayMs(40, policy, null, () => 1)).toBe(60_000);
  });

  it('never retries sooner than the source asked (Retry-After)', () => {
    expect(retryDelayMs(1, { baseMs: 1000, maxMs: 60_000 }, 120_000, () => 0.5)).toBe(120_000);
  });

  it('spreads the retries of jobs that failed together', () => {
    const delays = new Set(Array.from({ length: 50 }, () => retryDelayMs(3)));
    expect(delays.size).toBeGreaterThan(40);
  });
});

describe('sleep', () => {
  it('leaves no abort listener behind, however many times it waits on one signal', async () => {
    const controller = new AbortController();
    for (let i = 0; i < 200; i++) await sleep(0, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });

  it('wakes at once when the signal aborts', async () => {
    const controller = new AbortController();
    const started = Date.now();
    const waiting = sleep(60_000, controller.signal);
    controller.abort();
    await waiting;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});

describe('the job worker on the embedded store', () => {
  it('lets waiting I/O callbacks run between jobs that only use the store', async () => {
    // Every query of the embedded store answers at once: without a turn for the event loop, a run of such jobs
    // would hold back every timer, socket and thread answer of the process until the queue is empty.
    const store = await openStore('sqlite::memory:');
    const queue = new StoreJobQueue(store.db);
    const jobs = 200;
    for (let i = 0; i < jobs; i++) await queue.enqueue('store-only', { i });
    let done = 0;
    const handler: JobHandler = {
      queue: 'store-only',
      retryWindowMs: 60_000,
      run: async () => {
        for (let q = 0; q < 5; q++) await store.db.selectFrom('jobs').select('id').where('queue', '=', 'store-only').limit(1).execute();
        done++;
      },
    };
    const controller = new AbortController();
    let doneWhenTimerRan = -1;
    setTimeout(() => (doneWhenTimerRan = done), 0);
    const worker = runJobWorker(queue, [handler], controller.signal, { idleMs: 10 });
    try {
      while (done < jobs) await new Promise((resolve) => setTimeout(resolve, 5));
    } finally {
      controller.abort();
      await worker;
      await store.close();
    }
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(jobs / 2);
  });

  it('takes a job this process queues while it sleeps at once, not when its idle sleep ends', async () => {
    const store = await openStore('sqlite::memory:');
    const queue = new StoreJobQueue(store.db);
    const ranAt: number[] = [];
    const handler: JobHandler = { queue: 'prompt', retryWindowMs: 60_000, run: async () => void ranAt.push(Date.now()) };
    const controller = new AbortController();
    const worker = runJobWorker(queue, [handler], controller.signal, { idleMs: 60_000 });
    try {
      await new Promise((resolve) => setTimeout(resolve, 50)); // the worker found nothing and sleeps
      for (const round of [1, 2]) {
        const queuedAt = Date.now();
        await queue.enqueue('prompt', { round });
        while (ranAt.length < round && Date.now() - queuedAt < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
        expect(ranAt).toHaveLength(round);
        expect(ranAt[round - 1] - queuedAt).toBeLessThan(1000);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    } finally {
      controller.abort();
      await worker;
      await store.close();
    }
  });

  it('holds a background job back while other jobs run, and runs it as soon as they are done', async () => {
    const store = await openStore('sqlite::memory:');
    const queue = new StoreJobQueue(store.db);
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const story: JobHandler = { queue: 'story', retryWindowMs: 60_000, run: async () => void (events.push('story started'), await released, events.push('story done')) };
    const related: JobHandler = { queue: 'related', retryWindowMs: 60_000, background: true, run: async () => void events.push('related') };
    await queue.enqueue('story', {});
    await queue.enqueue('related', {});
    const controller = new AbortController();
    const worker = runJobWorker(queue, [related, story], controller.signal, { idleMs: 60_000 });
    try {
      while (!events.includes('story started')) await new Promise((resolve) => setTimeout(resolve, 5));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(events).toEqual(['story started']); // a slot is free, but the story still runs
      const releasedAt = Date.now();
      release();
      while (!events.includes('related') && Date.now() - releasedAt < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(events).toEqual(['story started', 'story done', 'related']);
      expect(Date.now() - releasedAt).toBeLessThan(1000);
    } finally {
      release();
      controller.abort();
      await worker;
      await store.close();
    }
  });

  it('runs a background job once it has waited its longest, however many other jobs keep coming', async () => {
    const store = await openStore('sqlite::memory:');
    const queue = new StoreJobQueue(store.db);
    let relatedAt = 0;
    let stories = 0;
    const story: JobHandler = {
      queue: 'story',
      retryWindowMs: 60_000,
      run: async () => {
        await new Promise((resolve) => setTimeout(resolve, 20));
        stories++;
        await queue.enqueue('story', { n: stories }); // another story behind each one: never idle
      },
    };
    const related: JobHandler = { queue: 'related', retryWindowMs: 60_000, background: true, run: async () => void (relatedAt = Date.now()) };
    await queue.enqueue('story', {});
    await queue.enqueue('related', {});
    const controller = new AbortController();
    const started = Date.now();
    const worker = runJobWorker(queue, [story, related], controller.signal, { idleMs: 50, backgroundMaxWaitMs: 300 });
    try {
      while (!relatedAt && Date.now() - started < 5000) await new Promise((resolve) => setTimeout(resolve, 5));
      expect(relatedAt - started).toBeGreaterThanOrEqual(250);
      expect(relatedAt - started).toBeLessThan(2000);
    } finally {
      controller.abort();
      await worker;
      await store.close();
    }
  });
});
