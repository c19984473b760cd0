/**
 * The one HTTP client of Convey. Every outbound request goes through `HttpClient.fetch`, which:
 * - accepts only http(s) URLs without credentials;
 * - checks every address a host resolves to at connect time (custom `lookup`), for each redirect too;
 * - caps the whole request's time, the decoded body's size and the number of redirects;
 * - refuses 2xx answers whose content type does not fit the kind of request;
 * - sends conditional GET validators and reports 304 as `notModified`;
 * - keeps at most `perHostConcurrency` requests in flight per host name;
 * - keeps its connections open between requests to the same host and port, as browsers and crawlers do: the
 *   next page of a site reuses the connection, with no new TCP or TLS handshake. The pool is the client's own,
 *   so a connection reused was opened through this client's own guarded lookup and allow-list.
 */
import http from 'node:http';
import https from 'node:https';
import net from 'node:net';
import tls from 'node:tls';
import type { Readable } from 'node:stream';
import { conditionalRequestHeaders, validatorsFromResponse } from './conditional-get.js';
import { acceptHeaderFor, isAcceptedContentType, parseContentType, type AcceptKind } from './content-type.js';
import { ACCEPT_ENCODING, decodersFor } from './decode-body.js';
import { FetchError } from './fetch-error.js';
import { hostOf, parseFetchUrl, portOf } from './fetch-url.js';
import { BlockedAddressError, guardedLookup, systemResolver, type Resolver } from './guarded-lookup.js';
import { HostLimiter } from './host-limiter.js';
import { checkAddress, EMPTY_ALLOW_LIST, type AllowList } from './ssrf-guard.js';

export { FetchError, isFetchError, type FetchErrorCode } from './fetch-error.js';
export type { AcceptKind } from './content-type.js';
export type { AllowList } from './ssrf-guard.js';
export { parseFetchUrl } from './fetch-url.js';
export { systemResolver, type Resolver, type ResolvedAddress } from './guarded-lookup.js';

export interface FetchPolicy {
  allow?: AllowList;
  /** Whole request including redirects and body (time spent queued for a host slot excluded). */
  timeoutMs?: number;
  /** Cap on the decoded body. */
  maxBytes?: number;
  maxRedirects?: number;
  userAgent?: string;
  perHostConcurrency?: number;
  resolver?: Resolver;
  /** Extra certificate authorities to trust besides the system's (an internal CA, or a test certificate). */
  extraCa?: (string | Buffer)[];
}

export interface FetchRequest {
  accept?: AcceptKind;
  etag?: string | null;
  lastModified?: string | null;
  maxBytes?: number;
  timeoutMs?: number;
  method?: 'GET' | 'HEAD' | 'POST';
  /** A POST's body (an API call such as a spam check). A POST never follows a redirect: the redirect is answered as it is. */
  body?: { contentType: string; data: string };
}

export interface FetchResponse {
  url: string;
  status: number;
  headers: Record<string, string>;
  body: Buffer;
  contentType: string | null;
  charset: string | null;
  notModified: boolean;
  etag: string | null;
  lastModified: string | null;
  permanentRedirectTo: string | null;
}

export const DEFAULT_USER_AGENT = 'Convey/0.1 (+https://github.com/convey-news/convey)';
export const DEFAULT_TIMEOUT_MS = 20_000;
/** How long an idle connection is kept for the next request to its host. */
const IDLE_CONNECTION_MS = 4000;
export const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
export const DEFAULT_MAX_REDIRECTS = 5;
export const DEFAULT_PER_HOST_CONCURRENCY = 2;

const ALLOW_HINT = '. Operators can allow addresses with CONVEY_FETCH_ALLOW.';
const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const PERMANENT_REDIRECTS = new Set([301, 308]);

function flattenHeaders(headers: http.IncomingHttpHeaders): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

interface HopOptions {
  method: 'GET' | 'HEAD' | 'POST';
  body?: Buffer;
  headers: Record<string, string>;
  accept: AcceptKind;
  maxBytes: number;
  timeoutMs: number;
}

