// What the ingest counts in the process's metrics: each poll by outcome, each failed fetch by kind.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { runIngestRound } from './scheduler.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog } from './context.js';
import { processMetrics } from '../metrics/metrics.js';
import type { Store } from '../store/database.js';

const [sqlite] = testBackends();

/** The value of one series in the Prometheus text, 0 when absent. */
async function series(name: string, labels: string): Promise<number> {
  const { body } = await processMetrics().render();
  const line = body.split('\n').find((l) => l.startsWith(`${name}{${labels}}`));
  return line ? Number(line.split(' ').pop()) : 0;
}

describe('ingest metrics', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: LoopbackServer;

  beforeEach(async () => {
    ({ store, dispose } = await sqlite.open());
    server = await startLoopbackServer();
  });
  afterEach(async () => {
    await dispose();
    await server.close();
  });

  it('counts polls by outcome and page fetch failures by kind', async () => {
    server.routes.set('/feed.xml', {
      type: 'application/rss+xml',
      body: `<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>One story</title><link>${server.origin}/one</link><guid>one</guid><description>Short.</description></item></channel></rss>`,
    });
    server.routes.set('/one', { status: 503, body: 'busy' });
    server.routes.set('/broken.xml', { status: 500, body: 'down' });
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk' });
    const ctx = ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog);
    const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml` });
    await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/broken.xml` });
    const before = { ok: await series('convey_polls_total', 'outcome="ok"'), error: await series('convey_polls_total', 'outcome="error"'), http5xx: await series('convey_fetch_errors_total', 'kind="http-5xx"') };
    await runIngestRound(ctx);
    expect(await series('convey_polls_total', 'outcome="ok"')).toBe(before.ok + 1);
    expect(await series('convey_polls_total', 'outcome="error"')).toBe(before.error + 1);
    expect(await series('convey_fetch_errors_total', 'kind="http-5xx"')).toBe(before.http5xx + 1);
  });
});
