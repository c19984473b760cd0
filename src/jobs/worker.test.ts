// The worker's pure parts and its timers: back-off with jitter, waits that leave no listener behind, and the
// event loop's turn between jobs, and the wake of a sleeping worker by a job this process queues.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { getEventListeners } from 'node:events';
import { retryDelayMs } from './backoff.js';
import { runJobWorker, sleep, type JobHandler } from './worker.js';
import { openStore, type Store } from '../store/database.js';
import { StoreJobQueue } from './store-queue.js';
import { waitFor } from '../../test/support/processes.js';

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
  let store: Store;
  let queue: StoreJobQueue;
  let stopWorker: (() => Promise<void>) | null = null;

  beforeEach(async () => {
    store = await openStore('sqlite::memory:');
    queue = new StoreJobQueue(store.db);
  });
  afterEach(async () => {
    await stopWorker?.();
    stopWorker = null;
    await store.close();
  });

  /** Runs a worker until the test ends: it is stopped, and its jobs finished, before the store closes. */
  function startWorker(handlers: JobHandler[], options: Parameters<typeof runJobWorker>[3]): void {
    const controller = new AbortController();
    const worker = runJobWorker(queue, handlers, controller.signal, options);
    stopWorker = async () => {
      controller.abort();
      await worker;
    };
  }
  const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
  it('lets waiting I/O callbacks run between jobs that only use the store', async () => {
    // Every query of the embedded store answers at once: without a turn for the event loop, a run of such jobs
    // would hold back every timer, socket and thread answer of the process until the queue is empty.
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
    let doneWhenTimerRan = -1;
    setTimeout(() => (doneWhenTimerRan = done), 0);
    startWorker([handler], { idleMs: 10 });
    while (done < jobs) await pause(5);
    expect(doneWhenTimerRan).toBeGreaterThanOrEqual(0);
    expect(doneWhenTimerRan).toBeLessThan(jobs / 2);
  });

  it('takes a job this process queues while it sleeps at once, not when its idle sleep ends', async () => {
    const ranAt: number[] = [];
    const handler: JobHandler = { queue: 'prompt', retryWindowMs: 60_000, run: async () => void ranAt.push(Date.now()) };
    startWorker([handler], { idleMs: 60_000 });
    await pause(50); // the worker found nothing and sleeps
    for (const round of [1, 2]) {
      const queuedAt = Date.now();
      await queue.enqueue('prompt', { round });
      await waitFor(`round ${round}`, () => ranAt.length >= round, 5000, 5);
      expect(ranAt).toHaveLength(round);
      expect(ranAt[round - 1] - queuedAt).toBeLessThan(1000);
      await pause(20);
    }
  });

  it('gives each queue its own slots: jobs of one queue that wait long leave the others running', async () => {
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let slowStarted = false;
    let fastDone = 0;
    const slow: JobHandler = { queue: 'slow-images', retryWindowMs: 60_000, run: async () => void ((slowStarted = true), await released) };
    const fast: JobHandler = { queue: 'stories', retryWindowMs: 60_000, run: async () => void fastDone++ };
    await queue.enqueue('slow-images', {});
    for (let n = 0; n < 3; n++) await queue.enqueue('stories', { n });
    startWorker([slow, fast], { idleMs: 60_000, concurrency: 1 });
    try {
      await waitFor('the fast jobs beside the slow one', () => slowStarted && fastDone === 3, 2000, 5);
      expect(slowStarted).toBe(true);
      expect(fastDone).toBe(3); // while the slow job still holds its queue's only slot
    } finally {
      release();
    }
  });

  it('asks an empty queue again only when a job is queued for it, or once its idle wait is over', async () => {
    const claims = new Map<string, number>();
    const claim = queue.claim.bind(queue);
    queue.claim = async (name, ...rest) => {
      claims.set(name, (claims.get(name) ?? 0) + 1);
      return claim(name, ...rest);
    };
    const ran: string[] = [];
    const mail: JobHandler = { queue: 'mail', retryWindowMs: 60_000, run: async () => void ran.push('mail') };
    startWorker([mail], { idleMs: 60_000 });
    await waitFor('a claim on the mail queue', () => (claims.get('mail') ?? 0) > 0, 5000, 5);
    await pause(20);
    const before = claims.get('mail');
    for (let n = 0; n < 20; n++) await queue.enqueue('stories', { n }); // another worker's queue
    await pause(100);
    expect(claims.get('mail')).toBe(before);
    await queue.enqueue('mail', {});
    await waitFor('the job to run', () => ran.length === 1, 5000, 5);
    expect(ran).toEqual(['mail']);
  });

  it('holds a background job back while other jobs run, and runs it as soon as they are done', async () => {
    const events: string[] = [];
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    const story: JobHandler = { queue: 'story', retryWindowMs: 60_000, run: async () => void (events.push('story started'), await released, events.push('story done')) };
    const related: JobHandler = { queue: 'related', retryWindowMs: 60_000, background: true, run: async () => void events.push('related') };
    await queue.enqueue('story', {});
    await queue.enqueue('related', {});
    startWorker([related, story], { idleMs: 60_000 });
    try {
      await waitFor('the story job to start', () => events.includes('story started'), 5000, 5);
      await pause(100);
      expect(events).toEqual(['story started']); // a slot is free, but the story still runs
      const releasedAt = Date.now();
      release();
      await waitFor('the related job', () => events.includes('related'), 5000, 5);
      expect(events).toEqual(['story started', 'story done', 'related']);
      expect(Date.now() - releasedAt).toBeLessThan(1000);
    } finally {
      release(); // the worker stops only once its story is done
    }
  });

  it('runs a background job once it has waited its longest, however many other jobs keep coming', async () => {
    let relatedAt = 0;
    let stories = 0;
    const story: JobHandler = {
      queue: 'story',
      retryWindowMs: 60_000,
      run: async () => {
        await pause(20);
        stories++;
        await queue.enqueue('story', { n: stories }); // another story behind each one: never idle
      },
    };
    const related: JobHandler = { queue: 'related', retryWindowMs: 60_000, background: true, run: async () => void (relatedAt = Date.now()) };
    await queue.enqueue('story', {});
    await queue.enqueue('related', {});
    const started = Date.now();
    startWorker([story, related], { idleMs: 50, backgroundMaxWaitMs: 300 });
    await waitFor('the related job', () => relatedAt > 0, 5000, 5);
    expect(relatedAt - started).toBeGreaterThanOrEqual(250);
    expect(relatedAt - started).toBeLessThan(2000);
  });
});
