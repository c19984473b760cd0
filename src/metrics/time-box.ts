// Waiting on something that may never answer (a store whose connection hangs) for a bounded time.

export class TimedOutError extends Error {
  override name = 'TimedOutError';
}

/** Resolves as `work` does, or rejects with TimedOutError after `ms`; a late rejection of `work` is swallowed. */
export async function timeBox<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  work.catch(() => {}); // raced below; once the time is up nobody waits for it any more
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimedOutError(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}
