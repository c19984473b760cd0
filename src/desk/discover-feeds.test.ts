// Finding a source's feeds, name and logo from its homepage: the page's own links first, common paths after,
// each feed fetched through the guarded client and kept only if it parses.
import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { readHomepage, discoverSource } from './discover-feeds.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';

const RSS = (title: string) => `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://x.test/</link>
<item><title>One</title><link>https://x.test/1</link><guid>1</guid></item><item><title>Two</title><link>https://x.test/2</link><guid>2</guid></item></channel></rss>`;

describe('reading a homepage', () => {
  it('finds linked feeds of every type, the site name and the best logo, resolved against <base>', () => {
    const facts = readHomepage(
      `<!doctype html><html><head><base href="https://cdn.news.test/en/"><title>Front page | Harbour Gazette</title>
<meta property="og:site_name" content="Harbour Gazette"><meta property="og:image" content="/share.png">
<link rel="icon" href="favicon.ico"><link rel="apple-touch-icon" href="/touch.png">
<link rel="alternate" type="application/rss+xml" title="All stories" href="rss.xml">
<link rel="alternate" type="application/atom+xml" href="https://news.test/atom">
<link rel="alternate" type="application/feed+json" href="feed.json">
<link rel="alternate" type="application/rss+xml" href="rss.xml">
<link rel="alternate" hreflang="fr" href="/fr/"><link rel="stylesheet" href="x.css">
<link rel="alternate" type="application/rss+xml" href="javascript:alert(1)"></head><body></body></html>`,
      'https://news.test/',
    );
    expect(facts.name).toBe('Harbour Gazette');
    expect(facts.logoUrl).toBe('https://cdn.news.test/touch.png');
    expect(facts.feeds).toEqual([
      { url: 'https://cdn.news.test/en/rss.xml', title: 'All stories' },
      { url: 'https://news.test/atom', title: null },
      { url: 'https://cdn.news.test/en/feed.json', title: null },
    ]);
  });

  it('falls back to the title for the name, and has no logo or feed when the page names none', () => {
    expect(readHomepage('<title>\n  The Wire &amp; Co\n</title><p>Hi</p>', 'https://w.test/')).toEqual({ name: 'The Wire & Co', logoUrl: null, feeds: [] });
    expect(readHomepage('', 'https://w.test/')).toEqual({ name: null, logoUrl: null, feeds: [] });
  });
});

describe('discovering through the guarded client', () => {
  let server: LoopbackServer;
  let client: HttpClient;
  beforeAll(async () => {
    server = await startLoopbackServer();
    client = new HttpClient({ allow: parseAllowList(`127.0.0.1:${server.port}`), timeoutMs: 5000 });
  });
  afterAll(async () => server?.close());

  it('keeps the linked feeds that parse and says why the others were left out', async () => {
    server.routes.set('/linked/', { type: 'text/html', body: `<title>Linked</title><link rel="alternate" type="application/rss+xml" href="/linked/rss"><link rel="alternate" type="application/atom+xml" title="Broken" href="/linked/missing"><link rel="alternate" type="application/rss+xml" href="/linked/not-a-feed">` });
    server.routes.set('/linked/rss', { type: 'application/rss+xml', body: RSS('Linked stories') });
    server.routes.set('/linked/not-a-feed', { type: 'text/html', body: '<p>nope</p>' });
    const found = await discoverSource(client, `${server.origin}/linked/`);
    expect(found.name).toBe('Linked');
    expect(found.feeds).toEqual([{ url: `${server.origin}/linked/rss`, title: 'Linked stories', entries: 2 }]);
    expect(found.problems).toHaveLength(2);
    expect(found.problems[0]).toContain(`${server.origin}/linked/missing`);
  });

  it('tries the common feed paths when the page links none', async () => {
    server.routes.set('/', { type: 'text/html', body: '<title>Plain</title><p>No feed links here.</p>' });
    server.routes.set('/feed.xml', { type: 'application/rss+xml', body: RSS('Guessed') });
    const found = await discoverSource(client, `${server.origin}/`);
    expect(found.feeds.map((f) => f.url)).toEqual([`${server.origin}/feed.xml`]);
    expect(found.problems).toEqual([]);
  });

  it('refuses what the guard refuses, and a homepage that is not there', async () => {
    const guarded = new HttpClient({ timeoutMs: 5000 });
    await expect(discoverSource(guarded, `${server.origin}/`)).rejects.toThrow(/not allowed|private|loopback|blocked/i);
    await expect(discoverSource(client, `${server.origin}/no-such-page`)).rejects.toThrow(/404/);
  });
});
