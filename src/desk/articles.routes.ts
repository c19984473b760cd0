// The articles desk: the searchable, filtered list of every article, one article's page (state, corrections,
// provenance, fidelity, versions, images), each version's changes, and the actions withdraw, restore and
// correct. Withdraw and restore are the CLI's and the admin API's own actions (admin/article-actions.ts);
// each action is written to the audit log.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import type { Article } from '../model/types.js';
import { getArticleBySlug, isTombstoned, listVersions } from '../store/articles.js';
import { getSourceById, listSources } from '../store/sources.js';
import { getFidelityReport } from '../store/fidelity-reports.js';
import { listArticleImages } from '../store/media.js';
import { addCorrection, listCorrections } from '../store/corrections.js';
import { DESK_ARTICLE_STATES, FIDELITY_FILTERS, listArticlesForDesk, type DeskArticleFilter } from '../store/desk-articles.js';
import { MAX_QUERY_CHARS, searchTerms } from '../related/search.js';
import { ActionError } from '../admin/actions.js';
import { restoreArticle, withdrawArticle } from '../admin/article-actions.js';
import { allow, requireSessionOf } from './desk-session.js';
import { deskRouteKit } from './route-kit.js';
import { versionDiff } from './version-diff.js';
import { renderArticleListPage, type ArticleListQuery } from './views/article-list-page.js';
import { renderDeskArticlePage, renderVersionDiffPage, type DeskArticlePageInput } from './views/desk-article-page.js';
import { renderListPage } from './views/queue-pages.js';

export const ARTICLES_PER_PAGE = 50;
/** Pages deeper than this are refused: narrow the filters instead of walking the whole archive. */
const MAX_PAGE = 200;
const MAX_NOTE_CHARS = 2000;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

const NOTICES: Record<string, string> = {
  withdrawn: 'Withdrawn: its page answers “410 Gone” and it has left the lists, feeds and sitemaps.',
  restored: 'Restored: it is published again.',
  corrected: 'The correction is published on the article.',
};

/** The start of a calendar day (UTC) as a stored instant; null when the text is not a real date. */
function dayStart(text: string): string | null {
  const match = DATE.exec(text);
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === text ? date.toISOString() : null;
}

const nextDay = (instant: string) => new Date(Date.parse(instant) + 86_400_000).toISOString();

/** The list's query as typed, and the store's filter it stands for or the first reason it cannot be read. */
export function readArticleListQuery(read: (name: string) => string | undefined, sourceIdOf: (slug: string) => number | undefined): { query: ArticleListQuery; filter: DeskArticleFilter | null; error: string | null } {
  const text = (name: string) => (read(name) ?? '').trim();
  const pageText = text('page');
  const query: ArticleListQuery = { q: text('q').slice(0, MAX_QUERY_CHARS), source: text('source'), state: text('state'), from: text('from'), to: text('to'), fidelity: text('fidelity'), page: 1 };
  const refuse = (error: string) => ({ query, filter: null, error });
  if (pageText) {
    if (!/^\d{1,4}$/.test(pageText) || Number(pageText) < 1 || Number(pageText) > MAX_PAGE) return refuse(`The page must be a number from 1 to ${MAX_PAGE}.`);
    query.page = Number(pageText);
  }
  const filter: DeskArticleFilter = { terms: searchTerms(query.q), limit: ARTICLES_PER_PAGE + 1, offset: (query.page - 1) * ARTICLES_PER_PAGE };
  if (query.q && filter.terms.length === 0) return refuse('Search for words: the search has no letter or digit in it.');
  if (query.source) {
    const id = sourceIdOf(query.source);
    if (id === undefined) return refuse(`There is no source “${query.source}”.`);
    filter.sourceId = id;
  }
  if (query.state) {
    if (!(DESK_ARTICLE_STATES as readonly string[]).includes(query.state)) return refuse(`The state must be one of: ${DESK_ARTICLE_STATES.join(', ')}.`);
    filter.state = query.state as DeskArticleFilter['state'];
  }
  if (query.from) {
    const since = dayStart(query.from);
    if (!since) return refuse(`“${query.from}” is not a date: give it as YYYY-MM-DD.`);
    filter.since = since;
  }
  if (query.to) {
    const until = dayStart(query.to);
    if (!until) return refuse(`“${query.to}” is not a date: give it as YYYY-MM-DD.`);
    filter.until = nextDay(until);
  }
  if (filter.since && filter.until && filter.since >= filter.until) return refuse('The first date is after the last one.');
  if (query.fidelity) {
    if (!(FIDELITY_FILTERS as readonly string[]).includes(query.fidelity)) return refuse(`The fidelity filter must be one of: ${FIDELITY_FILTERS.join(', ')}.`);
    filter.fidelity = query.fidelity as DeskArticleFilter['fidelity'];
  }
  return { query, filter, error: null };
}

