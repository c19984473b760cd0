// The site settings in the store: written and read as JSON, removed to go back to the default, unchanged
// values left alone; a write is a page change (every process's cache hears it).
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { readStoredSettings, writeSettings, type StoredSettingError } from './settings.js';
import { PAGE_CHANGES_CHANNEL, sqliteChangeCounter } from './page-changes.js';

const T0 = new Date('2026-12-01T09:00:00Z');

/** How many page-change signals the store gave while `write` ran: the counter on SQLite, notifications on PostgreSQL. */
async function pageChangesDuring(store: Store, url: string, write: () => Promise<unknown>): Promise<number> {
  if (store.dialect === 'sqlite') {
    const read = sqliteChangeCounter(store)!;
    const before = read();
    await write();
    return read() - before;
  }
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  try {
    const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
    let count = 0;
    client.on('notification', (n) => {
      if (n.channel === PAGE_CHANGES_CHANNEL && n.payload === schema) count++;
    });
    await client.query(`listen ${PAGE_CHANGES_CHANNEL}`);
    await write();
    // A marker sent on this connection arrives after every notification sent before it.
    await client.query(`select pg_notify('${PAGE_CHANGES_CHANNEL}', 'marker')`);
    await new Promise((r) => setTimeout(r, 100));
    return count;
  } finally {
    await client.end();
  }
}

describe.each(testBackends())('settings in the store on $name', (backend) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  beforeEach(async () => {
    ({ store, url, dispose } = await backend.open());
  });
  afterEach(async () => dispose());

  it('keeps values as JSON, removes a row set to null, and reports which keys changed', async () => {
    expect(await readStoredSettings(store.db)).toEqual({});
    const changed = await writeSettings(store.db, { 'site.name': 'Harbour Daily', 'share.targets': ['x', 'email'], 'comments.maxLinks': 3, 'comments.holdAll': true }, T0);
    expect(changed.sort()).toEqual(['comments.holdAll', 'comments.maxLinks', 'share.targets', 'site.name']);
    expect(await readStoredSettings(store.db)).toEqual({ 'comments.holdAll': true, 'comments.maxLinks': 3, 'share.targets': ['x', 'email'], 'site.name': 'Harbour Daily' });

    // The same values again change nothing; null removes a row; a key without a row stays without one.
    expect(await writeSettings(store.db, { 'site.name': 'Harbour Daily', 'comments.maxLinks': 3 }, T0)).toEqual([]);
    expect(await writeSettings(store.db, { 'comments.holdAll': null, 'site.description': null, 'site.name': 'Harbour Weekly' }, T0)).toEqual(['comments.holdAll', 'site.name']);
    expect(await readStoredSettings(store.db)).toEqual({ 'comments.maxLinks': 3, 'share.targets': ['x', 'email'], 'site.name': 'Harbour Weekly' });
    const row = await store.db.selectFrom('settings').selectAll().where('key', '=', 'site.name').executeTakeFirstOrThrow();
    expect(row).toEqual({ key: 'site.name', value: '"Harbour Weekly"', updated_at: T0.toISOString() });
  });

  it('leaves out a row whose JSON does not parse, naming it', async () => {
    await store.db.insertInto('settings').values({ key: 'site.name', value: '{not json', updated_at: T0.toISOString() }).execute();
    await writeSettings(store.db, { 'site.language': 'de' }, T0);
    const bad: StoredSettingError[] = [];
    expect(await readStoredSettings(store.db, (e) => bad.push(e))).toEqual({ 'site.language': 'de' });
    expect(bad.map((e) => [e.key, e.message])).toEqual([['site.name', 'the stored setting site.name is not valid JSON; its default applies']]);
  });

  it('signals a page change when a setting changes, and none when nothing did', async () => {
    expect(await pageChangesDuring(store, url, () => writeSettings(store.db, { 'site.name': 'Harbour Daily' }, T0))).toBeGreaterThan(0);
    expect(await pageChangesDuring(store, url, () => writeSettings(store.db, { 'site.name': 'Harbour Daily' }, T0))).toBe(0);
    expect(await pageChangesDuring(store, url, () => writeSettings(store.db, { 'site.name': null }, T0))).toBeGreaterThan(0);
  });
});
