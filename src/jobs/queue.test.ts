// The job queue's contract, on both implementations: the jobs table (SQLite) and pg-boss (PostgreSQL).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { sql } from 'kysely';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { jobQueueOf } from './open-queue.js';
import type { JobQueue } from './queue.js';
import { drainJobs, runClaimedJob, runJobWorker, type JobHandler } from './worker.js';
import { RetryLaterError } from './errors.js';
import { waitFor } from '../../test/support/processes.js';

for (const backend of testBackends()) {
  describe(`the job queue (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let queue: JobQueue;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      queue = jobQueueOf(store);
      await queue.prepare(['work']);
    });
    afterEach(async () => {
      await dispose();
    });

    it('is idempotent by key while a job waits or runs, and takes it again once it is done', async () => {
      const first = await queue.enqueue('work', { n: 1 }, { key: 'k' });
      expect(first).not.toBeNull();
      expect(await queue.enqueue('work', { n: 2 }, { key: 'k' })).toBeNull();
      const [job] = await queue.claim('work', 'w1', 5, 30_000);
      expect(job.data).toEqual({ n: 1 });
      expect(await queue.enqueue('work', { n: 3 }, { key: 'k' })).toBeNull(); // still running
      expect(await queue.complete(job, 'w1')).toBe(true);
      expect(await queue.enqueue('work', { n: 4 }, { key: 'k' })).not.toBeNull();
    });

    it('gives each job to one owner, and only that owner may heartbeat, complete or fail it', async () => {
      for (let i = 0; i < 6; i++) await queue.enqueue('work', { i });
      const [a, b] = await Promise.all([queue.claim('work', 'w1', 4, 30_000), queue.claim('work', 'w2', 4, 30_000)]);
      const ids = [...a, ...b].map((j) => j.id);
      expect(new Set(ids).size).toBe(6);
      const job = a[0] ?? b[0];
      const owner = a.includes(job) ? 'w1' : 'w2';
      const stranger = owner === 'w1' ? 'w2' : 'w1';
      expect(await queue.heartbeat(job, stranger, 30_000)).toBe(false);
      expect(await queue.complete(job, stranger)).toBe(false);
      expect(await queue.fail(job, stranger, 'no')).toBe(false);
      expect(await queue.heartbeat(job, owner, 30_000)).toBe(true);
      expect(await queue.complete(job, owner)).toBe(true);
      expect(await queue.complete(job, owner)).toBe(false);
      expect((await queue.counts()).running).toBe(5);
    });

    it('keeps a final failure with its reason, visible and retryable', async () => {
      await queue.enqueue('work', { page: 'x' }, { key: 'page:x' });
      const [job] = await queue.claim('work', 'w1', 1, 30_000);
      expect(await queue.fail(job, 'w1', 'HTTP 503 for x, for 12 h')).toBe(true);
      const [failed] = await queue.listFailed();
      expect(failed).toMatchObject({ id: job.id, queue: 'work', key: 'page:x', error: 'HTTP 503 for x, for 12 h' });
      expect((await queue.counts()).failed).toBe(1);
      expect(await queue.requeueFailed(job.id)).toBe('queued');
      expect(await queue.requeueFailed(job.id)).toBe('not-failed');
      const [again] = await queue.claim('work', 'w2', 1, 30_000);
      expect(again.id).toBe(job.id);
      expect(again.data).toEqual({ page: 'x' });
    });

    it('leaves a dead letter failed while a job with its key waits or runs, and says so', async () => {
      await queue.enqueue('work', { page: 'x', n: 1 }, { key: 'page:x' });
      const [dead] = await queue.claim('work', 'w1', 1, 30_000);
      expect(await queue.fail(dead, 'w1', 'HTTP 404')).toBe(true);
      // The feed lists the page again: a new job with the same key, while the dead letter is kept.
      expect(await queue.enqueue('work', { page: 'x', n: 2 }, { key: 'page:x' })).not.toBeNull();
      expect(await queue.requeueFailed(dead.id)).toBe('key-waiting');
      const [running] = await queue.claim('work', 'w1', 1, 30_000);
      expect(running.data).toEqual({ page: 'x', n: 2 });
      expect(await queue.requeueFailed(dead.id)).toBe('key-waiting');
      expect(await queue.listFailed()).toMatchObject([{ id: dead.id, key: 'page:x' }]);
      expect(await queue.complete(running, 'w1')).toBe(true);
      expect(await queue.requeueFailed(dead.id)).toBe('queued');
      const [again] = await queue.claim('work', 'w2', 1, 30_000);
      expect(again).toMatchObject({ id: dead.id, key: 'page:x', data: { page: 'x', n: 1 } });
    });

    it('keeps a copied dead letter with its key beside a job with the same key that waits', async () => {
      const waiting = await queue.enqueue('work', { n: 1 }, { key: 'page:y' });
      const copied = await queue.enqueue('work', { n: 0 }, { key: 'page:y', failedWith: 'HTTP 410' });
      expect(copied).not.toBeNull();
      expect(copied).not.toBe(waiting);
      expect(await queue.listFailed()).toMatchObject([{ id: copied, key: 'page:y', error: 'HTTP 410' }]);
      expect(await queue.counts()).toMatchObject({ queued: 1, failed: 1 });
      expect(await queue.enqueue('work', { n: 2 }, { key: 'page:y' })).toBeNull();
    });

    it('runs a scheduled job only when it is due', async () => {
      await queue.enqueue('work', { later: true }, { runAt: new Date(Date.now() + 3_600_000) });
      expect(await queue.claim('work', 'w1', 5, 30_000)).toEqual([]);
      await queue.enqueue('work', { now: true }, { runAt: new Date(Date.now() - 1000) });
      expect((await queue.claim('work', 'w1', 5, 30_000)).map((j) => j.data)).toEqual([{ now: true }]);
    });

    it('tells this process of each job due now that it queued, and of none due later, dead or already waiting', async () => {
      let told = 0;
      const names: string[] = [];
      const stop = queue.onEnqueued((name) => void (told++, names.push(name)));
      await queue.enqueue('work', { now: true }, { key: 'a' });
      expect(told).toBe(1);
      expect(names).toEqual(['work']);
      await queue.enqueue('work', { again: true }, { key: 'a' }); // already waiting: nothing new to claim
      await queue.enqueue('work', { later: true }, { runAt: new Date(Date.now() + 3_600_000) });
      await queue.enqueue('work', { dead: true }, { failedWith: 'gone for good' });
      expect(told).toBe(1);
      await queue.enqueue('work', { due: true }, { runAt: new Date(Date.now() - 1000) });
      expect(told).toBe(2);
      stop();
      await queue.enqueue('work', { unheard: true });
      expect(told).toBe(2);
    });

    it('takes a job queued in the transaction of another job as soon as that job is done, not after the idle wait', async () => {
      await queue.prepare(['follow-up']);
      let firstDoneAt = 0;
      let followedAt = 0;
      const first: JobHandler = {
        queue: 'work',
        retryWindowMs: 60_000,
        run: async () => {
          await store.db.transaction().execute(async (tx) => {
            await queue.enqueue('follow-up', {}, { tx });
            await new Promise((resolve) => setTimeout(resolve, 50)); // the worker is told before this commits
          });
          firstDoneAt = Date.now();
        },
      };
      const followUp: JobHandler = { queue: 'follow-up', retryWindowMs: 60_000, run: async () => void (followedAt = Date.now()) };
      await queue.enqueue('work', {});
      const controller = new AbortController();
      const worker = runJobWorker(queue, [first, followUp], controller.signal, { idleMs: 60_000 });
      try {
        await waitFor('the follow-up job', () => followedAt > 0, 5000, 10);
        expect(followedAt).toBeGreaterThan(0);
        expect(followedAt - firstDoneAt).toBeLessThan(1000);
      } finally {
        controller.abort();
        await worker;
      }
    });

    it('takes higher priority first (the ingest takes feeds round-robin this way)', async () => {
      await queue.enqueue('work', { feed: 'a', rank: 0 }, { priority: 0 });
      await queue.enqueue('work', { feed: 'a', rank: 1 }, { priority: -1 });
      await queue.enqueue('work', { feed: 'a', rank: 2 }, { priority: -2 });
      await queue.enqueue('work', { feed: 'b', rank: 0 }, { priority: 0 });
      const ranks = async () => (await queue.claim('work', 'w1', 2, 30_000)).map((j) => (j.data as { rank: number }).rank).sort();
      expect(await ranks()).toEqual([0, 0]);
      expect(await ranks()).toEqual([1, 2]);
    });

    if (backend.name === 'sqlite') {
      it('takes a job whose lease lapsed back with the waiting ones, in claim order, without sorting every waiting job', async () => {
        for (let i = 0; i < 3; i++) await queue.enqueue('work', { i });
        const [lapsed] = await queue.claim('work', 'w1', 1, -1000); // a lease already over: its worker is gone
        const taken = await queue.claim('work', 'w2', 3, 30_000);
        expect(taken[0].id).toBe(lapsed.id);
        expect(taken.map((j) => (j.data as { i: number }).i)).toEqual([0, 1, 2]);
        const plan = (await sql<{ detail: string }>`explain query plan select id from jobs where queue = 'work' and state = 'queued' and run_at <= '2027' order by priority desc, run_at, id limit 4`.execute(store.db)).rows.map((r) => r.detail);
        expect(plan.join(' | ')).toMatch(/COVERING INDEX jobs_claim/);
        expect(plan.join(' | ')).not.toMatch(/TEMP B-TREE/);
      });
    }

    it('retries a transient failure later, then completes it; a lasting one ends as a dead letter after the window', async () => {
      let calls = 0;
      const flaky: JobHandler = {
        queue: 'work',
        retryWindowMs: 3_600_000,
        async run() {
          calls++;
          if (calls < 3) throw new RetryLaterError('HTTP 503', 0);
        },
      };
      await queue.enqueue('work', { firstTriedAt: new Date().toISOString() });
      for (let i = 0; i < 3; i++) {
        const [job] = await queue.claim('work', 'w1', 1, 30_000);
        // Retries are due after a back-off: claim them as if the time had come by requeueing due now.
        const outcome = await runClaimedJob(queue, { ...flaky, backoff: { baseMs: 1, maxMs: 1 } }, job, 'w1');
        expect(outcome).toBe(i < 2 ? 'retry' : 'done');
        await new Promise((r) => setTimeout(r, 20));
      }
      const given: string[] = [];
      const down: JobHandler = {
        queue: 'work',
        retryWindowMs: 1000,
        async run() {
          throw new RetryLaterError('HTTP 503');
        },
        async giveUp(_job, error) {
          given.push(error.message);
        },
      };
      await queue.enqueue('work', { firstTriedAt: new Date(Date.now() - 5000).toISOString() });
      const tally = await drainJobs(queue, [down], { owner: 'w1' });
      expect(tally.failed).toBe(1);
      expect(given).toEqual(['HTTP 503']);
      expect((await queue.listFailed())[0].error).toBe('HTTP 503');
    });
  });
}
