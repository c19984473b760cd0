// `convey serve` (the site, with the ingest scheduler unless --no-ingest) and `convey worker` (ingest only).
import { loadConfig, type Config } from '../config/config.js';
import { openStore, type Store } from '../store/database.js';
import { startSite, type RunningSite } from '../site/server.js';
import { runScheduler } from '../ingest/scheduler.js';
import { AUTHOR_COMMENT_LIMIT, NETWORK_COMMENT_LIMIT, StoreRateLimit } from '../comments/rate-limit.js';
import { createClient, createLogger, ingestContextOf, ingestLogOf, siteOf } from './runtime.js';
import { parseCommand } from './args.js';
import type { SiteDeps } from '../site/deps.js';
import type { IngestContext } from '../ingest/context.js';

export function siteDepsOf(config: Config, store: Store): SiteDeps {
  return {
    store,
    config,
    site: siteOf(config),
    commentLimiter: new StoreRateLimit(store.db, 'comment-network', NETWORK_COMMENT_LIMIT),
    authorLimiter: new StoreRateLimit(store.db, 'comment-author', AUTHOR_COMMENT_LIMIT),
    now: () => new Date(),
  };
}

/** Resolves when SIGINT or SIGTERM arrives. */
export function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
}

/** Runs the ingest scheduler (when given a context) until a stop signal, then lets its round finish. */
export async function scheduleUntilSignal(ctx: IngestContext | null): Promise<void> {
  const controller = new AbortController();
  const scheduler = ctx ? runScheduler(ctx, controller.signal) : Promise.resolve();
  await untilSignal();
  controller.abort();
  await scheduler;
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { 'no-ingest': { type: 'boolean' } });
  const config = loadConfig();
  const logger = createLogger(config);
  const store = await openStore(config.databaseUrl);
  let site: RunningSite | null = null;
  try {
    site = await startSite(siteDepsOf(config, store), { host: config.host, port: config.port });
    logger.info({ url: site.url, database: store.dialect }, 'Convey is serving');
    if (!config.site.name) logger.warn('CONVEY_SITE_NAME is not set: articles will be held, not published (the disclaimer must name the site)');
    await scheduleUntilSignal(values['no-ingest'] ? null : ingestContextOf(config, store, createClient(config), ingestLogOf(logger)));
    return 0;
  } finally {
    await site?.close();
    await store.close();
  }
}

export async function workerCommand(args: string[]): Promise<number> {
  parseCommand(args, {});
  const config = loadConfig();
  const logger = createLogger(config);
  const store = await openStore(config.databaseUrl);
  try {
    logger.info({ database: store.dialect }, 'Convey worker polling');
    await scheduleUntilSignal(ingestContextOf(config, store, createClient(config), ingestLogOf(logger)));
    return 0;
  } finally {
    await store.close();
  }
}
