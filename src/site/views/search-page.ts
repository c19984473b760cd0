// The search page: the form (words, source, dates), results with highlighted snippets, pages. Never indexed.
import type { ArticleSummary, SiteInfo } from '../view-models.js';
import { html, raw, safeUrl } from '../html.js';
import { renderLayout } from './layout.js';
import { renderFigure, renderTime } from './article-card.js';

export interface SearchResult {
  summary: ArticleSummary;
  /** Escaped text with the matches in <mark> (related/snippet.ts). */
  snippetHtml: string;
}

export interface SearchPageData {
  site: SiteInfo;
  query: string;
  /** The source filter's options, and the chosen one's slug ('' for all). */
  sources: { slug: string; name: string }[];
  source: string;
  /** Dates as the reader wrote them (YYYY-MM-DD), '' when unset. */
  from: string;
  to: string;
  results: SearchResult[];
  page: number;
  /** Results per page (numbers the list across pages). */
  perPage: number;
  hasNext: boolean;
  /** Why part of the input was set aside (say, a date that is not one). */
  notices: string[];
  feedLinks: { rss: string; atom: string; json: string };
}

/** The URL of a page of these results: the same filters, another page. */
export function searchUrl(data: Pick<SearchPageData, 'query' | 'source' | 'from' | 'to'>, page: number): string {
  const params = new URLSearchParams();
  if (data.query) params.set('q', data.query);
  if (data.source) params.set('source', data.source);
  if (data.from) params.set('from', data.from);
  if (data.to) params.set('to', data.to);
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return query ? `/search?${query}` : '/search';
}

export function renderSearchPage(data: SearchPageData): string {
  const { site } = data;
  const language = site.language || 'en';
  const heading = data.query ? html`Results for “${data.query}”` : html`Search`;
  const form = html`<form class="search-form" action="/search" method="get" role="search">
<p><label for="search-page-q">Words</label> <input id="search-page-q" type="search" name="q" value="${data.query}"></p>
<p><label for="search-page-source">Source</label> <select id="search-page-source" name="source"><option value="">All sources</option>${data.sources.map(
    (s) => html`<option value="${s.slug}"${s.slug === data.source ? raw(' selected') : ''}>${s.name}</option>`,
  )}</select>
<label for="search-page-from">From</label> <input id="search-page-from" type="date" name="from" value="${data.from}">
<label for="search-page-to">To</label> <input id="search-page-to" type="date" name="to" value="${data.to}"></p>
<p><button type="submit">Search</button></p>
</form>`;
  const results = data.results.length
    ? html`<ol class="cards search-results" start="${(data.page - 1) * data.perPage + 1}">
${data.results.map(
  ({ summary, snippetHtml }) => html`<li class="${summary.lead ? 'card' : 'card card-no-image'}">
${renderFigure(summary.lead, summary.url)}
<div class="card-text">
<h2 class="card-headline"><a href="${safeUrl(summary.url)}">${summary.headline}</a></h2>
<p class="card-meta"><a class="card-source" href="${safeUrl(summary.sourceUrl)}">${summary.sourceName}</a> · ${renderTime(summary.firstCreated ?? summary.republishedAt, language, site.timeZone)}</p>
<p class="card-excerpt snippet">${raw(snippetHtml)}</p>
</div>
</li>`,
)}
</ol>`
    : data.query
      ? html`<p class="empty">No articles match “${data.query}”${data.source || data.from || data.to ? ' with these filters' : ''}.</p>`
      : '';
  const pages =
    data.page > 1 || data.hasNext
      ? html`<nav class="pagination" aria-label="Pages">${data.page > 1 ? html`<a rel="prev" href="${searchUrl(data, data.page - 1)}">← Previous</a>` : html`<span></span>`}${
          data.hasNext ? html`<a rel="next" href="${searchUrl(data, data.page + 1)}">Next →</a>` : ''
        }</nav>`
      : '';
  const body = html`<section class="list search">
<h1>${heading}</h1>
${data.notices.map((n) => html`<p class="notice" role="status">${n}</p>\n`)}${form}
${results}
${pages}
</section>`;
  const title = data.query ? `Search: ${data.query}` : 'Search';
  return renderLayout({
    site,
    title: data.page > 1 ? `${title} (page ${data.page})` : title,
    description: site.description,
    head: html`<meta name="robots" content="noindex, follow">\n`,
    body,
    feedLinks: data.feedLinks,
    query: data.query,
  });
}
