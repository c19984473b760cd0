// An exclusive lock file holding the owner's process id, beside the file it guards. A lock whose process is
// gone (a crash, a kill -9) is stale and taken over; a live one is refused, so no process deletes a file
// another one has open.
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

export class LockHeldError extends Error {
  constructor(readonly path: string, readonly pid: number) {
    super(`${path} is held by process ${pid}`);
    this.name = 'LockHeldError';
  }
}

export interface PidLock {
  path: string;
  release(): void;
}

/** Whether a process with this id exists (EPERM: it exists, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid < 1) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readOwner(path: string): number | null {
  try {
    const pid = Number.parseInt(readFileSync(path, 'utf8').trim(), 10);
    return Number.isInteger(pid) ? pid : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** Takes the lock at `path` for `pid`, taking over a stale one; throws `LockHeldError` when a live process holds it. */
export function acquirePidLock(path: string, pid = process.pid): PidLock {
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      writeFileSync(path, `${pid}\n`, { flag: 'wx' }); // fails with EEXIST when the file is there: the exclusive step
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = readOwner(path);
      if (owner !== null && owner !== pid && processAlive(owner)) throw new LockHeldError(path, owner);
      // Stale (or unreadable, or ours from before): remove it and try the exclusive create again.
      rmSync(path, { force: true });
      continue;
    }
    // Two processes taking over the same stale lock at once: only the one whose id is in the file holds it.
    if (readOwner(path) !== pid) continue;
    const release = () => {
      if (readOwner(path) === pid) rmSync(path, { force: true });
      process.off('exit', release);
    };
    process.on('exit', release);
    return { path, release };
  }
  const owner = readOwner(path);
  throw new LockHeldError(path, owner ?? 0);
}
