// The store reports the writes that change a public page, and only those: on SQLite by its counter, on
// PostgreSQL by a notification at commit.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import { createSource } from './sources.js';
import { insertArticle, setArticleState, setNextCheck, updateArticleContent } from './articles.js';
import { insertComment, setCommentStatus } from './comments.js';
import { PAGE_CHANGES_CHANNEL, sqliteChangeCounter } from './page-changes.js';
import { addCorrection } from './corrections.js';
import { addCommentBlock } from './comment-blocks.js';
import type { Store } from './database.js';

async function seed(store: Store) {
  const now = new Date('2026-11-27T12:00:00Z');
  const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
  const article = await insertArticle(store.db, {
    originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>',
    bodyText: 'Text.', bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null,
    provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
    sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
  }, now);
  return { article, now };
}

const pendingComment = (articleId: number) => ({
  articleId, parentId: null, authorName: 'Reader', authorEmail: null, authorUrl: null,
  bodySource: 'Hello.', bodyHtml: '<p>Hello.</p>', status: 'pending' as const, ipBucket: null, holdReason: null,
});

/** Each backend's way to observe: how many page-changing commits there have been since `start()`. */
interface Observer {
  changes(): Promise<number>;
  close(): Promise<void>;
}

async function observe(store: Store, url: string): Promise<Observer> {
  if (store.dialect === 'sqlite') {
    const read = sqliteChangeCounter(store)!;
    const start = read();
    return { changes: async () => read() - start, close: async () => undefined };
  }
  const pg = await import('pg');
  const client = new pg.default.Client({ connectionString: url });
  await client.connect();
  const schema = (await client.query<{ s: string }>('select current_schema() as s')).rows[0]!.s;
  let count = 0;
  client.on('notification', (n) => {
    if (n.channel === PAGE_CHANGES_CHANNEL && n.payload === schema) count++;
  });
  await client.query(`listen ${PAGE_CHANGES_CHANNEL}`);
  // Notifications arrive asynchronously: a marker write on our own connection, heard last, flushes them.
  const settle = async () => {
    await client.query(`select pg_notify('${PAGE_CHANGES_CHANNEL}', 'settle')`);
    await new Promise((r) => setTimeout(r, 50));
  };
  return {
    changes: async () => (await settle(), count),
    close: () => client.end(),
  };
}

describe.each(testBackends())('page changes on $name', (backend) => {
  let store: Store;
  let url: string;
  let dispose: () => Promise<void>;
  let observer: Observer;

  beforeEach(async () => {
    ({ store, url, dispose } = await backend.open());
  });
  afterEach(async () => {
    await observer?.close();
    await dispose();
  });

  it('counts what a reader sees change: an article edit, a publication, an approved comment', async () => {
    const { article, now } = await seed(store);
    observer = await observe(store, url);
    expect(await observer.changes()).toBe(0);
    await updateArticleContent(store.db, article.id, {
      originalUrl: 'https://wire.test/a', headline: 'Harbour news, updated', subheadline: null, dateline: null, bodyHtml: '<p>New text.</p>', bodyText: 'New text.',
      bodyOrigin: 'feed', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
    }, now);
    const afterEdit = await observer.changes();
    expect(afterEdit).toBeGreaterThan(0);
    await setArticleState(store.db, article.id, { republishedAt: now.toISOString() }, now);
    const afterPublish = await observer.changes();
    expect(afterPublish).toBeGreaterThan(afterEdit);
    const comment = await insertComment(store.db, pendingComment(article.id));
    expect(await observer.changes()).toBe(afterPublish);
    await setCommentStatus(store.db, comment.id, 'approved');
    const afterApproval = await observer.changes();
    expect(afterApproval).toBeGreaterThan(afterPublish);
    // Taking an approved comment down changes the page too.
    await setCommentStatus(store.db, comment.id, 'trash');
    expect(await observer.changes()).toBeGreaterThan(afterApproval);
  });

  it('counts a stored image and a refreshed related-news ranking', async () => {
    const { article, now } = await seed(store);
    observer = await observe(store, url);
    const media = await store.db
      .insertInto('media')
      .values({ source_url: 'https://wire.test/a.jpg', status: 'pending', variants: '[]', created_at: now.toISOString(), updated_at: now.toISOString() })
      .returning('id')
      .executeTakeFirstOrThrow();
    const afterImage = await observer.changes();
    expect(afterImage).toBeGreaterThan(0);
    await store.db.insertInto('article_media').values({ article_id: article.id, media_id: media.id, role: 'lead', created_at: now.toISOString() }).execute();
    const afterLink = await observer.changes();
    expect(afterLink).toBeGreaterThan(afterImage);
    await store.db.insertInto('related_articles').values({ article_id: article.id, tier: 'topic', related_id: article.id, rank: 1, score: 0.5 }).execute();
    expect(await observer.changes()).toBeGreaterThan(afterLink);
  });

  it('counts a correction an editor adds, and not a comment block-list entry (no page shows the lists)', async () => {
    const { article, now } = await seed(store);
    observer = await observe(store, url);
    await addCommentBlock(store.db, { kind: 'word', value: 'cheap pills', note: null, addedBy: 'owner@desk.test' }, now);
    expect(await observer.changes()).toBe(0);
    await addCorrection(store.db, { articleId: article.id, note: 'The vote was on Tuesday, not Monday.', addedBy: 'owner@desk.test' }, now);
    expect(await observer.changes()).toBeGreaterThan(0);
  });

  it('does not count bookkeeping: a re-check time, a held comment, a rolled-back write', async () => {
    const { article } = await seed(store);
    observer = await observe(store, url);
    await setNextCheck(store.db, article.id, new Date('2026-11-28T00:00:00Z'));
    await insertComment(store.db, pendingComment(article.id));
    await store.db.transaction().execute(async (tx) => {
      await setCommentStatus(tx, 1, 'approved');
      throw new Error('rolled back');
    }).catch(() => undefined);
    expect(await observer.changes()).toBe(0);
  });
});
