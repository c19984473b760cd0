// The review queue over HTTP, on stories a source under review brought in from a feed on loopback: the queue
// with previews, fidelity, bulk actions (CSRF-checked) and the shortcuts listed; a new story approved, rejected,
// scheduled and cancelled; the edit form (a version with the editor, a required note, refused for a source that
// allows no edits, nothing typed lost on a refusal); each action in the audit log.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { loadConfig, type Config } from '../config/config.js';
import { siteDepsOf } from '../cli/serve-command.js';
import { createClient, ingestContextOf } from '../cli/runtime.js';
import { silentLog } from '../ingest/context.js';
import { runIngestRound } from '../ingest/scheduler.js';
import { createApp } from '../site/app.js';
import { addUser, CLI_ACTOR, startSession } from './accounts.js';
import type { Role } from '../store/users.js';
import { SESSION_COOKIE } from './desk-session.js';
import { DeskClient, signedInAs, csrfTokenIn } from '../../test/support/desk-client.js';
import { createSource, updateSource } from '../store/sources.js';
import { addFeed } from '../store/feeds.js';
import { getArticleBySlug, insertVersion, isTombstoned, listArticles, listVersions, setArticleState } from '../store/articles.js';
import { getPublishAt } from '../store/review-queue.js';
import { contentHash } from '../ingest/versioning.js';
import { startLoopbackServer, type LoopbackServer } from '../../test/support/loopback-server.js';
import { REVIEW_SCRIPT_PATH } from './review-script.js';
import { parseScheduleTime } from './review.routes.js';

const SENTENCES = [
  'The harbour board agreed on Monday to replace forty lamps along the quay before the winter storms arrive.',
  'Work starts in March and the quay stays open to walkers while the crews move from one end to the other.',
  'The board said the new lamps use a third of the power of the old ones and should last for twenty years.',
];
const BODY = SENTENCES.map((p) => `<p>${p}</p>`).join('');

