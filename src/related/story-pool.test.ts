// The pool moves its window by the stories that join and leave it; what it answers must be what a window built
// from scratch over the same stories answers, whatever windows came before.
import { describe, it, expect } from 'vitest';
import { fingerprint } from './fingerprint.js';
import { loadLabelledArticles } from './evaluate-related.js';
import { StoryWindow, type StoryDoc } from './story-cluster.js';
import { openStoryWindow, StoryPool } from './story-pool.js';
import type { StoryPoolEntry } from '../store/related.js';
import { openStore } from '../store/database.js';
import { createSource } from '../store/sources.js';
import { insertLabelledArticle } from '../../test/support/labelled-articles.js';

const articles = loadLabelledArticles().sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
const docs: StoryDoc[] = articles.map((a, i) => ({
  id: i + 1,
  sourceKey: a.source,
  publishedAt: a.publishedAt,
  headline: a.headline,
  text: a.text,
  fingerprint: fingerprint(`${a.headline}\n${a.text}`),
}));
const sourceIds = new Map([...new Set(articles.map((a) => a.source))].map((s, i) => [s, i + 1]));
const entryOf = (d: StoryDoc, key = 'v1'): StoryPoolEntry => ({ id: d.id, sourceId: sourceIds.get(String(d.sourceKey))!, publishedAt: d.publishedAt, textKey: key });

/** A window from the pool, reading the texts it asks for from `texts`. */
function poolWindow(pool: StoryPool, entries: StoryPoolEntry[], texts: Map<number, StoryDoc>): StoryWindow {
  for (const id of pool.missing(entries)) {
    const d = texts.get(id)!;
    pool.remember(entries.find((e) => e.id === id)!, d);
  }
  return pool.window(entries)!;
}
const fresh = (ds: StoryDoc[]) => new StoryWindow(ds.map((d) => ({ ...d, sourceKey: sourceIds.get(String(d.sourceKey))! })));

function expectSameAnswers(a: StoryWindow, b: StoryWindow, ids: number[]) {
  for (const id of ids) {
    expect(a.rank(id, 6), `rank of ${id}`).toEqual(b.rank(id, 6));
    expect(a.topTerms(id, 10), `terms of ${id}`).toEqual(b.topTerms(id, 10));
    const [ma, mb] = [a.matches(id), b.matches(id)];
    const byId = (x: { id: number }, y: { id: number }) => x.id - y.id;
    expect([...ma.sameStory].sort(byId)).toEqual([...mb.sameStory].sort(byId));
    expect([...ma.copies].sort(byId)).toEqual([...mb.copies].sort(byId));
  }
}

describe('the story pool', () => {
  it('answers as a fresh window over a sliding window of stories, forwards and back', () => {
    expect(docs.length).toBeGreaterThanOrEqual(60);
    const pool = new StoryPool();
    const texts = new Map(docs.map((d) => [d.id, d]));
    const size = 25;
    const starts = [0, 3, 4, 10, 30, 31, 12, 0, docs.length - size];
    let sameStoryFound = 0;
    for (const start of starts) {
      const slice = docs.slice(start, start + size);
      const window = poolWindow(pool, slice.map((d) => entryOf(d)), texts);
      const reference = fresh(slice);
      expectSameAnswers(window, reference, slice.map((d) => d.id));
      sameStoryFound += slice.filter((d) => window.rank(d.id, 6).sameStory.length > 0).length;
    }
    // The comparison means something only if the windows find tellings of the same story.
    expect(sameStoryFound).toBeGreaterThan(20);
  });

  it('reads a story again when its text key changes, and weighs the window by the new text', () => {
    const pool = new StoryPool();
    const texts = new Map(docs.map((d) => [d.id, d]));
    const slice = docs.slice(0, 20);
    poolWindow(pool, slice.map((d) => entryOf(d)), texts);
    expect(pool.missing(slice.map((d) => entryOf(d)))).toEqual([]);

    const changed: StoryDoc = { ...slice[5], headline: 'Entirely other words', text: 'Quilters of Vardø Meet Basket Weavers in a small hall.' };
    const entries = slice.map((d) => (d.id === changed.id ? entryOf(changed, 'v2') : entryOf(d)));
    expect(pool.missing(entries)).toEqual([changed.id]);
    texts.set(changed.id, changed);
    const window = poolWindow(pool, entries, texts);
    expectSameAnswers(window, fresh(slice.map((d) => (d.id === changed.id ? changed : d))), slice.map((d) => d.id));
  });

  it('asks for the texts it lacks instead of answering from a partial window', () => {
    const pool = new StoryPool();
    expect(pool.window(docs.slice(0, 3).map((d) => entryOf(d)))).toBeNull();
  });
});

describe('opening a window over the store', () => {
  it('gives the event loop turns while it weighs a first window, and two refreshes at once get the same window', async () => {
    const store = await openStore('sqlite::memory:');
    try {
      const sourceOf = new Map<string, number>();
      for (const slug of sourceIds.keys()) sourceOf.set(slug, (await createSource(store.db, { slug, name: slug, homeUrl: `https://${slug}.test/` })).id);
      const entries: StoryPoolEntry[] = [];
      for (const a of articles) {
        const row = await insertLabelledArticle(store.db, a, sourceOf.get(a.source)!, new Date(a.publishedAt));
        entries.push({ id: row.id, sourceId: row.sourceId, publishedAt: a.publishedAt, textKey: 'v1' });
      }
      expect(entries.length).toBeGreaterThan(40); // more than the stories weighed between two turns
      // Every query of the embedded store answers at once: only the window's own turns let this run before it is done.
      let turned = false;
      setImmediate(() => (turned = true));
      const [first, second] = await Promise.all([
        openStoryWindow(store.db, entries).then((window) => ({ window, turned })),
        openStoryWindow(store.db, entries),
      ]);
      expect(first.turned).toBe(true);
      const probe = entries[0].id;
      expect(second.matches(probe)).toEqual(first.window.matches(probe));
    } finally {
      await store.close();
    }
  });
});
