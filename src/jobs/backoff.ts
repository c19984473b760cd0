// When a failed job runs again: exponential back-off with full jitter (so that the retries of many jobs that
// failed together spread out), never sooner than the source asked (Retry-After), capped.

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 30_000, maxMs: 60 * 60_000 };

/** The delay before attempt `attempt + 1`, given that `attempt` (1-based) just failed. */
export function retryDelayMs(attempt: number, policy: BackoffPolicy = DEFAULT_BACKOFF, retryAfterMs: number | null = null, random = Math.random): number {
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(attempt - 1, 30));
  // Half fixed, half random: never much sooner than the exponential step, never all at once.
  const jittered = ceiling / 2 + (ceiling / 2) * random();
  return Math.round(Math.max(jittered, retryAfterMs ?? 0));
}
