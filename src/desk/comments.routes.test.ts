// The comment block lists over HTTP: managed from /admin/comments/blocks (added, refused with the form kept,
// removed, each in the audit log, for owners and moderators only), then applied to comments posted and edited on
// the site: a match is stored as spam with the reason, kept for the moderators and never shown.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import { addUser, CLI_ACTOR, startSession } from './accounts.js';
import type { Role } from '../store/users.js';
import { SESSION_COOKIE } from './desk-session.js';
import { DeskClient, signedInAs, csrfTokenIn } from '../../test/support/desk-client.js';
import { createSource } from '../store/sources.js';
import { insertArticle, setArticleState } from '../store/articles.js';
import { getComment } from '../store/comments.js';
import { listCommentBlocks } from '../store/comment-blocks.js';
import { issueFormToken } from '../comments/csrf.js';
import type { SiteDeps } from '../http/deps.js';

const SECRET = 'a-test-secret-that-is-long-enough';

for (const backend of testBackends()) describe(`comment block lists (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let articleId: number;
  let clock: Date;

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    clock = new Date('2026-12-02T09:00:00Z');
    const config = loadConfig({ CONVEY_SITE_NAME: 'Desk Test', CONVEY_SITE_URL: 'https://desk.test', CONVEY_SECRET: SECRET });
    const deps: SiteDeps = { ...siteDepsOf(config, store), now: () => clock };
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

  const clientAs = async (role: Role) => (await signedInAs(store, app, role)).client;

  /** Posts a comment from the given address as a reader's browser would; returns the stored comment. */
  async function post(fields: Record<string, string>, remoteAddress = '192.0.2.10') {
    const token = issueFormToken(SECRET, { articleId, now: clock });
    clock = new Date(clock.getTime() + 20_000);
    const res = await app.request(
      '/articles/harbour-news/comments',
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ form_token: token, ...fields }).toString() },
      { incoming: { socket: { remoteAddress } } },
    );
    expect(res.status).toBe(303);
    const id = Number(/[?&]c=(\d+)/.exec(res.headers.get('location')!)![1]);
    return { comment: (await getComment(store.db, id))!, editCookie: res.headers.getSetCookie().find((c) => c.startsWith('convey_edit_'))?.split(';')[0] ?? '' };
  }

  it('adds entries in their matching form, refuses bad ones with the form kept, removes them, all in the audit log', async () => {
    const client = await clientAs('moderator');
    const page = await (await client.get('/admin/comments/blocks')).text();
    expect(page).toContain('No word is blocked.');
    const token = csrfTokenIn(page);
    const added = await client.post('/admin/comments/blocks', { _csrf: token, kind: 'word', value: 'ＣＡＳＩＮＯ', note: 'the pier spam run' });
    expect(added.headers.get('location')).toBe('/admin/comments/blocks?done=blocked');
    expect((await client.post('/admin/comments/blocks', { _csrf: token, kind: 'word', value: 'casino', note: '' })).headers.get('location')).toBe('/admin/comments/blocks?done=listed');
    await client.post('/admin/comments/blocks', { _csrf: token, kind: 'ip', value: '198.51.100.23', note: '' });
    await client.post('/admin/comments/blocks', { _csrf: token, kind: 'email', value: '@Spam.Example', note: '' });
    const listed = await (await client.get('/admin/comments/blocks?done=blocked')).text();
    expect(listed).toContain('Added to the block list');
    expect(listed).toContain('<span class="row-title">casino</span>');
    expect(listed).toContain('the pier spam run');
    expect(listed).toContain('<span class="row-title">198.51.100.0/24</span>');
    expect(listed).toContain('<span class="row-title">@spam.example</span>');

    const refused = await client.post('/admin/comments/blocks', { _csrf: token, kind: 'ip', value: '10.0.0.0/8', note: 'a whole network' });
    expect(refused.status).toBe(400);
    const refusedPage = await refused.text();
    expect(refusedPage).toContain('is neither an IP address nor a network of one');
    expect(refusedPage).toContain('value="10.0.0.0/8"');
    expect(refusedPage).toContain('value="a whole network"');
    expect(refusedPage).toMatch(/<option value="ip" selected>/);
    expect((await client.post('/admin/comments/blocks', { _csrf: token, kind: 'colour', value: 'red', note: '' })).status).toBe(400);
    expect((await client.post('/admin/comments/blocks', { kind: 'word', value: 'nope', note: '' })).status).toBe(403);
    expect((await listCommentBlocks(store.db)).map((b) => b.value).sort()).toEqual(['198.51.100.0/24', '@spam.example', 'casino']);

    const ip = (await listCommentBlocks(store.db)).find((b) => b.kind === 'ip')!;
    const removed = await client.post(`/admin/comments/blocks/${ip.id}/remove`, { _csrf: token });
    expect(removed.headers.get('location')).toBe('/admin/comments/blocks?done=unblocked');
    expect((await client.post(`/admin/comments/blocks/${ip.id}/remove`, { _csrf: token })).status).toBe(404);
    expect((await listCommentBlocks(store.db)).map((b) => b.kind).sort()).toEqual(['email', 'word']);

    const owner = await clientAs('owner');
    const audit = await (await owner.get('/admin/audit')).text();
    expect(audit).toContain('comment-block.add');
    expect(audit).toContain('word casino');
    expect(audit).toContain('comment-block.remove');
    expect(audit).toContain('ip 198.51.100.0/24');
  });

  it('is for owners and moderators: an editor gets 403 and no link', async () => {
    const editor = await clientAs('editor');
    expect((await editor.get('/admin/comments/blocks')).status).toBe(403);
    const token = csrfTokenIn(await (await editor.get('/admin')).text());
    expect((await editor.post('/admin/comments/blocks', { _csrf: token, kind: 'word', value: 'casino', note: '' })).status).toBe(403);
    expect(await listCommentBlocks(store.db)).toEqual([]);
  });

  it('marks a posted comment as spam when its word, address, domain or network is blocked, and lets others through', async () => {
    const client = await clientAs('moderator');
    const token = csrfTokenIn(await (await client.get('/admin/comments/blocks')).text());
    for (const [kind, value] of [['word', 'casino'], ['email', 'troll@example.test'], ['email', '@spam.example'], ['ip', '198.51.100.0/24']]) {
      await client.post('/admin/comments/blocks', { _csrf: token, kind, value, note: '' });
    }
    // A first comment is held for a moderator as usual; only the block lists make one spam.
    const fine = await post({ name: 'Ann', email: 'ann@example.test', body: 'The casinos on the pier closed in 1990.' });
    expect(fine.comment).toMatchObject({ status: 'pending', holdReason: 'first comment from this email address' });
    const cases: [Record<string, string>, string, string][] = [
      [{ name: 'Bob', email: 'bob@example.test', body: 'Best ＣＡＳＩＮＯ bonus here' }, '192.0.2.10', 'block list: word "casino"'],
      [{ name: 'Troll', email: 'Troll@Example.test', body: 'You are all wrong.' }, '192.0.2.10', 'block list: email address "troll@example.test"'],
      [{ name: 'Spam', email: 'x@spam.example', body: 'Hello.' }, '192.0.2.10', 'block list: email domain "@spam.example"'],
      [{ name: 'Cy', email: 'cy@example.test', body: 'Hello from the network.' }, '198.51.100.77', 'block list: network "198.51.100.0/24"'],
    ];
    for (const [fields, address, reason] of cases) {
      const { comment } = await post(fields, address);
      expect(comment.status, reason).toBe('spam');
      expect(comment.holdReason, reason).toBe(`${reason}; first comment from this email address`);
    }
    // Blocked comments are kept for the moderators, in the spam list with the reason, and never shown.
    const spam = await (await client.get('/admin/comments?status=spam')).text();
    expect(spam).toContain('Held: block list: network &quot;198.51.100.0/24&quot;');
    expect(spam).not.toContain('The casinos on the pier closed in 1990.');
    expect(await (await app.request('/articles/harbour-news')).text()).not.toContain('bonus here');
  });

  it('marks an edited comment as spam when the new text has a blocked word', async () => {
    const { comment, editCookie } = await post({ name: 'Ann', email: 'ann@example.test', body: 'A fair point about the harbour.' });
    expect(comment.status).toBe('pending');
    const client = await clientAs('moderator');
    await client.post('/admin/comments/blocks', { _csrf: csrfTokenIn(await (await client.get('/admin/comments/blocks')).text()), kind: 'word', value: 'buy now', note: '' });
    const edited = await app.request(
      `/articles/harbour-news/comments/${comment.id}/edit`,
      { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: editCookie }, body: new URLSearchParams({ body: 'A fair point. BUY   NOW at the pier!' }).toString() },
      { incoming: { socket: { remoteAddress: '192.0.2.10' } } },
    );
    expect(edited.status).toBe(303);
    expect(await getComment(store.db, comment.id)).toMatchObject({ status: 'spam', holdReason: expect.stringMatching(/^edited: block list: word "buy now"/) });
  });
});
