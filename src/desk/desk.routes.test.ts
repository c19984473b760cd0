// The desk over HTTP: the gate covers every /admin route (walked from the route table, so a route added later
// is covered), CSRF tokens, roles (403 and no link), sessions ended at once, setup and lock-out pages.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { addUser, CLI_ACTOR, firstOwnerLink, startSession } from './accounts.js';
import { setPasswordHash, type Role } from '../store/users.js';
import { hashPassword } from './passwords.js';
import { SESSION_COOKIE, isPublicDeskPath } from './desk-session.js';
import { safeNext } from './account.routes.js';
import { DeskClient, signedInAs, csrfTokenIn } from '../../test/support/desk-client.js';
import { createSource } from '../store/sources.js';
import { insertArticle, insertVersion } from '../store/articles.js';
import { insertComment, getComment } from '../store/comments.js';
import { startLoopbackServer } from '../../test/support/loopback-server.js';
import { HttpClient } from '../fetch/http-client.js';
import { addFeed, disableFeed, getFeed } from '../store/feeds.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';

const PASSWORD = 'harbour budget vote';

/** A concrete path for a route pattern: each `:param` becomes a plausible value. */
function concretePath(pattern: string): string {
  return pattern.replace(/:token\b/g, 'A'.repeat(43)).replace(/:id\b/g, '1').replace(/:[A-Za-z]+/g, 'x').replace(/\*$/, 'anything');
}

