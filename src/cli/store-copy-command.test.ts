// `convey store copy` and `convey backup` as an operator runs them: the report table, the refusals, the exit codes.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { testBackends, POSTGRES_TEST_URL } from '../store/test-backends.js';
import { formatCopyReport } from './store-copy-command.js';

const bin = fileURLToPath(new URL('../../bin/convey.js', import.meta.url));
let dir: string;

function convey(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, ...args], {
      env: { ...process.env, CONVEY_FROM_SOURCE: '1', DATABASE_URL: `sqlite:${join(dir, 'site.db')}`, LOG_LEVEL: 'warn', ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convey-store-cli-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('formatCopyReport', () => {
  it('lines up one row per table and ends with the verdict', () => {
    const lines = formatCopyReport([
      { table: 'sources', via: 'rows', sourceRows: 2, targetRows: 2, sourceHash: 'a'.repeat(64), targetHash: 'a'.repeat(64), note: null, matches: true },
      { table: 'jobs', via: 'hook', sourceRows: 3, targetRows: 3, sourceHash: null, targetHash: null, note: 're-enqueued', matches: true },
    ], 'sqlite', 'postgres');
    expect(lines[0]).toMatch(/^table\s+source rows\s+target rows\s+sha-256 source\s+sha-256 target$/);
    expect(lines[1]).toMatch(/^sources\s+2\s+2\s+a{16}\s+a{16}\s+ok$/);
    expect(lines[2]).toMatch(/^jobs\s+3\s+3\s+\(re-enqueued\)\s+ok$/);
    expect(lines[3]).toBe('copied 2 tables from sqlite to postgres: every count and hash matches');
    const failed = formatCopyReport([{ table: 'sources', via: 'rows', sourceRows: 2, targetRows: 1, sourceHash: 'a', targetHash: 'b', note: null, matches: false }], 'sqlite', 'postgres');
    expect(failed.at(-1)).toBe('1 of 1 tables differ: nothing was kept on the target');
    expect(failed[1]).toMatch(/DIFFERS$/);
  });
});

describe('convey store copy and backup', { timeout: 120_000 }, () => {
  it('refuses bad input as usage mistakes', async () => {
    expect((await convey(['store'])).code).toBe(2);
    const noTarget = await convey(['store', 'copy']);
    expect(noTarget.code).toBe(2);
    expect(noTarget.stderr).toContain('missing --to');
    const badTarget = await convey(['store', 'copy', '--to', 'mysql://x']);
    expect(badTarget.code).toBe(2);
    expect(badTarget.stderr).toContain('--to must be a postgres://');
  });

  it('backs up the SQLite store and sends PostgreSQL to pg_dump', async () => {
    expect((await convey(['migrate'])).code).toBe(0);
    expect((await convey(['sources', 'add', '--slug', 'wire', '--name', 'Wire', '--home', 'https://wire.test/', '--license', 'CC BY 4.0'])).code).toBe(0);
    const file = join(dir, 'backup.db');
    const done = await convey(['backup', file]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    expect(done.stdout).toMatch(/backed up sqlite store to .*backup\.db \(\d+ pages, integrity ok\)/);
    expect(existsSync(file)).toBe(true);
    const again = await convey(['backup', file]);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('exists already');
    const pg = await convey(['backup', join(dir, 'pg.db')], { DATABASE_URL: 'postgres://nobody@127.0.0.1:1/none' });
    expect(pg.code).toBe(2);
    expect(pg.stderr).toContain('use pg_dump -Fc');
  });

  it.skipIf(!POSTGRES_TEST_URL)('copies the site to PostgreSQL, prints the table, and refuses a second copy (needs CONVEY_TEST_POSTGRES_URL)', async () => {
    const postgres = testBackends().find((b) => b.name === 'postgres')!;
    const target = await postgres.open();
    try {
      expect((await convey(['migrate'])).code).toBe(0);
      expect((await convey(['sources', 'add', '--slug', 'ledger', '--name', 'Ledger', '--home', 'https://ledger.test/', '--license', 'CC BY 4.0'])).code).toBe(0);
      const copied = await convey(['store', 'copy', '--to', target.url]);
      expect(copied.stderr).toBe('');
      expect(copied.code).toBe(0);
      expect(copied.stdout).toMatch(/^sources\s+2\s+2\s+[0-9a-f]{16}\s+[0-9a-f]{16}\s+ok$/m);
      expect(copied.stdout).toMatch(/^fidelity_reports\s+0\s+0\s+/m);
      expect(copied.stdout).toMatch(/^media\s+0\s+0\s+/m);
      expect(copied.stdout).toMatch(/copied 25 tables from sqlite to postgres: every count and hash matches/);
      const second = await convey(['store', 'copy', '--to', target.url]);
      expect(second.code).toBe(1);
      expect(second.stderr).toContain('the target is not empty (table sources has 2 rows)');
    } finally {
      await target.dispose();
    }
  });
});
