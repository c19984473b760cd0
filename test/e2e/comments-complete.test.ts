// The rest of a complete comment system, through the real HTTP app on both stores: the per-source comment window,
// thread order, the comment feed, and the author's 15 minutes to edit or delete.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testBackends } from '../../src/store/test-backends.js';
import { loadConfig } from '../../src/config/config.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { getComment, insertComment, listCommentsByStatus, setCommentsCloseAfterDays } from '../../src/store/comments.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { createApp } from '../../src/site/app.js';
import { issueFormToken } from '../../src/comments/csrf.js';
import { EDIT_EXPIRED_MESSAGE, EDIT_NOT_YOURS_MESSAGE } from '../../src/site/routes/comments.routes.js';
import { COMMENTS_PER_PAGE, MAX_THREAD_DEPTH } from '../../src/site/routes/article.routes.js';
import type { Store } from '../../src/store/database.js';
import type { CommentStatus } from '../../src/model/types.js';

const SECRET = 'a-test-secret-that-is-long-enough';
const PAGE = '/articles/harbour-news';

for (const backend of testBackends()) {
  describe(`complete comments (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let app: ReturnType<typeof createApp>;
    let articleId: number;
    let sourceId: number;
    let clock: Date;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', CONVEY_COMMENT_HOLD_WORDS: 'casino' });
      clock = new Date('2026-11-27T12:00:00Z');
      app = createApp({ ...siteDepsOf(config, store), now: () => clock });
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
      sourceId = source.id;
      const article = await insertArticle(store.db, {
        originalUrl: 'https://wire.test/a', headline: 'Harbour news', subheadline: null, dateline: null, bodyHtml: '<p>Text of the story.</p>',
        bodyText: 'Text of the story.', bodyOrigin: 'feed', byline: 'A. Writer', language: 'en', lead: null, topics: [], firstCreated: null,
        provenance: [], rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
        sourceId: source.id, feedId: null, entryKey: 'a', slug: 'harbour-news', pubStatus: 'usable', holdReason: null,
      }, clock);
      await setArticleState(store.db, article.id, { republishedAt: clock.toISOString() }, clock);
      articleId = article.id;
    });
    afterEach(async () => dispose());

    async function post(fields: Record<string, string>, headers: Record<string, string> = {}) {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 10_000);
      return app.request(`${PAGE}/comments`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ form_token: token, ...fields }).toString(),
      });
    }

    async function seed(body: string, status: CommentStatus, minute: number, parentId: number | null = null) {
      return insertComment(
        store.db,
        { articleId, parentId, authorName: `By ${body}`, authorEmail: null, authorUrl: null, bodySource: body, bodyHtml: `<p>${body}</p>`, status, ipBucket: null, holdReason: null },
        new Date(Date.UTC(2026, 10, 27, 12, minute)),
      );
    }

    /** The edit cookie a post set, as a Cookie header. */
    function editCookie(res: Response): string {
      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('convey_edit_'));
      expect(cookie).toBeDefined();
      expect(cookie).toMatch(/HttpOnly/i);
      expect(cookie).toMatch(/SameSite=Strict/i);
      expect(cookie).toMatch(/Max-Age=900/);
      return cookie!.split(';')[0];
    }

    const idOf = (res: Response) => Number(/[?&]c=(\d+)/.exec(res.headers.get('location') ?? '')![1]);
    const minutesLater = (m: number) => void (clock = new Date(clock.getTime() + m * 60_000));

    describe('comment window per source', () => {
      it('on: N days after publication the form is gone and a post is refused, saying since when', async () => {
        await setCommentsCloseAfterDays(store.db, sourceId, 14);
        expect(await (await app.request(PAGE)).text()).toContain('id="commentform"');
        clock = new Date('2026-12-11T12:00:00Z');
        const page = await (await app.request(PAGE)).text();
        expect(page).not.toContain('id="commentform"');
        expect(page).toContain('Comments are closed.');
        const res = await post({ name: 'Late', body: 'Too late?' });
        expect(res.status).toBe(403);
        expect(await res.text()).toContain('Comments on this article closed on 2026-12-11.');
        expect(await listCommentsByStatus(store.db, articleId, 'pending')).toEqual([]);
      });
      it('off: without a window an old article still takes comments', async () => {
        await setCommentsCloseAfterDays(store.db, sourceId, null);
        clock = new Date('2027-06-01T12:00:00Z');
        expect(await (await app.request(PAGE)).text()).toContain('id="commentform"');
        expect((await post({ name: 'Late', body: 'Still open.' })).status).toBe(303);
      });
    });

    describe('thread order', () => {
      it('oldest first by default, newest first with ?csort=newest, by plain links that keep the order across pages', async () => {
        const first = await seed('First thread', 'approved', 1);
        await seed('Second thread', 'approved', 2);
        await seed('Reply to first', 'approved', 3, first.id);
        const oldest = await (await app.request(PAGE)).text();
        expect(oldest.indexOf('First thread')).toBeLessThan(oldest.indexOf('Second thread'));
        expect(oldest).toContain(`href="${PAGE}?csort=newest#comments"`);
        const newest = await (await app.request(`${PAGE}?csort=newest`)).text();
        expect(newest.indexOf('Second thread')).toBeLessThan(newest.indexOf('First thread'));
        expect(newest.indexOf('First thread')).toBeLessThan(newest.indexOf('Reply to first'));
        expect(newest).toContain(`href="${PAGE}#comments"`);
        expect(newest).toMatch(/Reply<\/a>/);
        expect(newest).toContain(`href="${PAGE}?csort=newest&amp;replyto=${first.id}#respond"`);
        const odd = await (await app.request(`${PAGE}?csort=<script>`)).text();
        expect(odd.indexOf('First thread')).toBeLessThan(odd.indexOf('Second thread'));
      });
    });

    describe('maximum depth', () => {
      it('a reply below the deepest level is shown at that level, saying whom it answers, and a reply to it posts', async () => {
        let parent: number | null = null;
        const ids: number[] = [];
        for (let level = 1; level <= MAX_THREAD_DEPTH + 2; level++) {
          const c = await seed(`Level ${level} words`, 'approved', level, parent);
          ids.push(c.id);
          parent = c.id;
        }
        const page = await (await app.request(PAGE)).text();
        const depthOf = (id: number) => Number(new RegExp(`id="comment-${id}" class="comment depth-(\\d+)"`).exec(page)![1]);
        expect(ids.map(depthOf)).toEqual([1, 2, 3, 4, 5, 5, 5]);
        expect(page).toContain(`In reply to <a href="#comment-${ids[5]}">By Level 6 words</a>`);
        const deepest = ids[ids.length - 1];
        const reply = await post({ name: 'Deep', body: 'Deeper still.', parent_id: String(deepest) });
        expect(reply.status).toBe(303);
        await store.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', idOf(reply)).execute();
        const after = await (await app.request(PAGE)).text();
        expect(after).toMatch(new RegExp(`id="comment-${idOf(reply)}" class="comment depth-${MAX_THREAD_DEPTH}"`));
      });
    });

    describe('page size', () => {
      it('a page stops before the thread that would take it past its comment budget; the next page has it', async () => {
        const busy = await seed('Busy thread one', 'approved', 1);
        const second = await seed('Busy thread two', 'approved', 2);
        const replies = (parent: number, base: number) =>
          Array.from({ length: COMMENTS_PER_PAGE / 2 }, (_, k) => ({
            article_id: articleId, parent_id: parent, author_name: 'R', author_email: null, author_url: null, body_source: `r${base + k}`, body_html: `<p>reply ${base + k}</p>`,
            status: 'approved', ip_bucket: null, hold_reason: null, created_at: new Date(Date.UTC(2026, 10, 27, 13, 0, 0, base + k)).toISOString(),
          }));
        await store.db.insertInto('comments').values([...replies(busy.id, 0), ...replies(second.id, 1000)]).execute();
        const first = await (await app.request(PAGE)).text();
        expect(first).toContain('Busy thread one');
        expect(first).not.toContain('Busy thread two');
        expect(first).toContain(`href="${PAGE}?cpage=2#comments"`);
        expect((first.match(/class="comment depth-/g) ?? []).length).toBe(COMMENTS_PER_PAGE / 2 + 1);
        const next = await (await app.request(`${PAGE}?cpage=2`)).text();
        expect(next).toContain('Busy thread two');
      });
    });

    describe('comment feed', () => {
      it('carries approved comments only, and the page links it; held, spam and trashed comments are in neither', async () => {
        await seed('Approved words', 'approved', 1);
        await seed('Held words', 'pending', 2);
        await seed('Spam words', 'spam', 3);
        await seed('Trashed words', 'trash', 4);
        const res = await app.request(`${PAGE}/comments.xml`);
        expect(res.status).toBe(200);
        expect(res.headers.get('content-type')).toContain('application/atom+xml');
        const xml = await res.text();
        expect(xml).toContain('Approved words');
        expect(xml).toContain('<id>http://desk.test/articles/harbour-news/comments.xml</id>');
        const page = await (await app.request(PAGE)).text();
        expect(page).toContain(`href="${PAGE}/comments.xml" type="application/atom+xml"`);
        expect(page).toContain(`<link rel="alternate" type="application/atom+xml" title="Comments on Harbour news" href="${PAGE}/comments.xml">`);
        for (const hidden of ['Held words', 'Spam words', 'Trashed words']) {
          expect(xml).not.toContain(hidden);
          expect(page).not.toContain(hidden);
        }
        expect((await app.request('/articles/no-such-story/comments.xml')).status).toBe(404);
        // Search reads articles, never comments: a held comment's words find nothing.
        const search = await (await app.request('/search?q=Held+words')).text();
        expect(search).not.toContain('<p>Held words</p>');
        expect(search).not.toContain('#comment-');
      });
    });

    describe('Akismet-compatible check', () => {
      /** A loopback fake of the service: "true" (spam) for bodies that mention pills, "false" otherwise. */
      async function withFakeService(run: (origin: string, calls: URLSearchParams[]) => Promise<void>) {
        const calls: URLSearchParams[] = [];
        const server = createServer((req, res) => {
          let body = '';
          req.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
          req.on('end', () => {
            const form = new URLSearchParams(body);
            calls.push(form);
            res.writeHead(200, { 'content-type': 'text/plain' });
            res.end(/pills/.test(form.get('comment_content') ?? '') ? 'true' : 'false');
          });
        });
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        try {
          await run(`http://127.0.0.1:${(server.address() as AddressInfo).port}`, calls);
        } finally {
          server.closeAllConnections();
          await new Promise((resolve) => server.close(resolve));
        }
      }
      const appWith = (env: Record<string, string>) =>
        createApp({ ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', ...env }), store), now: () => clock });
      const postTo = async (target: ReturnType<typeof createApp>, body: string) => {
        const token = issueFormToken(SECRET, { articleId, now: clock });
        clock = new Date(clock.getTime() + 10_000);
        return target.request(`${PAGE}/comments`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ form_token: token, name: 'Pat', body }).toString() });
      };

      it('on: a comment the service calls spam is stored as spam; the others keep the local decision', async () => {
        await withFakeService(async (origin, calls) => {
          const checked = appWith({ CONVEY_AKISMET_KEY: 'test-key', CONVEY_AKISMET_URL: origin, CONVEY_FETCH_ALLOW: new URL(origin).host });
          expect((await postTo(checked, 'Cheap pills here.')).headers.get('location')).toContain('comment=pending');
          expect((await postTo(checked, 'A fair point.')).status).toBe(303);
          expect(calls.map((c) => c.get('comment_content'))).toEqual(['Cheap pills here.', 'A fair point.']);
          expect(calls[0].get('api_key')).toBe('test-key');
          expect((await listCommentsByStatus(store.db, articleId, 'spam')).map((c) => c.bodySource)).toEqual(['Cheap pills here.']);
          expect((await listCommentsByStatus(store.db, articleId, 'spam'))[0].holdReason).toContain('spam check: spam');
          expect((await listCommentsByStatus(store.db, articleId, 'pending')).map((c) => c.bodySource)).toEqual(['A fair point.']);
        });
      });
      it('off: without a key the service is never called', async () => {
        await withFakeService(async (origin, calls) => {
          const unchecked = appWith({ CONVEY_FETCH_ALLOW: new URL(origin).host });
          await postTo(unchecked, 'Cheap pills here.');
          expect(calls).toEqual([]);
          expect(await listCommentsByStatus(store.db, articleId, 'spam')).toEqual([]);
        });
      });
      it('a service out of reach holds the comment with the reason, and loses nothing', async () => {
        // Not in CONVEY_FETCH_ALLOW: the guarded client refuses the loopback address.
        await withFakeService(async (origin, calls) => {
          const guarded = appWith({ CONVEY_AKISMET_KEY: 'test-key', CONVEY_AKISMET_URL: origin });
          expect((await postTo(guarded, 'Hello.')).status).toBe(303);
          expect(calls).toEqual([]);
          const [held] = await listCommentsByStatus(store.db, articleId, 'pending');
          expect(held.bodySource).toBe('Hello.');
          expect(held.holdReason).toMatch(/spam check unavailable: Refused to fetch/);
        });
      });
    });

    describe('the author edits or deletes for 15 minutes', () => {
      it('edits an approved comment from the browser that posted it; a clean edit stays published', async () => {
        const posted = await post({ name: 'Solo', body: 'Tpyo here.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        await store.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();

        const page = await app.request(PAGE, { headers: { cookie } });
        const pageHtml = await page.text();
        expect(pageHtml).toContain(`href="${PAGE}/comments/${id}/edit"`);
        expect(page.headers.get('cache-control')).toBe('private, no-store');
        expect((await app.request(PAGE)).headers.get('cache-control')).not.toMatch(/private/);

        const form = await app.request(`${PAGE}/comments/${id}/edit`, { headers: { cookie } });
        expect(form.status).toBe(200);
        expect(await form.text()).toContain('Tpyo here.');

        minutesLater(5);
        const saved = await app.request(`${PAGE}/comments/${id}/edit`, {
          method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ body: 'Typo fixed.' }).toString(),
        });
        expect(saved.status).toBe(303);
        expect(saved.headers.get('location')).toContain('comment=posted');
        const after = await getComment(store.db, id);
        expect(after).toMatchObject({ bodySource: 'Typo fixed.', bodyHtml: '<p>Typo fixed.</p>', status: 'approved' });
      });

      it('once comments close, an edit is refused within the 15 minutes, and deleting still works', async () => {
        await setCommentsCloseAfterDays(store.db, sourceId, 14);
        clock = new Date('2026-12-11T11:55:00Z');
        const posted = await post({ name: 'Closing', body: 'Just in time.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        minutesLater(6);
        const refused = await app.request(`${PAGE}/comments/${id}/edit`, {
          method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ body: 'Rewritten after closing.' }).toString(),
        });
        expect(refused.status).toBe(403);
        expect(await refused.text()).toContain('Comments on this article are closed: your comment can be deleted, no longer changed.');
        expect((await getComment(store.db, id))!.bodySource).toBe('Just in time.');
        const deleted = await app.request(`${PAGE}/comments/${id}/delete`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
        expect(deleted.status).toBe(303);
      });

      it('an edit that trips a rule goes back to moderation; a held comment stays held whatever the edit', async () => {
        const posted = await post({ name: 'Bo', body: 'Plain words.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        await store.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
        const edit = (body: string) =>
          app.request(`${PAGE}/comments/${id}/edit`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ body }).toString() });

        const linked = await edit('See https://a.example and https://b.example');
        expect(linked.headers.get('location')).toContain('comment=pending');
        expect(await getComment(store.db, id)).toMatchObject({ status: 'pending' });
        expect((await getComment(store.db, id))!.holdReason).toMatch(/^edited: 2 links/);
        expect(await (await app.request(PAGE)).text()).not.toContain('a.example');

        const cleaned = await edit('Plain words again.');
        expect(cleaned.headers.get('location')).toContain('comment=pending');
        expect(await getComment(store.db, id)).toMatchObject({ status: 'pending', bodySource: 'Plain words again.' });

        const denied = await edit('\u3164 \u200B \u2800');
        expect(denied.status).toBe(422);
        expect(await denied.text()).toContain('Your comment shows no visible character');
        expect(await getComment(store.db, id)).toMatchObject({ bodySource: 'Plain words again.' });
      });

      it('edits count against the network\'s pace like new comments; a refused edit keeps its text', async () => {
        const posted = await post({ name: 'Fi', body: 'Version 0.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        let last: Response | null = null;
        for (let i = 1; i <= 12; i++) {
          last = await app.request(`${PAGE}/comments/${id}/edit`, { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ body: `Version ${i}.` }).toString() });
          if (last.status === 429) break;
        }
        expect(last!.status).toBe(429);
        expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
        const page = await last!.text();
        expect(page).toContain('Too many changes from your network.');
        expect(page).toMatch(/<textarea[^>]*>Version \d+\.<\/textarea>/);
      });

      it('the held comment\'s notice offers the edit link to its author only', async () => {
        const posted = await post({ name: 'Cy', email: 'cy@example.test', body: 'Held at first.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        const mine = await (await app.request(`${PAGE}?comment=pending&c=${id}`, { headers: { cookie } })).text();
        expect(mine).toContain(`href="${PAGE}/comments/${id}/edit"`);
        expect(mine).not.toContain('Held at first.');
        const theirs = await (await app.request(`${PAGE}?comment=pending&c=${id}`)).text();
        expect(theirs).not.toContain('/edit"');
      });

      it('refuses after 15 minutes, and without the cookie, with a clear message; the text is unchanged', async () => {
        const posted = await post({ name: 'Di', body: 'Original.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        const editRequest = (headers: Record<string, string>) =>
          app.request(`${PAGE}/comments/${id}/edit`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams({ body: 'Changed.' }).toString() });

        const stranger = await editRequest({});
        expect(stranger.status).toBe(403);
        expect(await stranger.text()).toContain(EDIT_NOT_YOURS_MESSAGE);
        const forged = await editRequest({ cookie: `convey_edit_${id}=e1.${id}.9999999999.forged` });
        expect(forged.status).toBe(403);
        const otherComment = await seed('Someone else', 'approved', 0);
        const borrowed = await app.request(`${PAGE}/comments/${otherComment.id}/edit`, { headers: { cookie: cookie.replace(`convey_edit_${id}`, `convey_edit_${otherComment.id}`) } });
        expect(borrowed.status).toBe(403);

        minutesLater(15);
        const late = await editRequest({ cookie });
        expect(late.status).toBe(403);
        expect(await late.text()).toContain(EDIT_EXPIRED_MESSAGE);
        const lateForm = await app.request(`${PAGE}/comments/${id}/edit`, { headers: { cookie } });
        expect(lateForm.status).toBe(403);
        const lateDelete = await app.request(`${PAGE}/comments/${id}/delete`, { method: 'POST', headers: { cookie } });
        expect(lateDelete.status).toBe(403);
        expect(await getComment(store.db, id)).toMatchObject({ bodySource: 'Original.', status: 'pending' });
        expect(await (await app.request(PAGE, { headers: { cookie } })).text()).not.toContain('/edit"');
      });

      it('deletes within the window: the comment leaves the page and the feed, moderators see why', async () => {
        const posted = await post({ name: 'Ed', body: 'Regretted words.' });
        const id = idOf(posted);
        const cookie = editCookie(posted);
        await store.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
        expect(await (await app.request(`${PAGE}/comments.xml`)).text()).toContain('Regretted words.');
        const foreign = await app.request(`${PAGE}/comments/${id}/delete`, { method: 'POST', headers: { cookie, origin: 'https://evil.test' } });
        expect(foreign.status).toBe(403);
        const res = await app.request(`${PAGE}/comments/${id}/delete`, { method: 'POST', headers: { cookie } });
        expect(res.status).toBe(303);
        expect(res.headers.get('location')).toBe(`${PAGE}?comment=deleted#comments`);
        expect(res.headers.getSetCookie().join()).toMatch(new RegExp(`convey_edit_${id}=;.*Max-Age=0`));
        expect(await getComment(store.db, id)).toMatchObject({ status: 'trash', holdReason: 'deleted by its author' });
        expect(await (await app.request(PAGE)).text()).not.toContain('Regretted words.');
        expect(await (await app.request(`${PAGE}/comments.xml`)).text()).not.toContain('Regretted words.');
        expect((await app.request(`${PAGE}/comments/${id}/delete`, { method: 'POST', headers: { cookie } })).status).toBe(404);
      });
    });
  });
}
