// The articles desk over HTTP: the list's search, filters and pages (bad filters refused with the form kept), the
// version history and each version's word diff (escaped), withdraw (410) and restore, a correction shown on the
// public page, and the images with their state, the bomb and the SVG refused with the reason.
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
import { getArticleBySlug, insertArticle, insertVersion, setArticleState } from '../store/articles.js';
import { linkArticleImages, markMediaStored, markMediaUnusable } from '../store/media.js';
import { processImage } from '../media/process-image.js';
import { HTML_NAMED_JPEG, SVG_WITH_SCRIPT, makeImage, makePngBomb } from '../media/testdata/images.js';
import type { PubStatus } from '../model/types.js';
import { htmlToText } from '../clean/sanitize.js';
import { ARTICLES_PER_PAGE } from './articles.routes.js';

const TEXT = '<p>The harbour board met on Monday evening.</p><p>It agreed to replace twelve lamps on the quay.</p>';

for (const backend of testBackends()) describe(`the articles desk (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  let app: ReturnType<typeof createApp>;
  let sourceId: number;
  const now = new Date();

  beforeEach(async () => {
    ({ store, dispose } = await backend.open());
    app = createApp(siteDepsOf(loadConfig({ CONVEY_SITE_NAME: 'Desk Test', CONVEY_SITE_URL: 'https://desk.test' }), store));
    sourceId = (await createSource(store.db, { slug: 'wire', name: 'The Wire', homeUrl: 'https://wire.test/', license: 'CC BY 4.0' })).id;
  });
  afterEach(async () => dispose());

  const clientAs = async (role: Role) => (await signedInAs(store, app, role)).client;

  async function article(slug: string, options: { headline?: string; body?: string; pubStatus?: PubStatus; date?: string; holdReason?: string | null } = {}) {
    const date = options.date ?? now.toISOString();
    const pubStatus = options.pubStatus ?? 'usable';
    const created = await insertArticle(store.db, {
      originalUrl: `https://wire.test/${slug}`, headline: options.headline ?? `Story ${slug}`, subheadline: null, dateline: null, bodyHtml: options.body ?? TEXT,
      bodyText: htmlToText(options.body ?? TEXT), bodyOrigin: 'page', byline: 'Ann Reporter', language: 'en',
      lead: null, topics: [], firstCreated: date, provenance: [{ role: 'author', name: 'Ann Reporter' }, { role: 'publisher', name: 'The Wire', url: 'https://wire.test/' }],
      rights: { license: 'CC BY 4.0', licenseUrl: null, usageTerms: null, copyrightHolder: 'The Wire' }, fingerprint: null,
      sourceId, feedId: null, entryKey: slug, slug, pubStatus, holdReason: options.holdReason ?? null,
    }, now);
    if (pubStatus === 'usable') await setArticleState(store.db, created.id, { republishedAt: date }, now);
    return created;
  }

  it('searches and filters the list, pages it, and refuses a bad filter with the form kept', async () => {
    await article('quay-lamps', { headline: 'Board to replace quay lamps', date: '2026-11-28T10:00:00.000Z' });
    await article('ferry-fares', { headline: 'Ferry fares rise', body: '<p>Fares on the island ferry rise.</p>', date: '2026-11-30T10:00:00.000Z' });
    await article('budget', { headline: 'Budget vote', pubStatus: 'withheld', holdReason: 'cannot publish: missing field site.logo', date: '2026-12-01T10:00:00.000Z' });
    const client = await clientAs('editor');
    const all = await (await client.get('/admin/articles')).text();
    expect(all).toContain('href="/admin/articles/quay-lamps"');
    expect(all).toContain('held: cannot publish: missing field site.logo');
    const search = await (await client.get('/admin/articles?q=lamps')).text();
    expect(search).toContain('Board to replace quay lamps');
    expect(search).not.toContain('Ferry fares rise');
    expect(search).toContain('value="lamps"');
    const held = await (await client.get('/admin/articles?state=held&source=wire')).text();
    expect(held).toContain('Budget vote');
    expect(held).not.toContain('Board to replace quay lamps');
    expect(held).toMatch(/<option value="held" selected>/);
    const dated = await (await client.get('/admin/articles?from=2026-11-30&to=2026-11-30')).text();
    expect(dated).toContain('Ferry fares rise');
    expect(dated).not.toContain('Budget vote');
    expect(dated).not.toContain('Board to replace quay lamps');
    const none = await (await client.get('/admin/articles?fidelity=unfaithful')).text();
    expect(none).toContain('No article matches.');

    for (const [query, message] of [
      ['from=2026-02-30', '“2026-02-30” is not a date'],
      ['source=nowhere', 'There is no source “nowhere”'],
      ['state=lost', 'The state must be one of'],
      ['from=2026-12-02&to=2026-12-01', 'The first date is after the last one'],
      ['page=0', 'The page must be a number'],
      ['q=%21%21%21', 'the search has no letter or digit'],
    ]) {
      // Each refusal keeps what else was typed (here a search word), except where the search itself is refused.
      const refused = await client.get(query.startsWith('q=') ? `/admin/articles?${query}` : `/admin/articles?${query}&q=kept`);
      expect(refused.status, query).toBe(400);
      const page = await refused.text();
      expect(page, query).toContain(message);
      if (!query.startsWith('q=')) expect(page, query).toContain('value="kept"');
    }

    for (let i = 0; i < ARTICLES_PER_PAGE; i++) await article(`filler-${i}`, { date: `2026-10-${String(1 + (i % 28)).padStart(2, '0')}T00:00:00.000Z` });
    const first = await (await client.get('/admin/articles?state=published')).text();
    expect(first).toContain('href="/admin/articles?state=published&amp;page=2"');
    const second = await (await client.get('/admin/articles?state=published&page=2')).text();
    expect(second.match(/class="row-title"/g)).toHaveLength(2);
    expect(second).not.toContain('rel="next"');
    expect(second).toContain('href="/admin/articles?state=published" rel="prev"');
  });

  it('shows the version history, and each version\'s word diff with the text escaped', async () => {
    const a = await article('quay-lamps', { headline: 'Board to replace quay lamps' });
    const original = await insertVersion(store.db, { articleId: a.id, kind: 'original', headline: 'Board to replace quay lamps', bodyHtml: TEXT, contentHash: 'h1', note: null, state: 'published' }, now);
    const update = await insertVersion(store.db, {
      articleId: a.id, kind: 'update', headline: 'Board to replace forty quay lamps', contentHash: 'h2', note: 'The source updated this story.', state: 'pending',
      bodyHtml: '<p>The harbour board met on Monday evening.</p><p>It agreed to replace forty lamps on the quay &lt;script&gt;alert(1)&lt;/script&gt;.</p>',
    }, now);
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/articles/quay-lamps')).text();
    expect(page).toContain('Original, from the source');
    expect(page).toContain('Update from the source');
    expect(page).toContain('The source updated this story.');
    expect(page).toContain(`href="/admin/articles/quay-lamps/versions/${update.id}"`);
    expect(page).toContain('CC BY 4.0 · © The Wire');
    const diff = await (await client.get(`/admin/articles/quay-lamps/versions/${update.id}`)).text();
    expect(diff).toMatch(/<del>twelve<\/del>\s*<ins>forty<\/ins>|<ins>forty<\/ins>\s*<del>twelve<\/del>/);
    expect(diff).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(diff).not.toContain('<script>alert(1)');
    expect(diff).toMatch(/words? inserted, 1 deleted/);
    const first = await (await client.get(`/admin/articles/quay-lamps/versions/${original.id}`)).text();
    expect(first).toContain('The first version: all of its text is new.');
    expect(first).toContain('<ins>Board to replace quay lamps');
    expect((await client.get('/admin/articles/quay-lamps/versions/999999')).status).toBe(404);
    expect((await client.get('/admin/articles/no-such-story')).status).toBe(404);
  });

  it('withdraws an article with a note (its page answers 410), refuses without one, and restores it', async () => {
    await article('quay-lamps');
    const client = await clientAs('editor');
    expect((await app.request('/articles/quay-lamps')).status).toBe(200);
    const page = await (await client.get('/admin/articles/quay-lamps')).text();
    const refused = await client.post('/admin/articles/quay-lamps/withdraw', { _csrf: csrfTokenIn(page), note: '   ' });
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain('Say why the article is withdrawn');
    expect((await getArticleBySlug(store.db, 'quay-lamps'))?.pubStatus).toBe('usable');
    // Without the session's token nothing happens.
    expect((await client.post('/admin/articles/quay-lamps/withdraw', { note: 'legal request' })).status).toBe(403);

    const done = await client.post('/admin/articles/quay-lamps/withdraw', { _csrf: csrfTokenIn(page), note: 'legal request from the source' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/admin/articles/quay-lamps?done=withdrawn');
    expect((await app.request('/articles/quay-lamps')).status).toBe(410);
    const withdrawn = await (await client.get('/admin/articles/quay-lamps?done=withdrawn')).text();
    expect(withdrawn).toContain('withdrawn by an editor: legal request from the source');
    expect(withdrawn).toContain('action="/admin/articles/quay-lamps/restore"');
    // A second withdrawal is refused with the reason, on the article's page.
    const again = await client.post('/admin/articles/quay-lamps/withdraw', { _csrf: csrfTokenIn(withdrawn), note: 'twice' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('is withdrawn already');

    const restored = await client.post('/admin/articles/quay-lamps/restore', { _csrf: csrfTokenIn(withdrawn) });
    expect(restored.status).toBe(303);
    expect(restored.headers.get('location')).toBe('/admin/articles/quay-lamps?done=restored');
    expect((await app.request('/articles/quay-lamps')).status).toBe(200);
    const owner = await clientAs('owner');
    const audit = await (await owner.get('/admin/audit')).text();
    expect(audit).toContain('article.withdraw');
    expect(audit).toContain('legal request from the source');
    expect(audit).toContain('article.restore');
  });

  it('publishes a correction on the public page with its date, and refuses an empty one', async () => {
    await article('quay-lamps');
    const client = await clientAs('editor');
    const before = await (await app.request('/articles/quay-lamps')).text();
    expect(before).not.toContain('class="note note-correction"');
    const page = await (await client.get('/admin/articles/quay-lamps')).text();
    const empty = await client.post('/admin/articles/quay-lamps/corrections', { _csrf: csrfTokenIn(page), note: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Write the correction readers will see.');
    const note = 'An earlier version said the board met on Tuesday <b>evening</b>.';
    const done = await client.post('/admin/articles/quay-lamps/corrections', { _csrf: csrfTokenIn(page), note });
    expect(done.headers.get('location')).toBe('/admin/articles/quay-lamps?done=corrected');
    const publicPage = await (await app.request('/articles/quay-lamps')).text();
    const notice = /<li class="note note-correction">([\s\S]*?)<\/li>/.exec(publicPage)?.[1] ?? '';
    expect(notice).toContain('<strong>Correction</strong>');
    expect(notice).toMatch(/<time datetime="\d{4}-\d{2}-\d{2}T[^"]+"/);
    expect(notice).toContain('Tuesday &lt;b&gt;evening&lt;/b&gt;.');
    // Machines read the same notice in the page's JSON-LD.
    const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(publicPage)![1]) as { correction?: { '@type': string; text: string; datePublished: string }[] };
    expect(jsonLd.correction).toEqual([{ '@type': 'CorrectionComment', text: note, datePublished: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) }]);
    const desk = await (await client.get('/admin/articles/quay-lamps')).text();
    expect(desk).toContain('added by editor@desk.test');
    // A withdrawn article takes no correction.
    await article('gone', { pubStatus: 'canceled' });
    const refused = await client.post('/admin/articles/gone/corrections', { _csrf: csrfTokenIn(page), note: 'Too late.' });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toContain('“gone” is not published: corrections are shown on published articles.');
  });

  it('lists the images with their state: stored with variants, the bomb and the SVG refused with the reason, one waiting', async () => {
    const a = await article('quay-lamps');
    const files = { 'photo.jpg': await makeImage(1200, 800, 'jpeg'), 'bomb.png': await makePngBomb(), 'script.svg': SVG_WITH_SCRIPT, 'page.jpg': HTML_NAMED_JPEG };
    const records = await linkArticleImages(store.db, {
      articleId: a.id, versionId: null, sourceId, status: 'pending',
      images: [...Object.keys(files), 'late.jpg'].map((name, i) => ({ url: `https://wire.test/img/${name}`, role: i === 0 ? 'lead' : 'body' })),
    }, now);
    for (const [i, bytes] of Object.values(files).entries()) {
      const outcome = await processImage(bytes);
      if (outcome.ok) {
        const { image } = outcome;
        await markMediaStored(store.db, records[i].id, { sha256: image.sha256, contentType: 'image/jpeg', width: image.width, height: image.height, variants: image.variants, credit: null, copyright: null }, now);
      } else {
        await markMediaUnusable(store.db, records[i].id, 'refused', outcome.reason, outcome.sha256, now);
      }
    }
    const client = await clientAs('editor');
    const page = await (await client.get('/admin/articles/quay-lamps')).text();
    const stateOf = (name: string) => new RegExp(`img/${name.replace('.', '\\.')}</span>\\s*<div class="image-state image-(\\w+)">([^<]*(?:<strong>[^<]*</strong>)?[^<]*)</div>`).exec(page);
    expect(stateOf('photo.jpg')?.[1]).toBe('stored');
    expect(stateOf('photo.jpg')?.[2]).toMatch(/^Stored \(1200 × 800\); variants: \d+ × \d+ (webp|jpeg)/);
    expect(stateOf('bomb.png')?.[1]).toBe('refused');
    expect(stateOf('bomb.png')?.[2]).toMatch(/<strong>Refused<\/strong>: too many pixels: 40000×40000/);
    expect(stateOf('script.svg')?.[2]).toMatch(/<strong>Refused<\/strong>: .*SVG is never served from a source/);
    expect(stateOf('page.jpg')?.[1]).toBe('refused');
    expect(stateOf('late.jpg')?.[1]).toBe('pending');
    expect(page).toContain('Lead image');
  });

  it('is for owners and editors: a moderator gets 403 on the list, the page and the actions', async () => {
    await article('quay-lamps');
    const client = await clientAs('moderator');
    expect((await client.get('/admin/articles')).status).toBe(403);
    expect((await client.get('/admin/articles/quay-lamps')).status).toBe(403);
    const token = csrfTokenIn(await (await client.get('/admin')).text());
    expect((await client.post('/admin/articles/quay-lamps/withdraw', { _csrf: token, note: 'no' })).status).toBe(403);
    expect((await getArticleBySlug(store.db, 'quay-lamps'))?.pubStatus).toBe('usable');
  });
});
