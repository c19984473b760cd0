// The admin API's view of the job queue: counts, the jobs that failed for good with their reasons, and a retry.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import type { Store } from '../store/database.js';
import type { SiteDeps } from '../http/deps.js';

const TOKEN = 'a-long-enough-admin-token-for-tests';

for (const backend of testBackends()) {
  describe(`admin API: jobs (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let deps: SiteDeps;
    let app: ReturnType<typeof createApp>;
    const auth = { authorization: `Bearer ${TOKEN}` };

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      deps = siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_ADMIN_TOKEN: TOKEN }), store);
      app = createApp(deps);
      await deps.jobs.prepare(['take-entry']);
    });
    afterEach(async () => {
      await dispose();
    });

    it('lists a failed job with its reason and queues it again on request', async () => {
      await deps.jobs.enqueue('take-entry', { entry: 'x' }, { key: 'entry:1:x' });
      const [job] = await deps.jobs.claim('take-entry', 'w1', 1, 30_000);
      await deps.jobs.fail(job, 'w1', 'fetch failed: HTTP 503 for https://s.test/x');
      expect((await app.request('/api/admin/jobs/failed')).status).toBe(401);
      const listed = (await (await app.request('/api/admin/jobs/failed', { headers: auth })).json()) as { jobs: { id: string; error: string }[] };
      expect(listed.jobs).toHaveLength(1);
      expect(listed.jobs[0]).toMatchObject({ id: job.id, error: 'fetch failed: HTTP 503 for https://s.test/x' });
      const counts = (await (await app.request('/api/admin/jobs', { headers: auth })).json()) as { counts: { failed: number } };
      expect(counts.counts.failed).toBe(1);
      const retried = await app.request(`/api/admin/jobs/${job.id}/retry`, { method: 'POST', headers: auth });
      expect(retried.status).toBe(200);
      expect((await app.request(`/api/admin/jobs/${job.id}/retry`, { method: 'POST', headers: auth })).status).toBe(404);
      expect((await deps.jobs.counts()).queued).toBe(1);
    });

    it('refuses to queue a failed job again while a job with its key waits, with a conflict that says why', async () => {
      await deps.jobs.enqueue('take-entry', { entry: 'x' }, { key: 'entry:1:x' });
      const [job] = await deps.jobs.claim('take-entry', 'w1', 1, 30_000);
      await deps.jobs.fail(job, 'w1', 'fetch failed: HTTP 404 for https://s.test/x');
      await deps.jobs.enqueue('take-entry', { entry: 'x' }, { key: 'entry:1:x' });
      const refused = await app.request(`/api/admin/jobs/${job.id}/retry`, { method: 'POST', headers: auth });
      expect(refused.status).toBe(409);
      expect(JSON.stringify(await refused.json())).toMatch(/same key is already waiting or running/);
      expect(await deps.jobs.counts()).toMatchObject({ queued: 1, failed: 1 });
    });
  });
}
