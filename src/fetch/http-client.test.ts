import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import zlib from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FetchError, HttpClient, type FetchPolicy, type Resolver } from './http-client.js';
import { parseAllowList } from './ssrf-guard.js';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

async function listen(handler: Handler, host = '127.0.0.1', port = 0): Promise<http.Server> {
  const server = http.createServer(handler);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  return server;
}

function portOf(server: http.Server): number {
  return (server.address() as AddressInfo).port;
}

async function close(server: http.Server | undefined): Promise<void> {
  if (!server) return;
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
}

async function expectFetchError(promise: Promise<unknown>, code: FetchError['code']): Promise<FetchError> {
  const err = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(FetchError);
  expect((err as FetchError).code).toBe(code);
  return err as FetchError;
}

/** A resolver that answers from a table and records every question. */
function tableResolver(table: Record<string, string[] | (() => string[])>): Resolver & { calls: string[] } {
  const calls: string[] = [];
  const resolver = async (hostname: string) => {
    calls.push(hostname);
    const entry = table[hostname];
    const addresses = typeof entry === 'function' ? entry() : entry;
    if (!addresses) throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    return addresses.map((address) => ({ address, family: (address.includes(':') ? 6 : 4) as 4 | 6 }));
  };
  return Object.assign(resolver, { calls });
}

// A small gzip bomb: 64 MiB of zeros compress to about 64 KiB.
const bomb = zlib.gzipSync(Buffer.alloc(64 * 1024 * 1024));
const page = '<!doctype html><title>Hello</title><p>Hello, world.</p>';

let inFlight = 0;
let maxInFlight = 0;
const seen: { path: string; headers: http.IncomingHttpHeaders }[] = [];

const routes: Record<string, Handler> = {
  '/page': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=UTF-8' });
    res.end(page);
  },
  '/feed': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' });
    res.end('<rss version="2.0"><channel><title>t</title></channel></rss>');
  },
  '/image': (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  },
  '/zip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/zip' });
    res.end('PK');
  },
  '/untyped': (_req, res) => {
    res.removeHeader('content-type');
    res.writeHead(200);
    res.end('<rss/>');
  },
  '/missing': (_req, res) => {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('gone fishing');
  },
  '/gone': (_req, res) => {
    res.writeHead(410, { 'content-type': 'application/octet-stream' });
    res.end();
  },
  '/gzip': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(zlib.gzipSync(page));
  },
  '/deflate': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    res.end(zlib.deflateSync(page));
  },
  '/deflate-raw': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'deflate' });
    res.end(zlib.deflateRawSync(page));
  },
  '/br': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'br' });
    res.end(zlib.brotliCompressSync(page));
  },
  '/compress': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'compress' });
    res.end('x');
  },
  '/bomb': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
    res.end(bomb);
  },
  '/big-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': String(2 * 1024 * 1024) });
    res.end(Buffer.alloc(2 * 1024 * 1024, 0x61));
  },
  '/big-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    for (let i = 0; i < 40; i++) res.write(Buffer.alloc(64 * 1024, 0x61));
    res.end();
  },
  '/hang': () => {
    // never answers
  },
  '/trickle': (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' });
    const timer = setInterval(() => res.write('.'), 50);
    res.on('close', () => clearInterval(timer));
  },
  '/cut': (req, res) => {
    res.writeHead(200, { 'content-type': 'text/html', 'content-length': '1000' });
    res.write('only a part', () => req.socket.destroy());
  },
  '/headers': (req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(req.headers));
  },
  '/conditional': (req, res) => {
    const etag = '"v1"';
    const lastModified = 'Tue, 03 Nov 2026 10:00:00 GMT';
    if (req.headers['if-none-match'] === etag || req.headers['if-modified-since'] === lastModified) {
      res.writeHead(304, { etag });
      res.end();
      return;
    }
    res.writeHead(200, { 'content-type': 'application/rss+xml', etag, 'last-modified': lastModified });
    res.end('<rss/>');
  },
  '/slow': (_req, res) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight -= 1;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('done');
    }, 60);
  },
};

let server: http.Server;
let other: http.Server;
let base: string;
let otherPort: number;

