// The PostgreSQL job queue when the network to the database goes silent: a claim fails within the store's query
// time-out (the worker's loop reports it and asks again) instead of waiting for good, and the queue works again
// on new connections once the network is back.
import { describe, it, expect, beforeEach, afterEach, vi } from 'vitest';
import { sql } from 'kysely';
import { POSTGRES_TEST_URL, testBackends } from '../store/test-backends.js';
import { openStore, type Store } from '../store/database.js';
import { jobQueueOf } from './open-queue.js';
import { CuttableProxy } from '../../test/support/cuttable-proxy.js';
import { waitFor } from '../../test/support/processes.js';

const QUERY_MS = 1500;

describe.skipIf(!POSTGRES_TEST_URL)('the PostgreSQL job queue on a connection gone silent (needs CONVEY_TEST_POSTGRES_URL; CI sets it)', { timeout: 60_000 }, () => {
  let dispose: () => Promise<void>;
  let proxy: CuttableProxy;
  let store: Store;

  beforeEach(async () => {
    const backend = testBackends().find((b) => b.name === 'postgres')!;
    let url: string;
    ({ url, dispose } = await backend.open());
    const target = new URL(url);
    proxy = new CuttableProxy({ host: target.hostname || '127.0.0.1', port: Number(target.port || 5432) });
    await proxy.start();
    const throughProxy = new URL(url);
    throughProxy.host = `127.0.0.1:${proxy.port}`;
    store = await openStore(throughProxy.toString(), { migrate: false, timeouts: { connectMs: 1000, queryMs: QUERY_MS } });
  });
  afterEach(async () => {
    proxy.restore();
    await store.close().catch(() => undefined);
    await proxy.close();
    await dispose();
  });

  it('fails a claim within the query time-out, and claims again once the network is back', async () => {
    const queue = jobQueueOf(store);
    await queue.prepare(['work']);
    await queue.enqueue('work', { n: 1 });
    expect(await queue.claim('work', 'worker-a', 1, 30_000)).toHaveLength(1);
    await queue.enqueue('work', { n: 2 });

    proxy.freeze();
    const started = Date.now();
    await expect(queue.claim('work', 'worker-a', 1, 30_000)).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(QUERY_MS + 2000);

    proxy.restore();
    // Each idle connection frozen with the network fails once and is dropped; then a new one takes the job.
    let claimed: unknown[] = [];
    await waitFor('a claim on a new connection', async () => {
      claimed = await queue.claim('work', 'worker-a', 1, 30_000).catch(() => []);
      return claimed.length === 1;
    }, 20_000, 100);
    expect(claimed).toMatchObject([{ queue: 'work', data: { n: 2 } }]);
  });
});

describe.skipIf(!POSTGRES_TEST_URL)('keys of the PostgreSQL job queue, several processes (needs CONVEY_TEST_POSTGRES_URL; CI sets it)', { timeout: 60_000 }, () => {
  let dispose: () => Promise<void>;
  let url: string;
  let stores: Store[];
  /** A queue on a connection of its own, as another process has. */
  const processQueue = async () => {
    const store = await openStore(url, { migrate: false });
    stores.push(store);
    const queue = jobQueueOf(store);
    await queue.prepare(['work']);
    return { store, queue };
  };
  const waitingWithKey = async (store: Store, key: string) =>
    Number((await sql<{ n: number }>`select count(*)::int as n from ${sql.id(store.jobsSchema, 'job')} where singleton_key = ${key} and state < 'completed'`.execute(store.db)).rows[0].n);
  const dropKeyIndex = (store: Store) => sql`drop index ${sql.id(store.jobsSchema, 'job_waiting_key')}`.execute(store.db);
  /** A job queued beside one with the same key, as two processes of an earlier version could (each looked, then inserted). */
  const queueDuplicate = (store: Store, key: string, data: object) =>
    sql`insert into ${sql.id(store.jobsSchema, 'job')} (id, name, data, singleton_key, policy)
      values (gen_random_uuid(), 'work', ${JSON.stringify(data)}::jsonb, ${key}, 'standard')`.execute(store.db);

  beforeEach(async () => {
    stores = [];
    ({ url, dispose } = await testBackends().find((b) => b.name === 'postgres')!.open());
  });
  afterEach(async () => {
    for (const store of stores) await store.close();
    await dispose();
  });

  it('enqueues a key once when two processes, started at the same moment, enqueue it at the same moment', async () => {
    const [a, b] = await Promise.all([processQueue(), processQueue()]);
    const index = await sql`select 1 from pg_indexes where schemaname = ${a.store.jobsSchema} and indexname = 'job_waiting_key'`.execute(a.store.db);
    expect(index.rows).toHaveLength(1);
    const keys = Array.from({ length: 40 }, (_, i) => `page:${i}`);
    const ids = await Promise.all(keys.flatMap((key) => [a.queue.enqueue('work', { key }, { key }), b.queue.enqueue('work', { key }, { key })]));
    expect(ids.filter((id) => id !== null)).toHaveLength(keys.length);
    expect(await a.queue.counts()).toMatchObject({ queued: keys.length });
  });

  it('builds the index of waiting keys over duplicates enqueued before it existed: the running one is kept, waiting copies are cancelled', async () => {
    const first = await processQueue();
    await dropKeyIndex(first.store);
    expect(await first.queue.enqueue('work', { i: 0 }, { key: 'page:x' })).not.toBeNull();
    const [running] = await first.queue.claim('work', 'w1', 1, 30_000);
    for (let i = 1; i < 3; i++) await queueDuplicate(first.store, 'page:x', { i });
    expect(await waitingWithKey(first.store, 'page:x')).toBe(3);

    const next = await processQueue(); // a process of the new version starts
    expect(await waitingWithKey(next.store, 'page:x')).toBe(1);
    const cancelled = await sql<{ n: number }>`select count(*)::int as n from ${sql.id(next.store.jobsSchema, 'job')} where state = 'cancelled'`.execute(next.store.db);
    expect(cancelled.rows[0].n).toBe(2);
    expect(await next.queue.enqueue('work', { i: 3 }, { key: 'page:x' })).toBeNull();
    expect(await first.queue.complete(running, 'w1')).toBe(true);
    expect(await next.queue.enqueue('work', { i: 4 }, { key: 'page:x' })).not.toBeNull();
  });

  it('goes on without the index where running duplicates keep it from being built, and says so', async () => {
    const first = await processQueue();
    await dropKeyIndex(first.store);
    await first.queue.enqueue('work', { i: 0 }, { key: 'page:x' });
    await queueDuplicate(first.store, 'page:x', { i: 1 });
    expect(await first.queue.claim('work', 'w1', 2, 30_000)).toHaveLength(2);

    const errors: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((message: unknown) => void errors.push(String(message)));
    try {
      const next = await processQueue();
      expect(errors.join('\n')).toMatch(/could not create unique index.*may both queue it/);
      expect(await next.queue.enqueue('work', { i: 2 }, { key: 'page:x' })).toBeNull();
      expect(await next.queue.enqueue('work', { i: 3 }, { key: 'page:y' })).not.toBeNull();
      expect(await next.queue.enqueue('work', { i: 4 }, { key: 'page:y' })).toBeNull();
    } finally {
      spy.mockRestore();
    }
  });
});
