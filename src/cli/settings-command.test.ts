// `convey settings`: every setting with where its value comes from; a change checked as the desk checks it,
// logged as the command line's, and undone by `reset`; a bad value or name refused with the reason.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.js';
import { openStore } from '../store/database.js';
import { listAudit } from '../store/audit-log.js';

let dir: string;

async function convey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.env = { ...saved.env, DATABASE_URL: `sqlite:${join(dir, 'settings.db')}`, CONVEY_SITE_NAME: 'Harbour Desk', CONVEY_SITE_URL: 'https://news.example', LOG_LEVEL: 'warn' };
  process.stdout.write = ((chunk: string | Uint8Array) => ((stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(args), stdout, stderr };
  } finally {
    process.env = saved.env;
    process.stdout.write = saved.out;
    process.stderr.write = saved.err;
  }
}

describe('convey settings', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-settings-'));
    expect((await convey(['migrate'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every setting with its value and where it comes from', async () => {
    const listed = await convey(['settings']);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain('site.name\tHarbour Desk\tconfiguration\n');
    expect(listed.stdout).toContain('share.targets\tx,facebook,linkedin,whatsapp,telegram,reddit,bluesky,mastodon,email\tconfiguration\n');
    expect(listed.stdout.trim().split('\n')).toHaveLength(15);
  });

  it('sets a checked value, logs it as the command line\'s, and resets it to the configuration\'s', async () => {
    const set = await convey(['settings', 'set', 'site.name', 'Harbour Daily']);
    expect(set.code, set.stderr).toBe(0);
    expect(set.stdout).toContain('site.name = Harbour Daily');
    expect((await convey(['settings', 'get', 'site.name'])).stdout).toBe('site.name\tHarbour Daily\tstored\n');
    expect((await convey(['settings', 'set', 'share.targets', 'email, x'])).code).toBe(0);
    expect((await convey(['settings', 'get', 'share.targets'])).stdout).toBe('share.targets\tx,email\tstored\n');
    expect((await convey(['settings', 'set', 'comments.holdAll', 'on'])).code).toBe(0);
    expect((await convey(['settings', 'get', 'comments.holdAll'])).stdout).toBe('comments.holdAll\ttrue\tstored\n');
    expect((await convey(['settings', 'set', 'site.name', 'Harbour Daily'])).stdout).toBe('site.name unchanged\n');

    const reset = await convey(['settings', 'reset', 'site.name']);
    expect(reset.stdout).toContain("site.name = Harbour Desk (the configuration's)");
    expect((await convey(['settings', 'get', 'site.name'])).stdout).toBe('site.name\tHarbour Desk\tconfiguration\n');

    const store = await openStore(`sqlite:${join(dir, 'settings.db')}`);
    try {
      const entries = (await listAudit(store.db, { limit: 10 })).filter((e) => e.action === 'settings.change');
      expect(entries.map((e) => [e.actor, e.target, e.detail])).toEqual([
        ['cli', 'site.name', '{"site.name":null}'],
        ['cli', 'comments.holdAll', '{"comments.holdAll":true}'],
        ['cli', 'share.targets', '{"share.targets":["x","email"]}'],
        ['cli', 'site.name', '{"site.name":"Harbour Daily"}'],
      ]);
    } finally {
      await store.close();
    }
  });

  it('refuses a value that fails its check, or an unknown setting, and keeps nothing', async () => {
    const bad = await convey(['settings', 'set', 'site.disclaimerTemplate', 'Our own views.']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('site.disclaimerTemplate must contain {site}');
    const unknown = await convey(['settings', 'set', 'site.colour', 'blue']);
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain('unknown setting "site.colour"');
    expect((await convey(['settings', 'set', 'comments.enabled', 'maybe'])).stderr).toContain('comments.enabled is on or off');
    expect((await convey(['settings', 'get', 'site.disclaimerTemplate'])).stdout).toMatch(/\tconfiguration\n$/);
  });
});