function redirectHandler(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const url = new URL(req.url ?? '/', base);
  // /redirect?status=301&to=<url>
  if (url.pathname === '/redirect') {
    res.writeHead(Number(url.searchParams.get('status') ?? 302), { location: url.searchParams.get('to') ?? '/page' });
    res.end('moved');
    return true;
  }
  // /pause-redirect?ms=150&to=<url>: answers the redirect after a pause
  if (url.pathname === '/pause-redirect') {
    setTimeout(() => {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/page' });
      res.end();
    }, Number(url.searchParams.get('ms') ?? 0));
    return true;
  }
  // /loop/n → /loop/n+1 forever
  const loop = /^\/loop\/(\d+)$/.exec(url.pathname);
  if (loop) {
    res.writeHead(302, { location: `/loop/${Number(loop[1]) + 1}` });
    res.end();
    return true;
  }
  return false;
}

beforeAll(async () => {
  server = await listen((req, res) => {
    seen.push({ path: req.url ?? '', headers: req.headers });
    if (redirectHandler(req, res)) return;
    const route = routes[new URL(req.url ?? '/', 'http://x').pathname];
    if (route) return route(req, res);
    res.writeHead(500);
    res.end();
  });
  base = `http://127.0.0.1:${portOf(server)}`;
  // An internal service on another loopback port, which the allow-list does not name.
  other = await listen((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end('internal secret');
  });
  otherPort = portOf(other);
});

afterAll(async () => {
  await close(server);
  await close(other);
});

/** A client that may reach the test server's port on 127.0.0.1, and nothing else internal. */
function client(policy: FetchPolicy = {}): HttpClient {
  return new HttpClient({ allow: parseAllowList(`127.0.0.1:${portOf(server)}`), ...policy });
}

describe('HttpClient: basics', () => {
  it('fetches a page and reports type, charset, headers and final URL', async () => {
    const res = await client().fetch(`${base}/page`, { accept: 'html' });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/page`);
    expect(res.body.toString('utf8')).toBe(page);
    expect(res.contentType).toBe('text/html');
    expect(res.charset).toBe('utf-8');
    expect(res.headers['content-type']).toBe('text/html; charset=UTF-8');
    expect(res.notModified).toBe(false);
    expect(res.permanentRedirectTo).toBeNull();
  });

  it('sends a clear User-Agent, an Accept for the kind and Accept-Encoding', async () => {
    const res = await client().fetch(`${base}/headers`, { accept: 'any' });
    const headers = JSON.parse(res.body.toString('utf8')) as Record<string, string>;
    expect(headers['user-agent']).toBe('Convey/0.1 (+https://github.com/convey-news/convey)');
    expect(headers['accept-encoding']).toBe('gzip, deflate, br');
    expect(headers['accept']).toBe('*/*');
    const custom = await client({ userAgent: 'Test/1' }).fetch(`${base}/headers`);
    expect(JSON.parse(custom.body.toString('utf8'))['user-agent']).toBe('Test/1');
  });

  it('returns error statuses instead of throwing', async () => {
    const missing = await client().fetch(`${base}/missing`, { accept: 'feed' });
    expect(missing.status).toBe(404);
    expect(missing.body.toString()).toBe('gone fishing');
    // Content types are only checked on 2xx answers.
    const gone = await client().fetch(`${base}/gone`, { accept: 'html' });
    expect(gone.status).toBe(410);
  });

  it('supports HEAD', async () => {
    const res = await client().fetch(`${base}/page`, { method: 'HEAD', accept: 'html' });
    expect(res.status).toBe(200);
    expect(res.body.length).toBe(0);
    expect(res.contentType).toBe('text/html');
  });
});

describe('HttpClient: URLs', () => {
  const bad = ['ftp://example.com/feed', 'file:///etc/passwd', 'javascript:alert(1)', 'not a url', '/relative/path'];
  it.each(bad)('refuses %s as bad-url', async (url) => {
    const err = await expectFetchError(client().fetch(url), 'bad-url');
    expect(err.message.length).toBeGreaterThan(10);
  });

  it('refuses credentials in URLs without echoing the password', async () => {
    const err = await expectFetchError(client().fetch(`http://user:hunter2@127.0.0.1:${portOf(server)}/page`), 'bad-url');
    expect(err.message).toContain('credentials');
    expect(err.message).not.toContain('hunter2');
    expect(err.url).not.toContain('hunter2');
  });
});

