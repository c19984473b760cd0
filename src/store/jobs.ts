// The embedded job queue's table (SQLite, the one-process default). Every state change is one conditional
// statement: a claim names its owner and lease expiry; heartbeat, completion, retry and failure apply only while
// that owner still holds the lease, so a worker that lost its job (lease lapsed, taken by another) cannot
// complete or fail it (fencing).
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { JobsTable, Schema } from './schema.js';

type Db = Kysely<Schema> | Transaction<Schema>;
export type JobRow = Selectable<JobsTable>;

export type JobState = 'queued' | 'running' | 'done' | 'failed';

// Literal, not bound: SQLite matches the conflict target against the partial unique index by its text.
const WAITING_OR_RUNNING = sql<boolean>`state in ('queued', 'running') and job_key is not null`;

/** Inserts a job unless one with the same key is queued or running; returns its id, or null when deduplicated. */
export async function insertJob(
  db: Db,
  job: { queue: string; key: string | null; data: unknown; runAt: Date; priority: number; failedWith?: string },
  now: Date,
): Promise<number | null> {
  const row = await db
    .insertInto('jobs')
    .values({
      queue: job.queue,
      job_key: job.key,
      data: JSON.stringify(job.data),
      state: job.failedWith === undefined ? 'queued' : 'failed',
      last_error: job.failedWith ?? null,
      finished_at: job.failedWith === undefined ? null : now.toISOString(),
      priority: job.priority,
      attempts: 0,
      run_at: job.runAt.toISOString(),
      created_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .onConflict((oc) => oc.columns(['queue', 'job_key']).where(WAITING_OR_RUNNING).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id ?? null;
}

/**
 * Claims up to `limit` due jobs of a queue for `owner`: queued ones whose time has come, and running ones whose
 * lease lapsed (their worker died). Highest priority first, then oldest due.
 */
export async function claimJobs(db: Kysely<Schema>, queue: string, owner: string, limit: number, now: Date, leaseMs: number): Promise<JobRow[]> {
  const nowIso = now.toISOString();
  const until = new Date(now.getTime() + leaseMs).toISOString();
  // Each kind of claimable job is read in claim order from jobs_claim, at most `limit` of each, so a claim costs
  // the same with ten thousand jobs waiting as with ten (one OR over both kinds sorted every waiting job).
  const result = await sql<JobRow>`
    update jobs set state = 'running', lease_owner = ${owner}, lease_until = ${until}, attempts = attempts + 1, updated_at = ${nowIso}
    where id in (
      select id from (
        select * from (select id, priority, run_at from jobs where queue = ${queue} and state = 'queued' and run_at <= ${nowIso}
          order by priority desc, run_at, id limit ${limit}) due
        union all
        select * from (select id, priority, run_at from jobs where queue = ${queue} and state = 'running' and lease_until < ${nowIso}
          order by priority desc, run_at, id limit ${limit}) lapsed
      ) claimable
      order by priority desc, run_at, id
      limit ${limit}
    )
    returning *`.execute(db);
  return result.rows;
}

const ownedBy = (id: number, owner: string, now: Date) => (db: Db) =>
  db
    .updateTable('jobs')
    .where('id', '=', id)
    .where('state', '=', 'running')
    .where('lease_owner', '=', owner)
    .where('lease_until', '>=', now.toISOString());

export async function heartbeatJob(db: Db, id: number, owner: string, now: Date, leaseMs: number): Promise<boolean> {
  const result = await ownedBy(id, owner, now)(db)
    .set({ lease_until: new Date(now.getTime() + leaseMs).toISOString(), updated_at: now.toISOString() })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function finishJob(db: Db, id: number, owner: string, now: Date, outcome: { state: 'done' | 'failed'; error?: string }): Promise<boolean> {
  const result = await ownedBy(id, owner, now)(db)
    .set({
      state: outcome.state,
      last_error: outcome.error ?? null,
      lease_owner: null,
      lease_until: null,
      finished_at: now.toISOString(),
      updated_at: now.toISOString(),
    })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function rescheduleJob(db: Db, id: number, owner: string, now: Date, runAt: Date, error: string): Promise<boolean> {
  const result = await ownedBy(id, owner, now)(db)
    .set({ state: 'queued', run_at: runAt.toISOString(), last_error: error, lease_owner: null, lease_until: null, updated_at: now.toISOString() })
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** Jobs not done (waiting, running or failed for good), oldest first: what `store copy` carries over. */
export async function listUnfinishedJobs(db: Db): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().where('state', 'in', ['queued', 'running', 'failed']).orderBy('id').execute();
}

export async function listJobsInState(db: Db, state: JobState, limit: number): Promise<JobRow[]> {
  return db.selectFrom('jobs').selectAll().where('state', '=', state).orderBy('id', 'desc').limit(limit).execute();
}

/**
 * Puts dead letter `id` back in its queue, due now, with its attempts counted from zero. A job with its key that
 * waits or runs already does the same work: the dead letter then stays as it is ('key-waiting'), as the index of
 * waiting keys requires.
 */
export async function requeueFailedJob(db: Db, id: number, now: Date): Promise<'queued' | 'not-failed' | 'key-waiting'> {
  const result = await db
    .updateTable('jobs')
    .set({ state: 'queued', attempts: 0, run_at: now.toISOString(), finished_at: null, updated_at: now.toISOString() })
    .where('id', '=', id)
    .where('state', '=', 'failed')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('jobs as waiting')
            .select('waiting.id')
            .whereRef('waiting.queue', '=', 'jobs.queue')
            .whereRef('waiting.job_key', '=', 'jobs.job_key')
            .where('waiting.state', 'in', ['queued', 'running']),
        ),
      ),
    )
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) > 0) return 'queued';
  const failed = await db.selectFrom('jobs').select('id').where('id', '=', id).where('state', '=', 'failed').executeTakeFirst();
  return failed ? 'key-waiting' : 'not-failed';
}

export async function countJobsByState(db: Db): Promise<Record<JobState, number>> {
  const rows = await db.selectFrom('jobs').select(['state']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy('state').execute();
  const out: Record<JobState, number> = { queued: 0, running: 0, done: 0, failed: 0 };
  for (const r of rows) out[r.state as JobState] = Number(r.n);
  return out;
}

/** Finished jobs are kept a while for inspection, then removed. */
export async function deleteFinishedJobs(db: Db, before: Date): Promise<number> {
  const result = await db.deleteFrom('jobs').where('state', '=', 'done').where('finished_at', '<', before.toISOString()).executeTakeFirst();
  return Number(result.numDeletedRows);
}
