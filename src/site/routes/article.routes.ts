// The article page: 200 when published, 410 when withdrawn (naming the source), 404 otherwise.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { FEED_LINKS } from '../../http/deps.js';
import { getArticleBySlug, getSlugById, listPublished, listVersionNotes } from '../../store/articles.js';
import { loadRelatedNews } from '../../related/related-news.js';
import { getSourceById } from '../../store/sources.js';
import { listCommentsByStatus } from '../../store/comments.js';
import { renderArticlePage } from '../views/article-page.js';
import { renderNotFoundPage, renderWithdrawnPage } from '../views/error-pages.js';
import { articlePath, toSummary } from '../summaries.js';
import type { VersionNote } from '../view-models.js';
import { renderCommentsSection } from '../../comments/comments-section.js';
import { buildThread, paginateThreads } from '../../comments/thread.js';
import { COMMENT_PAGE_PARAM } from '../../comments/form-fields.js';

/** Top-level comment threads per page of an article. */
export const COMMENT_THREADS_PER_PAGE = 50;
import { issueFormToken } from '../../comments/csrf.js';
import type { Article, Source } from '../../model/types.js';
import { cachedResponse, HTML, PAGE_CACHE } from '../http-cache.js';
import { getFidelityReport } from '../../store/fidelity-reports.js';
import { getLatestEditNote } from '../../store/versions.js';

export const RELATED_SAME_SOURCE = 4;
export const RELATED_OTHER_SOURCES = 4;
export const RELATED_TOPICAL = 4;
/** Sources named in "also published by" at most. */
export const ALSO_PUBLISHED_BY = 10;
export const MAX_THREAD_DEPTH = 5;

export async function renderArticle(deps: SiteDeps, article: Article, source: Source, options: { notice?: 'pending' | 'posted' | null; errors?: Record<string, string>; values?: Record<string, string>; replyTo?: number | null; commentsPage?: number } = {}): Promise<string> {
  return (await renderArticleWithToken(deps, article, source, options)).html;
}

/** The page and the form token it carries (the one part of the page that changes on every render). */
export async function renderArticleWithToken(deps: SiteDeps, article: Article, source: Source, options: Parameters<typeof renderArticle>[3] = {}): Promise<{ html: string; formToken: string }> {
  const db = deps.store.db;
  const [versions, sameSource, related, comments, fidelity, editorNote] = await Promise.all([
    listVersionNotes(db, article.id),
    listPublished(db, { limit: RELATED_SAME_SOURCE, sourceId: source.id, excludeId: article.id }),
    loadRelatedNews(db, article.id, { sameStory: RELATED_OTHER_SOURCES, topical: RELATED_TOPICAL, copies: ALSO_PUBLISHED_BY }),
    listCommentsByStatus(db, article.id, 'approved'),
    getFidelityReport(db, article.id),
    getLatestEditNote(db, article.id),
  ]);
  const otherSources = related.sameStory;
  // A topical neighbour already listed as the latest of the same source is not listed twice.
  const topical = related.topical.filter((a) => !sameSource.some((s) => s.id === a.id));
  const sourceIds = [...new Set([...otherSources, ...topical, ...related.copies].map((a) => a.sourceId))];
  const sourcesById = new Map((await Promise.all(sourceIds.map((id) => getSourceById(db, id)))).flatMap((s) => (s ? [[s.id, s] as const] : [])));
  const summarise = (list: Article[]) => list.flatMap((a) => (sourcesById.has(a.sourceId) ? [toSummary(a, sourcesById.get(a.sourceId)!, deps.site.url)] : []));
  const notes: VersionNote[] = versions.map((v) => ({ kind: v.kind as 'update' | 'correction', note: v.note ?? '', date: v.createdAt }));
  const path = articlePath(article.slug);
  const formToken = issueFormToken(deps.config.secret, { articleId: article.id, now: deps.now() });
  // Long discussions come a page of threads at a time (a thread never splits across pages).
  const threads = paginateThreads(buildThread(comments, { maxDepth: MAX_THREAD_DEPTH }), { page: options.commentsPage ?? 1, perPage: COMMENT_THREADS_PER_PAGE });
  const commentsHtml = renderCommentsSection({
    articleId: article.id,
    articlePath: path,
    threads: threads.threads,
    page: threads.page,
    hasMore: threads.hasMore,
    totalComments: comments.length,
    formToken,
    postUrl: `${path}/comments`,
    notice: options.notice ?? null,
    errors: options.errors,
    values: { ...(options.values ?? {}), ...(options.replyTo ? { parent_id: String(options.replyTo) } : {}) },
    commentsOpen: deps.config.comments.enabled,
  });
  const html = renderArticlePage({
    site: deps.site,
    article,
    source,
    canonicalUrl: `${deps.site.url}${path}`,
    notes,
    relatedSameSource: sameSource.map((a) => toSummary(a, source, deps.site.url)),
    relatedOtherSources: summarise(otherSources),
    relatedTopical: summarise(topical),
    alsoPublishedBy: summarise(related.copies),
    commentsHtml,
    feedLinks: FEED_LINKS,
    fidelity: fidelity ? { report: fidelity.report, checkedAt: fidelity.computedAt, editorNote } : null,
  });
  return { html, formToken };
}

export function registerArticleRoutes(app: Hono, deps: SiteDeps): void {
  app.get('/articles/:slug', async (c) => {
    const article = await getArticleBySlug(deps.store.db, c.req.param('slug'));
    if (!article || (article.pubStatus === 'withheld' && !article.republishedAt)) {
      return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    }
    const source = await getSourceById(deps.store.db, article.sourceId);
    if (!source) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    if (article.pubStatus === 'canceled') {
      return c.html(
        renderWithdrawnPage({ site: deps.site, headline: article.headline, sourceName: source.name, sourceHomeUrl: source.homeUrl, originalUrl: article.originalUrl, withdrawnAt: article.withdrawnAt }),
        410,
      );
    }
    if (article.pubStatus !== 'usable') return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    const replyTo = Number(c.req.query('replyto')) || null;
    const notice = c.req.query('comment') === 'pending' ? 'pending' : c.req.query('comment') === 'posted' ? 'posted' : null;
    const commentsPage = /^\d{1,6}$/.test(c.req.query(COMMENT_PAGE_PARAM) ?? '') ? Number(c.req.query(COMMENT_PAGE_PARAM)) : 1;
    const page = await renderArticleWithToken(deps, article, source, { notice, replyTo, commentsPage });
    return cachedResponse(c, page.html, HTML, PAGE_CACHE, page.formToken);
  });

  // GUIDs of the site's feeds resolve to the article, whatever its slug.
  app.get('/articles/id/:id', async (c) => {
    const param = c.req.param('id');
    const slug = /^\d{1,15}$/.test(param) ? await getSlugById(deps.store.db, Number(param)) : null;
    if (!slug) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    return c.redirect(articlePath(slug), 301);
  });
}
