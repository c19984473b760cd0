// The one typed configuration of Convey: environment variables over an optional JSON config file over defaults,
// validated at start so that a mistake is reported once, clearly, naming the setting.
import { readFileSync, existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { availableParallelism } from 'node:os';
import { DEFAULT_DISCLAIMER_TEMPLATE, templatePlaceholders } from '../provenance/template.js';
import { loadMailConfig, MailConfigError, type MailConfig } from '../mail/mail-config.js';

export interface Config {
  /** `sqlite:<path>` or `postgres://…` */
  databaseUrl: string;
  /** PostgreSQL: how long connecting and one query may take before the request fails (and the page answers 503). */
  storeTimeouts: { connectMs: number; queryMs: number };
  host: string;
  port: number;
  site: {
    name: string;
    url: string;
    description: string;
    language: string;
    disclaimerTemplate: string;
    /** IANA time zone the site's dates are shown in (CONVEY_SITE_TIMEZONE). */
    timeZone: string;
    /** Heading of the "same source" box on an article page; `{source}` is the source's name. */
    relatedHeading: string;
  };
  /** Secret for CSRF tokens and signed links; generated per process when unset (tokens then die with it). */
  secret: string;
  /** Whether CONVEY_SECRET was set (several web processes need the same one). */
  secretGiven: boolean;
  /** Bearer token of the admin API; the API is closed when unset. */
  adminToken: string | null;
  fetch: {
    /** Extra address ranges or host:port pairs the guarded client may reach (comma-separated in the environment). */
    allow: string;
    timeoutMs: number;
    maxBytes: number;
    userAgent: string;
  };
  ingest: {
    /** Base polling interval of a feed. */
    pollMinutes: number;
    /** Failures in a row after which a feed is disabled. */
    disableAfterErrors: number;
    /** New entries taken from one feed per poll (the rest on the next polls, oldest first). */
    maxNewEntriesPerPoll: number;
    /** How long a page that times out or answers 5xx/429 is retried before its article is held. */
    pageRetryHours: number;
    /** Jobs (page fetches, re-checks) run at once per worker process. */
    jobConcurrency: number;
    /** Threads that extract pages in a long-running process (0: in the event loop's thread). */
    extractThreads: number;
    /** A job whose worker sends no heartbeat for this long is taken by another worker. */
    jobLeaseSeconds: number;
    /** PostgreSQL: how often pg-boss looks for jobs of workers that died. */
    jobMaintenanceSeconds: number;
    /** How often the scheduler looks for due feeds and re-checks. */
    intervalSeconds: number;
  };
  comments: {
    enabled: boolean;
    minSecondsToSubmit: number;
    maxLinks: number;
    holdKeywords: string[];
    /** Every comment waits for a moderator (WordPress's "comment must be manually approved"). */
    holdAll: boolean;
    denyKeywords: string[];
    trustedProxies: string[];
    /** The optional Akismet-compatible spam check (`CONVEY_AKISMET_KEY`, `CONVEY_AKISMET_URL`); null when off. */
    akismet: { key: string; url: string } | null;
  };
  /** Mail to commenters (CONVEY_SMTP_URL, CONVEY_MAIL_FROM); see src/mail/. */
  mail: MailConfig;
  /** Rendered public pages each web process keeps in memory (CONVEY_PAGE_CACHE_ENTRIES); 0 turns the cache off. */
  pageCacheEntries: number;
  /** Where images are kept (CONVEY_MEDIA_URL): `file:<path>` (default `<data dir>/media`) or `s3://bucket/prefix`. */
  mediaUrl: string;
  logLevel: string;
}

export const DEFAULT_RELATED_HEADING = 'More from {source}';

/** The shortest secret and admin token accepted: anything shorter can be guessed or is a typing mistake. */
export const MIN_SECRET_BYTES = 16;
export const MIN_ADMIN_TOKEN_CHARS = 16;
const GENERATE_HINT = 'generate one with: openssl rand -hex 32';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

function intSetting(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return value;
}

/** The spam check's key and service; a URL without a key is a mistake worth saying at start. */
function akismetSetting(key: string | undefined, url: string | undefined): { key: string; url: string } | null {
  const k = key?.trim();
  if (!k) {
    if (url?.trim()) throw new ConfigError('CONVEY_AKISMET_URL is set but CONVEY_AKISMET_KEY is not: the spam check needs its key');
    return null;
  }
  const base = url?.trim() || 'https://rest.akismet.com';
  let parsed: URL;
  try {
    parsed = new URL(base);
  } catch {
    throw new ConfigError(`CONVEY_AKISMET_URL must be an absolute http(s) URL, got "${base}"`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new ConfigError(`CONVEY_AKISMET_URL must be an absolute http(s) URL, got "${base}"`);
  return { key: k, url: base };
}

function listSetting(raw: string | undefined): string[] {
  return (raw ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function readConfigFile(path: string): Partial<Record<string, unknown>> {
  if (!existsSync(path)) throw new ConfigError(`CONVEY_CONFIG names a file that does not exist: ${path}`);
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new ConfigError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

/**
 * Loads the configuration. Precedence: environment, then the JSON file named by CONVEY_CONFIG
 * (keys are the environment names, e.g. {"CONVEY_SITE_NAME": "…"}), then defaults.
 */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): Config {
  const file = env.CONVEY_CONFIG ? readConfigFile(resolve(cwd, env.CONVEY_CONFIG)) : {};
  const merged: Env = { ...Object.fromEntries(Object.entries(file).map(([k, v]) => [k, v == null ? undefined : String(v)])), ...env };

  const port = intSetting(merged, 'PORT', 8080, 0, 65535);
  const host = merged.HOST || '127.0.0.1';
  const siteUrl = (merged.CONVEY_SITE_URL || `http://${host.includes(':') ? `[${host}]` : host}:${port}`).replace(/\/+$/, '');
  try {
    const parsed = new URL(siteUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('not http(s)');
  } catch {
    throw new ConfigError(`CONVEY_SITE_URL must be an absolute http(s) URL, got "${siteUrl}"`);
  }
  const databaseUrl = merged.DATABASE_URL || `sqlite:${resolve(cwd, merged.CONVEY_DATA_DIR || 'data', 'convey.db')}`;
  if (!/^(sqlite:|postgres(ql)?:\/\/)/.test(databaseUrl)) {
    throw new ConfigError(`DATABASE_URL must start with sqlite: or postgres://, got "${databaseUrl}"`);
  }

  return {
    databaseUrl,
    storeTimeouts: {
      connectMs: intSetting(merged, 'CONVEY_DB_CONNECT_TIMEOUT_MS', 5_000, 100, 600_000),
      queryMs: intSetting(merged, 'CONVEY_DB_QUERY_TIMEOUT_MS', 30_000, 100, 3_600_000),
    },
    host,
    port,
    site: {
      // An unset name stays empty on purpose: publishing then refuses, naming site.name (fail closed).
      name: (merged.CONVEY_SITE_NAME ?? '').trim(),
      url: siteUrl,
      description: merged.CONVEY_SITE_DESCRIPTION ?? 'News republished whole and attributed.',
      language: merged.CONVEY_SITE_LANGUAGE || 'en',
      disclaimerTemplate: disclaimerSetting(merged.CONVEY_DISCLAIMER),
      timeZone: timeZoneSetting(merged.CONVEY_SITE_TIMEZONE),
      relatedHeading: merged.CONVEY_RELATED_HEADING?.trim() || DEFAULT_RELATED_HEADING,
    },
    secret: secretSetting(merged.CONVEY_SECRET),
    secretGiven: Boolean(merged.CONVEY_SECRET),
    adminToken: adminTokenSetting(merged.CONVEY_ADMIN_TOKEN),
    fetch: {
      allow: merged.CONVEY_FETCH_ALLOW ?? '',
      timeoutMs: intSetting(merged, 'CONVEY_FETCH_TIMEOUT_MS', 20_000, 100, 600_000),
      maxBytes: intSetting(merged, 'CONVEY_FETCH_MAX_BYTES', 10 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
      userAgent: merged.CONVEY_USER_AGENT || 'Convey/0.1 (+https://github.com/convey-news/convey)',
    },
    ingest: {
      pollMinutes: intSetting(merged, 'CONVEY_POLL_MINUTES', 30, 1, 24 * 60),
      disableAfterErrors: intSetting(merged, 'CONVEY_DISABLE_AFTER_ERRORS', 10, 1, 1000),
      maxNewEntriesPerPoll: intSetting(merged, 'CONVEY_MAX_NEW_ENTRIES_PER_POLL', 300, 1, 100_000),
      pageRetryHours: intSetting(merged, 'CONVEY_PAGE_RETRY_HOURS', 12, 1, 24 * 14),
      jobConcurrency: intSetting(merged, 'CONVEY_JOB_CONCURRENCY', 4, 1, 64),
      // One core stays for the event loop (fetching, writing, serving); the others extract, up to four.
      extractThreads: intSetting(merged, 'CONVEY_EXTRACT_THREADS', Math.min(4, availableParallelism() - 1), 0, 64),
      jobLeaseSeconds: intSetting(merged, 'CONVEY_JOB_LEASE_SECONDS', 60, 2, 3600),
      jobMaintenanceSeconds: intSetting(merged, 'CONVEY_JOB_MAINTENANCE_SECONDS', 30, 1, 3600),
      intervalSeconds: intSetting(merged, 'CONVEY_INGEST_INTERVAL_SECONDS', 30, 1, 3600),
    },
    comments: {
      enabled: merged.CONVEY_COMMENTS !== 'off',
      minSecondsToSubmit: intSetting(merged, 'CONVEY_COMMENT_MIN_SECONDS', 3, 0, 3600),
      maxLinks: intSetting(merged, 'CONVEY_COMMENT_MAX_LINKS', 2, 1, 100),
      holdKeywords: listSetting(merged.CONVEY_COMMENT_HOLD_WORDS),
      holdAll: merged.CONVEY_COMMENT_HOLD_ALL === 'on',
      denyKeywords: listSetting(merged.CONVEY_COMMENT_DENY_WORDS),
      trustedProxies: listSetting(merged.CONVEY_TRUSTED_PROXIES),
      akismet: akismetSetting(merged.CONVEY_AKISMET_KEY, merged.CONVEY_AKISMET_URL),
    },
    mail: mailSetting(merged, siteUrl),
    pageCacheEntries: intSetting(merged, 'CONVEY_PAGE_CACHE_ENTRIES', 2000, 0, 1_000_000),
    mediaUrl: mediaUrlSetting(merged.CONVEY_MEDIA_URL, resolve(cwd, merged.CONVEY_DATA_DIR || 'data', 'media')),
    logLevel: merged.LOG_LEVEL || 'info',
  };
}

function mailSetting(env: Env, siteUrl: string): MailConfig {
  try {
    const mail = loadMailConfig(env, siteUrl);
    // Mailed links (unsubscribe, a commenter's data) must still work after a restart.
    if (mail.smtpUrl && !env.CONVEY_SECRET) throw new ConfigError(`CONVEY_SECRET is required with CONVEY_SMTP_URL (mailed links are signed with it); ${GENERATE_HINT}`);
    return mail;
  } catch (error) {
    if (error instanceof MailConfigError) throw new ConfigError(error.message);
    throw error;
  }
}

/**
 * On PostgreSQL more than one process may serve the site, and each must sign and check comment form tokens and
 * commenter cookies with the same secret: a secret made up per process would refuse the other processes' forms.
 */
export function requireSharedSecret(config: Pick<Config, 'databaseUrl' | 'secretGiven'>): void {
  if (/^postgres(ql)?:\/\//.test(config.databaseUrl) && !config.secretGiven) {
    throw new ConfigError(
      'CONVEY_SECRET is required with a PostgreSQL store (several processes must sign comment forms with one secret); generate one with: openssl rand -base64 32',
    );
  }
}

// Each of these refuses at start what would otherwise fail later, on a reader's request or at publish time.

function disclaimerSetting(raw: string | undefined): string {
  // The default text is kept once, with the other templates.
  if (!raw) return DEFAULT_DISCLAIMER_TEMPLATE;
  // The disclaimer exists to name this site; without {site} every article would be held at publish time.
  if (!templatePlaceholders(raw).includes('site')) {
    throw new ConfigError('CONVEY_DISCLAIMER must contain {site} (the place where the site\'s name goes)');
  }
  return raw;
}

/** Whether the runtime knows this IANA time zone ("Europe/Berlin", "UTC"). */
function isTimeZone(name: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

function mediaUrlSetting(raw: string | undefined, defaultPath: string): string {
  const url = raw?.trim() || `file:${defaultPath}`;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url) && !/^(file|s3):\/\//i.test(url)) {
    throw new ConfigError(`CONVEY_MEDIA_URL must be file:<path>, a path, or s3://bucket[/prefix], got "${raw}"`);
  }
  if (/^s3:\/\/(\/|$)/i.test(url)) throw new ConfigError(`CONVEY_MEDIA_URL names no bucket: "${raw}"`);
  return url;
}

function timeZoneSetting(raw: string | undefined): string {
  const zone = raw?.trim() || 'UTC';
  if (!isTimeZone(zone)) throw new ConfigError(`CONVEY_SITE_TIMEZONE must be an IANA time zone such as Europe/Berlin or UTC, got "${raw}"`);
  return zone;
}

function secretSetting(raw: string | undefined): string {
  if (!raw) return cryptoRandom();
  if (Buffer.byteLength(raw, 'utf8') < MIN_SECRET_BYTES) {
    throw new ConfigError(`CONVEY_SECRET must be at least ${MIN_SECRET_BYTES} bytes long; ${GENERATE_HINT}`);
  }
  return raw;
}

function adminTokenSetting(raw: string | undefined): string | null {
  if (!raw) return null;
  if (raw.length < MIN_ADMIN_TOKEN_CHARS) {
    throw new ConfigError(`CONVEY_ADMIN_TOKEN must be at least ${MIN_ADMIN_TOKEN_CHARS} characters long; ${GENERATE_HINT}`);
  }
  return raw;
}

function cryptoRandom(): string {
  return globalThis.crypto.randomUUID() + globalThis.crypto.randomUUID();
}
