// The in-process cache of rendered public pages. A page is kept as the route answered it (status, headers,
// body) and served again until the store says that something a page shows has changed; then every page goes
// at once (`invalidate`). Emptying all of it is exact and cheap: the pages share what they show (the latest
// articles, a source's list, related stories), the cache refills on demand, and writes that change pages
// (publications, approved comments) are rare against reads.
//
// Which requests it serves (`cacheDecision`): GET of a public route that says so itself (`Cache-Control:
// public`), without a cookie that may change the page, and with no query parameter but those the cache
// knows to key on. Anything else goes to the route as before.
import type { Context, MiddlewareHandler } from 'hono';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { routePath } from 'hono/route';
import { SECURITY_HEADERS } from './security-headers.js';

export interface CachedPage {
  status: number;
  /** The route's own headers (the app's middleware adds the rest on the way out). */
  headers: Record<string, string>;
  /** Encoded once, when stored: a hit writes the bytes as they are. */
  body: Uint8Array;
  etag: string | null;
  /** The route that rendered it (`/articles/:slug`), for the request metrics of a hit. */
  route: string;
  bytes: number;
  storedAt: number;
}

export interface PageCacheOptions {
  /** Pages kept at most (the least recently used go first). */
  maxEntries?: number;
  /** Bytes of bodies kept at most. */
  maxBytes?: number;
  /** A page older than this is rendered anew even without a change (a bound on anything the triggers miss). */
  maxAgeMs?: number;
  /** The clock (tests move it). */
  now?: () => number;
}

export interface PageCacheStats {
  hits: number;
  misses: number;
  invalidations: number;
  entries: number;
  bytes: number;
}

export class PageCache {
  private readonly entries = new Map<string, CachedPage>();
  private readonly maxEntries: number;
  private readonly maxBytes: number;
  private readonly maxAgeMs: number;
  private readonly now: () => number;
  private bytes = 0;
  private generation = 0;
  private available = true;
  private readonly checks: (() => void)[] = [];
  private readonly invalidationListeners = new Set<() => void>();
  readonly stats = { hits: 0, misses: 0, invalidations: 0 };

  constructor(options: PageCacheOptions = {}) {
    this.maxEntries = options.maxEntries ?? 2_000;
    this.maxBytes = options.maxBytes ?? 64 * 1024 * 1024;
    this.maxAgeMs = options.maxAgeMs ?? 10 * 60_000;
    this.now = options.now ?? Date.now;
  }

  /** Runs before each lookup: an invalidation source that polls (the SQLite counter) checks here. */
  addCheck(check: () => void): void {
    this.checks.push(check);
  }

  /**
   * While an invalidation source cannot hear changes (PostgreSQL's listening connection is down) nothing is
   * served from the cache nor stored in it: a missed notification must not leave a stale page.
   */
  setAvailable(available: boolean): void {
    if (available === this.available) return;
    this.available = available;
    this.invalidate();
  }

  isAvailable(): boolean {
    return this.available;
  }

  /** Forgets every page. A render under way when this happens is not stored (it may have read the old rows). */
  invalidate(): void {
    this.generation++;
    this.stats.invalidations++;
    this.entries.clear();
    this.bytes = 0;
    for (const listener of this.invalidationListeners) listener();
  }

  /** Calls `listener` after each invalidation (the site's settings are read again then); returns the way to stop. */
  onInvalidate(listener: () => void): () => void {
    this.invalidationListeners.add(listener);
    return () => this.invalidationListeners.delete(listener);
  }

  /** The moment a render starts: `store` keeps its result only if nothing changed since. */
  begin(): number {
    for (const check of this.checks) check();
    return this.generation;
  }

  get(key: string): CachedPage | null {
    if (!this.available) return null;
    const page = this.entries.get(key);
    if (!page) return null;
    if (this.now() - page.storedAt > this.maxAgeMs) {
      this.remove(key, page);
      return null;
    }
    // Most recently used last: Map keeps insertion order, so the first key is the one to drop.
    this.entries.delete(key);
    this.entries.set(key, page);
    return page;
  }

  store(key: string, generation: number, page: Omit<CachedPage, 'storedAt' | 'bytes'>): boolean {
    if (!this.available || generation !== this.generation) return false;
    const bytes = page.body.byteLength;
    if (bytes > this.maxBytes) return false;
    const old = this.entries.get(key);
    if (old) this.remove(key, old);
    this.entries.set(key, { ...page, bytes, storedAt: this.now() });
    this.bytes += bytes;
    while (this.entries.size > this.maxEntries || this.bytes > this.maxBytes) {
      const [oldestKey, oldest] = this.entries.entries().next().value as [string, CachedPage];
      this.remove(oldestKey, oldest);
    }
    return true;
  }

  snapshot(): PageCacheStats {
    return { ...this.stats, entries: this.entries.size, bytes: this.bytes };
  }

  private remove(key: string, page: CachedPage): void {
    this.entries.delete(key);
    this.bytes -= page.bytes;
  }
}

/** Paths never served from the cache, whatever their headers say. */
const NEVER_CACHED = /^\/(?:admin|api|health|ready|metrics)(?:\/|$)/;
/** Cookies of this site may carry a person (the commenter's proof, an edit link): such requests are personal. */
export const PERSONAL_COOKIE_PREFIX = 'convey_';
/** The query parameters that select a page and so form part of its key; any other sends the request past the cache. */
export const KEYED_QUERY_PARAMS = new Set(['page', 'cpage']);

export type CacheDecision = { kind: 'shared'; key: string } | { kind: 'personal' } | { kind: 'pass' };

export function cacheDecision(c: Context): CacheDecision {
  return decide(c.req.method, c.req.path, c.req.url, c.req.header('cookie'));
}

