// The dashboard and its queues. The actions are the ones the CLI and the admin API use (src/admin/), so the
// desk behaves as they do; each action the desk takes is written to the audit log.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { html } from '../site/html.js';
import { siteDisplayName } from '../site/views/layout.js';
import { authorCommentCounts, deskCounts, listCommentsForDesk, listFidelityWarnings, listPublishedSince } from '../store/dashboard.js';
import { parseCommentStatus } from '../comments/comment-status.js';
import { createSource, getSourceBySlug, listSources, UPDATE_POLICIES } from '../store/sources.js';
import { addFeed, enableFeed, listFeeds } from '../store/feeds.js';
import { discoverSource } from './discover-feeds.js';
import { renderConfirmSourcePage, renderNewSourcePage } from './views/source-pages.js';
import { recordAudit } from '../store/audit-log.js';
import { ActionError, moderateComment } from '../admin/actions.js';
import { renderCommentsQueue } from './views/comments-queue.js';
import { parseId } from '../admin/admin.routes.js';
import { allow, requestIp, requireSessionOf } from './desk-session.js';
import { actionButton, articleItem, renderDashboard, renderListPage, type DeskContext } from './views/queue-pages.js';
import type { DeskArea } from './access.js';

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
  spam: 'Marked as spam.',
  trash: 'Moved to the trash.',
  published: 'Published.',
  retried: 'The job is queued again.',
  added: 'The source is added; its feeds are polled from now on.',
  enabled: 'The feed is enabled again and due for a poll now.',
};

export function registerQueueRoutes(app: Hono, deps: SiteDeps): void {
  const ctxOf = (c: Context): DeskContext => {
    const session = requireSessionOf(c);
    return { siteName: siteDisplayName(deps.site), user: session.user, csrfToken: session.csrfToken };
  };
  const notice = (c: Context) => NOTICES[c.req.query('done') ?? ''] ?? null;
  const audit = (c: Context, action: string, target: string, detail: string | null = null) => {
    const { user } = requireSessionOf(c);
    return recordAudit(deps.store.db, { userId: user.id, actor: user.email, action, target, detail, ip: requestIp(c, deps) }, deps.now());
  };
  /** Runs an editorial action; a refusal (ActionError) is shown on the queue's page instead of the app's JSON. */
  const act = async (c: Context, back: string, title: string, area: DeskArea, task: () => Promise<string>, returnTo = back) => {
    try {
      const done = await task();
      return c.redirect(`${returnTo}${returnTo.includes('?') ? '&' : '?'}done=${done}`, 303);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      return c.html(renderListPage(ctxOf(c), { title, current: area, items: [], empty: 'Go back to the list and reload it.', error: error.message }), error.status);
    }
  };

  app.get('/admin', allow('dashboard'), async (c) => {
    const [counts, jobs] = await Promise.all([deskCounts(deps.store.db, deps.now()), deps.jobs.counts()]);
    return c.html(renderDashboard(ctxOf(c), { ...counts, failedJobs: jobs.failed }));
  });

  app.get('/admin/articles', allow('articles'), async (c) => {
    const rows = await listPublishedSince(deps.store.db, deps.now(), LIST_LIMIT);
    return c.html(renderListPage(ctxOf(c), { title: 'Published in the last 24 hours', current: 'articles', items: rows.map((r) => articleItem(r)), empty: 'Nothing was published in the last 24 hours.' }));
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

  app.get('/admin/comments', allow('comments'), async (c) => {
    const status = parseCommentStatus(c.req.query('status') ?? 'pending') ?? 'pending';
    const author = (c.req.query('author') ?? '').trim().slice(0, 254) || null;
    const article = (c.req.query('article') ?? '').trim().slice(0, 300) || null;
    const comments = await listCommentsForDesk(deps.store.db, { status, authorEmail: author, articleSlug: article, limit: LIST_LIMIT });
    const history = await authorCommentCounts(deps.store.db, comments.map((m) => m.authorEmail).filter((e): e is string => Boolean(e)));
    return c.html(renderCommentsQueue(ctxOf(c), { filter: { status, author, article }, comments, history, notice: notice(c) }));
  });

  const moderate = async (c: Context, ids: number[], action: string) => {
    if (action !== 'approve' && action !== 'spam' && action !== 'trash') throw new ActionError('use approve, spam or trash');
    if (ids.length === 0) throw new ActionError('select at least one comment');
    for (const id of ids) {
      await moderateComment(deps.store, id, action);
      await audit(c, `comment.${action}`, `comment ${id}`);
    }
    return action === 'approve' ? 'approved' : action;
  };
  /** Back to the same filtered list the moderator acted from (only its path and query are taken from the Referer). */
  const back = (c: Context) => {
    const from = c.req.header('referer');
    if (!from) return '/admin/comments';
    const url = new URL(from, 'http://desk.invalid');
    if (url.pathname !== '/admin/comments') return '/admin/comments';
    url.searchParams.delete('done');
    const query = url.searchParams.toString();
    return `/admin/comments${query ? `?${query}` : ''}`;
  };

  app.post('/admin/comments/bulk', allow('comments'), async (c) =>
    act(c, '/admin/comments', 'Comments', 'comments', async () => {
      const body = await c.req.parseBody({ all: true });
      const ids = ([] as unknown[]).concat(body.ids ?? []).map((v) => parseId(typeof v === 'string' ? v : undefined));
      return moderate(c, ids, typeof body.action === 'string' ? body.action : '');
    }, back(c)),
  );

  app.post('/admin/comments/:id/:action', allow('comments'), async (c) =>
    act(c, '/admin/comments', 'Comments', 'comments', async () => moderate(c, [parseId(c.req.param('id'))], c.req.param('action') ?? ''), back(c)),
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
