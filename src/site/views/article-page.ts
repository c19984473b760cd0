// The article page: the republished story whole, with its provenance shown to readers (byline, published by,
// republished by, license, disclaimer) and to machines (canonical/robots, Open Graph, JSON-LD).
// Fail closed: if any name the page or its templates need is blank, it throws MissingAttributionError.
import type { ArticlePageData, VersionNote } from '../view-models.js';
import type { Dateline, RightsInfo } from '../../model/types.js';
import { html, raw, safeUrl, type SafeHtml } from '../html.js';
import { textExcerpt, timeOf } from '../format.js';
import { assertPublishable, attributionTemplateOf, disclaimerTemplateOf, templateValuesOf } from '../../provenance/publishable.js';
import { effectiveRights, hasRights } from '../../provenance/rights.js';
import { buildProvenanceChain } from '../../provenance/chain.js';
import { renderTemplate, renderTemplateParts } from '../../provenance/template.js';
import { indexingDirectives, renderIndexingDirectives } from '../meta/canonical-robots.js';
import { renderOpenGraph } from '../meta/open-graph.js';
import { newsArticleJsonLd, renderJsonLd } from '../meta/json-ld.js';
import { renderLayout, siteDisplayName } from './layout.js';
import { renderArticleCard, renderFigure, renderTime } from './article-card.js';
import { renderShareBlock } from './share-block.js';

/** The dateline as shown: its text without a trailing dash or colon (the page adds its own " –"). */
function datelineLabel(dateline: Dateline | null): string | null {
  let text = dateline?.text?.trim() ?? '';
  while (text && '-–—:'.includes(text[text.length - 1])) text = text.slice(0, -1).trimEnd();
  return text || null;
}

/** Whether a paragraph already opens with this dateline ("MOSCOW (Sputnik) –", "<b>MOSCOW</b>, Jan 31 –"). */
function opensWithDateline(paragraphStart: string, label: string, place: string | null): boolean {
  const opening = textExcerpt(paragraphStart, label.length + 4);
  if (opening.startsWith(label)) return true;
  return Boolean(place && (opening.startsWith(`${place} (`) || opening.startsWith(`${place},`)));
}

/** Before a summary published in place of the story: what it is, and where the whole story is. */
function renderSummaryNotice(originalUrl: string, sourceName: string): SafeHtml {
  return html`<p class="summary-only" role="note"><strong>This is a summary.</strong> ${sourceName}'s page could not be fetched whole; read the full story at <a href="${safeUrl(originalUrl)}">${sourceName}</a>.</p>
`;
}

/** "MOSCOW (Sputnik) –" placed inside the first paragraph, unless the body already opens with it. */
function bodyWithDateline(body: string, dateline: Dateline | null): SafeHtml {
  const label = datelineLabel(dateline);
  if (!label) return raw(body);
  const first = body.indexOf('<p>');
  if (first === -1) return raw(`${html`<p class="dateline">${label} –</p>`.value}\n${body}`);
  const start = first + 3;
  // Only the paragraph's first few hundred characters are read, never the whole body.
  if (opensWithDateline(body.slice(start, start + 400), label, dateline?.place?.trim() || null)) return raw(body);
  return raw(body.slice(0, start) + html`<span class="dateline">${label} –</span> `.value + body.slice(start));
}

function renderNotes(notes: VersionNote[], language: string): SafeHtml | '' {
  if (!notes.length) return '';
  return html`<aside class="version-notes" aria-label="Updates and corrections">
<ul>
${notes.map(
  (note) =>
    html`<li class="note note-${note.kind}"><strong>${note.kind === 'correction' ? 'Correction' : 'Updated'}</strong> ${renderTime(note.date, language)}: ${note.note}</li>\n`,
)}</ul>
</aside>`;
}

/** Hops between the author and the source (an agency it took the story from, an aggregator), when recorded. */
function renderIntermediateHops(data: ArticlePageData): SafeHtml | '' {
  const hops = buildProvenanceChain(data.article, data.source, data.site, data.article.republishedAt).filter(
    (hop) => hop.role === 'originator' || hop.role === 'aggregator',
  );
  if (!hops.length) return '';
  const items = hops.map((hop, i) => {
    const label = hop.role === 'originator' ? 'Originally reported by' : 'via';
    const name = hop.url ? html`<a href="${safeUrl(hop.url)}" rel="noopener">${hop.name}</a>` : hop.name;
    return html`${i ? ' · ' : ''}${i ? label : label[0].toUpperCase() + label.slice(1)} ${name}`;
  });
  return html`<p class="provenance-chain">${items}</p>
`;
}

function renderLicense(rights: RightsInfo): SafeHtml | '' {
  if (!hasRights(rights)) return '';
  const parts: SafeHtml[] = [];
  if (rights.license) {
    parts.push(
      rights.licenseUrl
        ? html`License: <a href="${safeUrl(rights.licenseUrl)}" rel="license noopener">${rights.license}</a>.`
        : html`License: ${rights.license}.`,
    );
  }
  if (rights.usageTerms) parts.push(html`<span class="usage-terms">${rights.usageTerms}</span>`);
  if (rights.copyrightHolder) parts.push(html`<span class="copyright">© ${rights.copyrightHolder}</span>`);
  return html`<p class="license">${parts.map((part, i) => (i ? [' ', part] : part))}</p>`;
}

