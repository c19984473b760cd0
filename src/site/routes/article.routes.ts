// The article page: 200 when published, 410 when withdrawn (naming the source), 404 otherwise.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { FEED_LINKS } from '../../http/deps.js';
import { getArticleBySlug, getSlugById, listPublished, listVersionNotes } from '../../store/articles.js';
import { listCorrections } from '../../store/corrections.js';
import { loadRelatedNews } from '../../related/related-news.js';
import { getSourceById } from '../../store/sources.js';
import { listCommentsByStatus } from '../../store/comments.js';
import { renderArticlePage } from '../views/article-page.js';
import { renderNotFoundPage, renderWithdrawnPage } from '../views/error-pages.js';
import { articlePath, toSummary } from '../summaries.js';
import type { VersionNote } from '../view-models.js';
import { renderCommentsSection } from '../../comments/comments-section.js';
import { buildThread, paginateThreads, parseThreadSort, sortThreads, type ThreadSort } from '../../comments/thread.js';
import { COMMENT_PAGE_PARAM, COMMENT_SORT_PARAM } from '../../comments/form-fields.js';

/** Top-level comment threads per page of an article. */
export const COMMENT_THREADS_PER_PAGE = 50;
/** Comments (replies included) per page: a page stops before a thread that would pass it. */
export const COMMENTS_PER_PAGE = 200;
import { issueFormToken } from '../../comments/csrf.js';
import { commentFeedPath, commentWindowOf, editableComments } from './comments.routes.js';
import type { Article, Source } from '../../model/types.js';
import { cachedResponse, HTML, PAGE_CACHE } from '../http-cache.js';
import { getFidelityReport } from '../../store/fidelity-reports.js';
import { getLatestEditNote } from '../../store/versions.js';
import { articlesWithSiteImages } from '../../media/load-site-images.js';

export const RELATED_SAME_SOURCE = 4;
export const RELATED_OTHER_SOURCES = 4;
export const RELATED_TOPICAL = 4;
/** Sources named in "also published by" at most. */
export const ALSO_PUBLISHED_BY = 10;
export const MAX_THREAD_DEPTH = 5;
const PRIVATE_PAGE = 'private, no-store';

export interface ArticleRenderOptions {
  notice?: 'pending' | 'posted' | 'deleted' | null;
  errors?: Record<string, string>;
  values?: Record<string, string>;
  replyTo?: number | null;
  commentsPage?: number;
  commentsSort?: ThreadSort;
  /** The reader's own comments they may still edit (makes the page personal). */
  editable?: ReadonlyMap<number, string>;
  /**
   * False renders the form without its token (the script fetches one, `form-token.routes.ts`): the page every
   * reader gets, cacheable. The pages a post answers with carry a fresh token of their own.
   */
  withToken?: boolean;
}

export async function renderArticle(deps: SiteDeps, article: Article, source: Source, options: ArticleRenderOptions = {}): Promise<string> {
  return (await renderArticleWithToken(deps, article, source, options)).html;
}

