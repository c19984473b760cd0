import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import { sql } from 'kysely';
import { testBackends } from './test-backends.js';
import { createSource } from './sources.js';
import { insertArticle, setArticleState, updateArticleContent, type ArticleContent } from './articles.js';
import { newestMatchesOnPostgres, onPostgresWay, postgresWay, searchPublished, sqliteNewestMatches, type PostgresWay, type SearchFilters } from './search.js';
import type { Store } from './database.js';

describe('the way PostgreSQL finds the newest matches', () => {
  const counts = (matches: number, more: Partial<Parameters<typeof postgresWay>[0]> = {}) => ({ matches, wordMatches: matches, walked: 100_000, oneSource: false, dated: false, ...more });
  it('walks newest first when the words are common enough that it reads less that way', () => {
    // 100,000 articles, the newest 1,000 matches wanted: the walk reads 100,000 × 1,000 / matches of them.
    expect(postgresWay(counts(50_000), 1000)).toBe('walk'); // 2,000 walked, against 50,000 read by the index
    expect(postgresWay(counts(10_000), 1000)).toBe('walk'); // 10,000 walked, against 10,000 read
    expect(postgresWay(counts(3_000), 1000)).toBe('index'); // some 33,000 walked, against 3,000 read
    expect(postgresWay(counts(0), 1000)).toBe('index');
  });

  it('prices a walk through one source higher, its articles lying apart, and the words it does not have as index reads', () => {
    // One source's 5,000 articles, 2,000 of which match; 40,000 match the words in all.
    expect(postgresWay(counts(2_000, { walked: 5_000, wordMatches: 40_000, oneSource: true }), 1000)).toBe('walk');
    expect(postgresWay(counts(2_000, { walked: 5_000, wordMatches: 2_000, oneSource: true }), 1000)).toBe('index');
    expect(postgresWay(counts(10_000, { oneSource: false }), 1000)).toBe('walk');
    expect(postgresWay(counts(10_000, { oneSource: true }), 1000)).toBe('index');
  });

  it('never walks a date range, seldom among the newest articles', () => {
    expect(postgresWay(counts(50_000, { dated: true }), 1000)).toBe('index');
  });
});

const content = (n: number, headline: string, text: string, firstCreated: string): ArticleContent => ({
  originalUrl: `https://s.test/${n}`, headline, subheadline: null, dateline: null, bodyHtml: `<p>${text}</p>`,
  bodyText: text, bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
});

for (const backend of testBackends()) {
  describe(`search candidates and pages (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let sources: number[];
    beforeAll(async () => {
      ({ store, dispose } = await backend.open());
      sources = [];
      for (const slug of ['a', 'b', 'c']) sources.push((await createSource(store.db, { slug, name: slug, homeUrl: `https://${slug}.test/` })).id);
      const now = new Date('2026-11-20T10:00:00Z');
      // 60 stories: "harbour" in every one, in the headline of every fifth, more often in the text of some,
      // "ferry" in every third; dates repeat, so that recency breaks ties and ids break the rest.
      for (let n = 0; n < 60; n++) {
        const headline = n % 5 === 0 ? `Harbour news ${n}` : `Town news ${n}`;
        const text = `${'The harbour opens. '.repeat(1 + (n % 4))}${n % 3 === 0 ? 'A ferry sails.' : 'Quiet day.'}`;
        const date = new Date(Date.UTC(2026, 9, 1 + (n % 10))).toISOString();
        const a = await insertArticle(store.db, { ...content(n, headline, text, date), sourceId: sources[n % 3], feedId: null, entryKey: `e${n}`, slug: `s${n}`, pubStatus: 'usable', holdReason: null }, now);
        await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
      }
      // Two stories alike in every way but their ids.
      for (const n of [60, 61]) {
        const a = await insertArticle(store.db, { ...content(n, 'Twin story', 'Twin text.', '2026-10-05T00:00:00.000Z'), sourceId: sources[0], feedId: null, entryKey: `e${n}`, slug: `s${n}`, pubStatus: 'usable', holdReason: null }, now);
        await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
      }
      if (backend.name === 'postgres') await sql`analyze articles`.execute(store.db);
    });
    afterAll(async () => dispose());

    const ids = async (filters: Omit<SearchFilters, 'limit'> & { limit?: number }) =>
      (await searchPublished(store.db, { limit: 100, ...filters })).map((h) => h.article.id);

    it('gives pages that follow one another exactly, whatever their size', async () => {
      for (const filters of [{ terms: ['harbour'] }, { terms: ['harbour', 'ferr'] }, { terms: ['harbour'], sourceId: sources[1] }, { terms: ['harbour'], rankedMatches: 25 }]) {
        const all = await ids(filters);
        expect(all.length).toBeGreaterThan(10);
        for (const size of [1, 7, 20]) {
          const paged: number[] = [];
          for (let offset = 0; offset < all.length + size; offset += size) paged.push(...(await ids({ ...filters, limit: size, offset })));
          expect(paged).toEqual(all);
        }
      }
    });

    it('puts the later id first among matches alike in every other way', async () => {
      const twins = await searchPublished(store.db, { terms: ['twin'], limit: 10 });
      expect(twins.map((h) => h.article.slug)).toEqual(['s61', 's60']);
      expect(twins[0].article.id).toBeGreaterThan(twins[1].article.id);
    });

    it('puts headline matches first, each page read in full', async () => {
      const hits = await searchPublished(store.db, { terms: ['harbour'], limit: 12 });
      expect(hits.slice(0, 12).every((h) => /^Harbour/.test(h.article.headline))).toBe(true);
      expect(hits.every((h) => h.text.includes('harbour'))).toBe(true);
      expect(await searchPublished(store.db, { terms: ['harbour'], limit: 5, offset: 60 })).toEqual([]);
    });

    if (backend.name === 'sqlite') {
      it('checks the filters in the narrow index, never in the article rows', async () => {
        const query = sqliteNewestMatches({ terms: ['harbour'], sourceId: sources[0], since: '2026-10-02T00:00:00Z', until: '2026-10-05T00:00:00Z', excludeIds: [1], limit: 10 }, 'all', 1000);
        const plan = (await sql<{ detail: string }>`explain query plan ${query}`.execute(store.db)).rows.map((r) => r.detail);
        expect(plan.some((d) => d.includes('COVERING INDEX articles_search_filter'))).toBe(true);
        expect(plan.some((d) => /SCAN m\b|SEARCH m USING INTEGER PRIMARY KEY/.test(d))).toBe(false);
      });
    }

    if (backend.name === 'postgres') {
      it('finds the same newest matches walking the primary key as by the GIN index', async () => {
        const cases: SearchFilters[] = [
          { terms: ['harbour'], limit: 10 },
          { terms: ['ferry'], limit: 10 },
          { terms: ['harbour', 'sail'], limit: 10, sourceId: sources[0] },
          { terms: ['ferry', 'quiet'], mode: 'any', limit: 10, since: '2026-10-03T00:00:00Z', until: '2026-10-08T00:00:00Z' },
        ];
        for (const f of cases) {
          for (const ranked of [5, 1000]) {
            const matches = (way: PostgresWay) => onPostgresWay(store.db, way, async (db) => (await newestMatchesOnPostgres(f, f.mode ?? 'all', ranked, way).execute(db)).rows);
            const walk = await matches('walk');
            const index = await matches('index');
            expect(walk.length).toBeGreaterThan(0);
            expect(index).toEqual(walk);
          }
        }
      });

      it('walks with an ordered index scan, never a bitmap of the GIN index', async () => {
        // Sixty articles are read whole at once (a sequential scan): that way is taken off, as on a large site.
        const plan = (f: SearchFilters, way: PostgresWay) =>
          store.db.connection().execute(async (connection) => {
            await sql`set enable_seqscan = off`.execute(connection);
            try {
              return await onPostgresWay(connection, way, async (db) => (await sql<{ 'QUERY PLAN': string }>`explain ${newestMatchesOnPostgres(f, 'all', 1000, way)}`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n'));
            } finally {
              await sql`reset enable_seqscan`.execute(connection);
            }
          });
        const walk = await plan({ terms: ['harbour'], limit: 10, sourceId: sources[1] }, 'walk');
        expect(walk).toMatch(/Index Scan Backward using (articles_by_source_id|articles_pkey)/);
        expect(walk).not.toMatch(/Bitmap/);
        expect(await plan({ terms: ['harbour'], limit: 10 }, 'walk')).toMatch(/Index Scan Backward using articles_pkey/);
      });
    }
  });
}

