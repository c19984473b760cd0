// How a web process learns that its cached pages are out of date, from whichever process wrote.
// - Its own writes, at once: a Kysely plugin on the app's store sees every INSERT/UPDATE/DELETE it runs.
// - Other processes' writes: on PostgreSQL the triggers' NOTIFY, heard on a dedicated connection that
//   reconnects (the cache serves nothing while it is down); on SQLite the triggers' change counter, read at
//   most once a second (and right after this process wrote).
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Store } from '../store/database.js';
import { PAGE_CHANGES_CHANNEL, PAGE_TABLES, sqliteChangeCounter } from '../store/page-changes.js';
import { PageCache, type PageCacheOptions } from './page-cache.js';

/** How the listening connection names itself to PostgreSQL (pg_stat_activity). */
export const PAGE_CACHE_APPLICATION_NAME = 'convey-page-cache';

const PAGE_TABLE_NAMES = new Set(PAGE_TABLES.map((t) => t.table));

/** The table a write statement writes to, or null for a read (or a statement it cannot tell). */
export function writtenTable(node: RootOperationNode): string | null {
  const n = node as unknown as Record<string, unknown> & { kind: string };
  let target: unknown = null;
  if (n.kind === 'InsertQueryNode') target = n.into;
  else if (n.kind === 'UpdateQueryNode') target = n.table;
  else if (n.kind === 'DeleteQueryNode') target = (n.from as { froms?: unknown[] } | undefined)?.froms?.[0];
  else if (n.kind === 'RawNode') {
    const text = ((n.sqlFragments as string[] | undefined) ?? []).join(' ');
    const match = /^\s*(?:insert\s+into|update|delete\s+from)\s+"?([a-z_][a-z0-9_]*)"?/i.exec(text);
    return match ? match[1].toLowerCase() : null;
  } else return null;
  const table = (target as { kind?: string; node?: unknown } | null)?.kind === 'AliasNode' ? (target as { node: unknown }).node : target;
  const name = (table as { kind?: string; table?: { identifier?: { name?: string } } } | null)?.table?.identifier?.name;
  return typeof name === 'string' ? name : null;
}

/** Calls `onWrite` after each write statement this Kysely instance runs (after it ran: an autocommit has committed). */
export class WriteWatcher implements KyselyPlugin {
  private readonly pending = new WeakMap<object, string>();
  constructor(private readonly onWrite: (table: string) => void) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const table = writtenTable(args.node);
    if (table) this.pending.set(args.queryId, table);
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const table = this.pending.get(args.queryId);
    if (table) {
      this.pending.delete(args.queryId);
      this.onWrite(table);
    }
    return args.result;
  }
}

export interface PageCacheRuntime {
  cache: PageCache;
  /** The plugin to put on the app's store, so that the app's own writes are seen at once. */
  watcher: WriteWatcher;
  /** Resolves once the cache can serve (PostgreSQL: listening). */
  ready: Promise<void>;
  close(): Promise<void>;
}

export interface PageCacheRuntimeOptions extends PageCacheOptions {
  /** SQLite: how often the change counter is read when this process has not written (ms). */
  counterIntervalMs?: number;
  /** PostgreSQL: the first wait before reconnecting the listener (doubles up to 30 s). */
  reconnectMs?: number;
  /** PostgreSQL: how often the listening connection is checked alive (a silent network is not an error). */
  pingMs?: number;
  log?: (message: string) => void;
}

export function startPageCache(store: Store, options: PageCacheRuntimeOptions = {}): PageCacheRuntime {
  const cache = new PageCache(options);
  const log = options.log ?? ((message: string) => console.error(message));
  if (store.dialect === 'sqlite') return sqliteRuntime(store, cache, options);
  const listener = listenPostgres(store.url, cache, { reconnectMs: options.reconnectMs ?? 500, pingMs: options.pingMs ?? 10_000, log });
  const watcher = new WriteWatcher((table) => {
    if (PAGE_TABLE_NAMES.has(table)) cache.invalidate();
  });
  return { cache, watcher, ready: listener.ready, close: listener.close };
}

function sqliteRuntime(store: Store, cache: PageCache, options: PageCacheRuntimeOptions): PageCacheRuntime {
  const read = sqliteChangeCounter(store);
  const interval = options.counterIntervalMs ?? 1000;
  const now = options.now ?? Date.now;
  let wrote = false;
  if (!read) {
    // No counter (a store not migrated): nothing could tell the cache about other processes' writes.
    cache.setAvailable(false);
  } else {
    let last = read();
    let checkedAt = now();
    cache.addCheck(() => {
      if (!wrote && now() - checkedAt < interval) return;
      wrote = false;
      checkedAt = now();
      const value = read();
      if (value !== last) {
        last = value;
        cache.invalidate();
      }
    });
  }
  const watcher = new WriteWatcher(() => {
    wrote = true;
  });
  return { cache, watcher, ready: Promise.resolve(), close: async () => undefined };
}

function listenPostgres(url: string, cache: PageCache, options: { reconnectMs: number; pingMs: number; log: (m: string) => void }) {
  type Client = import('pg').Client;
  let client: Client | null = null;
  let closed = false;
  let delay = options.reconnectMs;
  let retry: NodeJS.Timeout | null = null;
  let ping: NodeJS.Timeout | null = null;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  cache.setAvailable(false);

  const lost = (current: Client, reason: string) => {
    if (client !== current) return;
    client = null;
    if (ping) clearInterval(ping);
    cache.setAvailable(false);
    current.end().catch(() => undefined);
    if (closed) return;
    options.log(`page cache: listening for changes lost (${reason}); pages are rendered uncached until it reconnects`);
    retry = setTimeout(connect, delay);
    delay = Math.min(delay * 2, 30_000);
  };

  async function connect(): Promise<void> {
    retry = null;
    if (closed) return;
    const pg = await import('pg');
    const current = new pg.default.Client({ connectionString: url, application_name: PAGE_CACHE_APPLICATION_NAME, keepAlive: true, connectionTimeoutMillis: 5_000, query_timeout: 5_000 });
    client = current;
    current.on('error', (error) => lost(current, error.message));
    current.on('end', () => lost(current, 'connection ended'));
    try {
      await current.connect();
      const schema = (await current.query<{ schema: string }>('select current_schema() as schema')).rows[0]?.schema;
      current.on('notification', (message) => {
        if (message.channel === PAGE_CHANGES_CHANNEL && message.payload === schema) cache.invalidate();
      });
      await current.query(`listen ${PAGE_CHANGES_CHANNEL}`);
      if (client !== current || closed) return;
      delay = options.reconnectMs;
      // Whatever was written while nobody listened is unknown: the cache starts empty (setAvailable empties it).
      cache.setAvailable(true);
      markReady();
      ping = setInterval(() => {
        current.query('select 1').catch((error: Error) => lost(current, error.message));
      }, options.pingMs);
      ping.unref();
    } catch (error) {
      lost(current, (error as Error).message);
    }
  }
  void connect();

  return {
    ready,
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      if (ping) clearInterval(ping);
      const current = client;
      client = null;
      cache.setAvailable(false);
      await current?.end().catch(() => undefined);
    },
  };
}
