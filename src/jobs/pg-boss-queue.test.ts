// The PostgreSQL job queue when the network to the database goes silent: a claim fails within the store's query
// time-out (the worker's loop reports it and asks again) instead of waiting for good, and the queue works again
// on new connections once the network is back.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
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