describe('HttpClient: SSRF guard', () => {
  it('refuses loopback by default, even the test server', async () => {
    const plain = new HttpClient();
    const err = await expectFetchError(plain.fetch(`${base}/page`), 'blocked-address');
    expect(err.message).toContain('127.0.0.1');
    expect(err.message).toContain('loopback');
    expect(err.url).toBe(`${base}/page`);
  });

  it('allows only the named host:port, not loopback at large', async () => {
    await expectFetchError(client().fetch(`http://127.0.0.1:${otherPort}/`), 'blocked-address');
    const viaRange = new HttpClient({ allow: parseAllowList('127.0.0.0/8') });
    expect((await viaRange.fetch(`http://127.0.0.1:${otherPort}/`)).body.toString()).toBe('internal secret');
  });

  // Numeric spellings the WHATWG URL parser turns into 127.0.0.1 (or 0.0.0.0), and IPv6 forms of internal addresses.
  const literals: [string, string][] = [
    ['http://2130706433/', '127.0.0.1'],
    ['http://0x7f.1/', '127.0.0.1'],
    ['http://017700000001/', '127.0.0.1'],
    ['http://127.1/', '127.0.0.1'],
    ['http://0x7f000001/', '127.0.0.1'],
    ['http://127.0.0.1./', '127.0.0.1'],
    ['http://%31%32%37.0.0.1/', '127.0.0.1'],
    ['http://0/', '0.0.0.0'],
    ['http://[::ffff:127.0.0.1]/', '[::ffff:7f00:1]'],
    ['http://[::ffff:7f00:1]/', '[::ffff:7f00:1]'],
    ['http://[::1]/', '[::1]'],
    ['http://[::]/', '[::]'],
    ['http://[64:ff9b::a9fe:a9fe]/', '[64:ff9b::a9fe:a9fe]'],
    ['http://169.254.169.254/latest/meta-data/', '169.254.169.254'],
    ['http://[fd00::1]/', '[fd00::1]'],
    ['http://10.0.0.1/', '10.0.0.1'],
    ['http://100.64.0.1/', '100.64.0.1'],
    ['http://224.0.0.1/', '224.0.0.1'],
    ['http://198.18.0.1/', '198.18.0.1'],
    ['http://255.255.255.255/', '255.255.255.255'],
    ['https://127.0.0.1/', '127.0.0.1'],
  ];
  it.each(literals)('refuses %s (host %s) without any DNS lookup', async (url, host) => {
    expect(new URL(url).hostname).toBe(host);
    const resolver = tableResolver({});
    const err = await expectFetchError(new HttpClient({ resolver }).fetch(url), 'blocked-address');
    expect(err.message).toContain(host.replace(/^\[|\]$/g, ''));
    expect(resolver.calls).toEqual([]);
  });

  const internalNames: [string, string[]][] = [
    ['localhost', ['127.0.0.1', '::1']],
    ['metadata.test', ['169.254.169.254']],
    ['intranet.test', ['10.1.2.3']],
    ['mixed.test', ['93.184.216.34', '192.168.0.10']],
    ['mapped.test', ['::ffff:127.0.0.1']],
  ];
  it.each(internalNames)('refuses a name (%s) that resolves to an internal address', async (name, addresses) => {
    const resolver = tableResolver({ [name]: addresses });
    const err = await expectFetchError(
      client({ resolver }).fetch(`http://${name}:${otherPort}/page`),
      'blocked-address',
    );
    expect(err.message).toContain(name);
    expect(resolver.calls).toEqual([name]);
  });

  it('checks https hosts at connect time too', async () => {
    const resolver = tableResolver({ 'secure.test': ['10.0.0.5'] });
    const err = await expectFetchError(client({ resolver }).fetch('https://secure.test/'), 'blocked-address');
    expect(err.message).toContain('10.0.0.5');
    expect(resolver.calls).toEqual(['secure.test']);
  });

  describe('over https', () => {
    const testdata = new URL('./testdata/', import.meta.url);
    const cert = readFileSync(new URL('test-only-secure.test.crt', testdata));
    const key = readFileSync(new URL('test-only-secure.test.key', testdata));
    let secure: https.Server;
    let securePort: number;

    beforeAll(async () => {
      secure = https.createServer({ cert, key }, (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('secure page');
      });
      await new Promise<void>((resolve) => secure.listen(0, '127.0.0.1', () => resolve()));
      securePort = (secure.address() as AddressInfo).port;
    });

    afterAll(async () => {
      secure.closeAllConnections();
      await new Promise<void>((resolve) => secure.close(() => resolve()));
    });

    it('connects through the guarded lookup and verifies the certificate for the host name', async () => {
      const resolver = tableResolver({ 'secure.test': ['127.0.0.1'], 'other-name.test': ['127.0.0.1'] });
      const c = new HttpClient({ allow: parseAllowList(`127.0.0.1:${securePort}`), resolver, extraCa: [cert] });
      const res = await c.fetch(`https://secure.test:${securePort}/`, { accept: 'html' });
      expect(res.body.toString()).toBe('secure page');
      // Same server, a name the certificate does not cover: verification still applies.
      const err = await expectFetchError(c.fetch(`https://other-name.test:${securePort}/`), 'network');
      expect(err.message).toContain('ERR_TLS_CERT_ALTNAME_INVALID');
      expect(resolver.calls).toEqual(['secure.test', 'other-name.test']);
    });

    it('does not trust a self-signed certificate unless told to', async () => {
      const resolver = tableResolver({ 'secure.test': ['127.0.0.1'] });
      const c = new HttpClient({ allow: parseAllowList(`127.0.0.1:${securePort}`), resolver });
      const err = await expectFetchError(c.fetch(`https://secure.test:${securePort}/`), 'network');
      expect(err.message).toContain('SELF_SIGNED');
    });
  });

  it('connects to a name that resolves to an allowed endpoint', async () => {
    const resolver = tableResolver({ 'feeds.test': ['127.0.0.1'] });
    const res = await client({ resolver }).fetch(`http://feeds.test:${portOf(server)}/feed`, { accept: 'feed' });
    expect(res.status).toBe(200);
    expect(res.url).toBe(`http://feeds.test:${portOf(server)}/feed`);
  });

  it('reaches an allowed IPv6 endpoint by literal and by name', async () => {
    let v6: http.Server | undefined;
    try {
      v6 = await listen((_req, res) => {
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('over IPv6');
      }, '::1');
    } catch {
      return; // this machine has no IPv6 loopback; the guard's IPv6 rules are covered in ssrf-guard.test.ts
    }
    const port = portOf(v6);
    try {
      const resolver = tableResolver({ 'six.test': ['::1'] });
      const c = new HttpClient({ allow: parseAllowList(`[::1]:${port}`), resolver });
      expect((await c.fetch(`http://[::1]:${port}/`)).body.toString()).toBe('over IPv6');
      expect((await c.fetch(`http://six.test:${port}/`)).body.toString()).toBe('over IPv6');
      await expectFetchError(new HttpClient({ resolver }).fetch(`http://six.test:${port}/`), 'blocked-address');
    } finally {
      await close(v6);
    }
  });

  it('reports a name that does not resolve as a network error', async () => {
    const resolver = tableResolver({});
    const err = await expectFetchError(client({ resolver }).fetch('http://nowhere.test/'), 'network');
    expect(err.message).toContain('nowhere.test');
  });

  it('refuses redirects to internal addresses, by literal or by name', async () => {
    const resolver = tableResolver({ 'inside.test': ['127.0.0.1'] });
    const toLiteral = `${base}/redirect?to=${encodeURIComponent(`http://127.0.0.1:${otherPort}/`)}`;
    const err = await expectFetchError(client({ resolver }).fetch(toLiteral), 'blocked-address');
    expect(err.url).toBe(`http://127.0.0.1:${otherPort}/`);
    const toMetadata = `${base}/redirect?status=301&to=${encodeURIComponent('http://169.254.169.254/latest/')}`;
    await expectFetchError(client({ resolver }).fetch(toMetadata), 'blocked-address');
    const toName = `${base}/redirect?to=${encodeURIComponent(`http://inside.test:${otherPort}/`)}`;
    await expectFetchError(client({ resolver }).fetch(toName), 'blocked-address');
    expect(resolver.calls).toEqual(['inside.test']);
  });

  it('refuses redirects to other schemes', async () => {
    const url = `${base}/redirect?to=${encodeURIComponent('file:///etc/passwd')}`;
    const err = await expectFetchError(client().fetch(url), 'bad-url');
    expect(err.message).toContain('file:');
  });

  describe('DNS rebinding', () => {
    // The "public" side is played by 127.0.0.2, which the allow-list names; the internal service listens on
    // 127.0.0.1 at the same port and is not allowed. The resolver answers 127.0.0.2 first and 127.0.0.1 next.
    let decoy: http.Server;
    let internal: http.Server;
    let port: number;
    let internalHits = 0;

    beforeAll(async () => {
      internal = await listen((_req, res) => {
        internalHits += 1;
        res.writeHead(200, { 'content-type': 'text/plain' });
        res.end('internal secret');
      });
      port = portOf(internal);
      decoy = await listen(
        (req, res) => {
          if (req.url === '/again') {
            res.writeHead(302, { location: `http://rebind.test:${port}/` });
            res.end();
            return;
          }
          res.writeHead(200, { 'content-type': 'text/plain' });
          res.end('public page');
        },
        '127.0.0.2',
        port,
      );
    });

    afterAll(async () => {
      await close(decoy);
      await close(internal);
    });

    function rebindingClient(): { http: HttpClient; calls: string[] } {
      let answers = 0;
      const resolver = tableResolver({ 'rebind.test': () => (answers++ === 0 ? ['127.0.0.2'] : ['127.0.0.1']) });
      return { http: new HttpClient({ allow: parseAllowList('127.0.0.2/32'), resolver }), calls: resolver.calls };
    }

    it('checks the address of every connection it opens; a connection kept open is the one it checked', async () => {
      const { http: c, calls } = rebindingClient();
      expect((await c.fetch(`http://rebind.test:${port}/`)).body.toString()).toBe('public page');
      // The kept connection goes to the address checked, whatever the name resolves to now.
      expect((await c.fetch(`http://rebind.test:${port}/`)).body.toString()).toBe('public page');
      expect(calls).toEqual(['rebind.test']);
      c.close();
      await expectFetchError(c.fetch(`http://rebind.test:${port}/`), 'blocked-address');
      expect(calls).toEqual(['rebind.test', 'rebind.test']);
      expect(internalHits).toBe(0);
    });

    it('checks again when a redirect comes back to the same name', async () => {
      const { http: c } = rebindingClient();
      const err = await expectFetchError(c.fetch(`http://rebind.test:${port}/again`), 'blocked-address');
      expect(err.message).toContain('127.0.0.1');
      expect(internalHits).toBe(0);
    });
  });
});

