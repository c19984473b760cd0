// /healthz, /readyz and /metrics: on every backend, with a store missing a migration, a store that hangs, a
// closed store, and the admin token absent, wrong and right.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { Hono } from 'hono';
import { Kysely, Migrator, SqliteAdapter, SqliteIntrospector, SqliteQueryCompiler, type Driver } from 'kysely';
import { testBackends } from '../../store/test-backends.js';
import { migrationProvider } from '../../store/migrations.js';
import { loadConfig } from '../../config/config.js';
import { createSource } from '../../store/sources.js';
import { insertArticle } from '../../store/articles.js';
import { siteDepsOf } from '../../cli/serve-command.js';
import { createMetrics, processMetrics, recordPoll, recordFetchError } from '../../metrics/metrics.js';
import { createApp } from '../app.js';
import { registerHealthRoutes } from './health.routes.js';
import { migrationTableSchema, type Store } from '../../store/database.js';
import type { Schema } from '../../store/schema.js';

const TOKEN = 'metrics-token-long-enough';
const auth = { authorization: `Bearer ${TOKEN}` };
const config = (token: string | null = TOKEN) => loadConfig({ CONVEY_SITE_NAME: 'Health Desk', ...(token ? { CONVEY_ADMIN_TOKEN: token } : {}) });

/** A store whose every query waits forever, like a database behind a dead connection. */
function hangingStore(): Store {
  const never = <T>() => new Promise<T>(() => {});
  const driver: Driver = {
    init: async () => {}, acquireConnection: () => never(), beginTransaction: async () => {}, commitTransaction: async () => {},
    rollbackTransaction: async () => {}, releaseConnection: async () => {}, destroy: async () => {},
  };
  const db = new Kysely<Schema>({
    dialect: { createAdapter: () => new SqliteAdapter(), createDriver: () => driver, createIntrospector: (k) => new SqliteIntrospector(k), createQueryCompiler: () => new SqliteQueryCompiler() },
  });
  return { db, dialect: 'sqlite', url: 'sqlite::memory:', jobsSchema: 'jobs', timeouts: { connectMs: 0, queryMs: 0 }, close: async () => {} };
}

async function timed(response: Response | Promise<Response>): Promise<{ res: Response; ms: number }> {
  const started = Date.now();
  const res = await response;
  return { res, ms: Date.now() - started };
}

