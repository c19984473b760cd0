// The error handler of the site: a store out of reach is a 503 in the site's layout with Retry-After, fast.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import { testBackends } from '../store/test-backends.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from './app.js';
import type { Store } from '../store/database.js';
import type { Schema } from '../store/schema.js';
import { freePort } from '../../test/support/processes.js';

describe('the site when its store cannot be reached', () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let unreachable: Kysely<Schema>;

  beforeEach(async () => {
    ({ store, dispose } = await testBackends()[0].open());
    // A port nobody listens on: every connection is refused.
    const pool = new pg.Pool({ host: '127.0.0.1', port: await freePort(), user: 'nobody', database: 'none', connectionTimeoutMillis: 2000 });
    unreachable = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });
  });
  afterEach(async () => {
    await unreachable.destroy();
    await dispose();
  });

  it('answers 503 with Retry-After in the site layout, and not a 500', async () => {
    const deps = siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'https://desk.test' }), store);
    const app = createApp({ ...deps, store: { ...store, db: unreachable } });
    const started = Date.now();
    const res = await app.request('/articles/any-story');
    expect(res.status).toBe(503);
    expect(Date.now() - started).toBeLessThan(5000);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const page = await res.text();
    expect(page).toContain('Temporarily unavailable');
    expect(page).toContain('Harbour Desk');
    // The reason may name hosts and users: it is logged, never shown.
    expect(page).not.toContain('ECONNREFUSED');
  });

  it('still answers the same routes normally when the store is there', async () => {
    const app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'https://desk.test' }), store));
    expect((await app.request('/articles/any-story')).status).toBe(404);
  });
});
