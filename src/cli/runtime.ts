// Building the running parts from the configuration: store, guarded client, site, ingest context, logger.
import pino from 'pino';
import type { Config } from '../config/config.js';
import { openStore, type Store } from '../store/database.js';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import type { SiteInfo } from '../model/types.js';
import type { IngestContext, IngestLog } from '../ingest/context.js';
import { jobQueueOf } from '../jobs/open-queue.js';
import { newOwnerId } from '../jobs/worker.js';
import type { JobQueue } from '../jobs/queue.js';
import { ExtractPool } from '../extract/extract-pool.js';
import { humanLine, logFormatOf, type LogFormat } from './log-format.js';
import { lazyMediaStorage } from '../media/storage/open-media-storage.js';
import { staticSettings } from '../config/live-settings.js';
import { readStoredSettings } from '../store/settings.js';

export function siteOf(config: Config): SiteInfo {
  return { ...config.site };
}

/** The site as a one-off command sees it: the desk's stored settings over the configuration, read once. */
export async function storedSiteOf(config: Config, store: Store): Promise<SiteInfo> {
  return staticSettings(config, await readStoredSettings(store.db)).site;
}

export function createClient(config: Config, extraAllow: string[] = []): HttpClient {
  const allow = parseAllowList([config.fetch.allow, ...extraAllow].filter(Boolean).join(','));
  return new HttpClient({ allow, timeoutMs: config.fetch.timeoutMs, maxBytes: config.fetch.maxBytes, userAgent: config.fetch.userAgent });
}

/**
 * JSON lines on stdout when asked for (for a log collector); otherwise readable lines on stderr, apart from
 * what the command prints on stdout. The format defaults to LOG_FORMAT, so commands without `--json` follow it.
 */
export function createLogger(config: Config, format: LogFormat = logFormatOf(false)) {
  const options = { level: config.logLevel, base: undefined };
  if (format === 'json') return pino(options);
  return pino(options, { write: (line: string) => process.stderr.write(`${humanLine(line)}\n`) });
}

export function ingestLogOf(logger: ReturnType<typeof createLogger>): IngestLog {
  return {
    info: (message, fields) => logger.info(fields ?? {}, message),
    warn: (message, fields) => logger.warn(fields ?? {}, message),
  };
}

/**
 * The extraction threads of a long-running process (`serve`, `worker`, `demo`), or null when the configuration
 * turns them off; started at once. One-off commands extract in their own thread: a thread's start-up would cost
 * them more.
 */
export function extractPoolFor(config: Config): ExtractPool | null {
  if (config.ingest.extractThreads === 0) return null;
  const pool = new ExtractPool({ threads: config.ingest.extractThreads });
  pool.warm();
  return pool;
}

/** The ingest's context; `site` is the configuration's unless given (a long-running process passes the live settings' site). */
export function ingestContextOf(config: Config, store: Store, client: HttpClient, log: IngestLog, threads?: ExtractPool | null, site: SiteInfo = siteOf(config)): IngestContext {
  return {
    extract: threads?.extract,
    compare: threads?.compare,
    readStory: threads?.readStory,
    store,
    client,
    site,
    now: () => new Date(),
    log,
    jobs: jobQueueFor(config, store),
    owner: newOwnerId(),
    jobLeaseMs: config.ingest.jobLeaseSeconds * 1000,
    pollMinutes: config.ingest.pollMinutes,
    disableAfterErrors: config.ingest.disableAfterErrors,
    maxNewEntriesPerPoll: config.ingest.maxNewEntriesPerPoll,
    pageRetryWindowMs: config.ingest.pageRetryHours * 3_600_000,
    media: lazyMediaStorage(config.mediaUrl),
  };
}

/** The store's job queue, set up from the configuration (one per store, closed with it). */
export function jobQueueFor(config: Config, store: Store): JobQueue {
  return jobQueueOf(store, { maintenanceIntervalSeconds: config.ingest.jobMaintenanceSeconds });
}

export { openStore };
