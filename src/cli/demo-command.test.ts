// `convey demo` (what `npm start` runs) started twice: the second start is refused before it touches a file,
// so the first demo's database stays whole and keeps serving.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../bin/convey.js', import.meta.url));
let dir: string;
const running: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

function start(env: Record<string, string>) {
  const child = spawn(process.execPath, [bin, 'demo'], {
    env: { ...process.env, CONVEY_FROM_SOURCE: '1', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
  });
  running.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
  const serving = () =>
    new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', () => stdout.includes('Press Ctrl-C') && resolve());
      void exited.then((code) => reject(new Error(`demo exited (${code}) before serving: ${stderr}`)));
    });
  return { child, exited, serving, output: () => ({ stdout, stderr }) };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'convey-demo-'));
});
afterAll(() => {
  for (const child of running) if (child.exitCode === null) child.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

describe('convey demo started twice', { timeout: 180_000 }, () => {
  it('refuses the second start and leaves the first demo database intact and serving', async () => {
    const port = await freePort();
    const data = join(dir, 'data');
    const first = start({ PORT: String(port), CONVEY_DATA_DIR: data });
    await first.serving();
    const database = join(data, 'demo.db');
    const before = statSync(database).ino;
    const home = await fetch(`http://127.0.0.1:${port}/`);
    expect(home.status).toBe(200);
    const articleLink = /href="(\/articles\/[^"]+)"/.exec(await home.text())?.[1];
    expect(articleLink).toBeTruthy();

    // The same port: refused because the database is held (and the port busy) before any file is removed.
    const samePort = start({ PORT: String(port), CONVEY_DATA_DIR: data });
    expect(await samePort.exited).toBe(1);
    expect(samePort.output().stderr).toMatch(/demo database .*demo\.db is in use by process \d+/);
    // Another port: the database is still another demo's.
    const otherPort = start({ PORT: String(await freePort()), CONVEY_DATA_DIR: data });
    expect(await otherPort.exited).toBe(1);
    expect(otherPort.output().stderr).toContain('is in use by process');
    // Another data directory but the busy port: refused before anything is created there.
    const otherData = join(dir, 'other');
    const busyPort = start({ PORT: String(port), CONVEY_DATA_DIR: otherData });
    expect(await busyPort.exited).toBe(1);
    expect(busyPort.output().stderr).toContain(`cannot listen on 127.0.0.1:${port}`);
    expect(existsSync(join(otherData, 'demo.db'))).toBe(false);

    expect(statSync(database).ino).toBe(before);
    expect((await fetch(`http://127.0.0.1:${port}${articleLink}`)).status).toBe(200);

    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(existsSync(`${database}.lock`)).toBe(false);
  });
});
