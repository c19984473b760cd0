// The dashboard and its queues (review, held, fidelity, jobs). The actions are the ones the CLI and the admin
// API use (src/admin/), so the desk behaves as they do; each action the desk takes is written to the audit log.
// Sources and feeds (sources.routes.ts), articles and comments (articles.routes.ts, comments.routes.ts) have
// routes of their own.
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
import { ActionError, republishHeld, reviewVersion } from '../admin/actions.js';
import { parseId } from '../admin/admin.routes.js';
import { allow } from './desk-session.js';
import { actionButton, articleItem, renderDashboard, renderListPage } from './views/queue-pages.js';
import { deskRouteKit } from './route-kit.js';

const LIST_LIMIT = 200;

const NOTICES: Record<string, string> = {
  approved: 'Approved.',
  rejected: 'Rejected.',
  published: 'Published.',
  retried: 'The job is queued again.',
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