function rss(origin: string, stories: { id: string; title: string }[]) {
  const items = stories.map(
    (s) => `<item><title>${s.title}</title><link>${origin}/${s.id}</link><guid isPermaLink="false">${s.id}</guid>
<pubDate>Tue, 24 Nov 2026 10:00:00 GMT</pubDate><description><![CDATA[<p>${s.title}.</p>${BODY}]]></description></item>`,
  );
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>Quay News</title><link>${origin}/</link>${items.join('')}</channel></rss>`;
}

for (const backend of testBackends()) describe(`the review queue over HTTP (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let server: LoopbackServer;
  let config: Config;
  let app: ReturnType<typeof createApp>;
  let slugs: string[];

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    server = await startLoopbackServer();
    server.routes.set('/feed.xml', {
      type: 'application/rss+xml',
      body: rss(server.origin, [{ id: 'lamps', title: 'Board to replace forty quay lamps' }, { id: 'ferry', title: 'Ferry timetable stays the same' }, { id: 'gulls', title: 'Gulls nest on the old crane' }]),
    });
    config = loadConfig({ CONVEY_SITE_NAME: 'Quay Desk', CONVEY_SITE_URL: 'https://desk.test' });
    const source = await createSource(store.db, { slug: 'quay', name: 'Quay News', homeUrl: `${server.origin}/`, license: 'CC BY 4.0', updatePolicy: 'review' });
    await addFeed(store.db, { sourceId: source.id, url: `${server.origin}/feed.xml`, fetchFullText: 'never' });
    await runIngestRound(ingestContextOf(config, store, createClient(config, [`127.0.0.1:${server.port}`]), silentLog));
    slugs = (await listArticles(store.db, { limit: 10 })).map((a) => a.slug).sort();
    expect(slugs).toHaveLength(3);
    app = createApp(siteDepsOf(config, store));
  });
  afterEach(async () => {
    await dispose();
    await server.close();
  });

  const clientAs = async (role: Role, email = `${role}@desk.test`) => (await signedInAs(store, app, role, email)).client;
  const slugOf = (word: string) => slugs.find((s) => s.includes(word))!;
  const auditActions = async () => (await store.db.selectFrom('audit_log').select(['action', 'target']).orderBy('id').execute()).map((r) => `${r.action} ${r.target}`);

  it('lists new stories and source updates with preview, fidelity, selection for bulk actions and the shortcuts; moderators get 403', async () => {
    const lamps = slugOf('lamps');
    const client = await clientAs('editor');
    // One published story with a source update waiting.
    const ferry = (await getArticleBySlug(store.db, slugOf('ferry')))!;
    await client.submit('/admin/reviews', `/admin/incoming/${ferry.slug}/approve`, {});
    const text = BODY.replace('in March', 'in April');
    const update = await insertVersion(store.db, { articleId: ferry.id, kind: 'update', headline: ferry.headline, bodyHtml: text, contentHash: contentHash(ferry.headline, text), note: 'The start moved.', state: 'pending' }, new Date());
    // The dashboard counts new stories and updates alike.
    expect(await (await client.get('/admin')).text()).toMatch(/<a href="\/admin\/reviews"><span class="count">3<\/span> Waiting for review<\/a>/);
    const page = await (await client.get('/admin/reviews')).text();
    expect(page).toContain('<h2>New stories (2)</h2>');
    expect(page).toContain('<h2>Source updates (1)</h2>');
    expect(page).toContain(`value="article:${lamps}" id="pick-article-`);
    expect(page).toContain(`value="version:${update.id}" id="pick-version-${update.id}" form="bulk"`);
    expect(page).toContain(`href="/admin/incoming/${lamps}/preview"`);
    expect(page).toContain(`href="/admin/reviews/${update.id}/preview"`);
    expect(page).toContain('Conveys its source whole.');
    expect(page).toContain('The start moved.');
    expect(page).toContain(`<form id="bulk" method="post" action="/admin/reviews/bulk"><input type="hidden" name="_csrf"`);
    for (const key of ['j', 'k', 'a', 'r', 'e']) expect(page).toContain(`<dt><kbd>${key}</kbd></dt>`);
    expect(page).toContain(`<script src="${REVIEW_SCRIPT_PATH}" defer></script>`);
    const script = await app.request(REVIEW_SCRIPT_PATH);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toContain("querySelector('[data-key=\"' + key + '\"]')");
    const moderator = await clientAs('moderator');
    for (const path of ['/admin/reviews', `/admin/incoming/${lamps}`, `/admin/incoming/${lamps}/preview`, `/admin/edit/${lamps}`]) expect((await moderator.get(path)).status, path).toBe(403);
  });

  it('shows a new story with its fidelity report and preview, approves it whole and links its edit form', async () => {
    const lamps = slugOf('lamps');
    const client = await clientAs('editor');
    const detail = await (await client.get(`/admin/incoming/${lamps}`)).text();
    expect(detail).toContain('The copy conveys its source whole.');
    expect(detail).toContain('waiting for review');
    const preview = await client.get(`/admin/incoming/${lamps}/preview`);
    expect(preview.status).toBe(200);
    expect(preview.headers.get('x-robots-tag')).toBe('noindex');
    expect(await preview.text()).toContain(SENTENCES[1]);
    expect((await app.request(`/articles/${lamps}`)).status).toBe(404);
    const approved = await client.post(`/admin/incoming/${lamps}/approve`, { _csrf: csrfTokenIn(detail) });
    expect(approved.status).toBe(303);
    const queue = await (await client.get(approved.headers.get('location')!)).text();
    expect(queue).toContain(`Approved and published: <a href="/articles/${lamps}">`);
    expect(queue).toContain(`<a href="/admin/edit/${lamps}">Edit it</a>`);
    expect(queue).toContain('<h2>New stories (2)</h2>');
    expect((await app.request(`/articles/${lamps}`)).status).toBe(200);
    expect(await auditActions()).toContain(`article.approve ${lamps}`);
    // Approved already: neither its review page nor a second approval.
    expect((await client.get(`/admin/incoming/${lamps}`)).status).toBe(404);
    const again = await client.post(`/admin/incoming/${lamps}/approve`, { _csrf: csrfTokenIn(queue) });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain(`&quot;${lamps}&quot; is not waiting for review`);
    // Nor does the queue reject a published story: that is a withdrawal, elsewhere.
    expect((await client.post(`/admin/incoming/${lamps}/reject`, { _csrf: csrfTokenIn(queue) })).status).toBe(409);
    const published = (await getArticleBySlug(store.db, lamps))!;
    expect(published.pubStatus).toBe('usable');
    expect(await isTombstoned(store.db, published.sourceId, published.entryKey)).toBe(false);
  });

  it('bulk actions need the CSRF token, approve and reject the selected, and say which items failed', async () => {
    const [lamps, ferry, gulls] = [slugOf('lamps'), slugOf('ferry'), slugOf('gulls')];
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/reviews')).text();
    expect((await client.post('/admin/reviews/bulk', { action: 'approve', items: `article:${lamps}` })).status).toBe(403);
    expect(await getArticleBySlug(store.db, lamps)).toMatchObject({ pubStatus: 'withheld' });
    const body = new URLSearchParams([['_csrf', csrfTokenIn(page)], ['action', 'approve'], ['items', `article:${lamps}`], ['items', `article:${ferry}`]]);
    const cookie = `${SESSION_COOKIE}=${client.cookie(SESSION_COOKIE)}`;
    const approved = await app.request('/admin/reviews/bulk', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() });
    expect(approved.headers.get('location')).toBe('/admin/reviews?done=approved');
    for (const slug of [lamps, ferry]) expect((await getArticleBySlug(store.db, slug))?.pubStatus).toBe('usable');
    const mixed = new URLSearchParams([['_csrf', csrfTokenIn(page)], ['action', 'reject'], ['items', `article:${gulls}`], ['items', 'version:999'], ['items', 'nonsense']]);
    const partly = await app.request('/admin/reviews/bulk', { method: 'POST', headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' }, body: mixed.toString() });
    expect(partly.status).toBe(409);
    const said = await partly.text();
    expect(said).toContain('1 of 3 done. Not done: update 999: no version with id 999; nonsense: &quot;nonsense&quot; is not an item of the review queue');
    const rejected = (await getArticleBySlug(store.db, gulls))!;
    expect(await isTombstoned(store.db, rejected.sourceId, rejected.entryKey)).toBe(true);
    expect(said).toContain('Nothing waits for review.');
    expect((await client.post('/admin/reviews/bulk', { _csrf: csrfTokenIn(page), action: 'approve' })).status).toBe(400);
    expect(await auditActions()).toEqual(expect.arrayContaining([`article.approve ${lamps}`, `article.approve ${ferry}`, `article.reject ${gulls}`]));
  });

  it('schedules a new story for a time, shows it in the queue, refuses a past time keeping it, and cancels', async () => {
    const lamps = slugOf('lamps');
    const client = await clientAs('editor');
    const detail = await (await client.get(`/admin/incoming/${lamps}`)).text();
    const past = await client.post(`/admin/incoming/${lamps}/schedule`, { _csrf: csrfTokenIn(detail), at: '2020-01-01T08:00' });
    expect(past.status).toBe(400);
    const refused = await past.text();
    expect(refused).toContain('has passed');
    expect(refused).toContain('value="2020-01-01T08:00"');
    const next = new Date(Date.now() + 86_400_000).toISOString().slice(0, 16);
    const done = await client.post(`/admin/incoming/${lamps}/schedule`, { _csrf: csrfTokenIn(detail), at: next });
    expect(done.headers.get('location')).toBe(`/admin/incoming/${lamps}?done=scheduled`);
    const id = (await getArticleBySlug(store.db, lamps))!.id;
    expect(await getPublishAt(store.db, id)).toBe(`${next}:00.000Z`);
    const queue = await (await client.get('/admin/reviews')).text();
    expect(queue).toContain(`Scheduled for <time datetime="${next}:00.000Z">${next.replace('T', ' ')} UTC</time>`);
    const cancelled = await client.post(`/admin/incoming/${lamps}/unschedule`, { _csrf: csrfTokenIn(queue) });
    expect(cancelled.headers.get('location')).toBe('/admin/reviews?done=unscheduled');
    expect(await getPublishAt(store.db, id)).toBeNull();
    expect((await auditActions()).filter((a) => a.startsWith('article.'))).toEqual([`article.schedule ${lamps}`, `article.unschedule ${lamps}`]);
  });

  it('edits a story: the form keeps what was typed on a refusal, each save is a version with its editor and note', async () => {
    const lamps = slugOf('lamps');
    const client = await clientAs('editor', 'ed@desk.test');
    await client.submit('/admin/reviews', `/admin/incoming/${lamps}/approve`, {});
    const form = await (await client.get(`/admin/edit/${lamps}`)).text();
    expect(form).toContain('value="Board to replace forty quay lamps"');
    expect(form).toContain('<input type="radio" name="lead" id="lead-none" value="" checked>');
    const edited = (await getArticleBySlug(store.db, lamps))!.bodyHtml.replace('forty lamps', 'forty old lamps');
    const fields = { headline: 'Board to replace forty quay lamps', subheadline: 'Before the storms', topics: 'Harbour, Energy', lead: '', caption: '', body: edited };
    const noNote = await client.post(`/admin/edit/${lamps}`, { _csrf: csrfTokenIn(form), ...fields, note: '  ' });
    expect(noNote.status).toBe(400);
    const again = await noNote.text();
    expect(again).toContain('an edit needs a note');
    expect(again).toContain('forty old lamps');
    expect(again).toContain('value="Before the storms"');
    const saved = await client.post(`/admin/edit/${lamps}`, { _csrf: csrfTokenIn(form), ...fields, note: 'The lamps are old ones.' });
    expect(saved.headers.get('location')).toBe(`/admin/edit/${lamps}?done=edited`);
    const article = (await getArticleBySlug(store.db, lamps))!;
    expect(article).toMatchObject({ subheadline: 'Before the storms', topics: ['Harbour', 'Energy'] });
    expect((await listVersions(store.db, article.id))[0]).toMatchObject({ kind: 'edit', note: 'The lamps are old ones.', author: 'ed@desk.test' });
    const publicPage = await (await app.request(`/articles/${lamps}`)).text();
    expect(publicPage).toContain('Editor’s note: The lamps are old ones.');
    expect(await auditActions()).toContain(`article.edit ${lamps}`);
  });

  it('lists held articles with their reason and publishes one as its summary with a link, on the editor\'s choice', async () => {
    const gulls = slugOf('gulls');
    const article = (await getArticleBySlug(store.db, gulls))!;
    await setArticleState(store.db, article.id, { holdKind: 'fetch', holdReason: "HTTP 503 at the source (only the feed's summary is available)" }, new Date());
    const client = await clientAs('editor');
    const held = await (await client.get('/admin/held')).text();
    expect(held).toContain('HTTP 503 at the source (only the feed&#39;s summary is available)');
    expect(held).toContain(`action="/admin/held/${gulls}/publish-summary"`);
    const whole = await client.post(`/admin/held/${gulls}/publish`, { _csrf: csrfTokenIn(held) });
    expect(whole.status).toBe(409);
    expect(await whole.text()).toContain('has only the feed&#39;s summary');
    const summary = await client.post(`/admin/held/${gulls}/publish-summary`, { _csrf: csrfTokenIn(held) });
    expect(summary.headers.get('location')).toBe('/admin/held?done=published');
    expect(await getArticleBySlug(store.db, gulls)).toMatchObject({ pubStatus: 'usable', summaryOnly: true });
    expect(await auditActions()).toContain(`article.publish-summary ${gulls}`);
  });

  it('offers no edit form for a source that allows no edits, saying why, and refuses a posted edit', async () => {
    const lamps = slugOf('lamps');
    const article = (await getArticleBySlug(store.db, lamps))!;
    await updateSource(store.db, article.sourceId, { license: 'CC BY-ND 4.0' });
    const client = await clientAs('editor');
    const page = await client.get(`/admin/edit/${lamps}`);
    expect(page.status).toBe(409);
    const text = await page.text();
    expect(text).toContain('This story cannot be edited: the license of source &quot;quay&quot; forbids changes (CC BY-ND 4.0)');
    expect(text).not.toContain(`action="/admin/edit/${lamps}"`);
    expect(await (await client.get(`/admin/incoming/${lamps}`)).text()).toContain('Not editable: the license of source');
    const posted = await client.post(`/admin/edit/${lamps}`, { _csrf: csrfTokenIn(text), headline: 'X', body: '<p>Shorter.</p>', note: 'Cut.' });
    expect(posted.status).toBe(409);
    expect(await listVersions(store.db, article.id)).toHaveLength(1);
  });
});

describe('the schedule form\'s time', () => {
  it('reads a datetime-local value as UTC and refuses what is not a time', () => {
    expect(parseScheduleTime('2026-12-03T08:00').toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(parseScheduleTime('2026-12-03 08:00:30').toISOString()).toBe('2026-12-03T08:00:30.000Z');
    expect(parseScheduleTime('2026-12-03T08:00:00+01:00').toISOString()).toBe('2026-12-03T07:00:00.000Z');
    expect(Number.isNaN(parseScheduleTime('tomorrow').getTime())).toBe(true);
    expect(Number.isNaN(parseScheduleTime('').getTime())).toBe(true);
  });
});
