// The job queue of a store: the jobs table on SQLite, pg-boss beside the store on PostgreSQL. One queue per
// store, closed with it.
import type { Store } from '../store/database.js';
import type { JobQueue } from './queue.js';
import { StoreJobQueue } from './store-queue.js';
import { PgBossJobQueue } from './pg-boss-queue.js';

const queues = new WeakMap<Store, JobQueue>();

export interface QueueOptions {
  /** The store queue's clock (tests move it); pg-boss always uses the database's. */
  now?: () => Date;
  /** PostgreSQL: how often dead workers' jobs are looked for, in seconds. */
  maintenanceIntervalSeconds?: number;
}

export function jobQueueOf(store: Store, options: QueueOptions = {}): JobQueue {
  let queue = queues.get(store);
  if (queue) return queue;
  queue =
    store.dialect === 'postgres'
      ? PgBossJobQueue.create({ connectionString: store.url, schema: store.jobsSchema, maintenanceIntervalSeconds: options.maintenanceIntervalSeconds, timeouts: store.timeouts })
      : new StoreJobQueue(store.db, options.now);
  queues.set(store, queue);
  const closeStore = store.close.bind(store);
  const opened = queue;
  store.close = async () => {
    queues.delete(store);
    await opened.close();
    await closeStore();
  };
  return queue;
}