for (const backend of testBackends()) {
  describe(`the search index follows the articles (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeAll(async () => ({ store, dispose } = await backend.open()));
    afterAll(async () => dispose());

    it('finds an article by its new words once its headline or text is written again, and no longer by its old ones', async () => {
      const now = new Date('2026-11-20T10:00:00Z');
      const source = await createSource(store.db, { slug: 'w', name: 'w', homeUrl: 'https://w.test/' });
      const a = await insertArticle(store.db, { ...content(1, 'Lighthouse keeper', 'The lamp is lit.', '2026-10-01T00:00:00.000Z'), sourceId: source.id, feedId: null, entryKey: 'w1', slug: 'w1', pubStatus: 'usable', holdReason: null }, now);
      await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
      const slugs = async (word: string) => (await searchPublished(store.db, { terms: [word], limit: 10 })).map((h) => h.article.slug);
      expect(await slugs('lighthouse')).toEqual(['w1']);
      await updateArticleContent(store.db, a.id, content(1, 'Harbour master', 'The quay is busy.', '2026-10-01T00:00:00.000Z'), now);
      expect(await slugs('lighthouse')).toEqual([]);
      expect(await slugs('lamp')).toEqual([]);
      expect(await slugs('harbour')).toEqual(['w1']);
      expect(await slugs('quay')).toEqual(['w1']);
    });

    if (backend.name === 'postgres') {
      it('analyses the text again only when the headline or the text is written, not on a change of state', async () => {
        const now = new Date('2026-11-20T10:00:00Z');
        const source = await createSource(store.db, { slug: 'v', name: 'v', homeUrl: 'https://v.test/' });
        const a = await insertArticle(store.db, { ...content(2, 'Ferry times', 'The ferry sails at noon.', '2026-10-01T00:00:00.000Z'), sourceId: source.id, feedId: null, entryKey: 'v1', slug: 'v1', pubStatus: 'usable', holdReason: null }, now);
        const vector = async () => (await sql<{ search: string }>`select search::text as search from articles where id = ${a.id}`.execute(store.db)).rows[0].search;
        expect(await vector()).toContain("'ferry'");
        // A marker the trigger would overwrite: a change of state leaves it, a new headline does not.
        await sql`update articles set search = to_tsvector('simple', 'marker') where id = ${a.id}`.execute(store.db);
        await setArticleState(store.db, a.id, { republishedAt: now.toISOString() }, now);
        expect(await vector()).toBe("'marker':1");
        await updateArticleContent(store.db, a.id, content(2, 'Ferry times changed', 'The ferry sails at one.', '2026-10-01T00:00:00.000Z'), now);
        expect(await vector()).toContain("'changed':3A");
        expect(await vector()).not.toContain('marker');
      });
    }
  });
}
