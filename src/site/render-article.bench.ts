// How long the article page takes to render, html`` against the same page in eta 4 (run: npx tsx src/site/render-article.bench.ts).
// Not a test: vitest only collects *.test.ts.
import { performance } from 'node:perf_hooks';
import { Eta } from 'eta';
import { renderArticlePage } from './views/article-page.js';
import { seedArticlePage } from './testdata/fixtures.js';
import { formatDate } from './format.js';
import { shareLinks } from './share-links.js';
import { newsArticleJsonLd, scriptSafeJson } from './meta/json-ld.js';
import { effectiveRights } from '../provenance/rights.js';
import { renderTemplate } from '../provenance/template.js';

const data = seedArticlePage();
// The same page as an eta template (same helpers for dates, share links, JSON-LD), to compare template engines only.
const eta = new Eta({ autoEscape: true, cache: true });
eta.loadTemplate('@article', `<!doctype html>
<html lang="<%= it.lang %>">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title><%= it.article.headline %> – <%= it.site.name %></title>
<meta name="description" content="<%= it.description %>">
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" type="application/rss+xml" title="<%= it.site.name %> (RSS)" href="<%= it.feedLinks.rss %>">
<link rel="alternate" type="application/atom+xml" title="<%= it.site.name %> (Atom)" href="<%= it.feedLinks.atom %>">
<link rel="alternate" type="application/feed+json" title="<%= it.site.name %> (JSON Feed)" href="<%= it.feedLinks.json %>">
<link rel="canonical" href="<%= it.canonical %>">
<meta property="og:type" content="article">
<meta property="og:title" content="<%= it.article.headline %>">
<meta property="og:description" content="<%= it.description %>">
<meta property="og:url" content="<%= it.canonical %>">
<meta property="og:site_name" content="<%= it.site.name %>">
<% if (it.article.lead) { %><meta property="og:image" content="<%= it.article.lead.url %>">
<meta property="og:image:alt" content="<%= it.article.lead.alt %>"><% } %>
<meta property="article:published_time" content="<%= it.article.firstCreated %>">
<meta property="article:modified_time" content="<%= it.article.versionCreated %>">
<% for (const t of it.article.topics) { %><meta property="article:tag" content="<%= t %>">
<% } %><meta name="twitter:card" content="summary_large_image">
<meta name="twitter:title" content="<%= it.article.headline %>">
<script type="application/ld+json"><%~ it.jsonLd %></script>
<script src="/assets/share.js" defer></script>
</head>
<body>
<header class="site-header"><a class="site-name" href="/"><%= it.site.name %></a>
<form class="site-search" action="/search" method="get" role="search"><input type="search" name="q" value=""><button type="submit">Search</button></form></header>
<main id="content">
<article class="article" lang="<%= it.lang %>">
<header class="article-header"><h1><%= it.article.headline %></h1>
<% if (it.article.subheadline) { %><p class="subheadline"><%= it.article.subheadline %></p><% } %>
<% if (it.article.lead) { %><figure><img src="<%= it.article.lead.url %>" alt="<%= it.article.lead.alt %>"><figcaption><%= it.article.lead.caption %> <span class="credit"><%= it.article.lead.credit %></span></figcaption></figure><% } %>
</header>
<div class="article-body"><%~ it.body %></div>
<aside class="version-notes"><ul><% for (const n of it.notes) { %><li class="note note-<%= n.kind %>"><strong><%= n.kind === 'correction' ? 'Correction' : 'Updated' %></strong> <time datetime="<%= n.date %>"><%= it.fmt(n.date) %></time>: <%= n.note %></li><% } %></ul></aside>
<footer class="provenance">
<p class="byline">By <%= it.article.byline %></p>
<p class="published-by">Published by <a href="<%= it.article.originalUrl %>"><%= it.source.name %></a> on <time datetime="<%= it.article.firstCreated %>"><%= it.fmt(it.article.firstCreated) %></time></p>
<p class="republished-by">Republished by <a href="<%= it.site.url %>"><%= it.site.name %></a> on <time datetime="<%= it.article.republishedAt %>"><%= it.fmt(it.article.republishedAt) %></time></p>
<p class="license">License: <a href="<%= it.rights.licenseUrl %>"><%= it.rights.license %></a>. <%= it.rights.usageTerms %> © <%= it.rights.copyrightHolder %></p>
<p class="disclaimer"><%= it.disclaimer %></p>
</footer>
</article>
<section class="related"><h2>A related news from <%= it.source.name %>:</h2><ul class="cards">
<% for (const r of it.relatedSameSource) { %><li class="card"><% if (r.lead) { %><figure><a href="<%= r.url %>"><img src="<%= r.lead.url %>" alt="<%= r.lead.caption %>" loading="lazy"></a><figcaption><%= r.lead.caption %> <span class="credit"><%= r.lead.credit %></span></figcaption></figure><% } %><h3><a href="<%= r.url %>"><%= r.headline %></a></h3><time datetime="<%= r.firstCreated %>"><%= it.fmt(r.firstCreated) %></time></li><% } %>
</ul></section>
<section class="related"><h2>The same story from other sources</h2><ul class="cards">
<% for (const r of it.relatedOtherSources) { %><li class="card"><h3><a href="<%= r.url %>"><%= r.headline %></a></h3><a href="<%= r.sourceUrl %>"><%= r.sourceName %></a> <time datetime="<%= r.firstCreated %>"><%= it.fmt(r.firstCreated) %></time></li><% } %>
</ul></section>
<section class="share"><h2>Sharing is caring!</h2><ul class="share-links">
<% for (const l of it.share) { %><li><a class="share-link share-<%= l.network %>" href="<%= l.href %>" rel="noopener noreferrer nofollow" target="_blank"><%= l.label %></a></li><% } %>
</ul></section>
<section class="comments"><%~ it.commentsHtml %></section>
</main>
</body>
</html>`);

function renderEta(): string {
  const rights = effectiveRights(data.article.rights, data.source.rights);
  const description = data.article.subheadline ?? '';
  return eta.render('@article', {
    ...data,
    lang: 'en',
    description,
    canonical: data.article.originalUrl,
    rights,
    body: data.article.bodyHtml,
    fmt: (iso: string) => formatDate(iso, 'en'),
    share: shareLinks(data.canonicalUrl, data.article.headline),
    disclaimer: renderTemplate(data.site.disclaimerTemplate, { site: data.site.name }),
    jsonLd: scriptSafeJson(newsArticleJsonLd({ site: data.site, source: data.source, article: data.article, rights, pageUrl: data.canonicalUrl, description })),
  });
}

function measure(name: string, fn: () => string, n = 20000): void {
  for (let i = 0; i < 3000; i++) fn();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let bytes = 0;
  for (let i = 0; i < n; i++) bytes += fn().length;
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  console.log(`${name.padEnd(22)} ${((ms * 1000) / n).toFixed(1)} µs/page wall, ${((cpu.user + cpu.system) / n).toFixed(1)} µs/page CPU, ${Math.round(bytes / n)} bytes`);
}

for (let round = 0; round < 2; round++) {
  measure('html`` renderArticlePage', () => renderArticlePage(data));
  measure('eta 4 (same page)', renderEta);
}
