// `store copy` carries the jobs over: waiting jobs are waiting on the target's queue, failed ones failed with
// their reasons, whichever queue the target runs.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { copyStore } from '../store/copy-store.js';
import { createSource } from '../store/sources.js';
import { jobQueueOf } from './open-queue.js';
import { jobsCopyHook } from './copy-jobs.js';

const [sqlite] = testBackends();

for (const backend of testBackends()) {
  describe(`store copy of the jobs (SQLite → ${backend.name})`, () => {
    let source: Store;
    let target: Store;
    const disposers: (() => Promise<void>)[] = [];

    beforeEach(async () => {
      const from = await sqlite.open();
      const to = await backend.open();
      source = from.store;
      target = to.store;
      disposers.push(from.dispose, to.dispose);
    });
    afterEach(async () => {
      for (const dispose of disposers.splice(0)) await dispose();
    });

    it('re-enqueues waiting jobs and keeps failed ones with their reasons', async () => {
      await createSource(source.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const queue = jobQueueOf(source);
      await queue.enqueue('take-entry', { entry: 'a' }, { key: 'entry:1:a' });
      await queue.enqueue('take-entry', { entry: 'b' }, { key: 'entry:1:b' });
      const [claimed] = await queue.claim('take-entry', 'w', 1, 30_000);
      await queue.fail(claimed, 'w', 'fetch failed: HTTP 503, for 12 h');
      const report = await copyStore(source, target, { hooks: [jobsCopyHook(target)] });
      expect(report.find((r) => r.table === 'jobs')).toMatchObject({ via: 'hook', sourceRows: 2, targetRows: 2, matches: true });
      const copied = jobQueueOf(target);
      await copied.prepare(['take-entry']);
      expect(await copied.counts()).toMatchObject({ queued: 1, failed: 1 });
      const [failed] = await copied.listFailed();
      expect(failed).toMatchObject({ key: claimed.key, error: 'fetch failed: HTTP 503, for 12 h' });
      expect(await copied.enqueue('take-entry', { entry: 'again' }, { key: (failed.key === 'entry:1:a' ? 'entry:1:b' : 'entry:1:a') })).toBeNull();
    });
  });
}
