// The desk's source pages over HTTP, on both backends: feed health on the list, a source's settings saved per
// group or refused with the field named (and the typed values kept), the template check the form's script asks,
// the extraction rules preview on a loopback page or a stored snapshot, and adding and removing feeds.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { gzipSync } from 'node:zlib';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { loadConfig } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createApp } from '../site/app.js';
import type { SiteDeps } from '../http/deps.js';
import { addUser, CLI_ACTOR, startSession } from './accounts.js';
import type { Role } from '../store/users.js';
import { SESSION_COOKIE } from './desk-session.js';
import { DeskClient, signedInAs, csrfTokenIn } from '../../test/support/desk-client.js';
import { createSource, getSourceBySlug } from '../store/sources.js';
import { addFeed, disableFeed, getFeed, listFeeds } from '../store/feeds.js';
import { insertArticle, type ArticleContent } from '../store/articles.js';
import { insertSnapshot, listSnapshots } from '../store/snapshots.js';
import { getCommentsCloseAfterDays } from '../store/comments.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { HttpClient } from '../fetch/http-client.js';
import { parseAllowList } from '../fetch/ssrf-guard.js';
import { settingValuesOf, type SettingValues } from './source-settings.js';
import { SOURCE_FORM_SCRIPT_PATH } from './source-form-script.js';

const NOW = new Date('2026-12-02T10:00:00Z');
const content: ArticleContent = {
  originalUrl: 'https://g.test/a', headline: 'Quay lamps replaced', subheadline: null, dateline: null, bodyHtml: '<p>Body.</p>', bodyText: 'Body.',
  bodyOrigin: 'page', byline: null, language: 'en', lead: null, topics: [], firstCreated: null, provenance: [],
  rights: { license: null, licenseUrl: null, usageTerms: null, copyrightHolder: null }, fingerprint: null,
};

/** An article page with a story, a share box and a promo, for the rules to pick apart. */
const PAGE = `<!doctype html><html><head><title>Harbour board agrees new lamps | Gazette</title><meta name="author" content="Ann Reporter"></head><body>
<header><nav><a href="/">Home</a></nav></header>
<article><h1>Harbour board agrees new lamps</h1>
<div class="story"><p>The harbour board agreed on Monday to replace forty lamps along the quay, after a winter of complaints from fishermen.</p>
<div class="share">Share this story on every network you know</div>
<p>Work starts in March and should take six weeks, the board's chair said, adding that the old lamps would be recycled.</p></div>
<aside class="promo"><p>Subscribe to our newsletter for more harbour news every single morning of the week.</p></aside></article>
</body></html>`;

