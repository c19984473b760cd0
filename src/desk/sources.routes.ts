// Sources and feeds on the desk: the list with each feed's health, adding a source by its homepage, one
// source's settings (every field `convey sources edit` sets, with its checks), its feeds, a preview of its
// extraction rules before they are saved, and the template check the form's script asks while an editor types.
// Each change is written to the audit log.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import type { Source } from '../model/types.js';
import { createSource, getSourceById, getSourceBySlug, listSources, setSourceExtractRules, updateSource, UPDATE_POLICIES } from '../store/sources.js';
import { addFeed, enableFeed, getFeed, listFeeds, removeFeed } from '../store/feeds.js';
import { countEntriesSince, startOfUtcDay } from '../store/feed-health.js';
import { getCommentsCloseAfterDays, setCommentsCloseAfterDays } from '../store/comments.js';
import { pruneSourceSnapshots } from '../store/snapshots.js';
import { listArticles } from '../store/articles.js';
import { imagePolicyOf } from '../media/image-policy.js';
import { queueSourceImages } from '../media/queue-images.js';
import { ActionError } from '../admin/actions.js';
import { parseId } from '../admin/admin.routes.js';
import { discoverSource } from './discover-feeds.js';
import { changedSettings, parseSourceSettings, rulesFromValues, settingValuesFrom, settingValuesOf, templateFieldError, TEMPLATE_FIELDS, type SettingValues } from './source-settings.js';
import { previewRules } from './rules-preview.js';
import { SOURCE_FORM_SCRIPT, SOURCE_FORM_SCRIPT_PATH } from './source-form-script.js';
import { renderConfirmSourcePage, renderNewSourcePage, renderSourcePage, renderSourcesPage, type FeedHealth, type SourcePageInput } from './views/source-pages.js';
import { allow } from './desk-session.js';
import { deskRouteKit } from './route-kit.js';
import { renderListPage } from './views/queue-pages.js';

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
/** Short names taken by the desk's own pages under /admin/sources/. */
const RESERVED_SLUGS = new Set(['new', 'discover']);
/** The source's newest articles offered to try extraction rules on. */
const PREVIEW_CHOICES = 20;
const FULL_TEXT = ['auto', 'always', 'never'] as const;

function checkHttpUrl(value: string): string | null {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A short name for URLs from the source's name: "The Harbour Gazette" → "the-harbour-gazette". */
export function slugOf(name: string): string {
  const slug = name.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 63).replace(/-+$/, '');
  return slug || 'source';
}

const NOTICES: Record<string, string> = {
  added: 'The source is added; its feeds are polled from now on.',
  enabled: 'The feed is enabled again and due for a poll now.',
  saved: 'The settings are saved.',
  unchanged: 'Nothing changed.',
  'feed-added': 'The feed is added and due for a poll now.',
  'feed-removed': 'The feed is removed; the articles taken from it stay.',
};