describe('HttpClient: redirects', () => {
  it('follows redirects and reports a permanent move only when every hop was permanent', async () => {
    const final = `${base}/feed`;
    const twoPermanent = `${base}/redirect?status=301&to=${encodeURIComponent(`/redirect?status=308&to=${encodeURIComponent(final)}`)}`;
    const res = await client().fetch(twoPermanent, { accept: 'feed' });
    expect(res.status).toBe(200);
    expect(res.url).toBe(final);
    expect(res.permanentRedirectTo).toBe(final);

    const mixed = `${base}/redirect?status=301&to=${encodeURIComponent(`/redirect?status=302&to=${encodeURIComponent(final)}`)}`;
    const res2 = await client().fetch(mixed, { accept: 'feed' });
    expect(res2.url).toBe(final);
    expect(res2.permanentRedirectTo).toBeNull();
  });

  it('stops after maxRedirects with a clear error', async () => {
    const err = await expectFetchError(client({ maxRedirects: 3 }).fetch(`${base}/loop/0`), 'too-many-redirects');
    expect(err.message).toContain('More than 3 redirects');
    expect(err.message).toContain(`${base}/loop/0`);
    // Exactly at the limit is fine.
    const ok = await client({ maxRedirects: 1 }).fetch(`${base}/redirect?to=%2Fpage`, { accept: 'html' });
    expect(ok.url).toBe(`${base}/page`);
  });

  it('returns a redirect without Location as it is', async () => {
    const res = await client().fetch(`${base}/redirect?status=300&to=`, { accept: 'any' });
    expect(res.status).toBe(300);
  });
});

