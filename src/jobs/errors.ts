// How a job handler says what went wrong: a transient failure is retried later (at the earliest after
// `retryAfterMs`, e.g. the source's Retry-After), anything else thrown is final for that job.

export class RetryLaterError extends Error {
  constructor(message: string, readonly retryAfterMs: number | null = null) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/** Thrown by a handler that noticed it no longer owns its job: nothing is recorded, the new owner carries on. */
export class JobLostError extends Error {
  constructor(jobId: string) {
    super(`job ${jobId} is no longer ours`);
    this.name = 'JobLostError';
  }
}
