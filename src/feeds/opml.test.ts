import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildOpml, parseOpml } from './opml.js';

const text = readFileSync(new URL('./testdata/subscriptions.opml', import.meta.url), 'utf-8');

describe('parseOpml', () => {
  it('flattens nested outlines; the parent folder becomes the category', () => {
    const doc = parseOpml(text);
    expect(doc.title).toBe('My feeds');
    expect(doc.outlines).toEqual([
      { title: 'Top level', xmlUrl: 'https://top.example.com/feed', htmlUrl: 'https://top.example.com/', category: null },
      { title: 'Harbour Gazette', xmlUrl: 'https://news.example.org/rss', htmlUrl: 'https://news.example.org/', category: 'News' },
      { title: 'Wire', xmlUrl: 'https://wire.example.com/feed.xml', htmlUrl: null, category: 'Regional' },
      { title: 'Blog & more', xmlUrl: 'https://blog.example.net/feed.atom', htmlUrl: null, category: 'Tech' },
    ]);
  });

  it('returns nothing for a document that is not OPML', () => {
    expect(parseOpml('<rss/>')).toEqual({ title: null, outlines: [] });
    expect(parseOpml('')).toEqual({ title: null, outlines: [] });
  });
});

describe('buildOpml', () => {
  it('round-trips through parseOpml, escaping what needs escaping', () => {
    const outlines = [
      { title: 'A & "B"', xmlUrl: 'https://a.example/feed?x=1&y=2', htmlUrl: 'https://a.example/', category: 'News <world>' },
      { title: 'Plain', xmlUrl: 'https://p.example/rss', htmlUrl: null, category: null },
    ];
    const xml = buildOpml('Exported <feeds>', outlines);
    expect(xml).toContain('<opml version="2.0">');
    expect(xml).toContain('xmlUrl="https://a.example/feed?x=1&amp;y=2"');
    const back = parseOpml(xml);
    expect(back.title).toBe('Exported <feeds>');
    expect(back.outlines).toEqual([
      { title: 'Plain', xmlUrl: 'https://p.example/rss', htmlUrl: null, category: null },
      { title: 'A & "B"', xmlUrl: 'https://a.example/feed?x=1&y=2', htmlUrl: 'https://a.example/', category: 'News <world>' },
    ]);
  });
});
