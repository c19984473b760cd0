// Running jobs: claim, heartbeat while the handler works, then complete, retry with back-off, or fail with the
// reason. A handler that loses its job (its lease lapsed and another worker took it) is told through its
// abort signal, and nothing it would record is recorded. One failure never stops the loop.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import type { ClaimedJob, JobQueue } from './queue.js';
import { RetryLaterError, JobLostError } from './errors.js';
import { DEFAULT_BACKOFF, retryDelayMs, type BackoffPolicy } from './backoff.js';

export interface JobHandler<T = unknown> {
  queue: string;
  run(job: ClaimedJob<T>, signal: AbortSignal): Promise<void>;
  /**
   * Called once when a job will not be tried again (its retry window is over, or it failed unexpectedly too
   * often), to record the outcome for the editor (e.g. hold the article with the reason). If it throws, the
   * job is retried later instead.
   */
  giveUp?(job: ClaimedJob<T>, error: Error): Promise<void>;
  /** How long transient failures are retried, from the job's first attempt. */
  retryWindowMs: number;
  /** Unexpected errors (not RetryLaterError) are retried this many attempts, then the job fails. */
  maxUnexpectedAttempts?: number;
  backoff?: BackoffPolicy;
  /** How long a claim lasts without a heartbeat. */
  leaseMs?: number;
  /**
   * Work that may wait for the rest (a refresh of related news): `runJobWorker` claims it only while no other
   * job of the worker runs, or once it has been held back for `BACKGROUND_MAX_WAIT_MS`, so that it never
   * takes the event loop from the stories still being taken in.
   */
  background?: boolean;
}

export interface WorkerOptions {
  owner?: string;
  now?: () => Date;
  log?: { warn(message: string, fields?: Record<string, unknown>): void };
  /** Jobs run at once per queue. */
  concurrency?: number;
}

export const DEFAULT_LEASE_MS = 60_000;

/** The longest a due background job waits for the worker's other jobs: work that keeps coming cannot starve it. */
export const BACKGROUND_MAX_WAIT_MS = 5_000;