for (const backend of testBackends()) describe(`the desk over HTTP (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk Test', CONVEY_SITE_URL: 'https://desk.test' }), store));
  });
  afterEach(async () => dispose());

  /** A client already logged in with the given role (the session made directly: no password hashing). */
  const clientAs = (role: Role, email = `${role}@desk.test`) => signedInAs(store, app, role, email);

  it('answers nothing under /admin without a session, for every route in the table', async () => {
    const routes = app.routes.filter((r) => r.path.startsWith('/admin') && r.method !== 'ALL');
    const unique = [...new Map(routes.map((r) => [`${r.method} ${r.path}`, r])).values()];
    // The table is read, not listed here: this count only guards against the walk finding nothing.
    expect(unique.length).toBeGreaterThan(15);
    const publicOnes: string[] = [];
    for (const route of unique) {
      const path = concretePath(route.path);
      if (isPublicDeskPath(path)) {
        publicOnes.push(`${route.method} ${route.path}`);
        continue;
      }
      const response = await app.request(path, { method: route.method, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: route.method === 'GET' ? undefined : '' });
      const label = `${route.method} ${route.path}`;
      if (route.method === 'GET') {
        expect(response.status, label).toBe(303);
        expect(response.headers.get('location'), label).toMatch(/^\/admin\/login\?next=/);
      } else {
        expect(response.status, label).toBe(401);
      }
      expect(await response.text(), label).not.toContain('<main');
    }
    // Only logging in and the one-time links answer without a session.
    expect(publicOnes.sort()).toEqual(['GET /admin/login', 'GET /admin/reset/:token', 'GET /admin/setup/:token', 'POST /admin/login', 'POST /admin/reset/:token', 'POST /admin/setup/:token']);
    // A path no route matches is behind the gate too.
    expect((await app.request('/admin/not-a-page')).status).toBe(303);
  });

  it('refuses a form posted without its CSRF token, or with another session\'s', async () => {
    const { client: owner } = await clientAs('owner');
    const { client: other } = await clientAs('editor');
    const before = (await store.db.selectFrom('users').selectAll().execute()).length;
    expect((await owner.post('/admin/users', { email: 'new@desk.test', role: 'editor' })).status).toBe(403);
    const othersToken = csrfTokenIn(await (await other.get('/admin')).text());
    const refused = await owner.post('/admin/users', { _csrf: othersToken, email: 'new@desk.test', role: 'editor' });
    expect(refused.status).toBe(403);
    expect(await refused.text()).toContain('security token is missing or out of date');
    expect((await store.db.selectFrom('users').selectAll().execute()).length).toBe(before);
    // With its own token the same form works.
    const done = await owner.submit('/admin/users', '/admin/users', { email: 'new@desk.test', role: 'editor' });
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/https:\/\/desk\.test\/admin\/setup\/[A-Za-z0-9_-]{43}/);
  });

  it('refuses the login form without its token', async () => {
    const client = new DeskClient(app);
    await client.get('/admin/login');
    expect((await client.post('/admin/login', { email: 'a@desk.test', password: 'whatever it is' })).status).toBe(403);
    // A token made up by the poster, without the matching cookie, fails as well.
    expect((await new DeskClient(app).post('/admin/login', { _csrf: 'A'.repeat(43), email: 'a@desk.test', password: 'x' })).status).toBe(403);
  });

  it('gives a moderator 403 on sources, users and review, and shows no link to them', async () => {
    const { client } = await clientAs('moderator');
    for (const path of ['/admin/sources', '/admin/users', '/admin/reviews', '/admin/audit', '/admin/jobs']) {
      expect((await client.get(path)).status, path).toBe(403);
    }
    const dashboard = await (await client.get('/admin')).text();
    expect(dashboard).not.toContain('href="/admin/sources"');
    expect(dashboard).not.toContain('href="/admin/users"');
    expect(dashboard).toContain('href="/admin/comments"');
    expect((await client.get('/admin/comments')).status).toBe(200);
  });

  it('shows the audit log to owners only', async () => {
    const { client: editor } = await clientAs('editor');
    expect((await editor.get('/admin/audit')).status).toBe(403);
    expect(await (await editor.get('/admin')).text()).not.toContain('href="/admin/audit"');
    const { client: owner } = await clientAs('owner');
    const audit = await (await owner.get('/admin/audit')).text();
    expect(audit).toContain('user.add');
    expect(audit).toContain('editor@desk.test');
  });

  it('applies a role change at once, on the session already open', async () => {
    const { client: owner } = await clientAs('owner');
    const { client: editor, userId } = await clientAs('editor');
    expect((await editor.get('/admin/sources')).status).toBe(200);
    const changed = await owner.submit('/admin/users', `/admin/users/${userId}/role`, { role: 'moderator' });
    expect(changed.status).toBe(303);
    expect((await editor.get('/admin/sources')).status).toBe(403);
  });

  it('keeps the last owner from stepping down', async () => {
    const { client: owner, userId } = await clientAs('owner');
    const refused = await owner.submit('/admin/users', `/admin/users/${userId}/role`, { role: 'editor' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('the only owner');
  });

  it('"log out everywhere" ends the other sessions too; "log out" only its own', async () => {
    const { client: first, userId } = await clientAs('editor');
    const second = new DeskClient(app);
    second.setCookie(SESSION_COOKIE, (await startSession(store, userId, 'other', new Date())).token);
    const third = new DeskClient(app);
    third.setCookie(SESSION_COOKIE, (await startSession(store, userId, 'third', new Date())).token);
    expect((await second.get('/admin')).status).toBe(200);
    expect((await third.submit('/admin', '/admin/logout', {})).status).toBe(303);
    expect((await third.get('/admin')).status).toBe(303);
    expect((await second.get('/admin')).status).toBe(200);
    const ended = await first.submit('/admin/account', '/admin/logout-everywhere', {});
    expect(ended.headers.get('location')).toBe('/admin/login?done=logged-out');
    expect((await first.get('/admin')).status).toBe(303);
    expect((await second.get('/admin')).status).toBe(303);
  });

  it('sets a password from the first-owner link, logs in, and the link serves once', async () => {
    const link = await firstOwnerLink(store, new Date());
    const client = new DeskClient(app);
    const page = await client.get(`/admin/setup/${link!.token}`);
    expect(page.status).toBe(200);
    // The token in the path never leaves the site in a Referer (the site's policy sends only the origin elsewhere).
    expect(page.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
    const mismatch = await client.post(`/admin/setup/${link!.token}`, { _csrf: client.cookie('convey_form')!, email: 'first@desk.test', password: PASSWORD, confirm: 'not the same one' });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.text()).toContain('The two passwords differ.');
    const done = await client.submit(`/admin/setup/${link!.token}`, `/admin/setup/${link!.token}`, { email: 'first@desk.test', password: PASSWORD, confirm: PASSWORD });
    expect(done.status).toBe(303);
    const cookie = done.headers.getSetCookie().find((c) => c.startsWith(`${SESSION_COOKIE}=`))!;
    // https site: the cookie is Secure, and never readable by scripts.
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Secure/);
    expect(await (await client.get('/admin')).text()).toContain('first@desk.test');
    expect((await new DeskClient(app).get(`/admin/setup/${link!.token}`)).status).toBe(410);
  });

  it('logs in with the password, and locks out after five wrong ones with the time', async () => {
    const { user } = await addUser(store, { email: 'ed@desk.test', role: 'editor' }, CLI_ACTOR, new Date());
    await setPasswordHash(store.db, user.id, await hashPassword(PASSWORD), new Date());
    const client = new DeskClient(app);
    const wrong = await client.submit('/admin/login', '/admin/login', { email: 'ed@desk.test', password: 'not the password' });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain('Wrong email address or password.');
    for (let i = 0; i < 3; i++) await client.submit('/admin/login', '/admin/login', { email: 'ed@desk.test', password: 'not the password' });
    const locked = await client.submit('/admin/login', '/admin/login', { email: 'ed@desk.test', password: 'not the password' });
    expect(locked.status).toBe(429);
    expect(await locked.text()).toMatch(/This account is locked after five wrong passwords\. Try again in 15 minutes \(at \d\d:\d\d UTC\)\./);
    expect((await client.submit('/admin/login', '/admin/login', { email: 'ed@desk.test', password: PASSWORD })).status).toBe(429);
    const other = new DeskClient(app);
    const ok = await other.submit('/admin/login?next=%2Fadmin%2Fsources', '/admin/login', { email: 'someone@desk.test', password: 'x', next: '/admin/sources' });
    expect(ok.status).toBe(401);
  });

  it('returns to the asked desk page after logging in, and nowhere else', () => {
    expect(safeNext('/admin/sources')).toBe('/admin/sources');
    expect(safeNext('https://evil.example/')).toBe('/admin');
    expect(safeNext('//evil.example/admin')).toBe('/admin');
    expect(safeNext('/admin//evil.example')).toBe('/admin');
    expect(safeNext('/administrator')).toBe('/admin');
    expect(safeNext(undefined)).toBe('/admin');
  });

  it('counts each queue on the dashboard and moderates a comment from its queue', async () => {
    const source = await createSource(store.db, { slug: 's', name: 'Source', homeUrl: 'https://s.test/', license: 'CC BY 4.0' });
    const article = await insertArticle(store.db, {
      originalUrl: 'https://s.test/a', headline: 'Held story', subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>', bodyText: 'Text.',
      bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'k', slug: 'held-story', pubStatus: 'withheld', holdReason: 'cannot publish: missing field site.name',
    }, new Date());
    const comment = await insertComment(store.db, { articleId: article.id, parentId: null, authorName: 'Ann', authorEmail: 'a@x.test', authorUrl: null, bodySource: 'Hello <b>there</b>', bodyHtml: '<p>Hello</p>', status: 'pending', ipBucket: null, holdReason: 'first comment' });
    const { client } = await clientAs('owner');
    const dashboard = await (await client.get('/admin')).text();
    expect(dashboard).toMatch(/<a href="\/admin\/held"><span class="count">1<\/span> Held articles<\/a>/);
    expect(dashboard).toMatch(/<a href="\/admin\/comments"><span class="count">1<\/span> Comments waiting<\/a>/);
    expect(dashboard).toMatch(/<a href="\/admin\/reviews"><span class="count">0<\/span>/);
    const held = await (await client.get('/admin/held')).text();
    expect(held).toContain('cannot publish: missing field site.name');
    const queue = await (await client.get('/admin/comments')).text();
    expect(queue).toContain('Held: first comment');
    expect(queue).toContain('Hello &lt;b&gt;there&lt;/b&gt;');
    const approved = await client.post(`/admin/comments/${comment.id}/approve`, { _csrf: csrfTokenIn(queue) });
    expect(approved.headers.get('location')).toBe('/admin/comments?done=approved');
    expect((await getComment(store.db, comment.id))?.status).toBe('approved');
    expect(await (await client.get('/admin/audit')).text()).toContain(`comment ${comment.id}`);
  });

  it('filters the comments queue by status, author and article, shows the author\'s history, and acts in bulk', async () => {
    const source = await createSource(store.db, { slug: 's', name: 'Source', homeUrl: 'https://s.test/', license: 'CC BY 4.0' });
    const articleOf = (slug: string) => insertArticle(store.db, {
      originalUrl: `https://s.test/${slug}`, headline: `Story ${slug}`, subheadline: null, dateline: null, bodyHtml: '<p>Text.</p>', bodyText: 'Text.',
      bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
      rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null,
    }, new Date());
    const [one, two] = [await articleOf('one'), await articleOf('two')];
    const comment = (articleId: number, email: string, status: 'pending' | 'approved' | 'spam', body: string) =>
      insertComment(store.db, { articleId, parentId: null, authorName: email.split('@')[0], authorEmail: email, authorUrl: null, bodySource: body, bodyHtml: `<p>${body}</p>`, status, ipBucket: '203.0.113.0/24', holdReason: status === 'pending' ? 'contains a link' : null });
    const a1 = await comment(one.id, 'ann@x.test', 'pending', 'Ann on one');
    const a2 = await comment(two.id, 'Ann@X.test', 'pending', 'Ann on two');
    await comment(one.id, 'ann@x.test', 'approved', 'Ann earlier');
    const b1 = await comment(one.id, 'bob@x.test', 'pending', 'Bob on one');
    await comment(two.id, 'spammer@x.test', 'spam', 'Buy now');
    const { client } = await clientAs('moderator');
    const pending = await (await client.get('/admin/comments')).text();
    expect(pending).toContain('Ann on one');
    expect(pending).not.toContain('Ann earlier');
    expect(pending).toContain('Held: contains a link');
    // Ann's history counts her comments whatever the case of her address.
    expect(pending).toContain('2 pending, 1 approved');
    const spam = await (await client.get('/admin/comments?status=spam')).text();
    expect(spam).toContain('Buy now');
    expect(spam).not.toContain('Ann on one');
    const byAuthor = await (await client.get('/admin/comments?status=pending&author=ANN%40x.test')).text();
    expect(byAuthor).toContain('Ann on two');
    expect(byAuthor).not.toContain('Bob on one');
    const byArticle = await (await client.get('/admin/comments?status=pending&article=one')).text();
    expect(byArticle).toContain('Bob on one');
    expect(byArticle).not.toContain('Ann on two');
    // Bulk: Ann's two pending comments approved at once, from the filtered list, which it returns to.
    const bulk = await client.app.request('/admin/comments/bulk', {
      method: 'POST',
      headers: { cookie: `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}`, 'content-type': 'application/x-www-form-urlencoded', referer: 'http://desk.test/admin/comments?status=pending&author=ann%40x.test&done=spam' },
      body: `_csrf=${encodeURIComponent(csrfTokenIn(byAuthor))}&action=approve&ids=${a1.id}&ids=${a2.id}`,
    });
    expect(bulk.status).toBe(303);
    expect(bulk.headers.get('location')).toBe('/admin/comments?status=pending&author=ann%40x.test&done=approved');
    expect((await getComment(store.db, a1.id))?.status).toBe('approved');
    expect((await getComment(store.db, a2.id))?.status).toBe('approved');
    expect((await getComment(store.db, b1.id))?.status).toBe('pending');
    // Nothing selected is a clear refusal, not a silent success.
    const none = await client.post('/admin/comments/bulk', { _csrf: csrfTokenIn(byAuthor), action: 'spam' });
    expect(none.status).toBe(400);
    expect(await none.text()).toContain('select at least one comment');
    const unknown = await client.post(`/admin/comments/${b1.id}/unapprove`, { _csrf: csrfTokenIn(byAuthor) });
    expect(unknown.status).toBe(400);
  });

  it('shows an update under review with the fidelity of today\'s copy to it and a preview, then approves it', async () => {
    const source = await createSource(store.db, { slug: 'wire', name: 'The Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0', updatePolicy: 'review' });
    const now = new Date();
    const oldBody = '<p>The harbour board met on Monday evening.</p><p>It agreed to replace twelve lamps on the quay.</p>';
    const newBody = '<p>The harbour board met on Monday evening.</p><p>It agreed to replace forty lamps on the quay.</p><p>Work starts in March.</p>';
    const article = await insertArticle(store.db, {
      originalUrl: 'https://wire.test/lamps', headline: 'Board to replace quay lamps', subheadline: null, dateline: null, bodyHtml: oldBody, bodyText: 'x',
      bodyOrigin: 'page', byline: 'Ann Reporter', language: 'en', lead: null, topics: [], firstCreated: now.toISOString(), provenance: [],
      rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
      sourceId: source.id, feedId: null, entryKey: 'lamps', slug: 'quay-lamps', pubStatus: 'usable', holdReason: null,
    }, now);
    const version = await insertVersion(store.db, { articleId: article.id, kind: 'update', headline: 'Board to replace forty quay lamps', bodyHtml: newBody, contentHash: 'h2', note: 'The source updated this story.', state: 'pending' }, now);
    const { client: moderator } = await clientAs('moderator');
    expect((await moderator.get(`/admin/reviews/${version.id}`)).status).toBe(403);
    expect((await moderator.get(`/admin/reviews/${version.id}/preview`)).status).toBe(403);
    const { client } = await clientAs('editor');
    const queue = await (await client.get('/admin/reviews')).text();
    expect(queue).toContain(`href="/admin/reviews/${version.id}"`);
    const page = await (await client.get(`/admin/reviews/${version.id}`)).text();
    expect(page).toContain('readers miss: 1 sentence new in the source, 2 changed');
    expect(page).toContain('<ins>Work starts in March.</ins>');
    expect(page).toMatch(/<del>twelve<\/del>\s*<ins>forty<\/ins>|<ins>forty<\/ins>\s*<del>twelve<\/del>/);
    const preview = await client.get(`/admin/reviews/${version.id}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('cache-control')).toBe('no-store');
    const previewHtml = await preview.text();
    expect(previewHtml).toContain('Board to replace forty quay lamps');
    expect(previewHtml).toContain('Work starts in March.');
    // The published copy is untouched until the editor approves.
    expect(await (await app.request('/articles/quay-lamps')).text()).not.toContain('Work starts in March.');
    const approved = await client.post(`/admin/reviews/${version.id}/approve`, { _csrf: csrfTokenIn(page) });
    expect(approved.headers.get('location')).toBe('/admin/reviews?done=approved');
    expect(await (await app.request('/articles/quay-lamps')).text()).toContain('Work starts in March.');
    expect((await client.get(`/admin/reviews/${version.id}`)).status).toBe(404);
  });

  it('adds a source by its homepage: discovered feeds through the guarded client, then the license required', async () => {
    const server = await startLoopbackServer({
      '/': { type: 'text/html', body: '<title>Front | Harbour Gazette</title><meta property="og:site_name" content="Harbour Gazette"><link rel="alternate" type="application/rss+xml" title="All stories" href="/rss.xml">' },
      '/rss.xml': { type: 'application/rss+xml', body: '<?xml version="1.0"?><rss version="2.0"><channel><title>Gazette</title><item><title>A</title><link>https://g.test/a</link><guid>a</guid></item></channel></rss>' },
    });
    try {
      const withClient = createApp({ ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk Test', CONVEY_SITE_URL: 'https://desk.test' }), store), client: new HttpClient({ allow: parseAllowList(`127.0.0.1:${server.port}`), timeoutMs: 5000 }) });
      const { user } = await addUser(store, { email: 'ed@desk.test', role: 'editor' }, CLI_ACTOR, new Date());
      const client = new DeskClient(withClient);
      client.setCookie(SESSION_COOKIE, (await startSession(store, user.id, 'test', new Date())).token);
      expect(await (await client.get('/admin/sources')).text()).toContain('href="/admin/sources/new"');
      const bad = await client.submit('/admin/sources/new', '/admin/sources/discover', { home: 'not a url' });
      expect(bad.status).toBe(400);
      const found = await client.submit('/admin/sources/new', '/admin/sources/discover', { home: `${server.origin}/` });
      expect(found.status).toBe(200);
      const form = await found.text();
      expect(form).toContain('value="Harbour Gazette"');
      expect(form).toContain('value="harbour-gazette"');
      expect(form).toContain(`value="${server.origin}/rss.xml" id="feed-0" checked`);
      const fields = { home: `${server.origin}/`, logo: '', name: 'Harbour Gazette', slug: 'harbour-gazette', update: 'review', feeds: `${server.origin}/rss.xml` };
      const noLicense = await client.post('/admin/sources', { _csrf: csrfTokenIn(form), ...fields, license: ' ' });
      expect(noLicense.status).toBe(400);
      expect(await noLicense.text()).toContain('The license is required');
      expect(await store.db.selectFrom('sources').selectAll().execute()).toHaveLength(0);
      const added = await client.post('/admin/sources', { _csrf: csrfTokenIn(form), ...fields, license: 'CC BY 4.0' });
      expect(added.headers.get('location')).toBe('/admin/sources?done=added');
      const sources = await store.db.selectFrom('sources').selectAll().execute();
      expect(sources).toMatchObject([{ slug: 'harbour-gazette', license: 'CC BY 4.0', update_policy: 'review', home_url: `${server.origin}/` }]);
      expect(await store.db.selectFrom('feeds').select('url').execute()).toEqual([{ url: `${server.origin}/rss.xml` }]);
      const again = await client.post('/admin/sources', { _csrf: csrfTokenIn(form), ...fields, license: 'CC BY 4.0' });
      expect(await again.text()).toContain('already a source');
      // The app without the loopback allowance refuses to fetch it: the guard, not the desk, decides.
      const { client: guarded } = await clientAs('owner');
      const refused = await guarded.submit('/admin/sources/new', '/admin/sources/discover', { home: `${server.origin}/` });
      expect(refused.status).toBe(502);
    } finally {
      await server.close();
    }
  });

  it('shows feed health on the sources page and re-enables a disabled feed in one click', async () => {
    const source = await createSource(store.db, { slug: 'wire', name: 'The Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' });
    const healthy = await addFeed(store.db, { sourceId: source.id, url: 'https://wire.test/ok.xml' });
    const broken = await addFeed(store.db, { sourceId: source.id, url: 'https://wire.test/broken.xml' });
    await disableFeed(store.db, broken.id, 'disabled after 10 failed polls: HTTP 500');
    const { client } = await clientAs('editor');
    const page = await (await client.get('/admin/sources')).text();
    expect(page).toContain('Disabled:</strong> disabled after 10 failed polls: HTTP 500');
    expect(page).toContain(`action="/admin/feeds/${broken.id}/enable"`);
    expect(page).not.toContain(`action="/admin/feeds/${healthy.id}/enable"`);
    const dashboard = await (await client.get('/admin')).text();
    expect(dashboard).toMatch(/<span class="count">1<\/span> Failing feeds/);
    const enabled = await client.post(`/admin/feeds/${broken.id}/enable`, { _csrf: csrfTokenIn(page) });
    expect(enabled.headers.get('location')).toBe('/admin/sources?done=enabled');
    expect((await getFeed(store.db, broken.id))?.disabledReason).toBeNull();
    expect((await client.post('/admin/feeds/999/enable', { _csrf: csrfTokenIn(page) })).status).toBe(404);
  });

  it('does not open the desk on an expired session, and drops expired sessions at the next login', async () => {
    const { user } = await addUser(store, { email: 'old@desk.test', role: 'editor' }, CLI_ACTOR, new Date());
    const longAgo = new Date(Date.now() - 13 * 3_600_000);
    const { token } = await startSession(store, user.id, 'old', longAgo);
    const client = new DeskClient(app);
    client.setCookie(SESSION_COOKIE, token);
    expect((await client.get('/admin')).status).toBe(303);
    expect(await store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(1);
    await new DeskClient(app).submit('/admin/login', '/admin/login', { email: 'nobody@desk.test', password: 'whatever it is' });
    expect(await store.db.selectFrom('sessions').selectAll().execute()).toHaveLength(0);
  });
});
