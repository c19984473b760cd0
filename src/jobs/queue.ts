// The job interface every retryable step runs through (page fetches, re-checks, later images and mail). Two
// implementations keep the same semantics: a jobs table in the store (SQLite, one process) and pg-boss
// (PostgreSQL, any number of processes).
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';

export interface EnqueueOptions {
  /** Idempotency key: while a job with this key is waiting or running, enqueueing it again is a no-op. */
  key?: string;
  /** Not before this time (a scheduled job). */
  runAt?: Date;
  /** Higher runs first; the ingest uses it to take feeds round-robin. */
  priority?: number;
  /** Enqueue inside this store transaction: the job exists exactly when the transaction commits. */
  tx?: Transaction<Schema>;
  /** Enqueue it as a job that already failed for good, with this reason (a dead letter carried by `store copy`). */
  failedWith?: string;
}

export interface ClaimedJob<T = unknown> {
  id: string;
  queue: string;
  data: T;
  key: string | null;
  /** Attempts so far, this one included. */
  attempt: number;
  createdAt: Date;
}

export interface FailedJob {
  id: string;
  queue: string;
  key: string | null;
  data: unknown;
  attempts: number;
  error: string | null;
  failedAt: string | null;
}

export interface QueueCounts {
  queued: number;
  running: number;
  failed: number;
}

export interface JobQueue {
  readonly kind: 'store' | 'pg-boss';
  /** Prepares the named queues (pg-boss creates its partitions); a no-op on the store. */
  prepare(queues: string[]): Promise<void>;
  enqueue(queue: string, data: object, options?: EnqueueOptions): Promise<string | null>;
  /**
   * Calls `listener` with the queue's name when this process has queued a job that is due now, so that an idle
   * worker of that queue claims it at once;
   * returns the way to stop. A job queued in a transaction is told at once too: on SQLite the claim waits for
   * the transaction's connection, on PostgreSQL a claim before the commit finds nothing and the worker's next
   * claim takes it.
   */
  onEnqueued(listener: (queue: string) => void): () => void;
  /** Claims due jobs for `owner`, leased for `leaseMs`; a running job whose lease lapsed is claimable again. */
  claim(queue: string, owner: string, limit: number, leaseMs: number): Promise<ClaimedJob[]>;
  /** Extends the lease; false when `owner` no longer holds the job (it lapsed and another took it). */
  heartbeat(job: ClaimedJob, owner: string, leaseMs: number): Promise<boolean>;
  complete(job: ClaimedJob, owner: string): Promise<boolean>;
  /** Back in the queue, due at `runAt`, the error kept. */
  retry(job: ClaimedJob, owner: string, error: string, runAt: Date): Promise<boolean>;
  /** A final failure: kept with its reason (a dead letter) until an operator retries or it is purged. */
  fail(job: ClaimedJob, owner: string, error: string): Promise<boolean>;
  listFailed(limit?: number): Promise<FailedJob[]>;
  /**
   * Puts a failed job back in its queue, due now: 'queued'; 'not-failed' when no dead letter has this id;
   * 'key-waiting' (it stays failed) when a job with its key already waits or runs, which does the same work.
   */
  requeueFailed(id: string): Promise<RequeueOutcome>;
  counts(): Promise<QueueCounts>;
  close(): Promise<void>;
}

export type RequeueOutcome = 'queued' | 'not-failed' | 'key-waiting';

/** Why a dead letter was not put back, in the operator's words; null when it was. */
export function whyNotRequeued(id: string, outcome: RequeueOutcome): string | null {
  if (outcome === 'not-failed') return `no failed job with id ${id}`;
  if (outcome === 'key-waiting') return `job ${id} stays failed: a job with the same key is already waiting or running, and it does the same work`;
  return null;
}