/** A name that says which process holds a job: host, pid and a random part (a restarted pid is another owner). */
export function newOwnerId(): string {
  return `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
}

/** When the job was first tried: kept in its data by `enqueue` callers, else its creation. */
function firstTriedAt(job: ClaimedJob): number {
  const data = job.data as { firstTriedAt?: string } | null;
  const stamp = data?.firstTriedAt ? Date.parse(data.firstTriedAt) : NaN;
  return Number.isNaN(stamp) ? job.createdAt.getTime() : stamp;
}

export type JobOutcome = 'done' | 'retry' | 'failed' | 'lost';

/** Runs one claimed job to its outcome. */
export async function runClaimedJob(queue: JobQueue, handler: JobHandler, job: ClaimedJob, owner: string, options: WorkerOptions = {}): Promise<JobOutcome> {
  const now = options.now ?? (() => new Date());
  const leaseMs = handler.leaseMs ?? DEFAULT_LEASE_MS;
  const controller = new AbortController();
  const beat = setInterval(() => {
    queue.heartbeat(job, owner, leaseMs).then(
      (held) => {
        if (!held) controller.abort(new JobLostError(job.id));
      },
      () => {}, // the store is unreachable: the next beat tries again; the lease may lapse, then the job is retried elsewhere
    );
  }, Math.max(50, Math.floor(leaseMs / 3)));
  beat.unref();
  try {
    await handler.run(job, controller.signal);
    if (controller.signal.aborted) return 'lost';
    return (await queue.complete(job, owner)) ? 'done' : 'lost';
  } catch (thrown) {
    const error = thrown instanceof Error ? thrown : new Error(String(thrown));
    if (controller.signal.aborted || error instanceof JobLostError) return 'lost';
    const transient = error instanceof RetryLaterError;
    const withinWindow = now().getTime() - firstTriedAt(job) < handler.retryWindowMs;
    const attemptsLeft = job.attempt < (handler.maxUnexpectedAttempts ?? 8);
    if (transient ? withinWindow : attemptsLeft) {
      const delay = retryDelayMs(job.attempt, handler.backoff ?? DEFAULT_BACKOFF, transient ? error.retryAfterMs : null);
      await queue.retry(job, owner, error.message, new Date(now().getTime() + delay));
      return 'retry';
    }
    try {
      await handler.giveUp?.(job, error);
    } catch (giveUpError) {
      options.log?.warn('job could not record its failure; retrying later', { queue: job.queue, id: job.id, error: (giveUpError as Error).message });
      await queue.retry(job, owner, (giveUpError as Error).message, new Date(now().getTime() + retryDelayMs(job.attempt, handler.backoff ?? DEFAULT_BACKOFF)));
      return 'retry';
    }
    await queue.fail(job, owner, error.message);
    options.log?.warn('job failed', { queue: job.queue, id: job.id, key: job.key, error: error.message });
    return 'failed';
  } finally {
    clearInterval(beat);
  }
}

/**
 * Claims and runs due jobs of every handler until a round finishes none (nothing due, or only retries that
 * come due later); returns the outcomes (for `ingest --once` and tests).
 */
export async function drainJobs(queue: JobQueue, handlers: JobHandler[], options: WorkerOptions = {}): Promise<Record<JobOutcome, number>> {
  const owner = options.owner ?? newOwnerId();
  const tally: Record<JobOutcome, number> = { done: 0, retry: 0, failed: 0, lost: 0 };
  const concurrency = options.concurrency ?? 4;
  for (;;) {
    let finished = 0;
    for (const handler of handlers) {
      const jobs = await queue.claim(handler.queue, owner, concurrency, handler.leaseMs ?? DEFAULT_LEASE_MS);
      const outcomes = await Promise.all(jobs.map((job) => runClaimedJob(queue, handler, job, owner, options)));
      for (const outcome of outcomes) {
        tally[outcome]++;
        if (outcome !== 'retry') finished++;
      }
    }
    if (finished === 0) return tally;
  }
}

/**
 * Runs jobs until `signal` aborts: each queue with up to `concurrency` jobs at once, so that jobs of one queue
 * that wait long (images fetched from slow hosts) never take the slots of another (the stories). A queue found
 * empty is not asked again until a job is queued for it here, or `idleMs` has passed (another process may
 * have queued one).
 */
export async function runJobWorker(
  queue: JobQueue,
  handlers: JobHandler[],
  signal: AbortSignal,
  options: WorkerOptions & { idleMs?: number; backgroundMaxWaitMs?: number } = {},
): Promise<void> {
  const owner = options.owner ?? newOwnerId();
  const concurrency = options.concurrency ?? 4;
  const idleMs = options.idleMs ?? 1000;
  const backgroundMaxWaitMs = options.backgroundMaxWaitMs ?? BACKGROUND_MAX_WAIT_MS;
  // Each round claims for the other handlers first: a background one sees whether they found work.
  const slots = [...handlers.filter((h) => !h.background), ...handlers.filter((h) => h.background)].map((handler) => new QueueSlots(handler));
  const byQueue = new Map(slots.map((slot) => [slot.handler.queue, slot]));
  const all = new Set<Promise<unknown>>();
  // A job queued by this process while the loop sleeps (or claims) ends the sleep: a poll's entries are taken as
  // they are queued, not up to `idleMs` later.
  const wake = new Wake();
  const stopListening = queue.onEnqueued((name) => {
    const slot = byQueue.get(name);
    if (!slot) return;
    slot.queued();
    wake.ring();
  });
  // Jobs of the handlers that are not background, running now; and since when each background handler has been
  // held back for them (a finished job then rings, so that the held one is claimed as soon as they are done).
  let foreground = 0;
  const heldSince = new Map<JobHandler, number>();
  let everyQueueAskedAt = Date.now();
  try {
    while (!signal.aborted) {
      // On SQLite a job that only reads and writes the store runs without one real wait (every query answers at
      // once), so a run of such jobs would keep the event loop from ever reaching its I/O: the answers of the
      // extraction threads, the pages being fetched, a web process's requests. Each round gives them their turn.
      await yieldToIo();
      if (Date.now() - everyQueueAskedAt >= idleMs) {
        for (const slot of slots) slot.dry = false;
        everyQueueAskedAt = Date.now();
      }
      for (const slot of slots) {
        const { handler } = slot;
        const free = concurrency - slot.running;
        if (free <= 0 || slot.dry) continue;
        if (handler.background && foreground > 0) {
          const since = heldSince.get(handler) ?? Date.now();
          heldSince.set(handler, since);
          if (Date.now() - since < backgroundMaxWaitMs) continue;
        }
        heldSince.delete(handler);
        let jobs: ClaimedJob[] = [];
        try {
          jobs = await queue.claim(handler.queue, owner, free, handler.leaseMs ?? DEFAULT_LEASE_MS);
        } catch (error) {
          options.log?.warn('could not claim jobs', { queue: handler.queue, error: (error as Error).message });
        }
        if (jobs.length < free) slot.dry = true;
        for (const job of jobs) {
          slot.running++;
          if (!handler.background) foreground++;
          const task = runClaimedJob(queue, handler, job, owner, options)
            .catch((error: Error) => options.log?.warn('job outcome not recorded', { queue: job.queue, id: job.id, error: error.message }))
            .finally(() => {
              all.delete(task);
              slot.running--;
              if (!handler.background) foreground--;
              // The finished job's transaction has committed the jobs it queued, which a claim made when they
              // were told may not have seen.
              for (const other of slots) other.committed();
              wake.ring();
            });
          all.add(task);
        }
      }
      if (slots.some((slot) => slot.claimable(concurrency) && !(slot.handler.background && foreground > 0))) continue;
      const untilEveryQueue = Math.max(0, idleMs - (Date.now() - everyQueueAskedAt));
      await wake.sleep(heldSince.size > 0 ? Math.min(untilEveryQueue, backgroundMaxWaitMs) : untilEveryQueue, signal);
    }
  } finally {
    stopListening();
  }
  await Promise.allSettled(all);
}

/** What the loop knows of one handler's queue: its jobs running here, and whether it was found empty. */
class QueueSlots {
  running = 0;
  /** The last claim found fewer jobs than it asked for. */
  dry = false;
  /** A job was queued here since that claim, perhaps in a transaction not yet committed when it was told. */
  private told = false;

  constructor(readonly handler: JobHandler) {}

  queued(): void {
    this.dry = false;
    this.told = true;
  }

  committed(): void {
    if (!this.told) return;
    this.told = false;
    this.dry = false;
  }

  claimable(concurrency: number): boolean {
    return !this.dry && this.running < concurrency;
  }
}

/** A ring that ends the current sleep, or the next one when it came while nobody slept (none is missed). */
class Wake {
  private rung = false;
  private resolveSleep: (() => void) | null = null;

  ring(): void {
    if (this.resolveSleep) this.resolveSleep();
    else this.rung = true;
  }

  async sleep(ms: number, signal: AbortSignal): Promise<void> {
    if (this.rung) {
      this.rung = false;
      return;
    }
    const woken = new AbortController();
    this.resolveSleep = () => woken.abort();
    const onAbort = () => woken.abort();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      await sleep(ms, woken.signal);
    } finally {
      this.resolveSleep = null;
      signal.removeEventListener('abort', onAbort);
    }
  }
}

/** Resolves once the event loop has run the I/O callbacks that were waiting (a macrotask, after the poll phase). */
export function yieldToIo(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Resolves after `ms`, or at once when `signal` aborts; leaves no listener behind either way. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
