// How a web process learns that its cached pages are out of date, from whichever process wrote.
// - Its own writes (routes, an ingest running in the same process), at once: the store's write signal.
// - Other processes' writes: on PostgreSQL the triggers' NOTIFY, heard on a dedicated connection that
//   reconnects (the cache serves nothing while it is down); on SQLite the triggers' change counter, read at
//   most once a second (and right after this process wrote).
import { storeWrites, type Store } from '../store/database.js';
import { PAGE_CHANGES_CHANNEL, PAGE_TABLES, sqliteChangeCounter } from '../store/page-changes.js';
import { PageCache, type PageCacheOptions } from './page-cache.js';

/** How the listening connection names itself to PostgreSQL (pg_stat_activity). */
export const PAGE_CACHE_APPLICATION_NAME = 'convey-page-cache';

const PAGE_TABLE_NAMES = new Set(PAGE_TABLES.map((t) => t.table));

export interface PageCacheRuntime {
  cache: PageCache;
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
  const stop = storeWrites(store).subscribe((table) => {
    if (PAGE_TABLE_NAMES.has(table)) cache.invalidate();
  });
  return { cache, ready: listener.ready, close: async () => (stop(), await listener.close()) };
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
  // This process wrote: the counter is read on the next lookup, which tells whether a page changed.
  const stop = storeWrites(store).subscribe(() => {
    wrote = true;
  });
  return { cache, ready: Promise.resolve(), close: async () => void stop() };
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