describe('HttpClient: caps', () => {
  it('times out a server that never answers, naming the URL', async () => {
    const started = Date.now();
    const err = await expectFetchError(client({ timeoutMs: 200 }).fetch(`${base}/hang`), 'timeout');
    expect(Date.now() - started).toBeLessThan(2000);
    expect(err.message).toContain(`${base}/hang`);
    expect(err.message).toContain('200 ms');
  });

  it('times out the whole request, body included', async () => {
    await expectFetchError(client().fetch(`${base}/trickle`, { timeoutMs: 300 }), 'timeout');
  });

  it('shares one time budget across a redirect chain', async () => {
    const inner = `/pause-redirect?ms=150&to=${encodeURIComponent('/page')}`;
    const chain = `${base}/pause-redirect?ms=150&to=${encodeURIComponent(inner)}`;
    // Each hop alone fits in 250 ms; the two together do not.
    await expectFetchError(client({ timeoutMs: 250 }).fetch(chain), 'timeout');
    expect((await client({ timeoutMs: 1000 }).fetch(chain, { accept: 'html' })).url).toBe(`${base}/page`);
  });

  it('does not count time queued behind other requests to the same host', async () => {
    const c = client({ perHostConcurrency: 1, timeoutMs: 250 });
    // Each takes about 60 ms; the sixth waits about 300 ms in the queue, more than its own budget.
    const results = await Promise.all(Array.from({ length: 6 }, () => c.fetch(`${base}/slow`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
  });

  it('refuses a body whose declared length is over the cap', async () => {
    const err = await expectFetchError(client({ maxBytes: 1024 * 1024 }).fetch(`${base}/big-declared`), 'too-large');
    expect(err.message).toContain('2 MiB');
    expect(err.message).toContain('1 MiB');
  });

  it('refuses a streamed body once it passes the cap', async () => {
    const err = await expectFetchError(client().fetch(`${base}/big-chunked`, { maxBytes: 1024 * 1024 }), 'too-large');
    expect(err.message).toContain(`${base}/big-chunked`);
  });

  it('refuses a decompression bomb', async () => {
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const err = await expectFetchError(client({ maxBytes: 1024 * 1024 }).fetch(`${base}/bomb`), 'too-large');
    expect(err.message).toContain('decompressed');
  });

  it('limits requests in flight per host', async () => {
    inFlight = 0;
    maxInFlight = 0;
    const c = client({ perHostConcurrency: 2 });
    const results = await Promise.all(Array.from({ length: 6 }, () => c.fetch(`${base}/slow`)));
    expect(results.every((r) => r.body.toString() === 'done')).toBe(true);
    expect(maxInFlight).toBe(2);
  });
});

describe('HttpClient: broken answers', () => {
  it('reports a connection cut before the body is complete as a network error', async () => {
    const err = await expectFetchError(client().fetch(`${base}/cut`, { accept: 'html' }), 'network');
    expect(err.message).toContain(`${base}/cut`);
  });

  it('reports a refused connection as a network error', async () => {
    const closed = await listen(() => undefined);
    const port = portOf(closed);
    await close(closed);
    const allowed = new HttpClient({ allow: parseAllowList(`127.0.0.1:${port}`) });
    const err = await expectFetchError(allowed.fetch(`http://127.0.0.1:${port}/`), 'network');
    expect(err.message).toContain('ECONNREFUSED');
  });
});

describe('HttpClient: content encodings', () => {
  it.each(['/gzip', '/deflate', '/deflate-raw', '/br'])('decodes %s', async (path) => {
    const res = await client().fetch(`${base}${path}`, { accept: 'html' });
    expect(res.body.toString('utf8')).toBe(page);
    expect(res.headers['content-encoding']).toBeDefined();
  });

  it('refuses an unknown content encoding', async () => {
    const err = await expectFetchError(client().fetch(`${base}/compress`), 'network');
    expect(err.message).toContain('compress');
  });
});

describe('HttpClient: content types', () => {
  const cases: [string, 'feed' | 'html' | 'image' | 'any', boolean][] = [
    ['/feed', 'feed', true],
    ['/page', 'feed', true],
    ['/headers', 'feed', true],
    ['/untyped', 'feed', true],
    ['/image', 'feed', false],
    ['/zip', 'feed', false],
    ['/page', 'html', true],
    ['/feed', 'html', false],
    ['/headers', 'html', false],
    ['/image', 'image', true],
    ['/page', 'image', false],
    ['/zip', 'any', true],
  ];
  it.each(cases)('%s as %s → accepted: %s', async (path, accept, accepted) => {
    const promise = client().fetch(`${base}${path}`, { accept });
    if (accepted) {
      expect((await promise).status).toBe(200);
    } else {
      const err = await expectFetchError(promise, 'bad-content-type');
      expect(err.message).toContain(`a ${accept} request`);
    }
  });

  it('accepts a missing content type and reports it as null', async () => {
    const res = await client().fetch(`${base}/untyped`, { accept: 'html' });
    expect(res.contentType).toBeNull();
    expect(res.body.toString()).toBe('<rss/>');
  });
});

describe('HttpClient: conditional GET', () => {
  it('sends validators and reports 304 as notModified with an empty body', async () => {
    const first = await client().fetch(`${base}/conditional`, { accept: 'feed' });
    expect(first.status).toBe(200);
    expect(first.etag).toBe('"v1"');
    expect(first.lastModified).toBe('Tue, 03 Nov 2026 10:00:00 GMT');

    seen.length = 0;
    const second = await client().fetch(`${base}/conditional`, {
      accept: 'feed',
      etag: first.etag,
      lastModified: first.lastModified,
    });
    expect(seen[0].headers['if-none-match']).toBe('"v1"');
    expect(seen[0].headers['if-modified-since']).toBe('Tue, 03 Nov 2026 10:00:00 GMT');
    expect(second.status).toBe(304);
    expect(second.notModified).toBe(true);
    expect(second.body.length).toBe(0);
    // The 304 carried no Last-Modified: the one we sent is still the one to store.
    expect(second.etag).toBe('"v1"');
    expect(second.lastModified).toBe('Tue, 03 Nov 2026 10:00:00 GMT');
  });

  it('sends no validators when it has none', async () => {
    seen.length = 0;
    await client().fetch(`${base}/conditional`, { accept: 'feed', etag: null, lastModified: null });
    expect(seen[0].headers['if-none-match']).toBeUndefined();
    expect(seen[0].headers['if-modified-since']).toBeUndefined();
  });
});

describe('HttpClient: kept connections', () => {
  it('reuses a connection for the next request to the same host, and never one whose request failed', async () => {
    let connections = 0;
    const server = await listen((req, res) => {
      if (req.url === '/big') return void res.writeHead(200, { 'content-type': 'text/html' }).end('x'.repeat(4096));
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
    });
    server.on('connection', () => connections++);
    const c = new HttpClient({ allow: parseAllowList('127.0.0.1/32'), maxBytes: 1024 });
    try {
      const origin = `http://127.0.0.1:${portOf(server)}`;
      for (let i = 0; i < 3; i++) expect((await c.fetch(`${origin}/page`)).body.toString()).toBe(page);
      expect(connections).toBe(1);
      await expectFetchError(c.fetch(`${origin}/big`), 'too-large');
      expect((await c.fetch(`${origin}/page`)).status).toBe(200);
      expect(connections).toBe(2);
    } finally {
      c.close();
      await close(server);
    }
  });
});
