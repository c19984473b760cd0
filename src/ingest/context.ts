// What every ingest step needs: the store, the one guarded HTTP client, the site, a clock and a log.
import type { Store } from '../store/database.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { SiteInfo } from '../model/types.js';

export interface IngestLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface IngestContext {
  store: Store;
  client: HttpClient;
  site: SiteInfo;
  now: () => Date;
  log: IngestLog;
  pollMinutes: number;
  disableAfterErrors: number;
  /** Time budget of one page's extraction. */
  extractBudgetMs?: number;
}

export const silentLog: IngestLog = { info() {}, warn() {} };
