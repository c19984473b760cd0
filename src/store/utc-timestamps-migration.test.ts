import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Kysely } from 'kysely';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { MIGRATIONS } from './migrations.js';
import { createSource } from './sources.js';
import { addFeed } from './feeds.js';
import { addTombstone, insertArticle, insertVersion, listPublished, type ArticleContent } from './articles.js';
import { insertComment } from './comments.js';
import { rewriteTimestampsAsUtc, utcRewriteOf } from './utc-timestamps-migration.js';

const content: ArticleContent = {
  originalUrl: 'https://wire.test/a', headline: 'A story', subheadline: null, dateline: null, bodyHtml: '<p>Body.</p>', bodyText: 'Body.',
  bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
};

describe('utcRewriteOf', () => {
  it('converts offsets and short forms, and leaves values it cannot read as they are', () => {
    const row = { a: '2019-11-18T21:24:00-05:00', b: '2019-11-19T02:24:00Z', c: '2019-11-19T02:24:00.000Z', d: 'whenever', e: null };
    expect(utcRewriteOf(row, ['a', 'b', 'c', 'd', 'e'], false)).toEqual({ a: '2019-11-19T02:24:00.000Z', b: '2019-11-19T02:24:00.000Z' });
    expect(utcRewriteOf({ c: '2019-11-19T02:24:00.000Z' }, ['c'], false)).toBeNull();
  });

  it('converts the dates inside the provenance chain', () => {
    const provenance = JSON.stringify([{ role: 'publisher', name: 'Wire', url: null, date: '2019-11-18T21:24:00-05:00' }, { role: 'republisher', name: 'Us', url: null }]);
    expect(JSON.parse(utcRewriteOf({ provenance }, [], true)!.provenance as string)).toEqual([
      { role: 'publisher', name: 'Wire', url: null, date: '2019-11-19T02:24:00.000Z' },
      { role: 'republisher', name: 'Us', url: null },
    ]);
    expect(utcRewriteOf({ provenance: 'not json' }, [], true)).toBeNull();
  });
});

it('is registered as 0010-utc-timestamps, after the migrations before it', () => {
  const names = MIGRATIONS.map((m) => m.name);
  expect(names).toContain('0010-utc-timestamps');
  expect([...names].sort()).toEqual(names);
});

