// `convey users`: accounts from the command line, each printing a one-time link; never a password.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.js';
import { openStore } from '../store/database.js';
import { describeLink } from '../desk/accounts.js';

let dir: string;

async function convey(args: string[], database = 'users.db'): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.env = { ...saved.env, DATABASE_URL: `sqlite:${join(dir, database)}`, CONVEY_SITE_URL: 'https://news.example', LOG_LEVEL: 'warn' };
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

const LINK = /https:\/\/news\.example\/admin\/(setup|reset)\/([A-Za-z0-9_-]{43})/;

describe('convey users', () => {
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'convey-users-'));
    expect((await convey(['migrate'])).code).toBe(0);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('adds the first owner and prints the link that sets the password', async () => {
    const added = await convey(['users', 'add', '--role', 'owner', '--email', 'Owner@News.example']);
    expect(added.code).toBe(0);
    expect(added.stdout).toContain('owner owner@news.example added');
    const [, kind, token] = LINK.exec(added.stdout)!;
    expect(kind).toBe('setup');
    const store = await openStore(`sqlite:${join(dir, 'users.db')}`);
    try {
      expect(await describeLink(store, token, new Date())).toEqual({ purpose: 'setup', email: 'owner@news.example' });
    } finally {
      await store.close();
    }
    const listed = await convey(['users', 'list']);
    expect(listed.stdout).toMatch(/owner@news\.example\towner\twaiting for its setup link/);
  });

  it('prints a reset link, and refuses an unknown address, a duplicate and a bad role clearly', async () => {
    const reset = await convey(['users', 'reset', '--email', 'owner@news.example']);
    expect(reset.code).toBe(0);
    expect(LINK.exec(reset.stdout)?.[1]).toBe('reset');
    expect(await convey(['users', 'reset', '--email', 'nobody@news.example'])).toMatchObject({ code: 1, stderr: expect.stringContaining('no account for nobody@news.example') });
    expect(await convey(['users', 'add', '--role', 'owner', '--email', 'owner@news.example'])).toMatchObject({ code: 1, stderr: expect.stringContaining('already an account') });
    expect(await convey(['users', 'add', '--role', 'admin', '--email', 'x@news.example'])).toMatchObject({ code: 2, stderr: expect.stringContaining('--role must be one of owner, editor, moderator') });
    expect((await convey(['users', 'add', '--email', 'x@news.example'])).code).toBe(2);
  });

  it('creates the database for the first owner, before the site ever started', async () => {
    const added = await convey(['users', 'add', '--role', 'owner', '--email', 'first@news.example'], 'fresh.db');
    expect(added.code).toBe(0);
    expect(LINK.exec(added.stdout)?.[1]).toBe('setup');
    // Only adding may create it: a reset on a missing database is the mistyped DATABASE_URL it looks like.
    expect((await convey(['users', 'reset', '--email', 'first@news.example'], 'missing.db')).code).toBe(1);
  });
});
