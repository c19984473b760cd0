// The review queue and the held articles. New stories of sources under review and source updates wait here for
// an editor: approve, reject (a new story's rejection is a tombstone), schedule, edit, one at a time or the selected
// ones at once. The actions are those of the CLI and the admin API (src/admin/); each is written to the audit log.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import type { Article } from '../model/types.js';
import { html } from '../site/html.js';
import { listHeldForDesk } from '../store/dashboard.js';
import { getArticleById, getArticleBySlug, getVersion } from '../store/articles.js';
import { getSourceById } from '../store/sources.js';
import { getFidelityReport } from '../store/fidelity-reports.js';
import { getPublishAt, listIncoming, listPendingUpdates } from '../store/review-queue.js';
import { compareTexts } from '../fidelity/index.js';
import { escapeHtml } from '../clean/escape.js';
import { renderArticle } from '../site/routes/article.routes.js';
import { buildProvenanceChain, editsAllowed } from '../provenance/index.js';
import { ActionError, republishHeld, reviewVersion } from '../admin/actions.js';
import { editArticle, leadChoices, rejectArticle } from '../admin/article-actions.js';
import { cancelScheduledPublication, schedulePublication } from '../admin/scheduled-publish.js';
import { parseId } from '../admin/admin.routes.js';
import { allow, requireSessionOf } from './desk-session.js';
import { deskRouteKit } from './route-kit.js';
import { actionButton, articleItem, renderListPage } from './views/queue-pages.js';
import { renderIncomingPage, renderReviewPage, renderReviewQueue } from './views/review-page.js';
import { renderEditPage, type EditValues } from './views/edit-page.js';
import { REVIEW_SCRIPT, REVIEW_SCRIPT_PATH } from './review-script.js';

const LIST_LIMIT = 200;
/** The most items one bulk action takes: a page of the queue. */
const BULK_LIMIT = LIST_LIMIT * 2;

const NOTICES: Record<string, string> = {
  approved: 'Approved.',
  rejected: 'Rejected.',
  published: 'Published.',
  scheduled: 'Scheduled.',
  unscheduled: 'The schedule is cancelled; the story waits for review.',
  edited: 'The edit is saved.',
};

/** A datetime-local value ("2026-12-03T08:00") read as UTC; an ISO time with its zone is taken as it is. */
export function parseScheduleTime(value: string): Date {
  const text = value.trim();
  const local = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})(:\d{2})?$/.exec(text);
  return new Date(local ? `${local[1]}T${local[2]}${local[3] ?? ':00'}Z` : text || 'invalid');
}

/** The form's topics field: comma-separated. */
const topicsOf = (text: string) => text.split(',');

function valuesOf(article: Article): EditValues {
  return {
    headline: article.headline,
    subheadline: article.subheadline ?? '',
    topics: article.topics.join(', '),
    leadUrl: article.lead?.url ?? '',
    leadCaption: article.lead?.caption ?? '',
    bodyHtml: article.bodyHtml,
    note: '',
  };
}

