// Every metric Convey exposes, in one place: names, help texts, labels and buckets, on a registry created per
// process (never prom-client's global one, so tests and several apps in one process do not share counts).
// Ingest records through the small functions at the bottom; the site exposes the registry at /metrics.
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { isFetchError, type FetchErrorCode } from '../fetch/fetch-error.js';
import { timeBox } from './time-box.js';

export const METRIC_NAMES = {
  polls: 'convey_polls_total',
  fetchErrors: 'convey_fetch_errors_total',
  jobs: 'convey_jobs',
  requestDuration: 'convey_http_request_duration_seconds',
  publishedArticles: 'convey_published_articles',
} as const;

/** How a poll of one feed ended (PollReport's status). */
export type PollOutcome = 'ok' | 'not-modified' | 'error';
const POLL_OUTCOMES: readonly PollOutcome[] = ['ok', 'not-modified', 'error'];

/** The guarded client's failure codes, plus HTTP answers that failed a fetch. Anything else counts as `other`. */
export type FetchErrorKind = FetchErrorCode | 'http-4xx' | 'http-5xx' | 'other';
const FETCH_ERROR_KINDS: readonly FetchErrorKind[] = [
  'bad-url', 'blocked-address', 'timeout', 'too-large', 'bad-content-type', 'too-many-redirects', 'network', 'http-4xx', 'http-5xx', 'other',
];

export interface JobCounts {
  queued: number;
  running: number;
  failed: number;
}

/** Values read when Prometheus scrapes: from the store and the job queue, each time-boxed. */
export interface MetricsProviders {
  publishedArticles?: () => Promise<number>;
  jobCounts?: () => Promise<JobCounts>;
}

export interface Metrics {
  readonly registry: Registry;
  recordPoll(outcome: PollOutcome): void;
  recordFetchError(kind: FetchErrorKind): void;
  /** One answered HTTP request: the route's pattern (never the raw path), its status, its duration. */
  observeRequest(route: string, status: number, seconds: number): void;
  /** Sets where the scraped gauges read from (the site does, when it starts). */
  provide(providers: MetricsProviders): void;
  render(): Promise<{ contentType: string; body: string }>;
}

// Labels come from a closed list: a stray value would create a new series per value.
const oneOf = <T extends string>(value: string, allowed: readonly T[], fallback: T): T => (allowed.includes(value as T) ? (value as T) : fallback);

export const statusClass = (status: number) => (status >= 100 && status < 600 ? `${Math.floor(status / 100)}xx` : 'other');

export function createMetrics(options: { processDefaults?: boolean; collectTimeoutMs?: number } = {}): Metrics {
  const registry = new Registry();
  const collectTimeoutMs = options.collectTimeoutMs ?? 2000;
  let providers: MetricsProviders = {};
  if (options.processDefaults) collectDefaultMetrics({ register: registry, prefix: 'convey_' });

  const polls = new Counter({ name: METRIC_NAMES.polls, help: 'Polls of feeds, by how they ended.', labelNames: ['outcome'], registers: [registry] });
  const fetchErrors = new Counter({ name: METRIC_NAMES.fetchErrors, help: 'Failed fetches of feeds and pages, by kind of failure.', labelNames: ['kind'], registers: [registry] });
  const requestDuration = new Histogram({
    name: METRIC_NAMES.requestDuration,
    help: 'Time to answer HTTP requests, by route pattern and status class.',
    labelNames: ['route', 'status_class'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  new Gauge({
    name: METRIC_NAMES.jobs,
    help: 'Jobs by state (queued, running, failed), read from the job queue when scraped.',
    labelNames: ['state'],
    registers: [registry],
    async collect() {
      if (!providers.jobCounts) return;
      // A queue that does not answer shows as NaN rather than as its last value.
      const counts = await timeBox(providers.jobCounts(), collectTimeoutMs, 'the job queue').catch(() => ({ queued: NaN, running: NaN, failed: NaN }));
      for (const state of ['queued', 'running', 'failed'] as const) this.set({ state }, counts[state]);
    },
  });
  new Gauge({
    name: METRIC_NAMES.publishedArticles,
    help: 'Articles published on the site now, read from the store when scraped.',
    registers: [registry],
    async collect() {
      if (!providers.publishedArticles) return;
      this.set(await timeBox(providers.publishedArticles(), collectTimeoutMs, 'the store').catch(() => NaN));
    },
  });

  return {
    registry,
    recordPoll: (outcome) => polls.inc({ outcome: oneOf(outcome, POLL_OUTCOMES, 'error') }),
    recordFetchError: (kind) => fetchErrors.inc({ kind: oneOf(kind, FETCH_ERROR_KINDS, 'other') }),
    observeRequest: (route, status, seconds) => requestDuration.observe({ route, status_class: statusClass(status) }, seconds),
    provide(next) {
      providers = { ...providers, ...next };
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}

let processWide: Metrics | null = null;

/** The metrics of this process (with Node's process metrics), created on first use. */
export function processMetrics(): Metrics {
  processWide ??= createMetrics({ processDefaults: true });
  return processWide;
}

/** The kind of a fetch failure, for `recordFetchError`: the client's code, or the class of an HTTP status. */
export function fetchErrorKindOf(error: unknown, status?: number): FetchErrorKind {
  if (isFetchError(error)) return error.code;
  if (status !== undefined && status >= 500) return 'http-5xx';
  if (status !== undefined && status >= 400) return 'http-4xx';
  return 'other';
}

/** Counts one poll in this process's metrics (ingest calls it with its PollReport's status). */
export function recordPoll(outcome: PollOutcome): void {
  processMetrics().recordPoll(outcome);
}

/** Counts one failed fetch in this process's metrics. */
export function recordFetchError(kind: FetchErrorKind): void {
  processMetrics().recordFetchError(kind);
}