for (const backend of testBackends()) {
  describe(`health and metrics (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('answers /healthz and /readyz on a migrated store, never cached', async () => {
      const app = createApp({ ...siteDepsOf(config(), store), metrics: createMetrics() });
      const health = await app.request('/healthz');
      expect(health.status).toBe(200);
      expect(await health.text()).toBe('ok\n');
      expect(health.headers.get('cache-control')).toBe('no-store');
      const ready = await app.request('/readyz');
      expect(ready.status).toBe(200);
      expect(await ready.text()).toBe('ready\n');
      expect(ready.headers.get('cache-control')).toBe('no-store');
    });

    it('answers 503 from /readyz when a migration is missing', async () => {
      // The last migration taken back (its record only: a no-op `down`), as if this version's newest one never ran.
      const provider = migrationProvider(store.dialect);
      const undoable = { getMigrations: async () => Object.fromEntries(Object.entries(await provider.getMigrations()).map(([name, m]) => [name, { ...m, down: async () => {} }])) };
      const { error } = await new Migrator({ db: store.db, provider: undoable, migrationTableSchema: await migrationTableSchema(store) }).migrateDown();
      expect(error).toBeUndefined();
      const app = createApp({ ...siteDepsOf(config(), store), metrics: createMetrics() });
      const res = await app.request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.text()).toMatch(/^not ready: migrations pending: \d+ of \d+ applied\n$/);
      expect((await app.request('/healthz')).status).toBe(200);
    });

    it('keeps /metrics behind the admin token: 401 without it or with a wrong one, 403 when none is configured', async () => {
      const app = createApp({ ...siteDepsOf(config(), store), metrics: createMetrics() });
      const without = await app.request('/metrics');
      expect(without.status).toBe(401);
      expect(await without.text()).not.toContain('convey_');
      expect((await app.request('/metrics', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
      const closed = createApp({ ...siteDepsOf(config(null), store), metrics: createMetrics() });
      expect((await closed.request('/metrics', { headers: auth })).status).toBe(403);
    });

    it('exposes polls, fetch errors, jobs, request latency by route pattern and published articles', async () => {
      const metrics = createMetrics();
      const app = createApp({ ...siteDepsOf(config(), store), metrics, jobCounts: async () => ({ queued: 3, running: 1, failed: 2 }) });
      const source = await createSource(store.db, { slug: 's', name: 'Source', homeUrl: 'https://s.test/' });
      await insertArticle(store.db, {
        originalUrl: 'https://s.test/a', headline: 'A story', subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>', bodyText: 'Text.',
        bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'k', slug: 'a-story', pubStatus: 'usable', holdReason: null,
      }, new Date());
      metrics.recordPoll('ok');
      metrics.recordPoll('ok');
      metrics.recordPoll('not-modified');
      metrics.recordFetchError('timeout');
      metrics.recordFetchError('surprise' as never); // not a known kind: counted as other, no new series
      expect((await app.request('/articles/no-such-story')).status).toBe(404);
      expect((await app.request('/nothing/here')).status).toBe(404);
      expect((await app.request('/healthz')).status).toBe(200);

      const res = await app.request('/metrics', { headers: auth });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
      const body = await res.text();
      expect(body).toContain('convey_polls_total{outcome="ok"} 2');
      expect(body).toContain('convey_polls_total{outcome="not-modified"} 1');
      expect(body).toContain('convey_fetch_errors_total{kind="timeout"} 1');
      expect(body).toContain('convey_fetch_errors_total{kind="other"} 1');
      expect(body).not.toContain('surprise');
      expect(body).toContain('convey_jobs{state="queued"} 3');
      expect(body).toContain('convey_jobs{state="running"} 1');
      expect(body).toContain('convey_jobs{state="failed"} 2');
      expect(body).toContain('convey_published_articles 1');
      expect(body).toContain('convey_http_request_duration_seconds_count{route="/articles/:slug",status_class="4xx"} 1');
      expect(body).toContain('convey_http_request_duration_seconds_count{route="(unmatched)",status_class="4xx"} 1');
      expect(body).toContain('convey_http_request_duration_seconds_count{route="/healthz",status_class="2xx"} 1');
      expect(body).not.toContain('no-such-story');
      expect(body).not.toContain('nothing/here');
    });

    it('answers 503 from /readyz for a closed store', async () => {
      const app = createApp({ ...siteDepsOf(config(), store), metrics: createMetrics() });
      await store.close();
      const res = await app.request('/readyz');
      expect(res.status).toBe(503);
      expect(await res.text()).toBe('not ready: the store is not answering\n');
      await dispose(); // removes the closed store's schema or file (closing it again does nothing)
      ({ store, dispose } = await backend.open()); // afterEach disposes a live one
    });
  });
}

describe('health with a hanging store', () => {
  it('answers /healthz at once and /readyz with 503 within about two seconds', async () => {
    const app = createApp({ ...siteDepsOf(config(), hangingStore()), metrics: createMetrics() });
    const health = await timed(app.request('/healthz'));
    expect(health.res.status).toBe(200);
    expect(health.ms).toBeLessThan(500);
    const ready = await timed(app.request('/readyz'));
    expect(ready.res.status).toBe(503);
    expect(await ready.res.text()).toBe('not ready: the store did not answer within 2000 ms\n');
    expect(ready.ms).toBeGreaterThanOrEqual(1900);
    expect(ready.ms).toBeLessThan(4000);
  });

  it('takes the time-box as an option, and scrapes a hanging gauge as NaN instead of hanging', async () => {
    const app = new Hono();
    const metrics = createMetrics({ collectTimeoutMs: 100 });
    registerHealthRoutes(app, { ...siteDepsOf(config(), hangingStore()), metrics }, { readyTimeoutMs: 100 });
    const ready = await timed(app.request('/readyz'));
    expect(ready.res.status).toBe(503);
    expect(ready.ms).toBeLessThan(1000);
    const scraped = await timed(app.request('/metrics', { headers: auth }));
    expect(scraped.res.status).toBe(200);
    expect(await scraped.res.text()).toMatch(/^convey_published_articles nan$/im); // prom-client writes it "Nan"
    expect(scraped.ms).toBeLessThan(1000);
  });
});

describe('metrics registries', () => {
  it('are one per createMetrics (nothing shared through a global registry), one per process for ingest', async () => {
    const a = createMetrics();
    const b = createMetrics();
    a.recordPoll('error');
    expect((await a.render()).body).toContain('convey_polls_total{outcome="error"} 1');
    expect((await b.render()).body).not.toContain('convey_polls_total{outcome="error"}');

    expect(processMetrics()).toBe(processMetrics());
    recordPoll('ok');
    recordFetchError('http-5xx');
    const process = (await processMetrics().render()).body;
    expect(process).toContain('convey_polls_total{outcome="ok"} 1');
    expect(process).toContain('convey_fetch_errors_total{kind="http-5xx"} 1');
    expect(process).toContain('convey_process_resident_memory_bytes');
    expect((await a.render()).body).not.toContain('outcome="ok"');
  });
});
