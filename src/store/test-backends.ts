// Test helper: the backends every store test runs on. SQLite always; PostgreSQL when CONVEY_TEST_POSTGRES_URL
// is set (CI sets it), each test store in a schema of its own so runs never see each other's rows.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { openStore, type Store } from './database.js';

export const POSTGRES_TEST_URL = process.env.CONVEY_TEST_POSTGRES_URL || null;

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, migrated, empty store; `dispose` removes it. */
  open(): Promise<{ store: Store; url: string; dispose(): Promise<void> }>;
}

const sqliteBackend: TestBackend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'convey-test-'));
    const url = `sqlite:${join(dir, 'test.db')}`;
    const store = await openStore(url);
    return {
      store,
      url,
      async dispose() {
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

function postgresBackend(url: string): TestBackend {
  return {
    name: 'postgres',
    async open() {
      const schema = `convey_test_${randomBytes(6).toString('hex')}`;
      const pg = await import('pg');
      const admin = new pg.default.Client({ connectionString: url });
      await admin.connect();
      await admin.query(`create schema ${schema}`);
      await admin.end();
      const separator = url.includes('?') ? '&' : '?';
      const schemaUrl = `${url}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const store = await openStore(schemaUrl);
      return {
        store,
        url: schemaUrl,
        async dispose() {
          await store.close();
          const cleanup = new pg.default.Client({ connectionString: url });
          await cleanup.connect();
          await cleanup.query(`drop schema ${schema} cascade`);
          await cleanup.query(`drop schema if exists ${schema}_jobs cascade`);
          await cleanup.end();
        },
      };
    },
  };
}

let noticeShown = false;
/** The backends to run; prints once, visibly, when PostgreSQL is not configured. */
export function testBackends(): TestBackend[] {
  if (POSTGRES_TEST_URL) return [sqliteBackend, postgresBackend(POSTGRES_TEST_URL)];
  if (!noticeShown) {
    noticeShown = true;
    console.warn('NOTICE: PostgreSQL store tests skipped: set CONVEY_TEST_POSTGRES_URL=postgres://… to run them (CI does).');
  }
  return [sqliteBackend];
}
