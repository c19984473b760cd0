// The dashboard, the fidelity warnings and the failed jobs. The actions are the ones the CLI and the admin
// API use (src/admin/), so the desk behaves as they do; each action the desk takes is written to the audit log.
// The review queue (review.routes.ts), sources and feeds (sources.routes.ts), articles and comments
// (articles.routes.ts, comments.routes.ts) have routes of their own.
import type { Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { html } from '../site/html.js';
import { deskCounts, listFidelityWarnings } from '../store/dashboard.js';
import { ActionError, retryFailedJob } from '../admin/actions.js';
import { parseId } from '../admin/admin.routes.js';
import { allow } from './desk-session.js';
import { actionButton, articleItem, renderDashboard, renderListPage } from './views/queue-pages.js';
import { deskRouteKit } from './route-kit.js';

const LIST_LIMIT = 200;

const NOTICES: Record<string, string> = {
  retried: 'The job is queued again.',
};

export function registerQueueRoutes(app: Hono, deps: SiteDeps): void {
  const { ctxOf, notice, audit, act } = deskRouteKit(deps, NOTICES);

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
      await retryFailedJob(deps.jobs, id);
      await audit(c, 'job.retry', `job ${id}`);
      return 'retried';
    }),
  );
}