for (const backend of testBackends()) {
  describe(`migration 0010-utc-timestamps on ${backend.name}`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('rewrites the timestamps of rows written before it into UTC with Z', async () => {
      const db = store.db;
      const now = new Date('2019-11-20T00:00:00Z');
      const source = await createSource(db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/' }, now);
      const feed = await addFeed(db, { sourceId: source.id, url: 'https://wire.test/feed' }, now);
      const older = await insertArticle(db, { ...content, sourceId: source.id, feedId: feed.id, entryKey: 'a', slug: 'a', pubStatus: 'usable', holdReason: null }, now);
      const newer = await insertArticle(db, { ...content, originalUrl: 'https://wire.test/b', sourceId: source.id, feedId: feed.id, entryKey: 'b', slug: 'b', pubStatus: 'usable', holdReason: null }, now);
      const version = await insertVersion(db, { articleId: older.id, kind: 'original', headline: 'A', bodyHtml: '<p>A</p>', contentHash: 'h', note: null, state: 'published' }, now);
      await addTombstone(db, source.id, 'gone', 'deleted', now);
      const comment = await insertComment(db, {
        articleId: older.id, parentId: null, authorName: 'R', authorEmail: null, authorUrl: null, bodySource: 'Hi', bodyHtml: '<p>Hi</p>',
        status: 'approved', ipBucket: null, holdReason: null,
      }, now);

      // What the store held before: page dates with the page's offset, feed dates without milliseconds.
      // 21:24 at -05:00 is 02:24 UTC the next day, later than 23:00Z, but sorts before it as text.
      await db.updateTable('articles').set({
        first_created: '2019-11-18T21:24:00-05:00', republished_at: '2019-11-18T21:24:00-05:00', version_created: '2019-11-19T02:24:00Z',
        next_check_at: '2019-11-18T22:00:00+01:00', withdrawn_at: null, updated_at: '2019-11-19T02:24:00Z',
        provenance: JSON.stringify([{ role: 'publisher', name: 'Wire', url: null, date: '2019-11-18T21:24:00-05:00' }]),
      }).where('id', '=', older.id).execute();
      await db.updateTable('articles').set({ republished_at: '2019-11-18T23:00:00Z', first_created: 'some day' }).where('id', '=', newer.id).execute();
      await db.updateTable('sources').set({ created_at: '2019-11-18T10:00:00+02:00' }).execute();
      await db.updateTable('feeds').set({ last_fetched_at: '2019-11-18T10:00:00+0200', next_poll_at: '2019-11-18T10:30:00Z', lease_until: '2019-11-18T10:05:00-00:00' }).execute();
      await db.updateTable('article_versions').set({ created_at: '2019-11-18T10:00:00+05:30' }).execute();
      await db.updateTable('tombstones').set({ created_at: '2019-11-18T10:00:00-08:00' }).execute();
      await db.updateTable('comments').set({ created_at: '2019-11-18T10:00:00.5+00:00' }).execute();

      const rewritten = await rewriteTimestampsAsUtc(db as unknown as Kysely<unknown>);
      expect(rewritten).toBe(7);

      const a = await db.selectFrom('articles').selectAll().where('id', '=', older.id).executeTakeFirstOrThrow();
      expect(a).toMatchObject({
        first_created: '2019-11-19T02:24:00.000Z', republished_at: '2019-11-19T02:24:00.000Z', version_created: '2019-11-19T02:24:00.000Z',
        next_check_at: '2019-11-18T21:00:00.000Z', withdrawn_at: null, updated_at: '2019-11-19T02:24:00.000Z', created_at: '2019-11-20T00:00:00.000Z',
      });
      expect(JSON.parse(a.provenance)[0].date).toBe('2019-11-19T02:24:00.000Z');
      const b = await db.selectFrom('articles').select(['first_created', 'republished_at']).where('id', '=', newer.id).executeTakeFirstOrThrow();
      expect(b).toEqual({ first_created: 'some day', republished_at: '2019-11-18T23:00:00.000Z' });
      expect(await db.selectFrom('sources').select('created_at').executeTakeFirstOrThrow()).toEqual({ created_at: '2019-11-18T08:00:00.000Z' });
      expect(await db.selectFrom('feeds').select(['last_fetched_at', 'next_poll_at', 'lease_until']).executeTakeFirstOrThrow()).toEqual({
        last_fetched_at: '2019-11-18T08:00:00.000Z', next_poll_at: '2019-11-18T10:30:00.000Z', lease_until: '2019-11-18T10:05:00.000Z',
      });
      expect((await db.selectFrom('article_versions').select('created_at').where('id', '=', version.id).executeTakeFirstOrThrow()).created_at).toBe('2019-11-18T04:30:00.000Z');
      expect((await db.selectFrom('tombstones').select('created_at').executeTakeFirstOrThrow()).created_at).toBe('2019-11-18T18:00:00.000Z');
      expect((await db.selectFrom('comments').select('created_at').where('id', '=', comment.id).executeTakeFirstOrThrow()).created_at).toBe('2019-11-18T10:00:00.500Z');

      // Now text order is time order: the story republished at 02:24 UTC comes first.
      expect((await db.selectFrom('articles').select('slug').orderBy('republished_at', 'desc').execute()).map((x) => x.slug)).toEqual(['a', 'b']);
      // Running it again changes nothing.
      expect(await rewriteTimestampsAsUtc(db as unknown as Kysely<unknown>)).toBe(0);
    });

    it('pages through tables larger than one batch', { timeout: 60_000 }, async () => {
      const db = store.db;
      const source = await createSource(db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/' });
      const article = await insertArticle(db, { ...content, sourceId: source.id, feedId: null, entryKey: 'a', slug: 'a', pubStatus: 'usable', holdReason: null }, new Date());
      const values = Array.from({ length: 1100 }, (_, i) => ({
        article_id: article.id, kind: 'edit', headline: 'A', body_html: '', content_hash: `${i}`, note: null, state: 'published', created_at: '2019-11-18T10:00:00+01:00',
      }));
      for (let i = 0; i < values.length; i += 300) await db.insertInto('article_versions').values(values.slice(i, i + 300)).execute();
      expect(await rewriteTimestampsAsUtc(db as unknown as Kysely<unknown>)).toBe(1100);
      const left = await db.selectFrom('article_versions').select('created_at').where('created_at', '!=', '2019-11-18T09:00:00.000Z').execute();
      expect(left).toEqual([]);
    });
  });
}
