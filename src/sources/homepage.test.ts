import { describe, it, expect } from 'vitest';
import { readHomepage } from './homepage.js';

const PAGE = 'https://tidewater.test/news/';

describe('readHomepage', () => {
  it('takes the feeds the head advertises, resolved against <base>, with their kinds and titles, once each', () => {
    const html = `<html><head><base href="https://tidewater.test/">
      <title>Tidewater News | Coastal stories since 1921</title>
      <link rel="alternate" type="application/rss+xml" title="All stories" href="/feed.xml">
      <link rel="alternate" type="application/atom+xml; charset=utf-8" title=" Harbour
        desk " href="sections/harbour/atom">
      <link rel="ALTERNATE" type="application/feed+json" href="https://tidewater.test/feed.json">
      <link rel="alternate" type="application/rss+xml" href="/feed.xml#again">
      <link rel="alternate" hreflang="fr" href="/fr/">
      <link rel="alternate" type="application/rss+xml" href="javascript:alert(1)">
    </head><body><a href="/other.rss">Other</a></body></html>`;
    expect(readHomepage(html, PAGE).feeds).toEqual([
      { url: 'https://tidewater.test/feed.xml', title: 'All stories', kind: 'rss' },
      { url: 'https://tidewater.test/sections/harbour/atom', title: 'Harbour desk', kind: 'atom' },
      { url: 'https://tidewater.test/feed.json', title: null, kind: 'json' },
    ]);
  });

  it('falls back to links in the page that name a feed, on the same host only, when the head advertises none', () => {
    const html = `<body>
      <a href="/rss">RSS</a> <a href="/about">About</a> <a href="https://elsewhere.test/feed">Theirs</a>
      <a href="/sport/atom.xml">Sport (Atom)</a> <a href="/data.json">Data</a> <a href="/feed.json">JSON Feed</a>
    </body>`;
    expect(readHomepage(html, PAGE).feeds).toEqual([
      { url: 'https://tidewater.test/rss', title: 'RSS', kind: 'rss' },
      { url: 'https://tidewater.test/sport/atom.xml', title: 'Sport (Atom)', kind: 'atom' },
      { url: 'https://tidewater.test/feed.json', title: 'JSON Feed', kind: 'json' },
    ]);
  });

  it('names the site from Open Graph, the application name or the title without its tagline', () => {
    expect(readHomepage('<meta property="og:site_name" content="Tidewater News"><title>Home – TN</title>', PAGE).name).toBe('Tidewater News');
    expect(readHomepage('<meta name="application-name" content="Kestrel Wire"><title>Home</title>', PAGE).name).toBe('Kestrel Wire');
    expect(readHomepage('<title>Harbour Gazette — the harbour’s paper</title>', PAGE).name).toBe('Harbour Gazette');
    expect(readHomepage('<p>no head at all</p>', PAGE)).toEqual({ name: null, logoUrl: null, feeds: [] });
  });

  it('takes the largest icon as the logo, or the declared logo', () => {
    const icons = '<link rel="icon" href="/favicon.ico"><link rel="icon" sizes="192x192" href="/icon-192.png"><link rel="apple-touch-icon" href="/touch.png">';
    expect(readHomepage(icons, PAGE).logoUrl).toBe('https://tidewater.test/icon-192.png');
    expect(readHomepage(`${icons}<meta property="og:logo" content="/logo.svg">`, PAGE).logoUrl).toBe('https://tidewater.test/logo.svg');
    expect(readHomepage('<link rel="icon" href="data:image/png;base64,AAAA">', PAGE).logoUrl).toBeNull();
  });
});
