/**
 * Polite polling: when to fetch a feed next, when to give up on it, and when to re-check a published article.
 * Pure functions: the clock and any jitter come in as arguments.
 */

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const DAY_MS = 24 * HOUR_MS;

export const DEFAULT_MAX_INTERVAL_MINUTES = 24 * 60;
export const DEFAULT_DISABLE_THRESHOLD = 10;
/** Jitter adds at most this share of the interval, so feeds polled together drift apart. */
export const JITTER_SHARE = 0.1;

export interface PollInputs {
  now: Date;
  baseIntervalMinutes: number;
  /** Upper bound on any interval, back-off included; default 24 h. */
  maxIntervalMinutes?: number;
  /** RSS `<ttl>`. */
  ttlMinutes?: number | null;
  /** `sy:updatePeriod` × `sy:updateFrequency`, already converted to minutes. */
  updatePeriodMinutes?: number | null;
  /** Response headers of the last fetch (any case): Cache-Control, Expires, Retry-After, Date, Age. */
  headers?: Record<string, string>;
  consecutiveErrors: number;
  /** Returns a number in [0, 1); when given, up to 10 % of the interval is added. Omit for no jitter. */
  jitter?: () => number;
}

function positive(value: number | null | undefined): number | null {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

function lowerCaseKeys(headers: Record<string, string> | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers ?? {})) out[name.toLowerCase()] = String(value);
  return out;
}

function parseHttpDate(value: string | undefined): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  // Date.parse accepts bare numbers ("0", "3600") as years; HTTP dates always contain letters.
  if (!/[a-z]/i.test(trimmed)) return null;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? null : ms;
}

/** The server's clock when it answered; lets us read Expires and Retry-After dates without our clock skew. */
function serverNow(headers: Record<string, string>, now: Date): number {
  return parseHttpDate(headers['date']) ?? now.getTime();
}

/** Freshness left according to Cache-Control max-age (minus Age), in minutes; null when none. */
export function cacheControlMinutes(headers: Record<string, string>): number | null {
  const cacheControl = lowerCaseKeys(headers)['cache-control'];
  if (!cacheControl) return null;
  const match = /(?:^|[,\s])max-age\s*=\s*"?(\d+)"?/i.exec(cacheControl);
  if (!match) return null;
  const age = Number(lowerCaseKeys(headers)['age'] ?? 0);
  const seconds = Number(match[1]) - (Number.isFinite(age) && age > 0 ? age : 0);
  return seconds > 0 ? seconds / 60 : null;
}

/** Minutes until Expires, measured on the server's clock when it sent a Date; null when absent or past. */
export function expiresMinutes(headers: Record<string, string>, now: Date): number | null {
  const h = lowerCaseKeys(headers);
  const expires = parseHttpDate(h['expires']);
  if (expires === null) return null;
  const minutes = (expires - serverNow(h, now)) / MINUTE_MS;
  return minutes > 0 ? minutes : null;
}

/** Minutes the server asked us to wait (Retry-After: seconds or an HTTP date); null when absent or invalid. */
export function retryAfterMinutes(headers: Record<string, string>, now: Date): number | null {
  const h = lowerCaseKeys(headers);
  const value = h['retry-after']?.trim();
  if (!value) return null;
  if (/^\d+$/.test(value)) {
    const seconds = Number(value);
    return seconds > 0 ? seconds / 60 : null;
  }
  const at = parseHttpDate(value);
  if (at === null) return null;
  const minutes = (at - serverNow(h, now)) / MINUTE_MS;
  return minutes > 0 ? minutes : null;
}

/** The back-off for a failing feed: base · 2^(errors − 1), capped at max; zero when there are no errors. */
export function backoffMinutes(baseMinutes: number, consecutiveErrors: number, maxMinutes: number): number {
  if (!(consecutiveErrors > 0)) return 0;
  // 2^1024 is Infinity, which Math.min handles; the exponent needs no guard.
  return Math.min(baseMinutes * 2 ** (Math.floor(consecutiveErrors) - 1), maxMinutes);
}

/**
 * When to poll a feed next: the largest of the base interval, the feed's own hints (ttl, sy:updatePeriod), the
 * HTTP caching headers (Cache-Control max-age, Expires), Retry-After and the error back-off; never more than max.
 */
export function nextPollAt(i: PollInputs): Date {
  const max = positive(i.maxIntervalMinutes) ?? DEFAULT_MAX_INTERVAL_MINUTES;
  const base = Math.min(positive(i.baseIntervalMinutes) ?? 60, max);
  const headers = lowerCaseKeys(i.headers);
  const candidates = [
    base,
    positive(i.ttlMinutes),
    positive(i.updatePeriodMinutes),
    cacheControlMinutes(headers),
    expiresMinutes(headers, i.now),
    retryAfterMinutes(headers, i.now),
    backoffMinutes(base, i.consecutiveErrors, max),
  ].filter((m): m is number => m !== null);
  let minutes = Math.min(Math.max(...candidates), max);
  if (i.jitter) {
    const share = Math.min(Math.max(i.jitter(), 0), 1) * JITTER_SHARE;
    minutes = Math.min(minutes * (1 + share), max);
  }
  return new Date(i.now.getTime() + Math.round(minutes * MINUTE_MS));
}

/** A feed that failed this many times in a row is disabled until someone looks at it (threshold ≤ 0: never). */
export function shouldDisable(consecutiveErrors: number, threshold: number = DEFAULT_DISABLE_THRESHOLD): boolean {
  return threshold > 0 && consecutiveErrors >= threshold;
}

/** Re-check steps by the article's age: [age below which the step applies, step]. */
const ARTICLE_CHECK_STEPS: [number, number][] = [
  [6 * HOUR_MS, 30 * MINUTE_MS],
  [DAY_MS, HOUR_MS],
  [7 * DAY_MS, 12 * HOUR_MS],
  [30 * DAY_MS, DAY_MS],
];
const ARTICLE_CHECK_END_MS = 30 * DAY_MS;

/**
 * When to look at a published article again for corrections, updates or withdrawal: every 30 min in its first
 * 6 h, hourly to 24 h, every 12 h to a week, daily to 30 days, then never (null). The last check falls on the
 * 30-day mark rather than past it.
 */
export function nextArticleCheckAt(publishedAt: Date, now: Date): Date | null {
  const published = publishedAt.getTime();
  // A date in the future (clock skew, scheduled posts) counts as just published.
  const age = Math.max(0, now.getTime() - published);
  if (age >= ARTICLE_CHECK_END_MS) return null;
  const step = ARTICLE_CHECK_STEPS.find(([below]) => age < below)?.[1] ?? DAY_MS;
  // age < 30 days, so the end mark is still ahead of now.
  return new Date(Math.min(now.getTime() + step, published + ARTICLE_CHECK_END_MS));
}