export function registerArticlesRoutes(app: Hono, deps: SiteDeps): void {
  const { ctxOf, notice, audit } = deskRouteKit(deps, NOTICES);
  const db = deps.store.db;

  app.get('/admin/articles', allow('articles'), async (c) => {
    const sources = await listSources(db);
    const bySlug = new Map(sources.map((s) => [s.slug, s.id]));
    const { query, filter, error } = readArticleListQuery((name) => c.req.query(name), (slug) => bySlug.get(slug));
    const rows = filter ? await listArticlesForDesk(db, filter) : [];
    const page = renderArticleListPage(ctxOf(c), {
      query,
      sources: sources.map((s) => ({ slug: s.slug, name: s.name })),
      rows: rows.slice(0, ARTICLES_PER_PAGE),
      hasMore: rows.length > ARTICLES_PER_PAGE,
      error,
    });
    return c.html(page, error ? 400 : 200);
  });

  const notFound = (c: Context) =>
    c.html(renderListPage(ctxOf(c), { title: 'Articles', current: 'articles', items: [], empty: 'Go back to the list of articles.', error: `There is no article “${c.req.param('slug') ?? ''}”.` }), 404);

  /** Everything the article page shows, read fresh. */
  const pageInput = async (article: Article): Promise<Omit<DeskArticlePageInput, 'values' | 'error' | 'notice'>> => {
    const [source, rejected, versions, corrections, fidelity, images] = await Promise.all([
      getSourceById(db, article.sourceId),
      isTombstoned(db, article.sourceId, article.entryKey),
      listVersions(db, article.id),
      listCorrections(db, article.id),
      getFidelityReport(db, article.id),
      listArticleImages(db, article.id),
    ]);
    return { article, sourceName: source?.name ?? 'unknown source', rejected, versions, corrections, fidelity, images };
  };

  app.get('/admin/articles/:slug', allow('articles'), async (c) => {
    const article = await getArticleBySlug(db, c.req.param('slug') ?? '');
    if (!article) return notFound(c);
    return c.html(renderDeskArticlePage(ctxOf(c), { ...(await pageInput(article)), notice: notice(c) }));
  });

  app.get('/admin/articles/:slug/versions/:id', allow('articles'), async (c) => {
    const article = await getArticleBySlug(db, c.req.param('slug') ?? '');
    if (!article) return notFound(c);
    const versions = await listVersions(db, article.id); // newest first
    const id = Number(c.req.param('id'));
    const at = versions.findIndex((v) => v.id === id);
    if (at < 0) {
      return c.html(renderListPage(ctxOf(c), { title: 'Versions', current: 'articles', items: [], empty: 'Go back to the article.', error: `“${article.slug}” has no version ${c.req.param('id')}.` }), 404);
    }
    const version = versions[at];
    const previous = versions[at + 1] ?? null;
    return c.html(renderVersionDiffPage(ctxOf(c), { article, version, previous, parts: versionDiff(previous, version) }));
  });

  /**
   * Runs an action on the article and returns to its page; a refusal is shown on the article's page, with the
   * note the editor typed kept in its box.
   */
  const onArticle = async (c: Context, values: DeskArticlePageInput['values'], task: (article: Article) => Promise<string>) => {
    const article = await getArticleBySlug(db, c.req.param('slug') ?? '');
    if (!article) return notFound(c);
    try {
      const done = await task(article);
      return c.redirect(`/admin/articles/${encodeURIComponent(article.slug)}?done=${done}`, 303);
    } catch (error) {
      if (!(error instanceof ActionError)) throw error;
      const fresh = (await getArticleBySlug(db, article.slug)) ?? article;
      return c.html(renderDeskArticlePage(ctxOf(c), { ...(await pageInput(fresh)), values, error: error.message }), error.status);
    }
  };

  const noteOf = async (c: Context) => {
    const body = await c.req.parseBody();
    return typeof body.note === 'string' ? body.note.trim() : '';
  };

  app.post('/admin/articles/:slug/withdraw', allow('articles'), async (c) => {
    const note = await noteOf(c);
    return onArticle(c, { withdrawNote: note }, async (article) => {
      if (!note) throw new ActionError('Say why the article is withdrawn: the note is kept with it and in the audit log.');
      if (note.length > MAX_NOTE_CHARS) throw new ActionError(`The note has at most ${MAX_NOTE_CHARS} characters.`);
      await withdrawArticle(deps.store, article.slug, note, deps.now());
      await audit(c, 'article.withdraw', article.slug, note);
      return 'withdrawn';
    });
  });

  app.post('/admin/articles/:slug/restore', allow('articles'), async (c) =>
    onArticle(c, {}, async (article) => {
      await restoreArticle(deps.store, deps.site, article.slug, deps.now());
      await audit(c, 'article.restore', article.slug);
      return 'restored';
    }),
  );

  app.post('/admin/articles/:slug/corrections', allow('articles'), async (c) => {
    const note = await noteOf(c);
    return onArticle(c, { correction: note }, async (article) => {
      if (!note) throw new ActionError('Write the correction readers will see.');
      if (note.length > MAX_NOTE_CHARS) throw new ActionError(`A correction has at most ${MAX_NOTE_CHARS} characters.`);
      if (article.pubStatus !== 'usable') throw new ActionError(`“${article.slug}” is not published: corrections are shown on published articles.`, 409);
      const { user } = requireSessionOf(c);
      // The page caches hear of it through the store's triggers on the table (migration 0070).
      await addCorrection(db, { articleId: article.id, note, addedBy: user.email }, deps.now());
      await audit(c, 'article.correct', article.slug, note);
      return 'corrected';
    });
  });
}
