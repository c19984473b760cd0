// The job queue on PostgreSQL: pg-boss 10 (its own schema in the same database), shared by every web and
// worker process. pg-boss creates the schema, claims jobs (FOR UPDATE SKIP LOCKED, by priority), and expires
// the active jobs of a worker that died so that another takes them; Convey adds owners, heartbeats and fenced
// completion (see store/pg-boss-jobs.ts) so that both implementations keep the same semantics.
import PgBoss from 'pg-boss';
import pg from 'pg';
import { CompiledQuery, type Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import { pgBossStatements, type ExecuteSql } from '../store/pg-boss-jobs.js';
import type { ClaimedJob, EnqueueOptions, FailedJob, JobQueue, QueueCounts, RequeueOutcome } from './queue.js';
import { EnqueuedSignal } from './enqueued-signal.js';
import { postgresPool, type StoreTimeouts } from '../store/database.js';

const UNIQUE_VIOLATION = '23505';

/** Retries are Convey's decision (see worker.ts): pg-boss's own count only bounds expiries of dead workers. */
const EXPIRY_RETRY_LIMIT = 1_000_000;

export interface PgBossQueueOptions {
  connectionString: string;
  schema: string;
  /** How often pg-boss looks for expired jobs of dead workers (seconds). */
  maintenanceIntervalSeconds?: number;
  /** The store's time-outs: a connection gone silent fails the claim under way instead of stopping the worker for good. */
  timeouts?: StoreTimeouts;
}

const leaseSeconds = (leaseMs: number) => Math.max(1, Math.ceil(leaseMs / 1000));

function executorOf(tx: Transaction<Schema>): ExecuteSql {
  return async (text, values) => {
    const result = await tx.executeQuery(CompiledQuery.raw(text, values));
    return { rows: result.rows as Record<string, unknown>[] };
  };
}

export class PgBossJobQueue implements JobQueue {
  readonly kind = 'pg-boss' as const;
  private readonly statements: ReturnType<typeof pgBossStatements>;
  private readonly queues = new Set<string>();
  private started: Promise<void> | null = null;
  private readonly enqueued = new EnqueuedSignal();

  constructor(private readonly boss: PgBoss, private readonly schema: string, private readonly pool: pg.Pool) {
    this.statements = pgBossStatements(schema);
  }

  static create(options: PgBossQueueOptions): PgBossJobQueue {
    // pg-boss's statements (the claim above all, several times a second per worker) go through a pool of
    // Convey's, whose clients prepare each statement once per connection.
    const pool = postgresPool(pg, { connectionString: options.connectionString, max: 4, application_name: 'pgboss' }, 'job queue', options.timeouts);
    const boss = new PgBoss({
      db: { executeSql: (text, values) => pool.query(text, values) },
      schema: options.schema,
      supervise: true,
      maintenanceIntervalSeconds: options.maintenanceIntervalSeconds ?? 30,
      schedule: false,
      retryLimit: EXPIRY_RETRY_LIMIT,
    });
    // pg-boss reports maintenance errors as events; an unhandled 'error' event would end the process.
    boss.on('error', (error) => console.error(`job queue: ${error.message}`));
    return new PgBossJobQueue(boss, options.schema, pool);
  }

  private get sql(): ExecuteSql {
    const db = this.boss.getDb();
    return (text, values) => db.executeSql(text, values as unknown[]) as Promise<{ rows: Record<string, unknown>[] }>;
  }

  private async start(): Promise<void> {
    this.started ??= this.boss.start().then(() => this.indexKeys());
    await this.started;
  }

  /**
   * Builds the index that keeps one waiting or running job per key, once per database. Where it cannot be built
   * (duplicates enqueued before it existed still running, a deadlock with another process creating a queue, the
   * query time-out), this process says so and goes on without it: two processes enqueueing one key at the same
   * moment may then both queue it, as before. The next start tries again.
   */
  private async indexKeys(): Promise<void> {
    const indexed = async () => (await this.sql(this.statements.keyIndexExists, [this.schema])).rows.length > 0;
    if (await indexed()) return;
    try {
      await this.sql(this.statements.cancelDuplicateKeys, []);
      await this.sql(this.statements.createKeyIndex, []);
    } catch (error) {
      // Another process building it at the same moment may also end here; the index then exists.
      if (await indexed()) return;
      console.error(`job queue: ${(error as Error).message}; until it can be built, two processes enqueueing the same key at once may both queue it`);
    }
  }

  async prepare(queues: string[]): Promise<void> {
    await this.start();
    for (const name of queues) {
      if (this.queues.has(name)) continue;
      // Processes starting together create the same queue at once; PostgreSQL may answer one of them with a
      // deadlock or a duplicate. Look again after a short random pause, a few times.
      for (let attempt = 1; !(await this.boss.getQueue(name)); attempt++) {
        try {
          await this.boss.createQueue(name, { name, policy: 'standard', retryLimit: EXPIRY_RETRY_LIMIT, expireInSeconds: 15 * 60 });
        } catch (error) {
          if (attempt >= 5) throw error;
          await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400));
        }
      }
      this.queues.add(name);
    }
  }

  async enqueue(queue: string, data: object, options: EnqueueOptions = {}): Promise<string | null> {
    await this.prepare([queue]);
    const execute = options.tx ? executorOf(options.tx) : this.sql;
    const failed = options.failedWith !== undefined;
    // A keyed enqueue often finds its key taken (an image that several stories show, an entry listed again while
    // it waits: 39 % of them in bench:ingest), and this look costs less than pg-boss's insert; a key taken since
    // is refused by the index of waiting keys (the insert's ON CONFLICT DO NOTHING then gives no id).
    if (options.key && !failed) {
      const waiting = await execute(this.statements.keyWaiting, [queue, options.key]);
      if (waiting.rows.length > 0) return null;
    }
    const id = await this.boss.send(queue, data, {
      singletonKey: failed ? undefined : options.key,
      startAfter: options.runAt,
      priority: options.priority ?? 0,
      retryLimit: EXPIRY_RETRY_LIMIT,
      ...(options.tx ? { db: { executeSql: execute as PgBoss.Db['executeSql'] } } : {}),
    });
    if (id && failed) await execute(this.statements.markFailed, [queue, id, options.failedWith, options.key ?? null]);
    else if (id) this.enqueued.queued(queue, options.runAt, new Date());
    return id;
  }

  onEnqueued(listener: (queue: string) => void): () => void {
    return this.enqueued.subscribe(listener);
  }

  async claim(queue: string, owner: string, limit: number, leaseMs: number): Promise<ClaimedJob[]> {
    await this.prepare([queue]);
    // The lease starts at the claim: the job's expiry is the heartbeat interval, not the queue's default.
    const result = await this.sql(this.statements.claim, [queue, limit, owner, leaseSeconds(leaseMs)]);
    return result.rows.map((row) => ({
      id: String(row.id),
      queue,
      data: row.data as unknown,
      key: (row.singleton_key as string | null) ?? null,
      attempt: Number(row.retry_count) + 1,
      createdAt: new Date(row.created_on as string),
    }));
  }

  async heartbeat(job: ClaimedJob, owner: string, leaseMs: number): Promise<boolean> {
    const result = await this.sql(this.statements.heartbeat, [job.queue, job.id, owner, leaseSeconds(leaseMs)]);
    return result.rows.length > 0;
  }

  async complete(job: ClaimedJob, owner: string): Promise<boolean> {
    return (await this.sql(this.statements.complete, [job.queue, job.id, owner])).rows.length > 0;
  }

  async retry(job: ClaimedJob, owner: string, error: string, runAt: Date): Promise<boolean> {
    return (await this.sql(this.statements.retry, [job.queue, job.id, owner, runAt.toISOString(), error])).rows.length > 0;
  }

  async fail(job: ClaimedJob, owner: string, error: string): Promise<boolean> {
    return (await this.sql(this.statements.fail, [job.queue, job.id, owner, error])).rows.length > 0;
  }

  async listFailed(limit = 100): Promise<FailedJob[]> {
    await this.start();
    const result = await this.sql(this.statements.listFailed, [[...this.queues], limit]);
    return result.rows.map((row) => ({
      id: String(row.id),
      queue: String(row.name),
      key: (row.singleton_key as string | null) ?? null,
      data: row.data,
      attempts: Number(row.retry_count) + 1,
      error: (row.error as string | null) ?? null,
      failedAt: row.completed_on ? new Date(row.completed_on as string).toISOString() : null,
    }));
  }

  async requeueFailed(id: string): Promise<RequeueOutcome> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return 'not-failed';
    await this.start();
    try {
      const [row] = (await this.sql(this.statements.requeueFailed, [id])).rows;
      if (Number(row.failed) === 0) return 'not-failed';
      return Number(row.requeued) > 0 ? 'queued' : 'key-waiting';
    } catch (error) {
      // A job with the same key enqueued between the statement's look and its change.
      if ((error as { code?: string }).code === UNIQUE_VIOLATION) return 'key-waiting';
      throw error;
    }
  }

  async counts(): Promise<QueueCounts> {
    await this.start();
    const result = await this.sql(this.statements.counts, [[...this.queues]]);
    const counts: QueueCounts = { queued: 0, running: 0, failed: 0 };
    for (const row of result.rows) {
      const n = Number(row.n);
      if (row.state === 'created' || row.state === 'retry') counts.queued += n;
      else if (row.state === 'active') counts.running += n;
      else if (row.state === 'failed') counts.failed += n;
    }
    return counts;
  }

  async close(): Promise<void> {
    if (this.started) await this.boss.stop({ graceful: false, wait: true, close: true });
    if (!this.pool.ending) await this.pool.end();
  }
}
