// The settings in force in a process: read at start from the store over the configuration, and following
// another process's change without a restart; a stored value that fails its check leaves the default.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { sql } from 'kysely';
import { testBackends } from '../store/test-backends.js';
import { openStore, type Store } from '../store/database.js';
import { writeSettings } from '../store/settings.js';
import { loadConfig } from './config.js';
import { openLiveSettings, type SettingsHolder } from './live-settings.js';

const T0 = new Date('2026-12-01T09:00:00Z');
const config = loadConfig({ CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'https://desk.test' });

describe.each(testBackends())('the settings a process holds, on $name', (backend) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let other: Store;
  let held: SettingsHolder;
  beforeEach(async () => {
    ({ store, url, dispose } = await backend.open());
    // A second connection to the same store: another process, as far as the holder can tell.
    other = await openStore(url, { create: false });
    held = await openLiveSettings(other, config, { pollMs: 50, log: () => undefined });
  });
  afterEach(async () => {
    await held.close();
    await other.close();
    await dispose();
  });

  it('starts from the configuration, then follows another process\'s changes without a restart', async () => {
    expect(held.current().site.name).toBe('Harbour Desk');
    expect(held.site.name).toBe('Harbour Desk');
    const kept = held.site;
    let changes = 0;
    held.onChange(() => changes++);
    await writeSettings(store.db, { 'site.name': 'Harbour Daily', 'comments.holdAll': true, 'share.targets': ['email'] }, T0);
    await expect.poll(() => held.site.name, { timeout: 5_000 }).toBe('Harbour Daily');
    // The object handed out at start follows too: routes and the ingest keep it.
    expect(kept.name).toBe('Harbour Daily');
    expect(held.current().comments.holdAll).toBe(true);
    expect(held.site.shareTargets).toEqual(['email']);
    expect(changes).toBe(1);
    // Back to the default: the configuration's value is in force again.
    await writeSettings(store.db, { 'site.name': null }, T0);
    await held.reload();
    expect(kept.name).toBe('Harbour Desk');
    expect(changes).toBe(2);
  });

  it('keeps the settings read before while the store cannot be read, saying so once', async () => {
    const third = await openStore(url, { create: false });
    const lines: string[] = [];
    const cut = await openLiveSettings(third, config, { pollMs: 60_000, log: (line) => lines.push(line) });
    try {
      await writeSettings(store.db, { 'site.name': 'Harbour Daily' }, T0);
      await cut.reload();
      await third.close();
      await cut.reload();
      await cut.reload();
      expect(cut.site.name).toBe('Harbour Daily');
      expect(lines).toEqual([expect.stringMatching(/^settings: could not be read again \(.+\); the settings read before stay in force$/)]);
    } finally {
      await cut.close();
    }
  });

  it('keeps the default of a stored value that fails its check, and says so once', async () => {
    const lines: string[] = [];
    const strict = await openLiveSettings(other, config, { pollMs: 60_000, log: (line) => lines.push(line) });
    try {
      await sql`insert into settings (key, value, updated_at) values ('site.url', '"ftp://desk.test"', ${T0.toISOString()})`.execute(store.db);
      await strict.reload();
      await strict.reload();
      expect(strict.site.url).toBe('https://desk.test');
      expect(lines).toEqual([expect.stringMatching(/^settings: The site's address must be an absolute http\(s\) URL .*; the default applies$/)]);
    } finally {
      await strict.close();
    }
  });
});