export function registerReviewRoutes(app: Hono, deps: SiteDeps): void {
  const kit = deskRouteKit(deps, NOTICES);
  const { ctxOf, notice, audit } = kit;
  const act = (c: Context, back: string, title: string, task: () => Promise<string>) => kit.act(c, back, title, 'review', task);
  const notFound = (c: Context, what: string) =>
    c.html(renderListPage(ctxOf(c), { title: 'Review', current: 'review', items: [], empty: 'Go back to the review queue.', error: what }), 404);

  const renderQueue = async (c: Context, extra: { error?: string | null; approved?: { slug: string; headline: string } | null } = {}) => {
    const [incoming, updates] = await Promise.all([listIncoming(deps.store.db, LIST_LIMIT), listPendingUpdates(deps.store.db, LIST_LIMIT)]);
    return renderReviewQueue(ctxOf(c), { incoming, updates, notice: notice(c), ...extra });
  };

  /** A pending version with its article and source; null when it is not waiting for review. */
  const reviewSubject = async (id: number) => {
    const version = await getVersion(deps.store.db, id);
    if (!version || version.state !== 'pending') return null;
    const article = await getArticleById(deps.store.db, version.articleId);
    const source = article ? await getSourceById(deps.store.db, article.sourceId) : null;
    return article && source ? { version, article, source } : null;
  };

  /** A new story waiting for review, with its source; null when there is none by this name. */
  const incomingSubject = async (slug: string) => {
    const article = await getArticleBySlug(deps.store.db, slug);
    if (!article || article.pubStatus !== 'withheld' || article.holdKind !== 'review') return null;
    const source = await getSourceById(deps.store.db, article.sourceId);
    return source ? { article, source } : null;
  };

  app.get(REVIEW_SCRIPT_PATH, (c) => {
    c.header('Content-Type', 'text/javascript; charset=utf-8');
    c.header('Cache-Control', 'public, max-age=3600');
    return c.body(REVIEW_SCRIPT);
  });

  app.get('/admin/reviews', allow('review'), async (c) => {
    const slug = c.req.query('article');
    const article = c.req.query('done') === 'approved' && slug ? await getArticleBySlug(deps.store.db, slug) : null;
    const approved = article?.pubStatus === 'usable' ? { slug: article.slug, headline: article.headline } : null;
    return c.html(await renderQueue(c, { approved }));
  });

  /** Approves or rejects one item of the queue: `article:<slug>` (a new story) or `version:<id>` (a source update). */
  const decide = async (c: Context, item: string, decision: 'approve' | 'reject') => {
    const [kind, ...rest] = item.split(':');
    const key = rest.join(':');
    if (kind === 'version') {
      const id = parseId(key);
      await reviewVersion(deps.store, id, decision, deps.now());
      await audit(c, `version.${decision}`, `version ${id}`);
    } else if (kind === 'article' && key) {
      // The queue decides on the stories waiting in it; a published or otherwise held story has its own actions.
      const article = await getArticleBySlug(deps.store.db, key);
      if (!article) throw new ActionError(`no article "${key}"`, 404);
      if (article.pubStatus !== 'withheld' || article.holdKind !== 'review') throw new ActionError(`"${key}" is not waiting for review`, 409);
      if (decision === 'approve') await republishHeld(deps.store, deps.site, key, deps.now());
      else await rejectArticle(deps.store, key, null, deps.now());
      await audit(c, `article.${decision}`, key);
    } else throw new ActionError(`"${item}" is not an item of the review queue`);
  };

  app.post('/admin/reviews/bulk', allow('review'), async (c) => {
    const body = await c.req.parseBody({ all: true });
    const action = typeof body.action === 'string' ? body.action : '';
    const items = ([] as unknown[]).concat(body.items ?? []).filter((v): v is string => typeof v === 'string');
    const refuse = async (error: string, status: 400 | 409) => c.html(await renderQueue(c, { error }), status);
    if (action !== 'approve' && action !== 'reject') return refuse('Choose approve or reject for the selected items.', 400);
    if (items.length === 0) return refuse('Select at least one item of the queue.', 400);
    if (items.length > BULK_LIMIT) return refuse(`Select at most ${BULK_LIMIT} items at once.`, 400);
    // Each item is its own transaction: one refused item leaves the others done, and the page says which failed.
    const failed: string[] = [];
    for (const item of items) {
      try {
        await decide(c, item, action);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        failed.push(`${item.replace(/^article:/, '').replace(/^version:/, 'update ')}: ${error.message}`);
      }
    }
    if (failed.length) return refuse(`${items.length - failed.length} of ${items.length} done. Not done: ${failed.join('; ')}`, 409);
    return c.redirect(`/admin/reviews?done=${action === 'approve' ? 'approved' : 'rejected'}`, 303);
  });

  app.get('/admin/reviews/:id', allow('review'), async (c) => {
    const found = await reviewSubject(parseId(c.req.param('id')));
    if (!found) return notFound(c, 'There is no update waiting with this id.');
    const { version, article, source } = found;
    // The source's new text against the copy readers have now: the report an editor weighs before approving.
    const report = compareTexts(`<h1>${escapeHtml(version.headline)}</h1>\n${version.bodyHtml}`, `<h1>${escapeHtml(article.headline)}</h1>\n${article.bodyHtml}`, { ignoreCreditLines: true });
    return c.html(renderReviewPage(ctxOf(c), { version, article, sourceName: source.name, report }));
  });

  app.get('/admin/reviews/:id/preview', allow('review'), async (c) => {
    const found = await reviewSubject(parseId(c.req.param('id')));
    if (!found) return notFound(c, 'There is no update waiting with this id.');
    const { version, article, source } = found;
    // The article page itself, with the update's headline and text: exactly what readers would get.
    c.header('X-Robots-Tag', 'noindex');
    return c.html(await renderArticle(deps, { ...article, headline: version.headline, bodyHtml: version.bodyHtml }, source));
  });

  app.post('/admin/reviews/:id/:decision', allow('review'), async (c) =>
    act(c, '/admin/reviews', 'Review queue', async () => {
      const decision = c.req.param('decision');
      if (decision !== 'approve' && decision !== 'reject') throw new ActionError('use approve or reject');
      await decide(c, `version:${c.req.param('id')}`, decision);
      return decision === 'approve' ? 'approved' : 'rejected';
    }),
  );

  app.get('/admin/incoming/:slug', allow('review'), async (c) => {
    const found = await incomingSubject(c.req.param('slug') ?? '');
    if (!found) return notFound(c, 'There is no new story waiting for review by this name.');
    const { article, source } = found;
    const [stored, publishAt] = await Promise.all([getFidelityReport(deps.store.db, article.id), getPublishAt(deps.store.db, article.id)]);
    const edits = editsAllowed(source, article.rights);
    return c.html(
      renderIncomingPage(ctxOf(c), { article, sourceName: source.name, report: stored?.report ?? null, publishAt, editRefusal: edits.allowed ? null : edits.reason, notice: notice(c) }),
    );
  });

  app.get('/admin/incoming/:slug/preview', allow('review'), async (c) => {
    const found = await incomingSubject(c.req.param('slug') ?? '');
    if (!found) return notFound(c, 'There is no new story waiting for review by this name.');
    const { article, source } = found;
    // The article page as it would be published now: its provenance built as publishing builds it.
    const now = deps.now().toISOString();
    const shown = { ...article, republishedAt: now, versionCreated: now, provenance: buildProvenanceChain(article, source, deps.site, now) };
    c.header('X-Robots-Tag', 'noindex');
    try {
      return c.html(await renderArticle(deps, shown, source));
    } catch (error) {
      // The page fails closed on a blank the site or source must fill: the editor sees which one.
      return c.html(renderListPage(ctxOf(c), { title: 'Preview', current: 'review', items: [], empty: 'Go back to the review queue.', error: `No preview: ${(error as Error).message}` }), 409);
    }
  });

  app.post('/admin/incoming/:slug/:action', allow('review'), async (c) => {
    const slug = c.req.param('slug') ?? '';
    const action = c.req.param('action') ?? '';
    const back = `/admin/incoming/${encodeURIComponent(slug)}`;
    if (action === 'schedule') {
      const body = await c.req.parseBody();
      const value = typeof body.at === 'string' ? body.at : '';
      try {
        const at = await schedulePublication(deps.store, slug, parseScheduleTime(value), deps.now());
        await audit(c, 'article.schedule', slug, at);
        return c.redirect(`${back}?done=scheduled`, 303);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        const found = await incomingSubject(slug);
        if (!found) return notFound(c, error.message);
        const { article, source } = found;
        const [stored, publishAt] = await Promise.all([getFidelityReport(deps.store.db, article.id), getPublishAt(deps.store.db, article.id)]);
        const edits = editsAllowed(source, article.rights);
        const page = renderIncomingPage(ctxOf(c), {
          article, sourceName: source.name, report: stored?.report ?? null, publishAt, editRefusal: edits.allowed ? null : edits.reason, error: error.message, scheduleValue: value.slice(0, 40),
        });
        return c.html(page, error.status);
      }
    }
    return act(c, '/admin/reviews', 'Review queue', async () => {
      if (action === 'approve') {
        await decide(c, `article:${slug}`, 'approve');
        return `/admin/reviews?done=approved&article=${encodeURIComponent(slug)}`;
      }
      if (action === 'reject') {
        await decide(c, `article:${slug}`, 'reject');
        return 'rejected';
      }
      if (action === 'unschedule') {
        await cancelScheduledPublication(deps.store, slug);
        await audit(c, 'article.unschedule', slug);
        return 'unscheduled';
      }
      throw new ActionError('use approve, reject, schedule or unschedule');
    });
  });

  const editPage = async (slug: string) => {
    const article = await getArticleBySlug(deps.store.db, slug);
    const editable = article && (article.pubStatus === 'usable' || (article.pubStatus === 'withheld' && article.holdKind === 'review'));
    const source = article ? await getSourceById(deps.store.db, article.sourceId) : null;
    if (!article || !editable || !source) return null;
    const edits = editsAllowed(source, article.rights);
    return { article, published: article.pubStatus === 'usable', refusal: edits.allowed ? null : edits.reason };
  };

  app.get('/admin/edit/:slug', allow('review'), async (c) => {
    const found = await editPage(c.req.param('slug') ?? '');
    if (!found) return notFound(c, 'There is no published story or story waiting for review by this name.');
    const { article, published, refusal } = found;
    return c.html(renderEditPage(ctxOf(c), { slug: article.slug, published, values: valuesOf(article), leadChoices: leadChoices(article), refusal, notice: notice(c) }), refusal ? 409 : 200);
  });

  app.post('/admin/edit/:slug', allow('review'), async (c) => {
    const found = await editPage(c.req.param('slug') ?? '');
    if (!found) return notFound(c, 'There is no published story or story waiting for review by this name.');
    const { article, published, refusal } = found;
    const body = await c.req.parseBody();
    const text = (name: string) => (typeof body[name] === 'string' ? (body[name] as string) : '');
    const values: EditValues = {
      headline: text('headline'), subheadline: text('subheadline'), topics: text('topics'), leadUrl: text('lead'), leadCaption: text('caption'), bodyHtml: text('body'), note: text('note'),
    };
    const { user } = requireSessionOf(c);
    try {
      if (refusal) throw new ActionError(`cannot edit "${article.slug}": ${refusal}`, 409);
      if (!values.headline.trim()) throw new ActionError('give the story a headline');
      await editArticle(
        deps.store,
        deps.site,
        article.slug,
        {
          bodyHtml: values.bodyHtml, headline: values.headline, subheadline: values.subheadline, topics: topicsOf(values.topics),
          leadUrl: values.leadUrl || null, leadCaption: values.leadCaption, note: values.note, editor: { id: user.id, email: user.email },
        },
        deps.now(),
        { queueImages: Boolean(deps.media) },
      );
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      // The editor's text comes back in the form: nothing typed is lost.
      return c.html(renderEditPage(ctxOf(c), { slug: article.slug, published, values, leadChoices: leadChoices(article, values.bodyHtml), refusal, error: error.message }), error.status);
    }
    await audit(c, 'article.edit', article.slug, values.note.trim().slice(0, 500));
    return c.redirect(published ? `/admin/edit/${encodeURIComponent(article.slug)}?done=edited` : `/admin/incoming/${encodeURIComponent(article.slug)}?done=edited`, 303);
  });

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
    act(c, '/admin/held', 'Held articles', async () => {
      const how = c.req.param('how');
      if (how !== 'publish' && how !== 'publish-summary') throw new ActionError('use publish or publish-summary');
      const slug = c.req.param('slug') ?? '';
      await republishHeld(deps.store, deps.site, slug, deps.now(), { asSummary: how === 'publish-summary' });
      await audit(c, how === 'publish' ? 'article.publish' : 'article.publish-summary', slug);
      return 'published';
    }),
  );
}
