// The desk's articles: a search box and filters (source, state, dates, fidelity) in a plain GET form, so the list
// works without JavaScript and every view of it is a link; then a page of articles with their state.
import { html, type SafeHtml } from '../../site/html.js';
import { DESK_ARTICLE_STATES, FIDELITY_FILTERS, type DeskArticleListRow } from '../../store/desk-articles.js';
import { message, renderDeskPage } from './desk-layout.js';
import type { DeskContext } from './queue-pages.js';

/** The filters as the editor typed them (kept on the page, refused or not). */
export interface ArticleListQuery {
  q: string;
  source: string;
  state: string;
  from: string;
  to: string;
  fidelity: string;
  page: number;
}

export interface ArticleListPageInput {
  query: ArticleListQuery;
  sources: { slug: string; name: string }[];
  rows: DeskArticleListRow[];
  hasMore: boolean;
  error?: string | null;
}

const STATE_LABELS: Record<(typeof DESK_ARTICLE_STATES)[number], string> = {
  published: 'Published',
  held: 'Held',
  withdrawn: 'Withdrawn',
  review: 'Updates waiting for review',
};

const FIDELITY_LABELS: Record<(typeof FIDELITY_FILTERS)[number], string> = {
  faithful: 'Conveys its source whole',
  unfaithful: 'Fidelity warning',
  none: 'No report yet',
};

/** The state of a row in words, with the reason when it is held or withdrawn. */
export function stateLine(row: Pick<DeskArticleListRow, 'pubStatus' | 'holdReason' | 'pendingVersions'>): string {
  const state = row.pubStatus === 'usable' ? 'published' : row.pubStatus === 'canceled' ? 'withdrawn' : 'held';
  const reason = row.pubStatus !== 'usable' && row.holdReason ? `: ${row.holdReason}` : '';
  const pending = row.pendingVersions ? ` · ${row.pendingVersions} update${row.pendingVersions === 1 ? '' : 's'} waiting for review` : '';
  return `${state}${reason}${pending}`;
}

export function articleListLink(query: ArticleListQuery, page: number): string {
  const params = new URLSearchParams();
  for (const key of ['q', 'source', 'state', 'from', 'to', 'fidelity'] as const) if (query[key]) params.set(key, query[key]);
  if (page > 1) params.set('page', String(page));
  const text = params.toString();
  return `/admin/articles${text ? `?${text}` : ''}`;
}

function option(value: string, label: string, selected: string): SafeHtml {
  return html`<option value="${value}"${value === selected ? html` selected` : ''}>${label}</option>`;
}

function row(r: DeskArticleListRow): SafeHtml {
  const fidelity = r.faithful === null ? '' : r.faithful ? ' · conveys its source whole' : ' · fidelity warning';
  return html`<li><a class="row-title" href="/admin/articles/${encodeURIComponent(r.slug)}">${r.headline}</a>
<div class="meta">${r.sourceName} · ${r.date}${fidelity}</div>
<div class="meta state-${r.pubStatus}">${stateLine(r)}</div></li>`;
}

export function renderArticleListPage(ctx: DeskContext, input: ArticleListPageInput): string {
  const { query } = input;
  const filtered = Boolean(query.q || query.source || query.state || query.from || query.to || query.fidelity);
  return renderDeskPage({
    ...ctx,
    current: 'articles',
    title: 'Articles',
    body: html`<h1>Articles</h1>
${message('error', input.error)}
<form method="get" action="/admin/articles" class="filters" role="search">
<label for="articles-q">Search headlines and text</label><input id="articles-q" name="q" type="search" value="${query.q}">
<label for="articles-source">Source</label><select id="articles-source" name="source">${option('', 'Every source', query.source)}${input.sources.map((s) => option(s.slug, s.name, query.source))}</select>
<label for="articles-state">State</label><select id="articles-state" name="state">${option('', 'Any state', query.state)}${DESK_ARTICLE_STATES.map((s) => option(s, STATE_LABELS[s], query.state))}</select>
<label for="articles-from">From (the story’s date)</label><input id="articles-from" name="from" type="date" value="${query.from}">
<label for="articles-to">To (inclusive)</label><input id="articles-to" name="to" type="date" value="${query.to}">
<label for="articles-fidelity">Fidelity</label><select id="articles-fidelity" name="fidelity">${option('', 'Any', query.fidelity)}${FIDELITY_FILTERS.map((f) => option(f, FIDELITY_LABELS[f], query.fidelity))}</select>
<p class="actions"><button type="submit">Show</button>${filtered ? html` <a href="/admin/articles">Clear the filters</a>` : ''}</p>
</form>
${
  input.rows.length === 0
    ? html`<p class="empty">${input.error ? 'Correct the filters above.' : filtered ? 'No article matches.' : 'No article yet.'}</p>`
    : html`<ul class="rows">${input.rows.map(row)}</ul>`
}
${
  query.page > 1 || input.hasMore
    ? html`<nav aria-label="Pages of articles"><ul class="tabs">${query.page > 1 ? html`<li><a href="${articleListLink(query, query.page - 1)}" rel="prev">Newer</a></li>` : ''}<li>Page ${query.page}</li>${
        input.hasMore ? html`<li><a href="${articleListLink(query, query.page + 1)}" rel="next">Older</a></li>` : ''
      }</ul></nav>`
    : ''
}`,
  });
}
