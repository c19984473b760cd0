// PostgreSQL parses, analyses and plans every unnamed statement anew: for the short statements of an ingest that
// was about 40 % of the database's time (measured with log_min_duration_statement while the ingest benchmark
// ran). A client made here names each statement it sees with parameters, per connection, so that PostgreSQL
// parses it once per connection and keeps its plan (custom plans first, a generic plan once it is no worse:
// PostgreSQL's own rule for prepared statements).
import type pg from 'pg';

type PgClientClass = typeof pg.Client;
type Callback = (error: Error | null, result?: unknown) => void;

/** Statements kept per connection: the queries of the whole application fit; lists of many lengths do not. */
export const NAMED_STATEMENTS_PER_CONNECTION = 200;

/**
 * A prepared statement of a table whose columns changed since (a migration by another process: `select *`
 * then returns other columns) fails once with "cached plan must not change result type"; one that is gone
 * (a connection pooler reset the session) fails with "prepared statement … does not exist". Both are safe to
 * send again under a new name.
 */
function isStaleStatement(error: unknown): boolean {
  const { code, routine } = (error ?? {}) as { code?: string; routine?: string };
  return (code === '0A000' && routine === 'RevalidateCachedQuery') || code === '26000';
}

/**
 * A node-postgres client class whose parameterised queries are named prepared statements. Queries without
 * parameters (transaction control, schema changes, several statements in one text) go as they are. A stale
 * statement is sent again under a new name when no transaction is open; inside one the transaction has failed
 * already, so the error goes to the caller (whose job is retried), and the next use gets the new name.
 */
export function withNamedStatements(Client: PgClientClass, limit = NAMED_STATEMENTS_PER_CONNECTION): PgClientClass {
  return class extends Client {
    private readonly names = new Map<string, string>();
    private nextName = 0;

    /**
     * Whether the connection was outside any transaction before the statement that failed: the server says so
     * with each answer, and the failed statement's own answer has not been read yet when its error is.
     */
    private outsideTransaction(): boolean {
      return (this as unknown as { getTransactionStatus?: () => string | null }).getTransactionStatus?.() === 'I';
    }

    private nameOf(text: string): string | null {
      let name = this.names.get(text);
      if (name === undefined) {
        if (this.names.size >= limit) return null;
        name = this.rename(text);
      }
      return name;
    }

    private rename(text: string): string {
      const name = `convey_${++this.nextName}`;
      this.names.set(text, name);
      return name;
    }

    override query(...args: unknown[]): never {
      const [text, values, callback] = args as [unknown, unknown, Callback | undefined];
      const name = typeof text === 'string' && Array.isArray(values) && values.length > 0 ? this.nameOf(text) : null;
      if (name === null || typeof text !== 'string') return (super.query as (...a: unknown[]) => never)(...args);
      const send = (statement: string, done?: Callback) => (super.query as (...a: unknown[]) => unknown)({ name: statement, text, values }, ...(done ? [done] : []));
      const again = (error: unknown): boolean => {
        if (!isStaleStatement(error)) return false;
        const retry = this.outsideTransaction();
        this.rename(text);
        return retry;
      };
      if (typeof callback === 'function') {
        send(name, (error, result) => {
          if (error && again(error)) send(this.names.get(text) as string, callback);
          else callback(error, result);
        });
        return undefined as never;
      }
      return (send(name) as Promise<unknown>).catch((error: unknown) => {
        if (again(error)) return send(this.names.get(text) as string);
        throw error;
      }) as never;
    }
  } as PgClientClass;
}
