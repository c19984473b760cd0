// GET /search?q=&source=&from=&to=&page=: any input is accepted. The words are read by related/search.ts (no
// operator reaches an engine), a filter that cannot be read is set aside with a notice, never a 500.
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { FEED_LINKS, PAGE_SIZE } from '../../http/deps.js';
import { listSources } from '../../store/sources.js';
import { searchArticles, searchTerms } from '../../related/search.js';
import { highlightSnippet } from '../../related/snippet.js';
import { toSummary } from '../summaries.js';
import { renderSearchPage } from '../views/search-page.js';

/** The query shown back is cut to this length (the search itself reads fewer characters still). */
const SHOWN_QUERY_CHARS = 200;
const MAX_PAGE = 500;

/** A calendar date YYYY-MM-DD as the UTC instant it starts, or null. */
export function parseDay(raw: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.getUTCMonth() === Number(m[2]) - 1 && date.getUTCDate() === Number(m[3]) ? date : null;
}

/** Drops characters no reader means (controls, lone surrogates) from what is echoed back. */
function readable(text: string): string {
  return text.replace(/[\p{Cc}\p{Cs}]/gu, ' ').trim();
}

export function registerSearchRoute(app: Hono, deps: SiteDeps): void {
  app.get('/search', async (c) => {
    const notices: string[] = [];
    const query = readable(c.req.query('q') ?? '').slice(0, SHOWN_QUERY_CHARS);
    const rawPage = c.req.query('page') ?? '1';
    const page = /^\d{1,4}$/.test(rawPage) && Number(rawPage) >= 1 ? Math.min(Number(rawPage), MAX_PAGE) : 1;
    const sources = await listSources(deps.store.db);
    const sourceSlug = readable(c.req.query('source') ?? '').slice(0, 200);
    const source = sourceSlug ? sources.find((s) => s.slug === sourceSlug) : undefined;
    if (sourceSlug && !source) notices.push('There is no such source: searching every source.');
    const day = (name: 'from' | 'to', label: string) => {
      const raw = readable(c.req.query(name) ?? '').slice(0, 40);
      if (!raw) return { raw: '', date: null };
      const date = parseDay(raw);
      if (!date) notices.push(`The ${label} date is not a date (write it as YYYY-MM-DD): it was left out.`);
      return { raw: date ? raw : '', date };
    };
    const from = day('from', 'from');
    const to = day('to', 'to');
    const terms = searchTerms(query);
    if (query && terms.length === 0) notices.push('Search for words: the query has no letters or digits.');
    const hits = terms.length
      ? await searchArticles(deps.store.db, query, {
          limit: PAGE_SIZE + 1,
          offset: (page - 1) * PAGE_SIZE,
          sourceId: source?.id,
          since: from.date?.toISOString(),
          // "To" includes that whole day.
          until: to.date ? new Date(to.date.getTime() + 86_400_000).toISOString() : undefined,
        })
      : [];
    const byId = new Map(sources.map((s) => [s.id, s]));
    const results = hits.slice(0, PAGE_SIZE).flatMap((hit) => {
      const s = byId.get(hit.article.sourceId);
      return s ? [{ summary: toSummary(hit.article, s, deps.site.url), snippetHtml: highlightSnippet(hit.text, terms) }] : [];
    });
    c.header('X-Robots-Tag', 'noindex');
    return c.html(
      renderSearchPage({
        site: deps.site,
        query,
        sources: sources.map((s) => ({ slug: s.slug, name: s.name })),
        source: source?.slug ?? '',
        from: from.raw,
        to: to.raw,
        results,
        page,
        perPage: PAGE_SIZE,
        hasNext: hits.length > PAGE_SIZE,
        notices,
        feedLinks: FEED_LINKS,
      }),
    );
  });
}
