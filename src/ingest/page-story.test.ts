import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pageStory, type PageStoryInput } from './page-story.js';
import { articleFromEntry } from './article-from-entry.js';
import { contentHash } from './versioning.js';
import { compareWithSource } from './fidelity-inputs.js';
import { extractArticle } from '../extract/extract-article.js';
import { ExtractPool } from '../extract/extract-pool.js';
import type { FeedEntry } from '../feeds/parse-feed.js';
import { testSite, testSource } from '../../test/support/fixtures.js';

const site = testSite;
const source = testSource;
const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  guid: 'g', key: 'g', title: 'Talks resume in Geneva', link: 'https://wire.test/story', summaryHtml: '<p>Short.</p>', contentHtml: null,
  published: '2026-11-20T10:00:00Z', updated: null, authors: [], categories: [], images: [], enclosures: [], language: 'en', comments: null,
  source: null, rights: null, ...over,
});
const page = readFileSync(join(import.meta.dirname, '..', 'extract', 'testdata', 'dateline-reuters.html'));
const input = (over: Partial<PageStoryInput> = {}): PageStoryInput => ({ page, url: 'https://wire.test/story', options: {}, entry: entry(), source, site, ...over });

describe('pageStory', () => {
  it('gives the content, hash and fidelity report that the steps give one after another', () => {
    const story = pageStory(input());
    const extracted = extractArticle(page, 'https://wire.test/story');
    const content = articleFromEntry(entry(), extracted, source);
    expect(story.content).toEqual(content);
    expect(story.pageText).toBe(extracted.text);
    expect(story.contentHash).toBe(contentHash(content.headline, content.bodyHtml));
    const again = compareWithSource({ versionId: 1, headline: content.headline, bodyHtml: content.bodyHtml, snapshotText: extracted.text }, content, source, site);
    expect(story.report).toEqual(again);
    expect(story.report!.faithful).toBe(true);
  });

  it('compares nothing when the story cannot be published as it is (no link to the original)', () => {
    expect(pageStory(input({ entry: entry({ link: null }), url: '' })).report).toBeNull();
  });

  it('throws the extractor’s error for a page with no article', () => {
    expect(() => pageStory(input({ page: Buffer.from('<html><body><nav>Home</nav></body></html>') }))).toThrow(/no article body found/);
  });

  it('reads the same story on an extraction thread, and rejects there with the same message', async () => {
    const pool = new ExtractPool({ threads: 1 });
    try {
      expect(await pool.readStory(input())).toEqual(pageStory(input()));
      await expect(pool.readStory(input({ page: Buffer.from('<html><body><nav>Home</nav></body></html>') }))).rejects.toThrow(/no article body found/);
    } finally {
      await pool.close();
    }
  });
});
