// `convey serve` (the site, with the ingest scheduler unless --no-ingest) and `convey worker` (ingest only).
import { loadConfig, requireSharedSecret, type Config } from '../config/config.js';
import { openStore, type Store } from '../store/database.js';
import { startSite, type RunningSite } from '../site/server.js';
import { runIngest } from '../ingest/scheduler.js';
import { AUTHOR_COMMENT_LIMIT, NETWORK_COMMENT_LIMIT, StoreRateLimit } from '../comments/rate-limit.js';
import { createClient, createLogger, ingestContextOf, ingestLogOf, jobQueueFor, siteOf } from './runtime.js';
import { parseCommand } from './args.js';
import { logFormatOf } from './log-format.js';
import type { SiteDeps } from '../http/deps.js';
import type { IngestContext } from '../ingest/context.js';
import { firstOwnerNotice } from '../desk/accounts.js';

export function siteDepsOf(config: Config, store: Store): SiteDeps {
  const queue = jobQueueFor(config, store);
  return {
    store,
    config,
    site: siteOf(config),
    commentLimiter: new StoreRateLimit(store.db, 'comment-network', NETWORK_COMMENT_LIMIT),
    authorLimiter: new StoreRateLimit(store.db, 'comment-author', AUTHOR_COMMENT_LIMIT),
    now: () => new Date(),
    jobs: queue,
    jobCounts: () => queue.counts(),
    client: createClient(config),
  };
}

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/**
 * Runs the ingest (the feed scheduler and the job worker) when given a context, until a stop signal; then lets
 * the jobs under way finish. A job cut short by a harder stop is retried by any worker once its lease lapses.
 */
export async function scheduleUntilSignal(ctx: IngestContext | null, options: { concurrency?: number; intervalMs?: number } = {}): Promise<void> {
  const controller = new AbortController();
  const ingest = ctx ? runIngest(ctx, controller.signal, options) : Promise.resolve();
  await untilSignal();
  controller.abort();
  await ingest;
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { 'no-ingest': { type: 'boolean' }, json: { type: 'boolean' } });
  const config = loadConfig();
  requireSharedSecret(config);
  const logger = createLogger(config, logFormatOf(values.json));
  const store = await openStore(config.databaseUrl, { create: true, timeouts: config.storeTimeouts });
  let site: RunningSite | null = null;
  try {
    site = await startSite(siteDepsOf(config, store), { host: config.host, port: config.port });
    logger.info({ url: site.url, database: store.dialect }, 'Convey is serving');
    if (!config.site.name) logger.warn('CONVEY_SITE_NAME is not set: articles will be held, not published (the disclaimer must name the site)');
    // For the operator at the terminal: plain lines, or one log line when logs are JSON (stdout stays JSON then).
    const notice = await firstOwnerNotice(store, config.site.url, new Date());
    if (notice.length > 0 && logFormatOf(values.json) === 'json') logger.warn(notice.join(' '));
    else for (const line of notice) process.stdout.write(`${line}\n`);
    await scheduleUntilSignal(values['no-ingest'] ? null : ingestContextOf(config, store, createClient(config), ingestLogOf(logger)), {
      concurrency: config.ingest.jobConcurrency,
      intervalMs: config.ingest.intervalSeconds * 1000,
    });
    return 0;
  } finally {
    await site?.close();
    await store.close();
  }
}

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } });
  const config = loadConfig();
  const logger = createLogger(config, logFormatOf(values.json));
  const store = await openStore(config.databaseUrl, { create: false, timeouts: config.storeTimeouts });
  try {
    const ctx = ingestContextOf(config, store, createClient(config), ingestLogOf(logger));
    logger.info({ database: store.dialect, owner: ctx.owner }, 'Convey worker polling and running jobs');
    await scheduleUntilSignal(ctx, { concurrency: config.ingest.jobConcurrency, intervalMs: config.ingest.intervalSeconds * 1000 });
    return 0;
  } finally {
    await store.close();
  }
}