/** The decision from the request's parts: `url` is the whole target (the query is read from it). */
export function decide(method: string, path: string, url: string, cookies: string | undefined): CacheDecision {
  if (method !== 'GET' || NEVER_CACHED.test(path)) return { kind: 'pass' };
  if (cookies && hasPersonalCookie(cookies)) return { kind: 'personal' };
  const q = url.indexOf('?');
  if (q === -1 || q === url.length - 1) return { kind: 'shared', key: path };
  const params = [...new URLSearchParams(url.slice(q + 1)).entries()];
  if (params.some(([name]) => !KEYED_QUERY_PARAMS.has(name))) return { kind: 'pass' };
  params.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return { kind: 'shared', key: `${path}?${new URLSearchParams(params).toString()}` };
}

function hasPersonalCookie(header: string): boolean {
  return header.split(';').some((pair) => pair.trimStart().startsWith(PERSONAL_COOKIE_PREFIX));
}

/** Statuses worth keeping: the page itself and an article's withdrawn notice. */
const CACHED_STATUSES = new Set([200, 410]);

function isPublic(cacheControl: string | null): boolean {
  return cacheControl !== null && /(^|,)\s*public\s*(,|$)/i.test(cacheControl) && !/no-store|private/i.test(cacheControl);
}

function matches(ifNoneMatch: string | undefined, etag: string | null): boolean {
  if (!ifNoneMatch || !etag) return false;
  const bare = etag.replace(/^W\//, '');
  return ifNoneMatch.split(',').some((tag) => tag.trim() === '*' || tag.trim().replace(/^W\//, '') === bare);
}

/** The page from the cache, or 304 when the client holds it already. */
function answer(c: Context, page: CachedPage): Response {
  if (matches(c.req.header('if-none-match'), page.etag)) {
    const { 'content-type': _type, 'content-length': _length, ...headers } = page.headers;
    return new Response(null, { status: 304, headers: { ...headers, 'x-cache': 'hit' } });
  }
  // Plain headers and bytes: the Node adapter writes such a response without building a fetch Response.
  return new Response(page.body, { status: page.status, headers: { ...page.headers, 'x-cache': 'hit' } });
}

/**
 * The middleware. Personal requests are rendered for the person and marked `private`, so that no shared
 * cache (a CDN, a proxy) keeps them either.
 */
export function pageCacheMiddleware(cache: PageCache): MiddlewareHandler {
  return async (c, next) => {
    const decision = cacheDecision(c);
    if (decision.kind === 'pass') return next();
    if (decision.kind === 'personal') {
      await next();
      if (isPublic(c.res.headers.get('cache-control'))) {
        c.res.headers.set('Cache-Control', 'private, no-cache');
        c.res.headers.append('Vary', 'Cookie');
      }
      return;
    }
    const generation = cache.begin();
    const hit = cache.get(decision.key);
    if (hit) {
      cache.stats.hits++;
      c.res = answer(c, hit);
      return;
    }
    cache.stats.misses++;
    await next();
    const res = c.res;
    if (!CACHED_STATUSES.has(res.status) || !isPublic(res.headers.get('cache-control')) || res.headers.has('set-cookie')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    const headers = Object.fromEntries(res.headers.entries());
    cache.store(decision.key, generation, { status: res.status, headers, body, etag: res.headers.get('etag'), route: routePath(c) });
    c.res = new Response(body, { status: res.status, headers: { ...headers, 'x-cache': 'miss' } });
  };
}

/** The security headers in the lower case `Headers` gives, for a page stored without them. */
const SECURITY_DEFAULTS = Object.fromEntries(Object.entries(SECURITY_HEADERS).map(([name, value]) => [name.toLowerCase(), value]));

/** A page's headers as written on the wire, built once per page (a hit only writes them). */
const wired = new WeakMap<CachedPage, { full: string[]; notModified: string[] }>();
function wireHeaders(page: CachedPage): { full: string[]; notModified: string[] } {
  let prepared = wired.get(page);
  if (!prepared) {
    const all: Record<string, string> = { ...SECURITY_DEFAULTS, ...page.headers, 'x-cache': 'hit', 'content-length': String(page.body.byteLength) };
    const flat = (skip: Set<string>) => Object.entries(all).filter(([name]) => !skip.has(name.toLowerCase())).flat();
    prepared = { full: flat(new Set()), notModified: flat(new Set(['content-type', 'content-length'])) };
    wired.set(page, prepared);
  }
  return prepared;
}

/** The context key under which a hit names the route that rendered the page (the request metrics read it). */
export const CACHED_ROUTE = 'convey.cachedRoute';

/**
 * The same cache, read before the HTTP framework: a hit is written straight to the socket with the headers
 * the app would add (security headers), and measured under its route. Returns false for anything else,
 * which then goes through the app as usual (and fills the cache on a miss).
 */
export function serveFromCache(cache: PageCache, req: IncomingMessage, res: ServerResponse, observe: (route: string, status: number, seconds: number) => void): boolean {
  const started = process.hrtime.bigint();
  const target = req.url ?? '';
  if (req.method !== 'GET' || !target.startsWith('/')) return false;
  const q = target.indexOf('?');
  const decision = decide('GET', q === -1 ? target : target.slice(0, q), target, req.headers.cookie);
  if (decision.kind !== 'shared') return false;
  cache.begin();
  const page = cache.get(decision.key);
  if (!page) return false;
  cache.stats.hits++;
  const notModified = matches(req.headers['if-none-match'], page.etag);
  const prepared = wireHeaders(page);
  if (notModified) res.writeHead(304, prepared.notModified).end();
  else res.writeHead(page.status, prepared.full).end(page.body);
  observe(page.route, notModified ? 304 : page.status, Number(process.hrtime.bigint() - started) / 1e9);
  return true;
}
