// Discovery against pages served on loopback, through the guarded client: advertised feeds checked one by one,
// common paths tried when none is advertised, and addresses the guard refuses reported, never fetched.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import { discoverSource, DiscoveryError } from './discover-source.js';

const RSS = `<?xml version="1.0"?><rss version="2.0"><channel><title>Tidewater: all stories</title><link>http://x/</link>
  <item><title>One</title><link>http://x/1</link><guid>1</guid></item><item><title>Two</title><link>http://x/2</link><guid>2</guid></item>
</channel></rss>`;

describe('discoverSource', () => {
  let server: Server;
  let origin = '';
  const routes = new Map<string, { type: string; body: string; status?: number }>();
  const requested: string[] = [];
  let client: HttpClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      requested.push(req.url ?? '');
      const route = routes.get(req.url ?? '');
      res.writeHead(route?.status ?? (route ? 200 : 404), { 'content-type': route?.type ?? 'text/plain' });
      res.end(route?.body ?? 'not here');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    origin = `http://127.0.0.1:${port}`;
    client = new HttpClient({ allow: parseAllowList(`127.0.0.1:${port}`) });
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('checks every advertised feed and says why one cannot be used, with the site’s name and logo', async () => {
    routes.clear();
    routes.set('/', { type: 'text/html; charset=utf-8', body: `<head><title>Tidewater News | Since 1921</title><link rel="icon" sizes="64x64" href="/logo.png">
      <link rel="alternate" type="application/rss+xml" title="All" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml" title="Gone" href="/gone.atom">
      <link rel="alternate" type="application/rss+xml" title="A page" href="/page">
      <link rel="alternate" type="application/rss+xml" title="Inside" href="http://127.0.0.1:1/feed"></head>` });
    routes.set('/feed.xml', { type: 'application/rss+xml', body: RSS });
    routes.set('/page', { type: 'text/html', body: '<html><body>Not a feed</body></html>' });
    const found = await discoverSource(client, `${origin}/`);
    expect(found).toMatchObject({ homeUrl: `${origin}/`, name: 'Tidewater News', logoUrl: `${origin}/logo.png` });
    expect(found.feeds.map((f) => [f.url, f.kind, f.foundBy, f.entries, f.title])).toEqual([
      [`${origin}/feed.xml`, 'rss', 'advertised', 2, 'Tidewater: all stories'],
      [`${origin}/gone.atom`, 'atom', 'advertised', 0, 'Gone'],
      [`${origin}/page`, 'rss', 'advertised', 0, 'A page'],
      ['http://127.0.0.1:1/feed', 'rss', 'advertised', 0, 'Inside'],
    ]);
    expect(found.feeds.map((f) => f.problem === null)).toEqual([true, false, false, false]);
    expect(found.feeds[1].problem).toBe('HTTP 404');
    expect(found.feeds[2].problem).toMatch(/content type text\/html|HTML/);
    expect(found.feeds[3].problem).toBeTruthy();
  });

  it('tries the common paths when the page advertises nothing, and keeps only those that read as feeds', async () => {
    routes.clear();
    requested.length = 0;
    routes.set('/', { type: 'text/html', body: '<title>Kestrel Wire</title><p>No feed links here.</p>' });
    routes.set('/rss.xml', { type: 'application/xml', body: RSS });
    routes.set('/feed', { type: 'text/html', body: '<html><body>a page called feed</body></html>' });
    const found = await discoverSource(client, `${origin}/`);
    expect(found.name).toBe('Kestrel Wire');
    expect(found.feeds.map((f) => [f.url, f.foundBy, f.problem, f.entries])).toEqual([[`${origin}/rss.xml`, 'guessed', null, 2]]);
    expect(requested).toContain('/feed.json');
  });

  it('fails with the reason when the homepage cannot be read, and never reaches a refused address', async () => {
    routes.clear();
    routes.set('/', { type: 'text/html', body: 'down', status: 503 });
    await expect(discoverSource(client, `${origin}/`)).rejects.toThrow(new DiscoveryError(`cannot read ${origin}/: HTTP 503`));
    await expect(discoverSource(client, 'http://127.0.0.1:1/')).rejects.toThrow(/^cannot read http:\/\/127\.0\.0\.1:1\/: /);
  });
});
