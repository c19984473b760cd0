// Lists of articles: the home page, a source's page and search results. Search results are never indexed.
import type { ListPageData } from '../view-models.js';
import { html, safeUrl } from '../html.js';
import { renderLayout, siteDisplayName } from './layout.js';
import { renderArticleCard } from './article-card.js';

/** The URL of page `page` of a list whose first page is `base` (keeps other query parameters). */
export function pageUrl(base: string, page: number): string {
  const url = new URL(base, 'http://placeholder.invalid');
  if (page <= 1) url.searchParams.delete('page');
  else url.searchParams.set('page', String(page));
  const isAbsolute = /^https?:\/\//i.test(base);
  return isAbsolute ? url.href : url.pathname + url.search;
}

export function renderListPage(data: ListPageData): string {
  const { site, source } = data;
  const language = site.language || 'en';
  const isSearch = data.query !== undefined && data.query !== null;
  const page = Math.max(1, Math.floor(data.page) || 1);
  const canonical = pageUrl(data.canonicalUrl, page);
  const head = html`<link rel="canonical" href="${canonical}">
${isSearch ? html`<meta name="robots" content="noindex, follow">\n` : ''}${
    page > 1 ? html`<link rel="prev" href="${pageUrl(data.canonicalUrl, page - 1)}">\n` : ''
  }${data.hasNext ? html`<link rel="next" href="${pageUrl(data.canonicalUrl, page + 1)}">\n` : ''}<meta property="og:type" content="website">
<meta property="og:title" content="${data.title}">
<meta property="og:url" content="${canonical}">
<meta property="og:site_name" content="${siteDisplayName(site)}">
`;

  // An empty query is a reader arriving at /search: offer the form, not "no articles match “”".
  const blankSearch = isSearch && !data.query?.trim();
  const empty = blankSearch
    ? html`<form class="search-form" action="/search" method="get" role="search"><label for="search-page-q">Search the articles</label> <input id="search-page-q" type="search" name="q"> <button type="submit">Search</button></form>`
    : isSearch
      ? html`<p class="empty">No articles match “${data.query ?? ''}”.</p>`
      : html`<p class="empty">No articles yet.</p>`;

  const body = html`<section class="list">
<h1>${data.heading}</h1>
${data.intro ? html`<p class="intro">${data.intro}</p>\n` : ''}${
    source
      ? html`<p class="source-home">From <a href="${safeUrl(source.homeUrl)}" rel="noopener">${source.name}</a>${
          source.rights.license ? html` · ${source.rights.licenseUrl ? html`<a href="${safeUrl(source.rights.licenseUrl)}" rel="license noopener">${source.rights.license}</a>` : source.rights.license}` : ''
        }</p>\n`
      : ''
  }${
    data.articles.length
      ? html`<ul class="cards">
${data.articles.map((item) => renderArticleCard(item, { language, timeZone: site.timeZone, showExcerpt: true, showSource: !source, headingLevel: 2 }))}
</ul>`
      : empty
  }
${
  page > 1 || data.hasNext
    ? html`<nav class="pagination" aria-label="Pages">${page > 1 ? html`<a rel="prev" href="${pageUrl(data.canonicalUrl, page - 1)}">← Newer</a>` : html`<span></span>`}${
        data.hasNext ? html`<a rel="next" href="${pageUrl(data.canonicalUrl, page + 1)}">Older →</a>` : ''
      }</nav>`
    : ''
}
</section>`;

  return renderLayout({
    site,
    title: page > 1 ? `${data.title} (page ${page})` : data.title,
    description: data.intro ?? site.description,
    head,
    body,
    feedLinks: data.feedLinks,
    query: data.query ?? null,
  });
}
