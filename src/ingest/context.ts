// What every ingest step needs: the store, the job queue, the one guarded HTTP client, the site, a clock and a log.
import type { Store } from '../store/database.js';
import type { HttpClient } from '../fetch/http-client.js';
import type { SiteInfo } from '../model/types.js';
import type { JobQueue } from '../jobs/queue.js';
import type { FaultHook } from './faults.js';
import type { PageExtractor, PageStoryReader, TextComparer } from '../extract/extract-pool.js';
import type { MediaStorage } from '../media/storage/storage.js';

export interface IngestLog {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
}

export interface IngestContext {
  store: Store;
  jobs: JobQueue;
  client: HttpClient;
  site: SiteInfo;
  now: () => Date;
  log: IngestLog;
  /** Names this process as the owner of the leases and jobs it takes. */
  owner: string;
  /** A job whose worker sends no heartbeat for this long is taken by another (a heartbeat every third of it). */
  jobLeaseMs: number;
  pollMinutes: number;
  disableAfterErrors: number;
  /** New entries taken from one feed per poll; the rest wait for the next polls, oldest first. */
  maxNewEntriesPerPoll: number;
  /** How long a page that times out or answers 5xx/429 is retried before its article is held. */
  pageRetryWindowMs: number;
  /** Time budget of one page's extraction. */
  extractBudgetMs?: number;
  /** Where pages are extracted: a pool of threads in long-running processes, else the calling thread. */
  extract?: PageExtractor;
  /** Where the fidelity check of a story being stored runs: the same threads, else the calling thread. */
  compare?: TextComparer;
  /** Where a fetched entry page is read into its story (extraction, content and fidelity check, one task). */
  readStory?: PageStoryReader;
  /** Told what became of each entry a job took (the CLI's report of a round). */
  onEntryTaken?: (event: EntryTakenEvent) => void;
  /** Where images are stored; without it no image is registered or fetched (tests of text alone). */
  media?: MediaStorage;
  /** Tests only: called at each named step of a multi-step write, to inject a failure there. */
  fault?: FaultHook;
}

export interface EntryTakenEvent {
  feedId: number;
  slug: string;
  outcome: 'published' | 'held' | 'updated';
  reason?: string;
}

export const silentLog: IngestLog = { info() {}, warn() {} };