for (const backend of testBackends()) describe(`the desk's source pages (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: LoopbackServer;
  let deps: SiteDeps;
  let app: ReturnType<typeof createApp>;

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    server = await startLoopbackServer({ '/stories/lamps': { type: 'text/html; charset=utf-8', body: PAGE }, '/stories/gone': { status: 404, body: 'gone' } });
    deps = {
      ...siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'The Quay', CONVEY_SITE_URL: 'https://desk.test' }), store),
      client: new HttpClient({ allow: parseAllowList(`127.0.0.1:${server.port}`), timeoutMs: 5000 }),
      now: () => NOW,
    };
    app = createApp(deps);
  });
  afterEach(async () => {
    await server.close();
    await dispose();
  });

  const clientAs = async (role: Role) => (await signedInAs(store, app, role)).client;

  const gazette = () => createSource(store.db, { slug: 'gazette', name: 'Harbour Gazette', homeUrl: `${server.origin}/`, license: 'CC BY 4.0' });
  const articleOf = (sourceId: number, slug: string, originalUrl: string, feedId: number | null = null, at = NOW) =>
    insertArticle(store.db, { ...content, originalUrl, sourceId, feedId, entryKey: slug, slug, pubStatus: 'usable', holdReason: null }, at);
  /** The form as stored, with the given fields changed: what an editor posts after editing some fields. */
  const formWith = async (changes: Partial<SettingValues>) => {
    const source = (await getSourceBySlug(store.db, 'gazette'))!;
    return { ...settingValuesOf(source, await getCommentsCloseAfterDays(store.db, source.id)), ...changes };
  };
  const auditRows = () => store.db.selectFrom('audit_log').select(['action', 'target', 'detail']).where('action', 'like', '%.%').orderBy('id').execute();

  it('shows each feed\'s health at a glance: last and next poll, last error, entries today, re-enable, failed jobs', async () => {
    const source = await gazette();
    const busy = await addFeed(store.db, { sourceId: source.id, url: 'https://g.test/all.xml' }, NOW);
    const broken = await addFeed(store.db, { sourceId: source.id, url: 'https://g.test/broken.xml' }, NOW);
    await store.db.updateTable('feeds').set({ last_fetched_at: '2026-12-02T09:55:00.000Z', next_poll_at: '2026-12-02T10:10:00.000Z' }).where('id', '=', busy.id).execute();
    await store.db.updateTable('feeds').set({ last_error: 'HTTP 500', consecutive_errors: 10 }).where('id', '=', broken.id).execute();
    await disableFeed(store.db, broken.id, 'disabled after 10 failed polls: HTTP 500');
    const flaky = await addFeed(store.db, { sourceId: source.id, url: 'https://g.test/flaky.xml' }, NOW);
    await store.db.updateTable('feeds').set({ last_error: 'HTTP 502', consecutive_errors: 2 }).where('id', '=', flaky.id).execute();
    await articleOf(source.id, 'one', 'https://g.test/1', busy.id);
    await articleOf(source.id, 'two', 'https://g.test/2', busy.id);
    await articleOf(source.id, 'old', 'https://g.test/0', busy.id, new Date('2026-12-01T23:00:00Z'));
    await deps.jobs.prepare(['take-entry']);
    await deps.jobs.enqueue('take-entry', { feedId: busy.id }, { key: 'k1' });
    const [job] = await deps.jobs.claim('take-entry', 'w1', 1, 30_000);
    await deps.jobs.fail(job, 'w1', 'HTTP 503 for 12 h');
    const page = await (await (await clientAs('editor')).get('/admin/sources')).text();
    expect(page).toContain('href="/admin/sources/gazette"');
    expect(page).toContain('last poll 2026-12-02 09:55 UTC · next poll 2026-12-02 10:10 UTC · 2 entries today');
    expect(page).toContain('last poll never · next poll not while disabled · 0 entries today');
    expect(page).toContain('<strong class="state-bad">Disabled:</strong> disabled after 10 failed polls: HTTP 500');
    expect(page).toContain('<strong class="state-bad">Failing</strong> (2 in a row): HTTP 502');
    expect(page).toContain(`action="/admin/feeds/${broken.id}/enable"`);
    expect(page).not.toContain(`action="/admin/feeds/${busy.id}/enable"`);
    expect(page).not.toContain(`action="/admin/feeds/${flaky.id}/enable"`);
    expect(page).toContain('<a href="/admin/jobs">1 failed job</a> to retry');
  });

  it('opens a source\'s settings with every group, to editors and owners only', async () => {
    await gazette();
    const moderator = await clientAs('moderator');
    expect((await moderator.get('/admin/sources/gazette')).status).toBe(403);
    const editor = await clientAs('editor');
    expect((await editor.get('/admin/sources/nobody')).status).toBe(404);
    const response = await editor.get('/admin/sources/gazette');
    expect(response.status).toBe(200);
    const page = await response.text();
    for (const legend of ['Identity', 'Rights and license', 'Indexing', 'Updates', 'Attribution and disclaimer', 'Extraction rules', 'Snapshots and images']) expect(page).toContain(`<legend>${legend}</legend>`);
    for (const name of ['name', 'home', 'logo', 'license', 'license-url', 'usage-terms', 'copyright', 'allow-edits', 'indexing', 'update', 'comments-close-days', 'attribution', 'disclaimer', 'rules-body', 'rules-drop', 'keep-snapshots', 'images']) {
      expect(page, name).toContain(`name="${name}"`);
    }
    expect(page).toContain('value="CC BY 4.0"');
    expect(page).toContain(`<script src="${SOURCE_FORM_SCRIPT_PATH}" defer></script>`);
    expect(page).toContain('data-template-check="/admin/sources/gazette/check-template"');
    // The script is served from the site itself, as the CSP requires.
    const script = await app.request(SOURCE_FORM_SCRIPT_PATH);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain('data-template-check');
  });

  it('saves every group of settings with the audit log naming what changed', async () => {
    const source = await gazette();
    const article = await articleOf(source.id, 'a', 'https://g.test/a');
    for (const text of ['one', 'two', 'three']) {
      await insertSnapshot(store.db, { articleId: article.id, versionId: null, url: 'https://g.test/a', fetchedAt: NOW.toISOString(), status: 200, contentType: 'text/html', etag: null, lastModified: null, bodyGzip: gzipSync(text), sha256: text, sourceText: text });
    }
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/sources/gazette')).text();
    const saved = await client.post('/admin/sources/gazette', {
      _csrf: csrfTokenIn(page),
      ...(await formWith({
        name: 'The Harbour Gazette', logo: 'https://g.test/logo.png', license: 'CC BY-SA 4.0', 'license-url': 'https://creativecommons.org/licenses/by-sa/4.0/', copyright: 'Gazette Ltd', 'allow-edits': 'no',
        indexing: 'noindex-news', update: 'review', 'comments-close-days': '30', attribution: 'From {source} under {license}', disclaimer: 'Not the views of {site}.',
        'rules-body': 'article .story', 'rules-drop': '.share\n.promo', 'keep-snapshots': '1', images: 'proxy',
      })),
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/admin/sources/gazette?done=saved');
    const stored = (await getSourceBySlug(store.db, 'gazette'))!;
    expect(stored).toMatchObject({
      name: 'The Harbour Gazette', logoUrl: 'https://g.test/logo.png', allowEdits: false, indexingPolicy: 'noindex-news', updatePolicy: 'review',
      attributionTemplate: 'From {source} under {license}', disclaimerTemplate: 'Not the views of {site}.', extractRules: { body: ['article .story'], drop: ['.share', '.promo'] }, keepSnapshots: 1, imagePolicy: 'proxy',
      rights: { license: 'CC BY-SA 4.0', licenseUrl: 'https://creativecommons.org/licenses/by-sa/4.0/', usageTerms: null, copyrightHolder: 'Gazette Ltd' },
    });
    expect(await getCommentsCloseAfterDays(store.db, stored.id)).toBe(30);
    // The lowered retention applies to the snapshots stored already.
    expect((await listSnapshots(store.db, article.id)).map((s) => s.sourceText)).toEqual(['three']);
    const [audit] = (await auditRows()).filter((r) => r.action === 'source.edit');
    expect(audit).toEqual({ action: 'source.edit', target: 'gazette', detail: 'name, logo, license, license-url, copyright, allow-edits, indexing, update, attribution, disclaimer, rules-body, rules-drop, keep-snapshots, images, comments-close-days' });
    expect(await (await client.get('/admin/sources/gazette?done=saved')).text()).toContain('The settings are saved.');
    // Saving the same values again changes nothing and writes no audit entry.
    const again = await client.post('/admin/sources/gazette', { _csrf: csrfTokenIn(page), ...(await formWith({})) });
    expect(again.headers.get('location')).toBe('/admin/sources/gazette?done=unchanged');
    expect((await auditRows()).filter((r) => r.action === 'source.edit')).toHaveLength(1);
  });

  const refusals: [string, Partial<SettingValues>, string, string][] = [
    ['identity', { name: ' ', home: 'g.test/home' }, 'home', 'Homepage: give the homepage as an absolute http(s) URL'],
    ['rights', { license: '', 'usage-terms': '' }, 'license', 'License: required'],
    ['indexing', { indexing: 'everywhere' }, 'indexing', 'Indexing: choose one of canonical-to-source, noindex-news, index-self.'],
    ['updates', { update: 'sometimes' }, 'update', 'Updates at the source: choose one of auto, review, notify.'],
    ['templates', { attribution: 'By {author}' }, 'attribution', 'Attribution line: {author} would be blank for every article without a byline'],
    ['templates', { disclaimer: 'Our own views.' }, 'disclaimer', 'Disclaimer: it must name the site'],
    ['extraction rules', { 'rules-body': 'div[' }, 'rules-body', 'Body selectors: invalid extraction rule selector &quot;div[&quot;'],
    ['snapshots', { 'keep-snapshots': 'some' }, 'keep-snapshots', 'Snapshots kept per article: “all”, or a whole number from 1; got “some”.'],
    ['images', { images: 'steal' }, 'images', 'Images: choose the default or one of rehost, proxy, link.'],
    ['comments', { 'comments-close-days': '-3' }, 'comments-close-days', 'Comments close after (days): must be a number of days'],
  ];
  for (const [group, changes, field, error] of refusals) {
    it(`refuses a bad ${group} value with the field named next to it, keeps what was typed, and stores nothing`, async () => {
      await gazette();
      const before = await getSourceBySlug(store.db, 'gazette');
      const client = await clientAs('editor');
      const page = await (await client.get('/admin/sources/gazette')).text();
      // Another field changed in the same post, to see that it is kept on the form and not stored.
      const refused = await client.post('/admin/sources/gazette', { _csrf: csrfTokenIn(page), ...(await formWith({ copyright: 'Typed but not saved', ...changes })) });
      expect(refused.status).toBe(400);
      const html = await refused.text();
      expect(html).toContain('Nothing was saved.');
      expect(html).toMatch(new RegExp(`<p class="field-error" id="f-${field}-error" aria-live="polite">${error.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      expect(html).toMatch(new RegExp(`id="f-${field}" name="${field}"[^>]*aria-invalid="true"`));
      expect(html).toContain('value="Typed but not saved"');
      expect(await getSourceBySlug(store.db, 'gazette')).toEqual(before);
      expect((await auditRows()).filter((r) => r.action === 'source.edit')).toEqual([]);
    });
  }

  it('answers the template check in JSON, naming the field, against the name and license being typed', async () => {
    await gazette();
    const client = await clientAs('editor');
    const token = csrfTokenIn(await (await client.get('/admin/sources/gazette')).text());
    const check = async (fields: Record<string, string>) => {
      const response = await client.post('/admin/sources/gazette/check-template', { _csrf: token, name: 'Harbour Gazette', license: 'CC BY 4.0', ...fields });
      return { status: response.status, type: response.headers.get('content-type'), body: (await response.json()) as { field?: string; ok?: boolean; error: string | null } };
    };
    expect(await check({ field: 'attribution', template: 'From {source} under {license}' })).toEqual({ status: 200, type: 'application/json', body: { field: 'attribution', ok: true, error: null } });
    expect((await check({ field: 'attribution', template: 'By {author}' })).body).toEqual({
      field: 'attribution', ok: false, error: 'Attribution line: {author} would be blank for every article without a byline: name the source with {source} instead.',
    });
    expect((await check({ field: 'attribution', template: 'Under {license}', license: '' })).body.error).toMatch(/^Attribution line: \{license\} would be blank/);
    expect((await check({ field: 'disclaimer', template: 'Our views.' })).body.error).toBe('Disclaimer: it must name the site: put {site} where the site’s name goes.');
    expect((await check({ field: 'name', template: 'x' })).status).toBe(400);
    // Like every desk POST, it needs the session's CSRF token.
    expect((await client.post('/admin/sources/gazette/check-template', { field: 'attribution', template: 'x' })).status).toBe(403);
    expect((await client.post('/admin/sources/nobody/check-template', { _csrf: token, field: 'attribution', template: 'x' })).status).toBe(404);
  });

  it('previews unsaved extraction rules on a page of the source fetched through the guarded client', async () => {
    const source = await gazette();
    await articleOf(source.id, 'lamps', `${server.origin}/stories/lamps`);
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/sources/gazette')).text();
    expect(page).toContain(`<option value="${server.origin}/stories/lamps" selected>Quay lamps replaced</option>`);
    const response = await client.post('/admin/sources/gazette/preview', {
      _csrf: csrfTokenIn(page), ...(await formWith({ 'rules-body': '.story\n.nothing-here', 'rules-drop': '.share' })), 'preview-page': `${server.origin}/stories/lamps`, 'preview-url': '',
    });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Preview with these rules (not saved yet)');
    expect(html).toContain('fetched just now');
    expect(html).toContain('<dt>Headline</dt><dd>Harbour board agrees new lamps</dd>');
    expect(html).toContain('<dt>Byline</dt><dd>Ann Reporter</dd>');
    expect(html).toContain('<p>Work starts in March and should take six weeks');
    expect(html).not.toContain('Share this story');
    expect(html).toContain('removes <code>.share</code>: 1 match');
    expect(html).toContain('body <code>.nothing-here</code>: 0 matches');
    // The rules typed stay on the form; nothing is saved by a preview.
    expect(html).toContain('>.story\n.nothing-here</textarea>');
    expect((await getSourceBySlug(store.db, 'gazette'))?.extractRules).toBeNull();
    expect(server.requests).toEqual(['/stories/lamps']);
    // Without the rules the general algorithm finds the body, promo and all.
    const general = await (await client.post('/admin/sources/gazette/preview', { _csrf: csrfTokenIn(page), ...(await formWith({})), 'preview-page': '', 'preview-url': `${server.origin}/stories/lamps` })).text();
    expect(general).toContain('Work starts in March');
    expect(general).not.toContain('<code>');
  });

  it('previews on the stored snapshot when there is one, without asking the source again', async () => {
    const source = await gazette();
    const article = await articleOf(source.id, 'lamps', `${server.origin}/stories/lamps`);
    const stored = PAGE.replace('forty lamps', 'forty-two lamps');
    await insertSnapshot(store.db, { articleId: article.id, versionId: null, url: `${server.origin}/stories/lamps`, fetchedAt: '2026-12-01T08:00:00.000Z', status: 200, contentType: 'text/html; charset=utf-8', etag: null, lastModified: null, bodyGzip: gzipSync(stored), sha256: 'x', sourceText: 'x' });
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/sources/gazette')).text();
    const html = await (await client.post('/admin/sources/gazette/preview', { _csrf: csrfTokenIn(page), ...(await formWith({ 'rules-body': '.story' })), 'preview-page': `${server.origin}/stories/lamps` })).text();
    expect(html).toContain('the stored copy fetched 2026-12-01 08:00 UTC');
    expect(html).toContain('replace forty-two lamps');
    expect(server.requests).toEqual([]);
  });

  it('refuses to preview a page of another host, a page that fails, or selectors that do not parse', async () => {
    await gazette();
    const client = await clientAs('editor');
    const token = csrfTokenIn(await (await client.get('/admin/sources/gazette')).text());
    const preview = async (fields: Partial<SettingValues> & Record<string, string>) => {
      const response = await client.post('/admin/sources/gazette/preview', { _csrf: token, ...(await formWith(fields)) });
      return { status: response.status, html: await response.text() };
    };
    const elsewhere = await preview({ 'preview-url': 'https://elsewhere.example/story' });
    expect(elsewhere.status).toBe(422);
    expect(elsewhere.html).toContain('That is not a page of Harbour Gazette: give a page on 127.0.0.1');
    const gone = await preview({ 'preview-url': `${server.origin}/stories/gone` });
    expect(gone.html).toContain(`Could not read ${server.origin}/stories/gone: HTTP 404.`);
    const bad = await preview({ 'rules-drop': 'p >>', 'preview-url': `${server.origin}/stories/lamps` });
    expect(bad.status).toBe(400);
    expect(bad.html).toMatch(/<p class="field-error" id="f-rules-drop-error" aria-live="polite">Selectors to remove: invalid extraction rule selector/);
    expect(server.requests).toEqual(['/stories/gone']);
  });

  it('previews an article of the source whose page is on another host than its homepage', async () => {
    const wire = await createSource(store.db, { slug: 'wire', name: 'The Wire', homeUrl: 'https://wire.example/', license: 'CC BY 4.0' });
    await articleOf(wire.id, 'lamps', `${server.origin}/stories/lamps`);
    const client = await clientAs('editor');
    const token = csrfTokenIn(await (await client.get('/admin/sources/wire')).text());
    const form = { _csrf: token, name: 'The Wire', home: 'https://wire.example/', license: 'CC BY 4.0', 'rules-body': '.story', 'rules-drop': '' };
    const article = await client.post('/admin/sources/wire/preview', { ...form, 'preview-page': `${server.origin}/stories/lamps` });
    expect(article.status).toBe(200);
    expect(await article.text()).toContain('<dt>Headline</dt><dd>Harbour board agrees new lamps</dd>');
    // Another page on that host is not the source's: nothing is fetched for it.
    const other = await client.post('/admin/sources/wire/preview', { ...form, 'preview-url': `${server.origin}/stories/gone` });
    expect(other.status).toBe(422);
    expect(await other.text()).toContain('That is not a page of The Wire: give a page on wire.example');
    expect(server.requests).toEqual(['/stories/lamps']);
  });

  it('adds a feed to a source and removes one, each in the audit log', async () => {
    const source = await gazette();
    const other = await createSource(store.db, { slug: 'other', name: 'Other', homeUrl: 'https://o.test/', license: 'CC BY 4.0' });
    await addFeed(store.db, { sourceId: other.id, url: 'https://o.test/feed.xml' });
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/sources/gazette')).text();
    const bad = await client.post('/admin/sources/gazette/feeds', { _csrf: csrfTokenIn(page), url: 'feed.xml', 'full-text': 'auto' });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="new-feed-error">Feed URL: give an absolute http\(s\) URL\./);
    const taken = await client.post('/admin/sources/gazette/feeds', { _csrf: csrfTokenIn(page), url: 'https://o.test/feed.xml', 'full-text': 'auto' });
    expect(await taken.text()).toContain('Feed URL: https://o.test/feed.xml is already followed.');
    const added = await client.post('/admin/sources/gazette/feeds', { _csrf: csrfTokenIn(page), url: 'https://g.test/rss.xml', 'full-text': 'always' });
    expect(added.headers.get('location')).toBe('/admin/sources/gazette?done=feed-added');
    const feed = (await listFeeds(store.db)).find((f) => f.sourceId === source.id)!;
    expect(feed).toMatchObject({ url: 'https://g.test/rss.xml', fetchFullText: 'always', nextPollAt: NOW.toISOString() });
    const withFeed = await (await client.get('/admin/sources/gazette')).text();
    expect(withFeed).toContain(`action="/admin/feeds/${feed.id}/remove"`);
    const removed = await client.post(`/admin/feeds/${feed.id}/remove`, { _csrf: csrfTokenIn(withFeed) });
    expect(removed.headers.get('location')).toBe('/admin/sources/gazette?done=feed-removed');
    expect(await getFeed(store.db, feed.id)).toBeNull();
    expect((await client.post(`/admin/feeds/${feed.id}/remove`, { _csrf: csrfTokenIn(withFeed) })).status).toBe(404);
    expect((await auditRows()).filter((r) => r.action.startsWith('feed.'))).toEqual([
      { action: 'feed.add', target: `feed ${feed.id}`, detail: 'gazette: https://g.test/rss.xml' },
      { action: 'feed.remove', target: `feed ${feed.id}`, detail: 'https://g.test/rss.xml' },
    ]);
  });
});
