// The admin API: closed without a token, refusing a wrong one, and doing what the CLI does with the right one.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import { loadConfig } from '../config/config.js';
import { createSource } from '../store/sources.js';
import { insertArticle, insertVersion, getArticleBySlug, isTombstoned } from '../store/articles.js';
import { insertComment, getComment } from '../store/comments.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import type { Store } from '../store/database.js';

for (const backend of testBackends()) {
  describe(`admin API (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let commentId: number;
    let versionId: number;
    const auth = { authorization: 'Bearer s3cret-token-of-sixteen' };
    // The API's answers are JSON objects; the tests read them loosely.
    const json = async (response: Response | Promise<Response>) => (await (await response).json()) as Record<string, any>;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_ADMIN_TOKEN: 's3cret-token-of-sixteen' }), store));
      const source = await createSource(store.db, { slug: 's', name: 'Source', homeUrl: 'https://s.test/', license: 'CC BY 4.0', updatePolicy: 'review' });
      const now = new Date();
      const article = await insertArticle(store.db, {
        originalUrl: 'https://s.test/a', headline: 'Held story', subheadline: null, dateline: null, bodyHtml: '<p>Old text.</p>', bodyText: 'Old text.',
        bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
        rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'k', slug: 'held-story', pubStatus: 'withheld', holdReason: 'cannot publish: missing field site.name',
      }, now);
      versionId = (await insertVersion(store.db, { articleId: article.id, kind: 'update', headline: 'Held story', bodyHtml: '<p>New text.</p>', contentHash: 'h', note: 'The source updated this story.', state: 'pending' }, now)).id;
      commentId = (await insertComment(store.db, { articleId: article.id, parentId: null, authorName: 'Ann', authorEmail: 'a@x.test', authorUrl: null, bodySource: 'Hi', bodyHtml: '<p>Hi</p>', status: 'pending', ipBucket: null, holdReason: 'first comment' })).id;
    });
    afterEach(async () => dispose());

    it('is closed without a configured token and refuses a wrong one', async () => {
      const closed = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk' }), store));
      expect((await closed.request('/api/admin/comments/pending', { headers: auth })).status).toBe(403);
      expect((await app.request('/api/admin/comments/pending')).status).toBe(401);
      expect((await app.request('/api/admin/comments/pending', { headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    });

    it('lists and moderates comments', async () => {
      const pending = await json(app.request('/api/admin/comments/pending', { headers: auth }));
      expect(pending.comments.map((c: { id: number }) => c.id)).toEqual([commentId]);
      const approved = await app.request(`/api/admin/comments/${commentId}/approve`, { method: 'POST', headers: auth });
      expect(await json(approved)).toEqual({ id: commentId, status: 'approved' });
      expect((await getComment(store.db, commentId))?.status).toBe('approved');
      const bad = await app.request(`/api/admin/comments/${commentId}/delete-everything`, { method: 'POST', headers: auth });
      expect(bad.status).toBe(400);
      expect((await json(bad)).error).toContain('unknown action');
      expect((await app.request('/api/admin/comments/999/approve', { method: 'POST', headers: auth })).status).toBe(404);
    });

    it('lists comments by status, spam included', async () => {
      const spamId = (await insertComment(store.db, { articleId: (await getArticleBySlug(store.db, 'held-story'))!.id, parentId: null, authorName: 'B\u200Bot\u202E', authorEmail: null, authorUrl: null, bodySource: 'B\u2067uy', bodyHtml: '<p>Buy</p>', status: 'spam', ipBucket: null, holdReason: 'honeypot field filled' })).id;
      const spam = await json(app.request('/api/admin/comments?status=spam', { headers: auth }));
      expect(spam).toMatchObject({ status: 'spam', comments: [{ id: spamId, authorName: 'Bot', bodySource: 'Buy', holdReason: 'honeypot field filled', articleSlug: 'held-story' }] });
      expect((await json(app.request('/api/admin/comments', { headers: auth }))).comments.map((c: { id: number }) => c.id)).toEqual([commentId]);
      expect((await json(app.request('/api/admin/comments?status=approved', { headers: auth }))).comments).toEqual([]);
      const bad = await app.request('/api/admin/comments?status=everything', { headers: auth });
      expect(bad.status).toBe(400);
      expect((await app.request('/api/admin/comments?status=spam')).status).toBe(401);
    });

    it('reads ids as decimal digits only: hex, exponents and signs are refused, not acted on', async () => {
      const hex = `0x${commentId.toString(16)}`;
      for (const id of [hex, `${commentId}e0`, '1e3', `+${commentId}`, ` ${commentId}`, `${commentId}.0`, '0']) {
        const response = await app.request(`/api/admin/comments/${encodeURIComponent(id)}/approve`, { method: 'POST', headers: auth });
        expect([400, 404], `id ${JSON.stringify(id)}`).toContain(response.status);
      }
      expect((await getComment(store.db, commentId))?.status).toBe('pending');
      expect((await app.request(`/api/admin/versions/0x${versionId.toString(16)}/approve`, { method: 'POST', headers: auth })).status).toBe(400);
    });

    it('lists held articles with the reason, publishes once fixed, and applies reviewed versions', async () => {
      const held = await json(app.request('/api/admin/articles/held', { headers: auth }));
      expect(held.articles[0]).toMatchObject({ slug: 'held-story', reason: 'cannot publish: missing field site.name' });
      expect((await app.request('/api/admin/articles/held-story/publish', { method: 'POST', headers: auth })).status).toBe(200);
      expect((await getArticleBySlug(store.db, 'held-story'))?.pubStatus).toBe('usable');
      const versions = await json(app.request('/api/admin/versions/pending', { headers: auth }));
      expect(versions.versions.map((v: { id: number }) => v.id)).toEqual([versionId]);
      expect((await app.request(`/api/admin/versions/${versionId}/approve`, { method: 'POST', headers: auth })).status).toBe(200);
      expect((await getArticleBySlug(store.db, 'held-story'))?.bodyHtml).toBe('<p>New text.</p>');
      expect((await app.request(`/api/admin/versions/${versionId}/approve`, { method: 'POST', headers: auth })).status).toBe(409);
    });

    it('deletes and rejects an article, writing its tombstone', async () => {
      const article = (await getArticleBySlug(store.db, 'held-story'))!;
      const rejected = await app.request('/api/admin/articles/held-story/reject', { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ note: 'off topic' }) });
      expect(await json(rejected)).toEqual({ slug: 'held-story', status: 'rejected' });
      expect(await getArticleBySlug(store.db, 'held-story')).toMatchObject({ pubStatus: 'withheld', holdReason: 'rejected by an editor: off topic' });
      expect(await isTombstoned(store.db, article.sourceId, 'k')).toBe(true);
      expect((await app.request('/api/admin/articles/held-story/publish', { method: 'POST', headers: auth })).status).toBe(409);
      const deleted = await app.request('/api/admin/articles/held-story/delete', { method: 'POST', headers: auth });
      expect(await json(deleted)).toEqual({ slug: 'held-story', status: 'deleted' });
      expect(await getArticleBySlug(store.db, 'held-story')).toBeNull();
      expect((await app.request('/api/admin/articles/held-story/delete', { method: 'POST', headers: auth })).status).toBe(404);
    });
  });
}