export function registerSourceRoutes(app: Hono, deps: SiteDeps): void {
  const kit = deskRouteKit(deps, NOTICES);
  const { ctxOf, notice, audit } = kit;
  const act = (c: Context, task: () => Promise<string>) => kit.act(c, '/admin/sources', 'Sources and feeds', 'sources', task);

  /** Each feed of each source with its entries today, in the order feeds were added. */
  const feedHealth = async (): Promise<Map<number, FeedHealth[]>> => {
    const [feeds, today] = await Promise.all([listFeeds(deps.store.db), countEntriesSince(deps.store.db, startOfUtcDay(deps.now()))]);
    const bySource = new Map<number, FeedHealth[]>();
    for (const feed of feeds) bySource.set(feed.sourceId, [...(bySource.get(feed.sourceId) ?? []), { feed, entriesToday: today.get(feed.id) ?? 0 }]);
    return bySource;
  };

  app.get(SOURCE_FORM_SCRIPT_PATH, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(SOURCE_FORM_SCRIPT);
  });

  app.get('/admin/sources', allow('sources'), async (c) => {
    const [sources, health, jobs] = await Promise.all([listSources(deps.store.db), feedHealth(), deps.jobs.counts()]);
    return c.html(renderSourcesPage(ctxOf(c), { sources: sources.map((source) => ({ source, feeds: health.get(source.id) ?? [] })), failedJobs: jobs.failed, notice: notice(c) }));
  });

  app.get('/admin/sources/new', allow('sources'), (c) => c.html(renderNewSourcePage(ctxOf(c), {})));

  app.post('/admin/sources/discover', allow('sources'), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const home = typeof body.home === 'string' ? body.home.trim() : '';
    const homeUrl = checkHttpUrl(home);
    if (!homeUrl) return c.html(renderNewSourcePage(ctxOf(c), { homeUrl: home, error: 'Give the homepage as an absolute http(s) URL, such as https://news.example/.' }), 400);
    if (!deps.client) return c.html(renderNewSourcePage(ctxOf(c), { homeUrl: home, error: 'This server has no outbound client configured.' }), 503);
    try {
      const discovery = await discoverSource(deps.client, homeUrl);
      const name = discovery.name ?? new URL(discovery.homeUrl).host;
      return c.html(renderConfirmSourcePage(ctxOf(c), { discovery, values: { name, slug: slugOf(name), license: '', updatePolicy: 'auto' } }));
    } catch (error) {
      return c.html(renderNewSourcePage(ctxOf(c), { homeUrl: home, error: `Could not read ${homeUrl}: ${(error as Error).message}` }), 502);
    }
  });

  app.post('/admin/sources', allow('sources'), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string).trim() : '');
    const values = { name: text('name'), slug: text('slug'), license: text('license'), updatePolicy: text('update') };
    const feedUrls = [...new Set(([] as unknown[]).concat(body.feeds ?? []).filter((v): v is string => typeof v === 'string' && v.trim() !== '').map((v) => v.trim()))];
    const homeUrl = checkHttpUrl(text('home'));
    const logoUrl = checkHttpUrl(text('logo'));
    const refuse = (error: string) =>
      c.html(renderConfirmSourcePage(ctxOf(c), { discovery: { homeUrl: homeUrl ?? text('home'), name: values.name, logoUrl, feeds: feedUrls.map((url) => ({ url, title: null, entries: null })), problems: [] }, values, error }), 400);
    if (!homeUrl) return refuse('The homepage must be an absolute http(s) URL.');
    if (!values.name) return refuse('Give the source a name.');
    if (!SLUG.test(values.slug)) return refuse('The short name must be lower-case letters, digits and dashes.');
    if (RESERVED_SLUGS.has(values.slug)) return refuse(`The short name "${values.slug}" is taken by the desk’s own pages: choose another.`);
    if (!values.license) return refuse('The license is required: a license, or a statement such as “permission on file”.');
    if (!(UPDATE_POLICIES as string[]).includes(values.updatePolicy)) return refuse(`Choose how updates are handled: ${UPDATE_POLICIES.join(', ')}.`);
    const badFeed = feedUrls.find((u) => !checkHttpUrl(u));
    if (badFeed) return refuse(`The feed URL "${badFeed}" is not an absolute http(s) URL.`);
    if (feedUrls.length === 0) return refuse('Choose at least one feed.');
    if (await getSourceBySlug(deps.store.db, values.slug)) return refuse(`There is already a source "${values.slug}": choose another short name.`);
    const known = await listFeeds(deps.store.db);
    const taken = feedUrls.find((u) => known.some((f) => f.url === u));
    if (taken) return refuse(`The feed ${taken} is already followed.`);
    await deps.store.db.transaction().execute(async (tx) => {
      const source = await createSource(tx, { slug: values.slug, name: values.name, homeUrl, logoUrl, license: values.license, updatePolicy: values.updatePolicy as (typeof UPDATE_POLICIES)[number] });
      for (const url of feedUrls) await addFeed(tx, { sourceId: source.id, url });
    });
    await audit(c, 'source.add', values.slug, `${feedUrls.length} feed${feedUrls.length === 1 ? '' : 's'}`);
    return c.redirect('/admin/sources?done=added', 303);
  });

  app.post('/admin/feeds/:id/enable', allow('sources'), async (c) =>
    act(c, async () => {
      const id = parseId(c.req.param('id'));
      if (!(await enableFeed(deps.store.db, id, deps.now()))) throw new ActionError(`no feed with id ${id}`, 404);
      await audit(c, 'feed.enable', `feed ${id}`);
      return 'enabled';
    }),
  );

  /** The settings page of a source, with the values given (what the editor typed) or as stored. */
  const sourcePage = async (c: Context, source: Source, extra: Partial<SourcePageInput> = {}) => {
    const [health, articles] = await Promise.all([feedHealth(), listArticles(deps.store.db, { sourceId: source.id, limit: PREVIEW_CHOICES })]);
    const values = extra.values ?? settingValuesOf(source, await getCommentsCloseAfterDays(deps.store.db, source.id));
    return renderSourcePage(ctxOf(c), {
      source,
      values,
      feeds: health.get(source.id) ?? [],
      pages: articles.map((a) => ({ url: a.originalUrl, headline: a.headline })),
      notice: notice(c),
      ...extra,
    });
  };
  const sourceOf = async (c: Context) => getSourceBySlug(deps.store.db, c.req.param('slug') ?? '');
  const noSource = (c: Context) =>
    c.html(renderListPage(ctxOf(c), { title: 'Sources and feeds', current: 'sources', items: [], empty: 'Go back to the list of sources.', error: 'There is no source with this short name.' }), 404);
  const formOf = async (c: Context) => (await c.req.parseBody({ all: true })) as Record<string, unknown>;
  const textOf = (body: Record<string, unknown>, name: string) => {
    const value = Array.isArray(body[name]) ? (body[name] as unknown[])[0] : body[name];
    return typeof value === 'string' ? value : '';
  };

  app.get('/admin/sources/:slug', allow('sources'), async (c) => {
    const source = await sourceOf(c);
    if (!source) return noSource(c);
    return c.html(await sourcePage(c, source));
  });

  app.post('/admin/sources/:slug', allow('sources'), async (c) => {
    const source = await sourceOf(c);
    if (!source) return noSource(c);
    const values = settingValuesFrom(await formOf(c));
    const parsed = parseSourceSettings(values, deps.site.name || null);
    // Refused: the same form again with what was typed, each problem under its field; nothing is stored.
    if (!parsed.ok) return c.html(await sourcePage(c, source, { values, errors: parsed.errors }), 400);
    const { changes, extractRules, commentsCloseAfterDays } = parsed.settings;
    const before = settingValuesOf(source, await getCommentsCloseAfterDays(deps.store.db, source.id));
    const updated = await deps.store.db.transaction().execute(async (tx) => {
      await setSourceExtractRules(tx, source.id, extractRules);
      await setCommentsCloseAfterDays(tx, source.id, commentsCloseAfterDays);
      const saved = (await updateSource(tx, source.id, changes))!;
      // A lowered retention applies to what is stored already, not only to the next snapshots.
      if (saved.keepSnapshots !== null && saved.keepSnapshots !== source.keepSnapshots) await pruneSourceSnapshots(tx, saved.id, saved.keepSnapshots);
      return saved;
    });
    const changed = changedSettings(before, settingValuesOf(updated, commentsCloseAfterDays));
    // Images proxied (or given up on) until now are fetched and stored once the source is set to rehost them.
    if (imagePolicyOf(updated) === 'rehost' && imagePolicyOf(source) !== 'rehost') await queueSourceImages(deps.store.db, deps.jobs, updated, deps.now());
    if (changed.length === 0) return c.redirect(`/admin/sources/${encodeURIComponent(source.slug)}?done=unchanged`, 303);
    await audit(c, 'source.edit', source.slug, changed.join(', '));
    return c.redirect(`/admin/sources/${encodeURIComponent(source.slug)}?done=saved`, 303);
  });

  app.post('/admin/sources/:slug/check-template', allow('sources'), async (c) => {
    const source = await sourceOf(c);
    if (!source) return c.json({ error: 'There is no source with this short name.' }, 404);
    const body = await formOf(c);
    const field = textOf(body, 'field');
    if (!(field in TEMPLATE_FIELDS)) return c.json({ error: `Check the attribution or the disclaimer, not "${field}".` }, 400);
    const error = templateFieldError(field as keyof typeof TEMPLATE_FIELDS, { name: textOf(body, 'name'), license: textOf(body, 'license'), attribution: '', disclaimer: '', [field]: textOf(body, 'template') }, deps.site.name || null);
    return c.json({ field, ok: error === null, error });
  });

  app.post('/admin/sources/:slug/preview', allow('sources'), async (c) => {
    const source = await sourceOf(c);
    if (!source) return noSource(c);
    const body = await formOf(c);
    const values: SettingValues = settingValuesFrom(body);
    const previewPage = { chosen: textOf(body, 'preview-page'), pasted: textOf(body, 'preview-url') };
    const rules = rulesFromValues(values);
    if (!rules.ok) return c.html(await sourcePage(c, source, { values, errors: rules.errors, previewPage, previewError: 'Fix the selectors first: each must be a valid CSS selector.' }), 400);
    const url = previewPage.pasted.trim() || previewPage.chosen;
    const result = await previewRules({ db: deps.store.db, client: deps.client, extract: deps.extract }, source, url, rules.rules);
    if (!result.ok) return c.html(await sourcePage(c, source, { values, previewPage, previewError: result.error }), 422);
    return c.html(await sourcePage(c, source, { values, previewPage, preview: result.preview }));
  });

  app.post('/admin/sources/:slug/feeds', allow('sources'), async (c) => {
    const source = await sourceOf(c);
    if (!source) return noSource(c);
    const body = await formOf(c);
    const given = textOf(body, 'url').trim();
    const fullText = textOf(body, 'full-text') || 'auto';
    const refuse = (feedError: string) => sourcePage(c, source, { feedError, feedUrl: given }).then((page) => c.html(page, 400));
    const url = checkHttpUrl(given);
    if (!url) return refuse('Feed URL: give an absolute http(s) URL.');
    if (!(FULL_TEXT as readonly string[]).includes(fullText)) return refuse(`Fetch each entry’s page: choose one of ${FULL_TEXT.join(', ')}.`);
    if ((await listFeeds(deps.store.db)).some((f) => f.url === url)) return refuse(`Feed URL: ${url} is already followed.`);
    const feed = await addFeed(deps.store.db, { sourceId: source.id, url, fetchFullText: fullText as (typeof FULL_TEXT)[number] }, deps.now());
    await audit(c, 'feed.add', `feed ${feed.id}`, `${source.slug}: ${url}`);
    return c.redirect(`/admin/sources/${encodeURIComponent(source.slug)}?done=feed-added`, 303);
  });

  app.post('/admin/feeds/:id/remove', allow('sources'), async (c) =>
    act(c, async () => {
      const id = parseId(c.req.param('id'));
      const feed = await getFeed(deps.store.db, id);
      if (!feed || !(await removeFeed(deps.store.db, id))) throw new ActionError(`no feed with id ${id}`, 404);
      await audit(c, 'feed.remove', `feed ${id}`, feed.url);
      const source = await getSourceById(deps.store.db, feed.sourceId);
      return `${source ? `/admin/sources/${encodeURIComponent(source.slug)}` : '/admin/sources'}?done=feed-removed`;
    }),
  );
}
