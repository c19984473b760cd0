// Whether an error means the store cannot be reached right now (connection refused, dropped or timed out, the
// database shutting down or full of connections), as opposed to a bug or bad data. The site answers the first
// with 503 and Retry-After: the reader may come back; a bug stays a 500.

/** Socket errors: the database host is not reachable or the connection broke. */
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);

/** PostgreSQL SQLSTATEs of a server that is going away or cannot take another connection. */
const POSTGRES_UNAVAILABLE = new Set(['57P01', '57P02', '57P03', '53300']);

/** SQLite: another writer holds the file longer than the busy timeout. */
const SQLITE_BUSY = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT', 'SQLITE_BUSY_TIMEOUT']);

/** What node-postgres says when a connection cannot be had or is lost (it sets no code on these). */
const POSTGRES_CLIENT_MESSAGES = [
  /^timeout exceeded when trying to connect$/,
  /^Connection terminated( unexpectedly| due to connection timeout)?$/,
  /^Query read timeout$/,
  /^Client has encountered a connection error and is not queryable$/,
];

const MAX_CAUSES = 5;

export function isStoreUnavailable(error: unknown): boolean {
  let current: unknown = error;
  // An error may wrap the one that says what happened (`cause`); a few levels are enough, and a cycle ends.
  for (let depth = 0; depth < MAX_CAUSES && current instanceof Error; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') {
      if (NETWORK_CODES.has(code) || SQLITE_BUSY.has(code) || POSTGRES_UNAVAILABLE.has(code)) return true;
      // Class 08: connection exception.
      if (/^08[0-9A-Z]{3}$/.test(code)) return true;
    }
    if (POSTGRES_CLIENT_MESSAGES.some((pattern) => pattern.test(current instanceof Error ? current.message : ''))) return true;
    current = current.cause;
  }
  return false;
}
