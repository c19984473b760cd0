// The job queue on the store's own jobs table: the embedded default on SQLite, one process, no other service.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import {
  claimJobs, countJobsByState, finishJob, heartbeatJob, insertJob, listJobsInState, requeueFailedJob, rescheduleJob, type JobRow,
} from '../store/jobs.js';
import type { ClaimedJob, EnqueueOptions, FailedJob, JobQueue, QueueCounts, RequeueOutcome } from './queue.js';
import { EnqueuedSignal } from './enqueued-signal.js';

const toClaimed = (row: JobRow): ClaimedJob => ({
  id: String(row.id),
  queue: row.queue,
  data: JSON.parse(row.data) as unknown,
  key: row.job_key,
  attempt: row.attempts,
  createdAt: new Date(row.created_at),
});

export class StoreJobQueue implements JobQueue {
  readonly kind = 'store' as const;
  private readonly enqueued = new EnqueuedSignal();

  constructor(private readonly db: Kysely<Schema>, private readonly now: () => Date = () => new Date()) {}

  async prepare(): Promise<void> {}

  async enqueue(queue: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
    const now = this.now();
    const id = await insertJob(
      options.tx ?? this.db,
      { queue, key: options.key ?? null, data, runAt: options.runAt ?? now, priority: options.priority ?? 0, failedWith: options.failedWith },
      now,
    );
    if (id === null) return null;
    if (options.failedWith === undefined) this.enqueued.queued(queue, options.runAt, now);
    return String(id);
  }

  onEnqueued(listener: (queue: string) => void): () => void {
    return this.enqueued.subscribe(listener);
  }

  async claim(queue: string, owner: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    return (await claimJobs(this.db, queue, owner, limit, this.now(), leaseMs)).map(toClaimed);
  }

  heartbeat(job: ClaimedJob, owner: string, leaseMs: number): Promise<boolean> {
    return heartbeatJob(this.db, Number(job.id), owner, this.now(), leaseMs);
  }

  complete(job: ClaimedJob, owner: string): Promise<boolean> {
    return finishJob(this.db, Number(job.id), owner, this.now(), { state: 'done' });
  }

  retry(job: ClaimedJob, owner: string, error: string, runAt: Date): Promise<boolean> {
    return rescheduleJob(this.db, Number(job.id), owner, this.now(), runAt, error);
  }

  fail(job: ClaimedJob, owner: string, error: string): Promise<boolean> {
    return finishJob(this.db, Number(job.id), owner, this.now(), { state: 'failed', error });
  }

  async listFailed(limit = 100): Promise<FailedJob[]> {
    return (await listJobsInState(this.db, 'failed', limit)).map((row) => ({
      id: String(row.id),
      queue: row.queue,
      key: row.job_key,
      data: JSON.parse(row.data) as unknown,
      attempts: row.attempts,
      error: row.last_error,
      failedAt: row.finished_at,
    }));
  }

  requeueFailed(id: string): Promise<RequeueOutcome> {
    if (!/^\d+$/.test(id)) return Promise.resolve('not-failed');
    return requeueFailedJob(this.db, Number(id), this.now());
  }

  async counts(): Promise<QueueCounts> {
    const counts = await countJobsByState(this.db);
    return { queued: counts.queued, running: counts.running, failed: counts.failed };
  }

  async close(): Promise<void> {}
}
