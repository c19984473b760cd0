// `convey serve` (the site, with the ingest scheduler unless --no-ingest) and `convey worker` (ingest only).
import { loadConfig, requireSharedSecret, type Config } from '../config/config.js';
import { openStore, type Store } from '../store/database.js';
import { startSite, type RunningSite } from '../site/server.js';
import { runIngest } from '../ingest/scheduler.js';
import { AUTHOR_COMMENT_LIMIT, NETWORK_COMMENT_LIMIT, StoreRateLimit } from '../comments/rate-limit.js';
import { createClient, createLogger, extractPoolFor, ingestContextOf, ingestLogOf, jobQueueFor } from './runtime.js';
import { AkismetCheck } from '../comments/akismet.js';
import { parseCommand } from './args.js';
import { logFormatOf } from './log-format.js';
import type { SiteDeps } from '../http/deps.js';
import type { SiteInfo } from '../model/types.js';
import type { IngestContext } from '../ingest/context.js';
import { mailContextOf, runMailWorker, type MailContext } from '../mail/send-mail-job.js';
import { createMailer } from '../mail/mailer.js';
import { lazyMediaStorage } from '../media/storage/open-media-storage.js';
import { firstOwnerNotice } from '../desk/accounts.js';
import { openLiveSettings, staticSettings, type SettingsHolder } from '../config/live-settings.js';

/** The routes' deps; with the configuration's settings only unless given the store's live ones. */
export function siteDepsOf(config: Config, store: Store, settings: SettingsHolder = staticSettings(config)): SiteDeps {
  const queue = jobQueueFor(config, store);
  return {
    store,
    config,
    site: settings.site,
    settings,
    commentLimiter: new StoreRateLimit(store.db, 'comment-network', NETWORK_COMMENT_LIMIT),
    authorLimiter: new StoreRateLimit(store.db, 'comment-author', AUTHOR_COMMENT_LIMIT),
    now: () => new Date(),
    // Through the guarded client like every outbound call: a loopback service must be in CONVEY_FETCH_ALLOW.
    spamCheck: config.comments.akismet ? new AkismetCheck(createClient(config), config.comments.akismet) : undefined,
    jobs: queue,
    jobCounts: () => queue.counts(),
    media: lazyMediaStorage(config.mediaUrl),
    imageClient: createClient(config),
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
export async function scheduleUntilSignal(ctx: IngestContext | null, options: { concurrency?: number; intervalMs?: number } = {}, mail: MailContext | null = null): Promise<void> {
  const controller = new AbortController();
  const ingest = ctx ? runIngest(ctx, controller.signal, options) : Promise.resolve();
  const mailing = mail ? runMailWorker(mail, controller.signal, { concurrency: options.concurrency }) : Promise.resolve();
  await untilSignal();
  controller.abort();
  await Promise.all([ingest, mailing]);
  mail?.mailer.close();
}

/** The mail jobs of this process: sent over CONVEY_SMTP_URL, or their links printed in the log without it. */
function mailOf(config: Config, store: Store, logger: ReturnType<typeof createLogger>, site: SiteInfo): MailContext {
  if (!config.mail.smtpUrl) logger.warn('CONVEY_SMTP_URL is not set: mail is not sent; its links are printed instead');
  // Printed through the log, so that --json output stays JSON lines; at warn level, as a mail was not sent.
  // The live site: mail names the site and links to it as the desk's settings say at the moment it is sent.
  return { ...mailContextOf(config, store, jobQueueFor(config, store), ingestLogOf(logger), createMailer(config.mail, (line) => logger.warn(line))), site };
}

export async function serveCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { 'no-ingest': { type: 'boolean' }, json: { type: 'boolean' } });
  const config = loadConfig();
  requireSharedSecret(config);
  const logger = createLogger(config, logFormatOf(values.json));
  const store = await openStore(config.databaseUrl, { create: true, timeouts: config.storeTimeouts });
  let site: RunningSite | null = null;
  let settings: SettingsHolder | null = null;
  const extractPool = values['no-ingest'] ? null : extractPoolFor(config);
  try {
    settings = await openLiveSettings(store, config, { log: (line) => logger.warn(line) });
    site = await startSite({ ...siteDepsOf(config, store, settings), extract: extractPool?.extract }, { host: config.host, port: config.port });
    logger.info({ url: site.url, database: store.dialect }, 'Convey is serving');
    if (!settings.site.name) logger.warn('CONVEY_SITE_NAME is not set and the desk\'s settings give no name: articles will be held, not published (the disclaimer must name the site)');
    // For the operator at the terminal: plain lines, or one log line when logs are JSON (stdout stays JSON then).
    const notice = await firstOwnerNotice(store, settings.site.url, new Date());
    if (notice.length > 0 && logFormatOf(values.json) === 'json') logger.warn(notice.join(' '));
    else for (const line of notice) process.stdout.write(`${line}\n`);
    await scheduleUntilSignal(values['no-ingest'] ? null : ingestContextOf(config, store, createClient(config), ingestLogOf(logger), extractPool, settings.site), {
      concurrency: config.ingest.jobConcurrency,
      intervalMs: config.ingest.intervalSeconds * 1000,
    }, mailOf(config, store, logger, settings.site));
    return 0;
  } finally {
    await site?.close();
    await settings?.close();
    await extractPool?.close();
    await store.close();
  }
}

export async function workerCommand(args: string[]): Promise<number> {
  const { values } = parseCommand(args, { json: { type: 'boolean' } });
  const config = loadConfig();
  const logger = createLogger(config, logFormatOf(values.json));
  const store = await openStore(config.databaseUrl, { create: false, timeouts: config.storeTimeouts });
  const extractPool = extractPoolFor(config);
  let settings: SettingsHolder | null = null;
  try {
    // The publish check names the site and reads its disclaimer: the worker follows the desk's settings too.
    settings = await openLiveSettings(store, config, { log: (line) => logger.warn(line) });
    const ctx = ingestContextOf(config, store, createClient(config), ingestLogOf(logger), extractPool, settings.site);
    logger.info({ database: store.dialect, owner: ctx.owner, extractThreads: config.ingest.extractThreads }, 'Convey worker polling and running jobs');
    await scheduleUntilSignal(ctx, { concurrency: config.ingest.jobConcurrency, intervalMs: config.ingest.intervalSeconds * 1000 }, mailOf(config, store, logger, settings.site));
    return 0;
  } finally {
    await settings?.close();
    await extractPool?.close();
    await store.close();
  }
}