interface Hop {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

function describeNetworkError(err: unknown): string {
  if (err && typeof err === 'object') {
    const e = err as { code?: string; message?: string };
    if (e.code && e.message && !e.message.includes(e.code)) return `${e.code}: ${e.message}`;
    if (e.message) return e.message;
  }
  return String(err);
}

function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(bytes % 1024 === 0 ? 0 : 1)} KiB`;
  return `${bytes} bytes`;
}

export class HttpClient {
  private readonly allow: AllowList;
  private readonly timeoutMs: number;
  private readonly maxBytes: number;
  private readonly maxRedirects: number;
  private readonly userAgent: string;
  private readonly resolver: Resolver;
  private readonly limiter: HostLimiter;
  private readonly ca: (string | Buffer)[] | undefined;
  private readonly agents: { http: http.Agent; https: https.Agent };

  constructor(policy: FetchPolicy = {}) {
    this.allow = policy.allow ?? EMPTY_ALLOW_LIST;
    this.timeoutMs = policy.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.maxBytes = policy.maxBytes ?? DEFAULT_MAX_BYTES;
    this.maxRedirects = policy.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
    this.userAgent = policy.userAgent ?? DEFAULT_USER_AGENT;
    this.resolver = policy.resolver ?? systemResolver;
    this.limiter = new HostLimiter(policy.perHostConcurrency ?? DEFAULT_PER_HOST_CONCURRENCY);
    // Node's `ca` option replaces the system roots; keep them and add the extra ones.
    this.ca = policy.extraCa?.length ? [...tls.rootCertificates, ...policy.extraCa] : undefined;
    // An idle connection is closed after a few seconds, before most servers close theirs (often after 5 s), so that
    // a request seldom meets a connection the server is closing. Idle connections keep no process alive.
    const pooling = { keepAlive: true, timeout: IDLE_CONNECTION_MS, maxFreeSockets: 16 };
    this.agents = { http: new http.Agent(pooling), https: new https.Agent(pooling) };
  }

  /** Closes the connections kept open (they close by themselves when idle; this is for a client no longer used). */
  close(): void {
    this.agents.http.destroy();
    this.agents.https.destroy();
  }

  async fetch(url: string, req: FetchRequest = {}): Promise<FetchResponse> {
    const method = req.method ?? 'GET';
    const accept = req.accept ?? 'any';
    const maxBytes = req.maxBytes ?? this.maxBytes;
    const totalMs = req.timeoutMs ?? this.timeoutMs;
    const headers: Record<string, string> = {
      'user-agent': this.userAgent,
      accept: acceptHeaderFor(accept),
      'accept-encoding': ACCEPT_ENCODING,
      ...conditionalRequestHeaders({ etag: req.etag, lastModified: req.lastModified }),
    };
    const body = method === 'POST' && req.body ? Buffer.from(req.body.data, 'utf8') : undefined;
    if (body && req.body) {
      headers['content-type'] = req.body.contentType;
      headers['content-length'] = String(body.length);
    }

    let current = parseFetchUrl(url);
    let remainingMs = totalMs;
    let redirects = 0;
    let allPermanent = true;

    for (;;) {
      if (remainingMs <= 0) {
        throw new FetchError('timeout', current.href, `Timed out after ${totalMs} ms fetching ${current.href}`);
      }
      const release = await this.limiter.acquire(current.hostname);
      const started = Date.now();
      let hop: Hop;
      try {
        hop = await this.requestOnce(current, {
          method,
          body,
          headers,
          accept,
          maxBytes,
          timeoutMs: remainingMs,
        });
      } catch (err) {
        if (err instanceof FetchError && err.code === 'timeout') {
          throw new FetchError('timeout', current.href, `Timed out after ${totalMs} ms fetching ${current.href}`);
        }
        throw err;
      } finally {
        release();
        remainingMs -= Date.now() - started;
      }

      const location = hop.headers['location'];
      if (REDIRECT_STATUSES.has(hop.status) && location && method !== 'POST') {
        if (redirects >= this.maxRedirects) {
          throw new FetchError(
            'too-many-redirects',
            current.href,
            `More than ${this.maxRedirects} redirects fetching ${url} (last: ${current.href} → ${location})`,
          );
        }
        let next: URL;
        try {
          next = parseFetchUrl(location, current.href);
        } catch (err) {
          const reason = err instanceof Error ? err.message : String(err);
          throw new FetchError('bad-url', current.href, `Redirect from ${current.href} refused: ${reason}`);
        }
        allPermanent &&= PERMANENT_REDIRECTS.has(hop.status);
        redirects += 1;
        current = next;
        continue;
      }

      const { mediaType, charset } = parseContentType(hop.headers['content-type']);
      const validators = validatorsFromResponse(hop.status, hop.headers, {
        etag: req.etag,
        lastModified: req.lastModified,
      });
      return {
        url: current.href,
        status: hop.status,
        headers: hop.headers,
        body: hop.body,
        contentType: mediaType,
        charset,
        notModified: hop.status === 304,
        etag: validators.etag,
        lastModified: validators.lastModified,
        permanentRedirectTo: redirects > 0 && allPermanent ? current.href : null,
      };
    }
  }

  /** One request/response exchange, no redirect following. */
  private requestOnce(url: URL, options: HopOptions): Promise<Hop> {
    const href = url.href;
    const host = hostOf(url);
    const port = portOf(url);

    // An IP literal is never looked up, so Node connects to it directly: check it here.
    if (net.isIP(host) !== 0) {
      const verdict = checkAddress(host, port, this.allow);
      if (!verdict.ok) {
        return Promise.reject(new FetchError('blocked-address', href, `Refused to fetch ${href}: ${verdict.reason}${ALLOW_HINT}`));
      }
    }

    return new Promise<Hop>((resolve, reject) => {
      let settled = false;
      const streams: Readable[] = [];

      const cleanup = () => {
        clearTimeout(timer);
        for (const stream of streams) stream.destroy();
        request.destroy();
      };
      const fail = (err: FetchError) => {
        if (settled) return;
        settled = true;
        cleanup();
        reject(err);
      };
      const succeed = (hop: Hop) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve(hop);
      };
      const failNetwork = (err: unknown) => {
        if (err instanceof BlockedAddressError) {
          return fail(
            new FetchError('blocked-address', href, `Refused to fetch ${href}: ${err.message}${ALLOW_HINT}`, { cause: err }),
          );
        }
        fail(new FetchError('network', href, `Network error fetching ${href}: ${describeNetworkError(err)}`, { cause: err }));
      };

      const transport = url.protocol === 'https:' ? https : http;
      const request = transport.request(url, {
        method: options.method,
        headers: options.headers,
        agent: url.protocol === 'https:' ? this.agents.https : this.agents.http, // new connections through the guarded lookup
        lookup: guardedLookup(port, this.allow, this.resolver),
        ...(url.protocol === 'https:' && this.ca ? { ca: this.ca } : {}),
      });

      const timer = setTimeout(
        () => fail(new FetchError('timeout', href, `Timed out after ${options.timeoutMs} ms fetching ${href}`)),
        options.timeoutMs,
      );

      request.on('error', failNetwork);
      request.on('response', (res) => {
        streams.push(res);
        res.on('error', failNetwork);
        const status = res.statusCode ?? 0;
        const headers = flattenHeaders(res.headers);

        // A redirect's body is never read: the caller follows it or reports too many redirects.
        if (REDIRECT_STATUSES.has(status) && headers['location']) {
          res.destroy();
          return succeed({ status, headers, body: Buffer.alloc(0) });
        }
        if (status >= 200 && status < 300) {
          const { mediaType } = parseContentType(headers['content-type']);
          if (!isAcceptedContentType(options.accept, mediaType)) {
            return fail(
              new FetchError(
                'bad-content-type',
                href,
                `Unexpected content type ${mediaType} for a ${options.accept} request: ${href}`,
              ),
            );
          }
        }
        const bodyless = options.method === 'HEAD' || status === 204 || status === 304 || status < 200;
        if (bodyless) {
          res.resume();
          res.on('end', () => succeed({ status, headers, body: Buffer.alloc(0) }));
          return;
        }

        const declared = Number(headers['content-length']);
        const encoded = (headers['content-encoding'] ?? '').trim() !== '' && headers['content-encoding'] !== 'identity';
        if (!encoded && Number.isFinite(declared) && declared > options.maxBytes) {
          return fail(
            new FetchError(
              'too-large',
              href,
              `Body of ${href} is ${formatBytes(declared)}, over the ${formatBytes(options.maxBytes)} limit`,
            ),
          );
        }

        let decoded: Readable = res;
        try {
          for (const decoder of decodersFor(headers['content-encoding'])) {
            streams.push(decoder);
            decoder.on('error', (err) =>
              fail(new FetchError('network', href, `Could not decode the body of ${href}: ${err.message}`, { cause: err })),
            );
            decoded = decoded.pipe(decoder);
          }
        } catch (err) {
          return failNetwork(err);
        }

        const chunks: Buffer[] = [];
        let total = 0;
        decoded.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > options.maxBytes) {
            return fail(
              new FetchError(
                'too-large',
                href,
                `Body of ${href} exceeds the ${formatBytes(options.maxBytes)} limit` +
                  (encoded ? ' once decompressed' : ''),
              ),
            );
          }
          chunks.push(chunk);
        });
        decoded.on('end', () => {
          if (!res.complete) return failNetwork(new Error('connection closed before the body was complete'));
          succeed({ status, headers, body: Buffer.concat(chunks, total) });
        });
      });
      request.end(options.body);
    });
  }
}
