// The dashboard and its queues (review, held, fidelity, sources, jobs). The actions are the ones the CLI and the
// admin API use (src/admin/), so the desk behaves as they do; each action the desk takes is written to the audit log.
import type { Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { html } from '../site/html.js';
import { deskCounts, listFidelityWarnings, listHeldForDesk } from '../store/dashboard.js';
import { getArticleById, getVersion, listPendingVersions } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { compareTexts } from '../fidelity/index.js';
import { escapeHtml } from '../clean/escape.js';
import { renderArticle } from '../site/routes/article.routes.js';
import { renderReviewPage } from './views/review-page.js';
import { createSource, getSourceBySlug, listSources, UPDATE_POLICIES } from '../store/sources.js';
import { addFeed, enableFeed, listFeeds } from '../store/feeds.js';
import { discoverSource } from './discover-feeds.js';
import { renderConfirmSourcePage, renderNewSourcePage } from './views/source-pages.js';
import { ActionError, republishHeld, reviewVersion } from '../admin/actions.js';
import { parseId } from '../admin/admin.routes.js';
import { allow } from './desk-session.js';
import { actionButton, articleItem, renderDashboard, renderListPage } from './views/queue-pages.js';
import { deskRouteKit } from './route-kit.js';

const LIST_LIMIT = 200;
const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;

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
  approved: 'Approved.',
  rejected: 'Rejected.',
  published: 'Published.',
  retried: 'The job is queued again.',
  added: 'The source is added; its feeds are polled from now on.',
  enabled: 'The feed is enabled again and due for a poll now.',
};

