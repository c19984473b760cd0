import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState, updateArticleContent, type ArticleContent } from '../store/articles.js';
import { searchArticles, searchTerms } from './search.js';
import { highlightSnippet } from './snippet.js';
import { fts5Query, searchPublished, tsQuery } from '../store/search.js';
import type { Store } from '../store/database.js';

describe('search terms', () => {
  it('are words only, whatever the reader typed', () => {
    expect(searchTerms('Harbour  "OR" NEAR(x) -dredging* Ção')).toEqual(['harbour', 'or', 'near', 'x', 'dredging', 'ção']);
    expect(searchTerms('%%% ***')).toEqual([]);
    expect(searchTerms('x'.repeat(10_000))).toEqual(['x'.repeat(500)]);
    expect(fts5Query(['or', 'harb'])).toBe('"or" AND "harb"*');
    expect(fts5Query(['or', 'harb'], 'any')).toBe('"or" OR "harb"');
    expect(tsQuery(['or', 'harb'])).toBe('or & harb:*');
    expect(tsQuery(['or', 'harb'], 'any')).toBe('or | harb');
  });
});

describe('snippets', () => {
  it('mark each matching word, the last search word as a prefix, and escape the rest', () => {
    expect(highlightSnippet('The <b>harbour</b> & the Harbourside quay', ['harbour'])).toBe('The &lt;b&gt;<mark>harbour</mark>&lt;/b&gt; &amp; the <mark>Harbourside</mark> quay');
    expect(highlightSnippet('São Roque ferries', ['sao', 'roque'])).toBe('<mark>São</mark> <mark>Roque</mark> ferries');
    expect(highlightSnippet('Nothing here', ['harbour'])).toBe('Nothing here');
  });
  it('show the text around a match far into the article, cut on words', () => {
    const text = `${'Filler words go here. '.repeat(40)}The dredging starts in spring. ${'More words after. '.repeat(40)}`;
    const snippet = highlightSnippet(text, ['dredging'], 120);
    expect(snippet.startsWith('… ')).toBe(true);
    expect(snippet.endsWith(' …')).toBe(true);
    expect(snippet).toContain('<mark>dredging</mark> starts in spring');
    expect(snippet.length).toBeLessThan(160);
  });
});

const content = (headline: string, text: string, firstCreated: string | null = null): ArticleContent => ({
  originalUrl: `https://s.test/${encodeURIComponent(headline)}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${text}</p>`,
  bodyText: text, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});

