// The few statements Convey runs on pg-boss's own job table (pg-boss 10.4, pinned), for what its API of that
// version lacks: a claim that names its owner, a heartbeat that extends the job's expiry, and completion,
// retry and failure that apply only while the owner still holds the job (fencing). pg-boss itself expires an
// active job whose `started_on + expire_in` has passed (its worker died) and makes it claimable again.
// The table and its columns are pg-boss 10's documented schema; the tests run these against it.

export type ExecuteSql = (text: string, values: unknown[]) => Promise<{ rows: Record<string, unknown>[] }>;

export function assertSchemaName(schema: string): string {
  if (!/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) throw new Error(`invalid job schema name "${schema}"`);
  return schema;
}

const owned = `name = $1 AND id = $2::uuid AND state = 'active' AND output->>'owner' = $3`;

export function pgBossStatements(schema: string) {
  const job = `${assertSchemaName(schema)}.job`;
  return {
    /**
     * One job per key while it waits or runs: pg-boss's insert ends with ON CONFLICT DO NOTHING, so with this
     * index two processes enqueueing the same key at once cannot both insert it. Built on the partitioned table,
     * so every queue's partition has it.
     */
    keyIndexExists: `SELECT 1 FROM pg_indexes WHERE schemaname = $1 AND indexname = 'job_waiting_key'`,
    createKeyIndex: `CREATE UNIQUE INDEX IF NOT EXISTS job_waiting_key ON ${job} (name, singleton_key)
      WHERE state < 'completed' AND singleton_key IS NOT NULL`,
    /**
     * Before the index, two processes could both enqueue a key: of such duplicates the one running (or else the
     * oldest) is kept, and the others, which would do the same work again, are cancelled, which pg-boss keeps.
     */
    cancelDuplicateKeys: `UPDATE ${job} j SET state = 'cancelled', completed_on = now(),
        output = jsonb_build_object('error', 'cancelled: a duplicate of a job with the same key')
      FROM (
        SELECT name, id, row_number() OVER (PARTITION BY name, singleton_key ORDER BY state = 'active' DESC, created_on, id) AS n
        FROM ${job} WHERE state < 'completed' AND singleton_key IS NOT NULL
      ) d
      WHERE j.name = d.name AND j.id = d.id AND d.n > 1 AND j.state < 'active'`,
    /** Whether a job with this key is waiting or running: asked before the insert, which is dearer. */
    keyWaiting: `SELECT 1 FROM ${job} WHERE name = $1 AND singleton_key = $2 AND state < 'completed' LIMIT 1`,
    /**
     * Claims up to $2 due jobs of queue $1 for owner $3, leased for $4 seconds, in one statement: pg-boss's own
     * fetch (by priority, then age; rows another claim holds are passed over), which also names the owner and
     * sets the expiry to the lease. A job started before (a retry, or one whose worker died) counts an attempt.
     */
    claim: `WITH next AS (
        SELECT id FROM ${job} WHERE name = $1 AND state < 'active' AND start_after < now()
        ORDER BY priority DESC, created_on, id LIMIT $2 FOR UPDATE SKIP LOCKED
      )
      UPDATE ${job} j SET state = 'active', started_on = now(),
        retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END,
        expire_in = make_interval(secs => $4), output = jsonb_build_object('owner', $3::text)
      FROM next WHERE j.name = $1 AND j.id = next.id
      RETURNING j.id, j.data, j.singleton_key, j.retry_count, j.created_on`,
    heartbeat: `UPDATE ${job} SET expire_in = (now() - started_on) + make_interval(secs => $4) WHERE ${owned} RETURNING id`,
    complete: `UPDATE ${job} SET state = 'completed', completed_on = now(), output = jsonb_build_object('owner', $3::text) WHERE ${owned} RETURNING id`,
    retry: `UPDATE ${job} SET state = 'retry', start_after = $4::timestamptz, output = jsonb_build_object('error', $5::text) WHERE ${owned} RETURNING id`,
    fail: `UPDATE ${job} SET state = 'failed', completed_on = now(), output = jsonb_build_object('error', $4::text) WHERE ${owned} RETURNING id`,
    /** A dead letter copied from another store: sent without its key (a waiting job may hold it), given it here. */
    markFailed: `UPDATE ${job} SET state = 'failed', completed_on = now(), output = jsonb_build_object('error', $3::text), singleton_key = $4
      WHERE name = $1 AND id = $2::uuid`,
    listFailed: `SELECT id, name, singleton_key, data, retry_count, output->>'error' AS error, completed_on
      FROM ${job} WHERE state = 'failed' AND name = ANY($1::text[]) ORDER BY completed_on DESC LIMIT $2`,
    /**
     * Puts dead letter $1 back in its queue unless a job with its key waits or runs (that job does the same work;
     * the index above would refuse the change). Answers how many dead letters matched and how many were requeued.
     */
    requeueFailed: `WITH target AS (SELECT name, id, singleton_key FROM ${job} WHERE id = $1::uuid AND state = 'failed'),
      requeued AS (
        UPDATE ${job} j SET state = 'retry', start_after = now(), retry_count = 0, completed_on = NULL, output = NULL
        FROM target t WHERE j.name = t.name AND j.id = t.id AND NOT EXISTS (
          SELECT 1 FROM ${job} w WHERE w.name = t.name AND w.singleton_key = t.singleton_key AND w.state < 'completed')
        RETURNING j.id
      )
      SELECT (SELECT count(*) FROM target)::int AS failed, (SELECT count(*) FROM requeued)::int AS requeued`,
    counts: `SELECT state::text AS state, count(*)::int AS n FROM ${job} WHERE name = ANY($1::text[]) GROUP BY state`,
  };
}