/** The page and the form token it carries (the one part of the page that changes on every render). */
export async function renderArticleWithToken(deps: SiteDeps, article: Article, source: Source, options: ArticleRenderOptions = {}): Promise<{ html: string; formToken: string }> {
  const db = deps.store.db;
  const [versions, corrections, sameSource, related, comments, fidelity, editorNote, window] = await Promise.all([
    listVersionNotes(db, article.id),
    listCorrections(db, article.id),
    listPublished(db, { limit: RELATED_SAME_SOURCE, sourceId: source.id, excludeId: article.id }),
    loadRelatedNews(db, article.id, { sameStory: RELATED_OTHER_SOURCES, topical: RELATED_TOPICAL, copies: ALSO_PUBLISHED_BY }),
    listCommentsByStatus(db, article.id, 'approved'),
    getFidelityReport(db, article.id),
    getLatestEditNote(db, article.id),
    commentWindowOf(deps, article),
  ]);
  const otherSources = related.sameStory;
  // A topical neighbour already listed as the latest of the same source is not listed twice.
  const topical = related.topical.filter((a) => !sameSource.some((s) => s.id === a.id));
  const sourceIds = [...new Set([...otherSources, ...topical, ...related.copies].map((a) => a.sourceId))];
  const sourcesById = new Map((await Promise.all(sourceIds.map((id) => getSourceById(db, id)))).flatMap((s) => (s ? [[s.id, s] as const] : [])));
  // Images as the site serves them (its copies, credited), for the article and its cards alike.
  const [shown, ...sameShown] = await articlesWithSiteImages(db, [article, ...sameSource].map((a) => ({ article: a, source })));
  const summarise = async (list: Article[]) => {
    const known = list.flatMap((a) => (sourcesById.has(a.sourceId) ? [{ article: a, source: sourcesById.get(a.sourceId)! }] : []));
    return (await articlesWithSiteImages(db, known)).map((a) => toSummary(a, sourcesById.get(a.sourceId)!, deps.site.url));
  };
  const [otherShown, topicalShown, copiesShown] = await Promise.all([summarise(otherSources), summarise(topical), summarise(related.copies)]);
  // The source's notes and the editors' corrections in one list, newest first.
  const notes: VersionNote[] = [
    ...versions.map((v) => ({ kind: v.kind as 'update' | 'correction', note: v.note ?? '', date: v.createdAt })),
    ...corrections.map((c) => ({ kind: 'correction' as const, note: c.note, date: c.createdAt })),
  ].sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : 0));
  const path = articlePath(article.slug);
  const formToken = options.withToken === false ? '' : issueFormToken(deps.config.secret, { articleId: article.id, now: deps.now() });
  // Long discussions come a page of threads at a time (a thread never splits across pages).
  const sort = options.commentsSort ?? 'oldest';
  const threads = paginateThreads(sortThreads(buildThread(comments, { maxDepth: MAX_THREAD_DEPTH }), sort), {
    page: options.commentsPage ?? 1,
    perPage: COMMENT_THREADS_PER_PAGE,
    maxCommentsPerPage: COMMENTS_PER_PAGE,
  });
  const commentsHtml = renderCommentsSection({
    articleId: article.id,
    articlePath: path,
    threads: threads.threads,
    page: threads.page,
    hasMore: threads.hasMore,
    sort,
    feedUrl: commentFeedPath(article),
    editable: options.editable,
    totalComments: comments.length,
    formToken,
    postUrl: `${path}/comments`,
    notice: options.notice ?? null,
    errors: options.errors,
    values: { ...(options.values ?? {}), ...(options.replyTo ? { parent_id: String(options.replyTo) } : {}) },
    commentsOpen: window.open,
  });
  const html = renderArticlePage({
    site: deps.site,
    article: shown,
    source,
    canonicalUrl: `${deps.site.url}${path}`,
    notes,
    relatedSameSource: sameShown.map((a) => toSummary(a, source, deps.site.url)),
    relatedOtherSources: otherShown,
    relatedTopical: topicalShown,
    alsoPublishedBy: copiesShown,
    commentsHtml,
    commentFeedUrl: commentFeedPath(article),
    feedLinks: FEED_LINKS,
    fidelity: fidelity ? { report: fidelity.report, checkedAt: fidelity.computedAt, editorNote, sourceUpdatePending: fidelity.sourceUpdatePending } : null,
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
    const noticeParam = c.req.query('comment');
    const notice = noticeParam === 'pending' || noticeParam === 'posted' || noticeParam === 'deleted' ? noticeParam : null;
    const commentsPage = /^\d{1,6}$/.test(c.req.query(COMMENT_PAGE_PARAM) ?? '') ? Number(c.req.query(COMMENT_PAGE_PARAM)) : 1;
    const commentsSort = parseThreadSort(c.req.query(COMMENT_SORT_PARAM)) ?? 'oldest';
    const editable = await editableComments(c, deps, article);
    const page = await renderArticleWithToken(deps, article, source, { notice, replyTo, commentsPage, commentsSort, editable, withToken: false });
    // A page with the reader's own edit links is theirs alone: no shared cache may keep it.
    return cachedResponse(c, page.html, HTML, editable.size ? PRIVATE_PAGE : PAGE_CACHE);
  });

  // GUIDs of the site's feeds resolve to the article, whatever its slug.
  app.get('/articles/id/:id', async (c) => {
    const param = c.req.param('id');
    const slug = /^\d{1,15}$/.test(param) ? await getSlugById(deps.store.db, Number(param)) : null;
    if (!slug) return c.html(renderNotFoundPage(deps.site, c.req.path), 404);
    return c.redirect(articlePath(slug), 301);
  });
}