/** Fills the attribution template as HTML: the source's name and the original URL become links to the original. */
function renderAttribution(data: ArticlePageData): SafeHtml {
  const { site, source, article } = data;
  const values = templateValuesOf({ site, source, article });
  const parts = renderTemplateParts(attributionTemplateOf(source).template, values).map((part) => {
    if ('text' in part) return part.text;
    if (part.placeholder === 'source' || part.placeholder === 'originalUrl') return html`<a href="${safeUrl(article.originalUrl)}" rel="noopener">${part.value}</a>`;
    if (part.placeholder === 'site') return html`<a href="${safeUrl(site.url)}">${part.value}</a>`;
    return part.value;
  });
  return html`${parts}`;
}

export function articleDescription(data: ArticlePageData): string {
  const given = data.description?.trim();
  if (given) return given;
  const subheadline = data.article.subheadline?.trim();
  if (subheadline) return subheadline;
  // Start at the first paragraph so a leading figure's caption does not become the description.
  const body = data.article.bodyHtml;
  const first = body.indexOf('<p>');
  return textExcerpt(first > 0 ? body.slice(first) : body, 200);
}

export function renderArticlePage(data: ArticlePageData): string {
  const { site, source, article } = data;
  assertPublishable({ site, source, article });

  const language = article.language?.trim() || site.language || 'en';
  const siteName = siteDisplayName(site);
  const rights = effectiveRights(article.rights, source.rights);
  const description = articleDescription(data);
  const pageUrl = data.canonicalUrl;
  const directives = indexingDirectives(source.indexingPolicy, pageUrl, article.originalUrl);
  const byline = article.byline?.trim() || source.name.trim();
  const disclaimer = renderTemplate(disclaimerTemplateOf(site, source).template, templateValuesOf({ site, source, article }));
  const modified = article.versionCreated ?? article.republishedAt ?? article.firstCreated;
  const updatedSinceRepublished =
    article.versionCreated && article.republishedAt && timeOf(article.versionCreated) > timeOf(article.republishedAt);
  const lead = article.lead && !article.bodyHtml.includes(article.lead.url) ? article.lead : null;

  const head = html`${renderIndexingDirectives(directives)}
${renderOpenGraph({
  type: 'article',
  title: article.headline,
  description,
  url: directives.canonical,
  siteName,
  image: article.lead,
  publishedTime: article.firstCreated ?? article.republishedAt,
  modifiedTime: modified,
  locale: language,
  tags: article.topics,
})}${renderJsonLd(newsArticleJsonLd({ site, source, article, rights, pageUrl, description }))}
`;

  const body = html`<article class="article" lang="${language}">
<header class="article-header">
<h1>${article.headline}</h1>
${article.subheadline ? html`<p class="subheadline">${article.subheadline}</p>\n` : ''}${lead ? renderFigure(lead, null, false) : ''}
</header>
${article.summaryOnly ? renderSummaryNotice(article.originalUrl, source.name) : ''}<div class="article-body">
${bodyWithDateline(article.bodyHtml, article.dateline)}
</div>
${renderNotes(data.notes, language)}
<footer class="provenance">
<p class="byline">By ${byline}</p>
<p class="published-by">${renderAttribution(data)}${article.firstCreated ? html` on ${renderTime(article.firstCreated, language)}` : ''}</p>
<p class="republished-by">Republished by <a href="${safeUrl(site.url)}">${site.name.trim()}</a>${
    article.republishedAt ? html` on ${renderTime(article.republishedAt, language)}` : ''
  }${updatedSinceRepublished ? html` · Updated ${renderTime(article.versionCreated, language)}` : ''}</p>
${renderIntermediateHops(data)}${renderLicense(rights)}
<p class="disclaimer">${disclaimer}</p>
</footer>
</article>
${
  data.relatedSameSource.length
    ? html`<section class="related related-same-source" aria-labelledby="related-same">
<h2 id="related-same">A related news from ${source.name.trim()}:</h2>
<ul class="cards">
${data.relatedSameSource.map((item) => renderArticleCard(item, { language }))}
</ul>
</section>
`
    : ''
}${
  data.relatedOtherSources.length
    ? html`<section class="related related-other-sources" aria-labelledby="related-other">
<h2 id="related-other">The same story from other sources</h2>
<ul class="cards">
${data.relatedOtherSources.map((item) => renderArticleCard(item, { language, showSource: true }))}
</ul>
</section>
`
    : ''
}${renderShareBlock(pageUrl, article.headline)}
<section class="comments" aria-label="Comments">
${raw(data.commentsHtml)}
</section>`;

  return renderLayout({
    site,
    title: `${article.headline} – ${siteName}`,
    description,
    lang: language,
    head,
    body,
    feedLinks: data.feedLinks,
    withShareScript: true,
  });
}
