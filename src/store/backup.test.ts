// The online backup: taken while another thread keeps inserting rows (one transaction each), the copy passes
// SQLite's integrity check, opens as a store at the current schema, and holds one moment: no row half-written,
// no gap in the ids.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { openStore, type Store } from './database.js';
import { backupSqliteStore, BackupUnsupportedError } from './backup.js';
import { migrationState } from './migration-state.js';
import { listSources } from './sources.js';
import { MIGRATIONS } from './migrations.js';
import { POSTGRES_TEST_URL } from './test-backends.js';

// Runs in a worker thread: inserts sources until told to stop or until `max`, about one a millisecond,
// publishing how many it has committed.
const WRITER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const shared = new Int32Array(workerData.shared); // [0]: stop flag, [1]: rows committed
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
const insert = db.prepare("insert into sources (slug, name, home_url, usage_terms, indexing_policy, update_policy, created_at) values (?, ?, ?, ?, 'canonical-to-source', 'auto', ?)");
for (let i = 1; i <= workerData.max && Atomics.load(shared, 0) === 0; i++) {
  insert.run('s' + i, 'Source ' + i, 'https://s' + i + '.test/', 'terms '.repeat(200), new Date().toISOString());
  Atomics.store(shared, 1, i);
  if (i > 500) Atomics.wait(shared, 0, 0, 1);
}
db.close();
`;

describe('backup', () => {
  let dir: string;
  let store: Store;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-backup-'));
    store = await openStore(`sqlite:${join(dir, 'site.db')}`);
  });
  afterEach(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('copies a consistent store while a writer inserts rows', async () => {
    const shared = new SharedArrayBuffer(8);
    const counters = new Int32Array(shared);
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    const writer = new Worker(WRITER, { eval: true, workerData: { driver, shared, path: join(dir, 'site.db'), max: 20_000 } });
    const finished = new Promise((resolve, reject) => writer.once('exit', resolve).once('error', reject));
    while (Atomics.load(counters, 1) < 600) await new Promise((r) => setTimeout(r, 5));

    const before = Atomics.load(counters, 1);
    const file = join(dir, 'backup.db');
    const { pages } = await backupSqliteStore(store, file);
    await new Promise((r) => setTimeout(r, 50));
    const after = Atomics.load(counters, 1);
    Atomics.store(counters, 0, 1);
    Atomics.notify(counters, 0);
    await finished;
    expect(after).toBeGreaterThan(before); // the writer was running around the backup

    const raw = new Database(file, { readonly: true });
    expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
    raw.close();
    const copy = await openStore(`sqlite:${file}`, { migrate: false });
    try {
      expect(await migrationState(copy)).toEqual({ applied: MIGRATIONS.length, expected: MIGRATIONS.length });
      const ids = (await listSources(copy.db)).map((s) => s.id).sort((a, b) => a - b);
      expect(ids.length).toBeGreaterThanOrEqual(before);
      expect(ids.length).toBeLessThanOrEqual(Atomics.load(counters, 1));
      expect(ids[ids.length - 1]).toBe(ids.length); // one moment: every committed row up to it, none after
      expect(pages).toBeGreaterThan(100);
    } finally {
      await copy.close();
    }
  });

  it('refuses to overwrite a file', async () => {
    const file = join(dir, 'taken.db');
    await backupSqliteStore(store, file);
    await expect(backupSqliteStore(store, file)).rejects.toThrow('exists already');
  });

  it.skipIf(!POSTGRES_TEST_URL)('points a PostgreSQL store to pg_dump (needs CONVEY_TEST_POSTGRES_URL)', async () => {
    const pg = await openStore(POSTGRES_TEST_URL!, { migrate: false });
    try {
      await expect(backupSqliteStore(pg, join(dir, 'pg.db'))).rejects.toThrow(BackupUnsupportedError);
    } finally {
      await pg.close();
    }
  });
});
