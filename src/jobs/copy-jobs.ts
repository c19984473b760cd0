// `store copy` for the jobs: the source's jobs table (SQLite) is not copied row for row; its waiting and running
// jobs are enqueued on the target's queue (pg-boss beside the PostgreSQL store) inside the copy's transaction,
// due when they were due, and its failed jobs are carried as failed jobs with their reasons.
import type { Transaction } from 'kysely';
import type { Schema } from '../store/schema.js';
import type { Store } from '../store/database.js';
import type { TableCopyHook } from '../store/copy-store.js';
import { listUnfinishedJobs } from '../store/jobs.js';
import { jobQueueOf } from './open-queue.js';

export function jobsCopyHook(target: Store): TableCopyHook {
  return {
    table: 'jobs',
    description: "waiting jobs re-enqueued on the target's queue; failed ones kept with their reasons",
    async copy(context) {
      const rows = await listUnfinishedJobs(context.source as unknown as Transaction<Schema>);
      const queue = jobQueueOf(target);
      await queue.prepare([...new Set(rows.map((row) => row.queue))]);
      let copied = 0;
      for (const row of rows) {
        const id = await queue.enqueue(row.queue, JSON.parse(row.data) as object, {
          key: row.job_key ?? undefined,
          runAt: new Date(row.run_at),
          priority: row.priority,
          tx: context.target as unknown as Transaction<Schema>,
          ...(row.state === 'failed' ? { failedWith: row.last_error ?? 'failed' } : {}),
        });
        if (id) copied++;
      }
      return { rows: copied };
    },
  };
}
