import { describe, it, expect } from 'vitest';
import { oldestFirst } from './oldest-first.js';
import type { FeedEntry } from '../feeds/parse-feed.js';

const entry = (key: string, published: string | null, updated: string | null = null): FeedEntry => ({
  guid: key, key, title: key, link: `https://wire.test/${key}`, summaryHtml: null, contentHtml: null, published, updated,
  authors: [], categories: [], images: [], enclosures: [], language: null, comments: null, source: null, rights: null,
});
const keys = (entries: FeedEntry[]) => entries.map((e) => e.key);

describe('oldestFirst', () => {
  it('takes a feed listed newest first from its end', () => {
    const feed = [entry('c', '2026-11-03T00:00:00Z'), entry('b', '2026-11-02T00:00:00Z'), entry('a', '2026-11-01T00:00:00Z')];
    expect(keys(oldestFirst(feed))).toEqual(['a', 'b', 'c']);
  });

  it('takes a feed listed oldest first from its start, by the dates it gives', () => {
    const feed = [entry('a', '2026-11-01T08:00:00Z'), entry('b', null, '2026-11-02T00:00:00Z'), entry('c', '2026-11-03T00:00:00Z')];
    expect(keys(oldestFirst(feed))).toEqual(['a', 'b', 'c']);
  });

  it('keeps the reverse of the feed order for entries of one date, and when an entry has no date', () => {
    expect(keys(oldestFirst([entry('x', '2026-11-01T00:00:00Z'), entry('y', '2026-11-01T00:00:00Z')]))).toEqual(['y', 'x']);
    expect(keys(oldestFirst([entry('a', '2026-11-01T00:00:00Z'), entry('b', null), entry('c', '2026-11-03T00:00:00Z')]))).toEqual(['c', 'b', 'a']);
  });

  it('leaves the feed’s own list as it was', () => {
    const feed = [entry('a', '2026-11-01T00:00:00Z'), entry('b', '2026-11-02T00:00:00Z')];
    oldestFirst(feed);
    expect(keys(feed)).toEqual(['a', 'b']);
  });
});
