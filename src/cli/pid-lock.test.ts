// The lock file of the demo database: exclusive while its process lives, taken over once it is gone.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { acquirePidLock, LockHeldError, processAlive } from './pid-lock.js';

let dir: string;
let path: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'convey-lock-'));
  path = join(dir, 'x.db.lock');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The id of a process that has certainly exited. */
function deadPid(): number {
  const pid = spawnSync(process.execPath, ['-e', '']).pid;
  expect(processAlive(pid)).toBe(false);
  return pid;
}

describe('acquirePidLock', () => {
  it('writes the pid, refuses a second owner while the first lives, and removes the file on release', () => {
    const lock = acquirePidLock(path);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    let refused: unknown;
    try {
      acquirePidLock(path, process.pid + 1);
    } catch (error) {
      refused = error;
    }
    expect(refused).toBeInstanceOf(LockHeldError);
    expect((refused as LockHeldError).pid).toBe(process.pid);
    lock.release();
    expect(existsSync(path)).toBe(false);
  });

  it('takes over a lock whose process is gone', () => {
    writeFileSync(path, `${deadPid()}\n`);
    const lock = acquirePidLock(path);
    expect(readFileSync(path, 'utf8').trim()).toBe(String(process.pid));
    lock.release();
  });

  it('leaves a lock another process took over alone on release', () => {
    const lock = acquirePidLock(path);
    writeFileSync(path, '1\n'); // as if a later owner had taken it over
    lock.release();
    expect(readFileSync(path, 'utf8').trim()).toBe('1');
  });
});