export function registerQueueRoutes(app: Hono, deps: SiteDeps): void {
  const { ctxOf, notice, audit, act } = deskRouteKit(deps, NOTICES);

  /** A pending version with its article and source; null when it is not waiting for review. */
  const reviewSubject = async (id: number) => {
    const version = await getVersion(deps.store.db, id);
    if (!version || version.state !== 'pending') return null;
    const article = await getArticleById(deps.store.db, version.articleId);
    const source = article ? await getSourceById(deps.store.db, article.sourceId) : null;
    return article && source ? { version, article, source } : null;
  };

  app.get('/admin', allow('dashboard'), async (c) => {
    const [counts, jobs] = await Promise.all([deskCounts(deps.store.db, deps.now()), deps.jobs.counts()]);
    return c.html(renderDashboard(ctxOf(c), { ...counts, failedJobs: jobs.failed }));
  });

  app.get('/admin/fidelity', allow('articles'), async (c) => {
    const rows = await listFidelityWarnings(deps.store.db, LIST_LIMIT);
    return c.html(
      renderListPage(ctxOf(c), {
        title: 'Fidelity warnings',
        current: 'articles',
        intro: 'Published copies that no longer convey their source whole, by their latest fidelity report.',
        items: rows.map((r) => articleItem(r, html`<a href="/articles/${encodeURIComponent(r.slug)}/fidelity">Fidelity report</a>`)),
        empty: 'Every published copy conveys its source whole.',
      }),
    );
  });

  app.get('/admin/reviews', allow('review'), async (c) => {
    const ctx = ctxOf(c);
    const versions = await listPendingVersions(deps.store.db);
    const items = versions.map(
      (v) => html`<a class="row-title" href="/admin/reviews/${v.id}">${v.headline}</a>
<div class="meta">${v.kind} · ${v.createdAt} · <a href="/articles/${encodeURIComponent(v.slug)}">the published copy</a></div>${v.note ? html`<p class="excerpt">${v.note}</p>` : ''}
<div class="actions">${actionButton(ctx, `/admin/reviews/${v.id}/approve`, 'Approve')} ${actionButton(ctx, `/admin/reviews/${v.id}/reject`, 'Reject', true)}</div>`,
    );
    return c.html(renderListPage(ctx, { title: 'Updates waiting for review', current: 'review', items, empty: 'No source update waits for review.', notice: notice(c) }));
  });

  app.get('/admin/reviews/:id', allow('review'), async (c) => {
    const found = await reviewSubject(parseId(c.req.param('id')));
    if (!found) return c.html(renderListPage(ctxOf(c), { title: 'Review', current: 'review', items: [], empty: 'Go back to the review queue.', error: 'There is no update waiting with this id.' }), 404);
    const { version, article, source } = found;
    // The source's new text against the copy readers have now: the report an editor weighs before approving.
    const report = compareTexts(`<h1>${escapeHtml(version.headline)}</h1>\n${version.bodyHtml}`, `<h1>${escapeHtml(article.headline)}</h1>\n${article.bodyHtml}`, { ignoreCreditLines: true });
    return c.html(renderReviewPage(ctxOf(c), { version, article, sourceName: source.name, report }));
  });

  app.get('/admin/reviews/:id/preview', allow('review'), async (c) => {
    const found = await reviewSubject(parseId(c.req.param('id')));
    if (!found) return c.html(renderListPage(ctxOf(c), { title: 'Review', current: 'review', items: [], empty: 'Go back to the review queue.', error: 'There is no update waiting with this id.' }), 404);
    const { version, article, source } = found;
    // The article page itself, with the update's headline and text: exactly what readers would get.
    c.header('X-Robots-Tag', 'noindex');
    return c.html(await renderArticle(deps, { ...article, headline: version.headline, bodyHtml: version.bodyHtml }, source));
  });

  app.post('/admin/reviews/:id/:decision', allow('review'), async (c) =>
    act(c, '/admin/reviews', 'Updates waiting for review', 'review', async () => {
      const decision = c.req.param('decision');
      if (decision !== 'approve' && decision !== 'reject') throw new ActionError('use approve or reject');
      const id = parseId(c.req.param('id'));
      await reviewVersion(deps.store, id, decision, deps.now());
      await audit(c, `version.${decision}`, `version ${id}`);
      return decision === 'approve' ? 'approved' : 'rejected';
    }),
  );

  app.get('/admin/held', allow('review'), async (c) => {
    const ctx = ctxOf(c);
    const rows = await listHeldForDesk(deps.store.db, LIST_LIMIT);
    const items = rows.map((r) =>
      articleItem(
        r,
        html`${actionButton(ctx, `/admin/held/${encodeURIComponent(r.slug)}/publish`, 'Publish')} ${actionButton(ctx, `/admin/held/${encodeURIComponent(r.slug)}/publish-summary`, 'Publish as summary with a link', true)}`,
      ),
    );
    return c.html(renderListPage(ctx, { title: 'Held articles', current: 'review', intro: 'Each with the reason it is held.', items, empty: 'No article is held.', notice: notice(c) }));
  });

  app.post('/admin/held/:slug/:how', allow('review'), async (c) =>
    act(c, '/admin/held', 'Held articles', 'review', async () => {
      const how = c.req.param('how');
      if (how !== 'publish' && how !== 'publish-summary') throw new ActionError('use publish or publish-summary');
      const slug = c.req.param('slug') ?? '';
      await republishHeld(deps.store, deps.site, slug, deps.now(), { asSummary: how === 'publish-summary' });
      await audit(c, how === 'publish' ? 'article.publish' : 'article.publish-summary', slug);
      return 'published';
    }),
  );

  app.get('/admin/sources', allow('sources'), async (c) => {
    const ctx = ctxOf(c);
    const [sources, feeds] = await Promise.all([listSources(deps.store.db), listFeeds(deps.store.db)]);
    const items = sources.map((s) => {
      const own = feeds.filter((f) => f.sourceId === s.id);
      return html`<span class="row-title">${s.name}</span> <span class="meta">${s.homeUrl}</span>
<ul>${own.map(
        (f) => html`<li>${f.url}<div class="meta">${f.disabledReason ? html`disabled: ${f.disabledReason}` : f.consecutiveErrors > 0 ? html`failing (${f.consecutiveErrors} in a row): ${f.lastError ?? ''}` : 'healthy'} · last poll ${f.lastFetchedAt ?? 'never'} · next ${f.nextPollAt ?? 'now'}</div>${
          f.disabledReason ? html`<div class="actions">${actionButton(ctx, `/admin/feeds/${f.id}/enable`, 'Re-enable')}</div>` : ''
        }</li>`,
      )}</ul>`;
    });
    return c.html(
      renderListPage(ctx, { title: 'Sources and feeds', current: 'sources', intro: html`<a href="/admin/sources/new">Add a source by its homepage</a>`, items, empty: 'No source yet.', notice: notice(c) }),
    );
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
    act(c, '/admin/sources', 'Sources and feeds', 'sources', async () => {
      const id = parseId(c.req.param('id'));
      if (!(await enableFeed(deps.store.db, id, deps.now()))) throw new ActionError(`no feed with id ${id}`, 404);
      await audit(c, 'feed.enable', `feed ${id}`);
      return 'enabled';
    }),
  );

  app.get('/admin/jobs', allow('jobs'), async (c) => {
    const ctx = ctxOf(c);
    const failed = await deps.jobs.listFailed(LIST_LIMIT);
    const items = failed.map(
      (j) => html`<span class="row-title">${j.queue}</span> <span class="meta">${j.key ?? j.id} · ${j.attempts} attempts · ${j.failedAt ?? ''}</span>
${j.error ? html`<p class="excerpt">${j.error}</p>` : ''}<div class="actions">${actionButton(ctx, `/admin/jobs/${encodeURIComponent(j.id)}/retry`, 'Retry')}</div>`,
    );
    return c.html(renderListPage(ctx, { title: 'Failed jobs', current: 'jobs', items, empty: 'No job has failed.', notice: notice(c) }));
  });

  app.post('/admin/jobs/:id/retry', allow('jobs'), async (c) =>
    act(c, '/admin/jobs', 'Failed jobs', 'jobs', async () => {
      const id = c.req.param('id') ?? '';
      if (!(await deps.jobs.requeueFailed(id))) throw new ActionError(`no failed job with id ${id}`, 404);
      await audit(c, 'job.retry', `job ${id}`);
      return 'retried';
    }),
  );
}
