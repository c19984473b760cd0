// `convey sources edit <slug> --comments-close-days N|never`: the operator's switch of the comment window, run
// through `main` in this process.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from '../../src/cli/main.js';
import { openStore } from '../../src/store/database.js';
import { getSourceBySlug } from '../../src/store/sources.js';
import { getCommentsCloseAfterDays } from '../../src/store/comments.js';

let dir: string;

async function convey(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const saved = { env: process.env, out: process.stdout.write, err: process.stderr.write };
  let stdout = '';
  let stderr = '';
  process.env = { ...saved.env, DATABASE_URL: `sqlite:${join(dir, 'window.db')}`, LOG_LEVEL: 'warn', LOG_FORMAT: 'human' };
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

async function storedWindow(): Promise<number | null> {
  const store = await openStore(`sqlite:${join(dir, 'window.db')}`);
  try {
    return await getCommentsCloseAfterDays(store.db, (await getSourceBySlug(store.db, 'wire'))!.id);
  } finally {
    await store.close();
  }
}

describe('sources edit --comments-close-days', () => {
  beforeAll(() => void (dir = mkdtempSync(join(tmpdir(), 'convey-window-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('sets a window, clears it with never, and refuses anything else with a clear message', async () => {
    expect((await convey(['migrate'])).code).toBe(0);
    const added = await convey(['sources', 'add', '--slug', 'wire', '--name', 'Wire', '--home', 'https://wire.test/', '--license', 'CC BY 4.0']);
    expect(added.stderr).toBe('');
    expect(added.code).toBe(0);
    expect(await storedWindow()).toBeNull();
    const set = await convey(['sources', 'edit', 'wire', '--comments-close-days', '30']);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('source wire changed: commentsCloseAfterDays=30');
    expect(await storedWindow()).toBe(30);
    const bad = await convey(['sources', 'edit', 'wire', '--comments-close-days', 'soon']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--comments-close-days: The comment window must be a number of days from 1 to 3650, or "never"; got "soon".');
    expect(await storedWindow()).toBe(30);
    expect((await convey(['sources', 'edit', 'wire', '--comments-close-days', 'never'])).stdout).toContain('commentsCloseAfterDays=never');
    expect(await storedWindow()).toBeNull();
  });
});
