// Posting comments through the real HTTP app (not the browser): every defence wired into the route.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../../src/store/test-backends.js';
import { loadConfig } from '../../src/config/config.js';
import { createSource } from '../../src/store/sources.js';
import { insertArticle, setArticleState } from '../../src/store/articles.js';
import { listCommentsByStatus } from '../../src/store/comments.js';
import { siteDepsOf } from '../../src/cli/serve-command.js';
import { FORM_NEEDS_CONFIRMING_MESSAGE } from '../../src/site/routes/comments.routes.js';
import { createApp } from '../../src/site/app.js';
import { issueFormToken } from '../../src/comments/csrf.js';
import type { Store } from '../../src/store/database.js';
import type { SiteDeps } from '../../src/http/deps.js';
import { openLiveSettings } from '../../src/config/live-settings.js';
import { writeSettings } from '../../src/store/settings.js';

const SECRET = 'a-test-secret-that-is-long-enough';

for (const backend of testBackends()) {
  describe(`posting comments (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    let deps: SiteDeps;
    let app: ReturnType<typeof createApp>;
    let articleId: number;
    let clock: Date;

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
      const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', CONVEY_COMMENT_HOLD_WORDS: 'casino' });
      clock = new Date('2026-11-27T12:00:00Z');
      deps = { ...siteDepsOf(config, store), now: () => clock };
      app = createApp(deps);
      const source = await createSource(store.db, { slug: 'wire', name: 'Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
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

    async function post(fields: Record<string, string>, secondsLater = 10, headers: Record<string, string> = {}) {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + secondsLater * 1000);
      return app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ form_token: token, ...fields }).toString(),
      });
    }

    async function allComments() {
      const lists = await Promise.all((['pending', 'approved', 'spam', 'trash'] as const).map((s) => listCommentsByStatus(store.db, articleId, s)));
      return lists.flat();
    }

    /** The commenter cookie a response set, as a request's Cookie header. */
    function cookieFrom(res: Response): string {
      const set = res.headers.get('set-cookie') ?? '';
      expect(set).toMatch(/HttpOnly/i);
      expect(set).toMatch(/SameSite=Strict/i);
      return set.split(';')[0];
    }

    async function approve(id: number) {
      await store.db.updateTable('comments').set({ status: 'approved' }).where('id', '=', id).execute();
    }

    it('reads the keyword lists over the user agent too, and holds every comment when the site asks for it', async () => {
      const held = await post({ name: 'Una', body: 'A fine story.' }, 10, { 'user-agent': 'CasinoBot/1.0' });
      expect(held.status).toBeLessThan(400);
      const [byAgent] = await allComments();
      expect(byAgent).toMatchObject({ status: 'pending' });
      expect(byAgent.holdReason).toMatch(/casino/i);
      const strict = createApp({ ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test', CONVEY_COMMENT_HOLD_ALL: 'on' }), store), now: () => clock });
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 10_000);
      await strict.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ form_token: token, name: 'Vera', body: 'Plain words.' }).toString(),
      });
      const vera = (await allComments()).find((c) => c.authorName === 'Vera');
      expect(vera).toMatchObject({ status: 'pending', holdReason: expect.stringMatching(/every comment is held/) });
    });

    it('follows the comment rules changed on the desk, over the environment\'s, in the running app', async () => {
      const config = loadConfig({ CONVEY_SITE_NAME: 'Desk', CONVEY_SECRET: SECRET, CONVEY_SITE_URL: 'http://desk.test' });
      const settings = await openLiveSettings(store, config, { log: () => undefined });
      try {
        const live = createApp({ ...siteDepsOf(config, store, settings), now: () => clock });
        const send = async (name: string, body: string) => {
          const token = issueFormToken(SECRET, { articleId, now: clock });
          clock = new Date(clock.getTime() + 10_000);
          await live.request('/articles/harbour-news/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ form_token: token, name, body }).toString() });
          return (await allComments()).find((c) => c.authorName === name);
        };
        expect((await send('Ida', 'Cheap pills, plain words.'))?.status).toBe('pending');
        await writeSettings(store.db, { 'comments.denyKeywords': ['pills'], 'comments.holdAll': true }, clock);
        await settings.reload();
        expect(await send('Jon', 'Cheap pills here.')).toMatchObject({ status: 'spam' });
        expect(await send('Kit', 'Plain words.')).toMatchObject({ status: 'pending', holdReason: expect.stringMatching(/every comment is held/) });
      } finally {
        await settings.close();
      }
    });

    it('holds a first comment, then publishes the next one of the same commenter, back with their cookie', async () => {
      const first = await post({ name: 'Ann', email: 'Ann@Example.test', body: 'First!' });
      expect(first.status).toBe(303);
      expect(first.headers.get('location')).toMatch(/^\/articles\/harbour-news\?comment=pending&c=\d+#comments$/);
      const cookie = cookieFrom(first);
      const [held] = await listCommentsByStatus(store.db, articleId, 'pending');
      expect(held.authorEmail).toBe('ann@example.test');
      expect(held.holdReason).toMatch(/first/i);
      expect(await (await app.request('/articles/harbour-news')).text()).not.toContain('First!');

      await approve(held.id);
      const second = await post({ name: 'Ann', email: 'ann@example.test', body: 'A *second* thought.', parent_id: String(held.id) }, 20, { cookie });
      expect(second.headers.get('location')).toMatch(/comment=posted&c=(\d+)#comment-\1$/);
      const page = await (await app.request('/articles/harbour-news')).text();
      expect(page).toContain('First!');
      expect(page).toContain('A <em>second</em> thought.');
    });

    it('trusts a returning commenter only when the same person is back, never by a typed email', async () => {
      const ada = await post({ name: 'Ada', email: 'ada@example.test', body: 'Ada writes.' });
      const adaCookie = cookieFrom(ada);
      await approve((await listCommentsByStatus(store.db, articleId, 'pending'))[0].id);

      const mallory = await post({ name: 'Mallory', email: 'ada@example.test', body: 'Mallory writes as Ada.' }, 20);
      expect(mallory.headers.get('location')).toContain('comment=pending');
      const [heldMallory] = await listCommentsByStatus(store.db, articleId, 'pending');
      expect(heldMallory.authorName).toBe('Mallory');
      expect(heldMallory.holdReason).toMatch(/nothing shows the same person is back/);

      // Mallory's own cookie names her held comment: using Ada's name with it proves nothing either.
      const asAda = await post({ name: 'Ada', email: 'ada@example.test', body: 'Mallory again, named Ada.' }, 20, { cookie: cookieFrom(mallory) });
      expect(asAda.headers.get('location')).toContain('comment=pending');
      // Ada's cookie with another name is held too.
      const renamed = await post({ name: 'Mallory', email: 'ada@example.test', body: 'Ada cookie, other name.' }, 20, { cookie: adaCookie });
      expect(renamed.headers.get('location')).toContain('comment=pending');

      const back = await post({ name: 'Ada', email: 'ada@example.test', body: 'Ada is back.' }, 20, { cookie: adaCookie });
      expect(back.headers.get('location')).toContain('comment=posted');
      expect((await listCommentsByStatus(store.db, articleId, 'approved')).map((c) => c.bodySource)).toEqual(['Ada writes.', 'Ada is back.']);
    });

    it('takes a filled honeypot as spam, and says nothing about it', async () => {
      const bot = await post({ name: 'Bot', body: 'Buy now', homepage: 'http://spam.test' });
      expect(bot.headers.get('location')).toContain('comment=pending');
      expect((await listCommentsByStatus(store.db, articleId, 'spam')).map((c) => c.authorName)).toEqual(['Bot']);
    });

    it('tells the reader a form sent too quickly was not posted, keeps the text, stores nothing', async () => {
      const fast = await post({ name: 'Fast <b>', body: 'Quick <script>alert(1)</script> thought' }, 0.5);
      expect(fast.status).toBe(422);
      const page = await fast.text();
      expect(page).toContain('That was sent too quickly — please check it and send it again.');
      expect(page).toContain('Quick &lt;script&gt;alert(1)&lt;/script&gt; thought</textarea>');
      expect(page).toContain('value="Fast &lt;b&gt;"');
      expect(page).not.toContain('<script>alert(1)');
      expect(await allComments()).toEqual([]);
    });

    it('accepts a form token once; the page after a post carries a fresh one, so a reader can post again', async () => {
      const token = issueFormToken(SECRET, { articleId, now: clock });
      clock = new Date(clock.getTime() + 10_000);
      const send = (fields: Record<string, string>, formToken: string) =>
        app.request('/articles/harbour-news/comments', {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://desk.test' },
          body: new URLSearchParams({ form_token: formToken, ...fields }).toString(),
        });
      const first = await send({ name: 'Reader', body: 'One.' }, token);
      expect(first.status).toBe(303);
      const replay = await send({ name: 'Replayer', body: 'Again with the same token.' }, token);
      expect(replay.status).toBe(409);
      const replayPage = await replay.text();
      expect(replayPage).toContain('This form has already sent a comment.');
      expect(replayPage).toContain('Again with the same token.');
      expect((await allComments()).map((c) => c.bodySource)).toEqual(['One.']);

      // The reader follows the redirect; the page's script fetches a fresh token for the next comment.
      expect((await app.request(first.headers.get('location')!)).status).toBe(200);
      const fresh = ((await (await app.request('/articles/harbour-news/comments/token')).json()) as { token: string }).token;
      expect(fresh).not.toBe(token);
      clock = new Date(clock.getTime() + 10_000);
      const second = await send({ name: 'Reader', body: 'Two.' }, fresh);
      expect(second.status).toBe(303);
      expect(second.headers.get('location')).not.toBe(first.headers.get('location'));
      expect((await allComments()).map((c) => c.bodySource).sort()).toEqual(['One.', 'Two.']);
    });

    it('refuses a body over the limit, chunked or not, without echoing it', async () => {
      const big = 'x'.repeat(70 * 1024);
      const body = new URLSearchParams({ form_token: issueFormToken(SECRET, { articleId, now: clock }), name: 'Big', body: big }).toString();
      clock = new Date(clock.getTime() + 10_000);
      const chunks = new TextEncoder().encode(body);
      const stream = new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < chunks.length; i += 8192) controller.enqueue(chunks.slice(i, i + 8192));
          controller.close();
        },
      });
      const chunked = await app.request('/articles/harbour-news/comments', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'transfer-encoding': 'chunked' },
        body: stream,
        duplex: 'half',
      } as RequestInit);
      expect(chunked.status).toBe(413);
      expect((await chunked.text()).length).toBeLessThan(200);
      const declared = await app.request('/articles/harbour-news/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
      expect(declared.status).toBe(413);
      expect(await allComments()).toEqual([]);
    });

    it('shows a too-long body again only up to the limit', async () => {
      const res = await post({ name: 'Long', body: 'y'.repeat(12_000) });
      expect(res.status).toBe(422);
      const page = await res.text();
      expect(page).toContain('y'.repeat(10_000));
      expect(page).not.toContain('y'.repeat(10_001));
    });

    it('refuses Origin: null and a foreign Referer without Origin; accepts its own Referer or neither header', async () => {
      expect((await post({ name: 'A', body: 'B' }, 10, { origin: 'null' })).status).toBe(403);
      expect((await post({ name: 'A', body: 'B' }, 10, { referer: 'https://evil.test/page' })).status).toBe(403);
      expect((await post({ name: 'A', body: 'own referer' }, 10, { referer: 'http://desk.test/articles/harbour-news' })).status).toBe(303);
      expect((await post({ name: 'A', body: 'no headers' }, 10)).status).toBe(303);
      expect((await allComments()).map((c) => c.bodySource).sort()).toEqual(['no headers', 'own referer']);
    });

    it('refuses a name made only of invisible characters', async () => {
      const res = await post({ name: '\u200B\u3164\u2800', body: 'Hello' });
      expect(res.status).toBe(422);
      expect(await res.text()).toContain('Your name shows no visible character');
    });

    it('holds comments with a hold-list word or two links', async () => {
      await store.db.insertInto('comments').values({ article_id: articleId, parent_id: null, author_name: 'Bo', author_email: 'bo@example.test', author_url: null, body_source: 'x', body_html: '<p>x</p>', status: 'approved', ip_bucket: null, hold_reason: null, created_at: clock.toISOString() }).execute();
      await post({ name: 'Bo', email: 'bo@example.test', body: 'Visit the ＣＡＳＩＮＯ' });
      await post({ name: 'Bo', email: 'bo@example.test', body: 'See https://a.test and https://b.test' }, 20);
      const reasons = (await listCommentsByStatus(store.db, articleId, 'pending')).map((c) => c.holdReason);
      expect(reasons).toHaveLength(2);
      expect(reasons[0]).toMatch(/casino/i);
      expect(reasons[1]).toMatch(/link/i);
    });

    it('refuses a missing or foreign token, another origin, and bad input with clear errors', async () => {
      const noToken = await app.request('/articles/harbour-news/comments', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=A&body=B' });
      // Without a token (a form sent with JavaScript off) nothing is stored: the form comes back to be sent again.
      expect(noToken.status).toBe(409);
      expect(await noToken.text()).toContain(FORM_NEEDS_CONFIRMING_MESSAGE);
      const foreign = await app.request('/articles/harbour-news/comments', {
        method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ name: 'A', body: 'B', form_token: issueFormToken('another-secret-that-is-long-enough', { articleId, now: clock }) }).toString(),
      });
      expect(foreign.status).toBe(403);
      expect((await post({ name: 'A', body: 'B' }, 10, { origin: 'https://evil.test' })).status).toBe(403);
      const invalid = await post({ name: '', email: 'not-an-email', body: 'Kept text' });
      expect(invalid.status).toBe(422);
      const page = await invalid.text();
      expect(page).toContain('Kept text');
      expect(page).toMatch(/name/i);
      const orphan = await post({ name: 'A', body: 'Reply', parent_id: '99999' });
      expect(orphan.status).toBe(422);
      expect(await listCommentsByStatus(store.db, articleId, 'pending')).toEqual([]);
    });

    it('limits the pace of one author and of one network', async () => {
      expect((await post({ name: 'C', email: 'c@example.test', body: 'one' })).status).toBe(303);
      const tooSoon = await post({ name: 'C', email: 'c@example.test', body: 'two' }, 5);
      expect(tooSoon.status).toBe(429);
      expect(Number(tooSoon.headers.get('retry-after'))).toBeGreaterThan(0);
      let last = 303;
      for (let i = 0; i < 12 && last !== 429; i++) last = (await post({ name: `N${i}`, body: `comment ${i}` }, 20)).status;
      expect(last).toBe(429);
    });
  });
}
