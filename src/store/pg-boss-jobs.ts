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
    /** Whether a job with this key is waiting or running (enqueueing it again is then a no-op). */
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
    markFailed: `UPDATE ${job} SET state = 'failed', completed_on = now(), output = jsonb_build_object('error', $3::text) WHERE name = $1 AND id = $2::uuid`,
    listFailed: `SELECT id, name, singleton_key, data, retry_count, output->>'error' AS error, completed_on
      FROM ${job} WHERE state = 'failed' AND name = ANY($1::text[]) ORDER BY completed_on DESC LIMIT $2`,
    requeueFailed: `UPDATE ${job} SET state = 'retry', start_after = now(), retry_count = 0, completed_on = NULL, output = NULL
      WHERE id = $1::uuid AND state = 'failed' RETURNING id`,
    counts: `SELECT state::text AS state, count(*)::int AS n FROM ${job} WHERE name = ANY($1::text[]) GROUP BY state`,
  };
}