for (const backend of testBackends()) {
  describe(`searching articles (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let otherSourceId: number;
    const slugs = async (query: string, options: Partial<Parameters<typeof searchArticles>[2]> = {}) =>
      (await searchArticles(store.db, query, { limit: 10, ...options })).map((h) => h.article.slug);
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const other = await createSource(store.db, { slug: 'o', name: 'O', homeUrl: 'https://o.test/' });
      otherSourceId = other.id;
      const now = new Date('2026-11-20T10:00:00Z');
      const add = async (key: string, headline: string, text: string, options: { published?: boolean; date?: string; sourceId?: number } = {}) => {
        const a = await insertArticle(store.db, { ...content(headline, text, options.date ?? null), sourceId: options.sourceId ?? source.id, feedId: null, entryKey: key, slug: key, pubStatus: options.published === false ? 'withheld' : 'usable', holdReason: null }, now);
        if (options.published !== false) await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
        return a;
      };
      await add('dredging', 'Council backs harbour dredging', 'The channel will be deepened next spring.', { date: '2026-11-10T09:00:00Z' });
      await add('library', 'Library reopens on Quay Street', 'Readers returned to the renovated harbour library.', { date: '2026-11-12T09:00:00Z' });
      await add('held', 'Harbour story held back', 'Not yet published.', { published: false });
      const ferry = await add('ferry', 'Ferries go electric', 'Three routes switch to batteries.');
      await updateArticleContent(store.db, ferry.id, { ...content('Ferries go electric at São Roque', 'Três rotas mudam para baterias.') }, now);
      // Two equal matches: the newer story first.
      await add('tide-old', 'Tide tables', 'Spring tides are high.', { date: '2026-10-01T09:00:00Z', sourceId: other.id });
      await add('tide-new', 'Tide tables', 'Spring tides are high.', { date: '2026-11-01T09:00:00Z', sourceId: other.id });
    });
    afterEach(async () => dispose());

    it('finds published articles with every word, headline matches first, never held ones', async () => {
      expect(await slugs('harbour')).toEqual(['dredging', 'library']);
      expect(await slugs('harbour library')).toEqual(['library']);
      expect(await slugs('dredg')).toEqual(['dredging']);
      expect(await slugs('NEAR(harbour) OR "')).toEqual([]);
    });

    it('breaks ties by recency, and pages through the results', async () => {
      expect(await slugs('tide tables')).toEqual(['tide-new', 'tide-old']);
      expect(await slugs('tide tables', { limit: 1, offset: 1 })).toEqual(['tide-old']);
      expect(await slugs('tide tables', { limit: 1, offset: 2 })).toEqual([]);
    });

    it('ranks only the newest matches of a query that matches many', async () => {
      const ranked = async (n: number) => (await searchPublished(store.db, { terms: ['spring'], limit: 10, rankedMatches: n })).map((h) => h.article.slug);
      // Taken in order: dredging, …, tide-old, tide-new; the two newest matches are the tide tables.
      expect((await ranked(2)).sort()).toEqual(['tide-new', 'tide-old']);
      expect((await ranked(3)).sort()).toEqual(['dredging', 'tide-new', 'tide-old']);
      expect(await searchPublished(store.db, { terms: ['spring'], limit: 10, rankedMatches: 2, sourceId: -1 })).toEqual([]);
    });

    it('filters by source and by the story date', async () => {
      expect((await slugs('spring')).sort()).toEqual(['dredging', 'tide-new', 'tide-old']);
      expect(await slugs('spring', { sourceId: otherSourceId })).toEqual(['tide-new', 'tide-old']);
      expect((await slugs('spring', { since: '2026-10-15T00:00:00Z' })).sort()).toEqual(['dredging', 'tide-new']);
      expect(await slugs('spring', { since: '2026-10-15T00:00:00Z', until: '2026-11-05T00:00:00Z' })).toEqual(['tide-new']);
    });

    it('follows updates to the text, and finds words beyond ASCII', async () => {
      expect(await slugs('baterias')).toEqual(['ferry']);
      expect(await slugs('SÃO roque')).toEqual(['ferry']);
      expect(await slugs('batteries')).toEqual([]);
    });

    it('matches any of the words for topical neighbours, leaving out the ones asked', async () => {
      const hits = await searchPublished(store.db, { terms: ['dredging', 'library'], mode: 'any', limit: 10 });
      expect(hits.map((h) => h.article.slug).sort()).toEqual(['dredging', 'library']);
      const without = await searchPublished(store.db, { terms: ['dredging', 'library'], mode: 'any', limit: 10, excludeIds: [hits[0].article.id] });
      expect(without.map((h) => h.article.slug)).toEqual([hits[1].article.slug]);
    });

    it('answers any input without an error', async () => {
      const inputs = ['"', '"unbalanced', '(((', ')', 'a AND', 'OR OR', 'NOT', '*', '***harbour', 'har*', '-', '^', ':', 'a:b', '&|!', "'", '\\', '😀', '😀 harbour',
        'x'.repeat(10_000), 'harbour '.repeat(1500), '\u0000\u0001', '\uD800', 'NEAR/2', '{a b}', 'col:harbour', '"a" "b"'];
      for (const input of inputs) await expect(searchArticles(store.db, input, { limit: 5 })).resolves.toBeInstanceOf(Array);
      expect(await slugs('😀 harbour')).toEqual(['dredging', 'library']);
    });
  });
}
