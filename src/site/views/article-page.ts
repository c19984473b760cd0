// The article page: the republished story whole, with its provenance shown to readers (byline, published by,
// republished by, license, disclaimer) and to machines (canonical/robots, Open Graph, JSON-LD).
// Fail closed: if any name the page or its templates need is blank, it throws MissingAttributionError.
import type { ArticlePageData, ArticleSummary, VersionNote } from '../view-models.js';
import type { Dateline } from '../../model/types.js';
import { html, join, raw, safeUrl, type SafeHtml } from '../html.js';
import { textExcerpt } from '../format.js';
import { assertPublishable } from '../../provenance/publishable.js';
import { effectiveRights } from '../../provenance/rights.js';
import { renderTemplate } from '../../provenance/template.js';
import { renderProvenance } from './provenance-footer.js';
import { indexingDirectives, renderIndexingDirectives } from '../meta/canonical-robots.js';
import { renderOpenGraph } from '../meta/open-graph.js';
import { newsArticleJsonLd, renderJsonLd } from '../meta/json-ld.js';
import { renderLayout, siteDisplayName } from './layout.js';
import { renderArticleCard, renderFigure, renderTime } from './article-card.js';
import { ARTICLE_IMAGE_SIZES, absoluteImageUrl } from '../../media/site-images.js';
import { imagePolicyOf } from '../../media/image-policy.js';
import { DEFAULT_RELATED_HEADING } from '../../config/config.js';
import { sourcePath } from '../summaries.js';
import { renderShareBlock } from './share-block.js';
import { fidelityVerdict } from './fidelity-page.js';
import type { ArticleFidelity } from '../view-models.js';

/** Convey's own separator, used only when the source gave none. */
const PAGE_SEPARATOR = '–';
const SEPARATOR_CHARS = '-–—:';

/**
 * The dateline as shown and the separator after it: the source's own characters ("HOLLOW CREEK —" stays an
 * em dash), whether the separator came inside the dateline's text or was recorded apart from it.
 */
function datelineParts(dateline: Dateline | null): { label: string; separator: string } | null {
  let text = dateline?.text?.trim() ?? '';
  let end = text.length;
  while (end > 0 && SEPARATOR_CHARS.includes(text[end - 1])) end--;
  const trailing = text.slice(end).trim();
  text = text.slice(0, end).trimEnd();
  if (!text) return null;
  const separator = trailing || dateline?.separator?.trim() || PAGE_SEPARATOR;
  return { label: text, separator };
}

/** Whether a paragraph already opens with this dateline ("MOSCOW (Sputnik) –", "<b>MOSCOW</b>, Jan 31 –"). */
function opensWithDateline(paragraphStart: string, label: string, place: string | null): boolean {
  // Read well past the label, so the excerpt's cut at a word boundary never falls inside it.
  const opening = textExcerpt(paragraphStart, label.length + 40);
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
  const parts = datelineParts(dateline);
  if (!parts) return raw(body);
  const { label, separator } = parts;
  const first = body.indexOf('<p>');
  if (first === -1) return raw(`${html`<p class="dateline">${label} ${separator}</p>`.value}\n${body}`);
  const start = first + 3;
  // Only the paragraph's first few hundred characters are read, never the whole body.
  if (opensWithDateline(body.slice(start, start + 400), label, dateline?.place?.trim() || null)) return raw(body);
  return raw(body.slice(0, start) + html`<span class="dateline">${label} ${separator}</span> `.value + body.slice(start));
}

/** Text compared loosely: case, spacing and punctuation apart. */
function loose(text: string): string {
  return text.toLowerCase().replace(/<[^>]*>/g, ' ').replace(/&[a-z#0-9]+;/g, ' ').replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/**
 * The notes the page shows: a correction the source printed in its own body ("Correction: an earlier version
 * …") is read there already, so its note is not shown a second time above the provenance.
 */
export function notesToShow(notes: VersionNote[], bodyHtml: string): VersionNote[] {
  const body = loose(bodyHtml);
  return notes.filter((note) => {
    const text = loose(note.note);
    return !(note.kind === 'correction' && text.length >= 12 && body.includes(text));
  });
}

/** Under the headline, as news sites put it: who wrote it, for which source, and when. */
function renderArticleMeta(byline: string | null, source: { name: string; slug: string }, date: string | null, language: string, timeZone: string | undefined): SafeHtml {
  const by = byline?.trim();
  return html`<p class="article-meta">${by ? html`<span class="article-byline">${/^by\s/i.test(by) ? by : `By ${by}`}</span> · ` : ''}<a class="article-source" href="${safeUrl(sourcePath(source.slug))}">${source.name}</a>${
    date ? html` · ${renderTime(date, language, timeZone)}` : ''
  }</p>
`;
}

function renderNotes(notes: VersionNote[], language: string, timeZone: string | undefined): SafeHtml | '' {
  if (!notes.length) return '';
  return html`<aside class="version-notes" aria-label="Updates and corrections">
<ul>
${notes.map(
  (note) =>
    html`<li class="note note-${note.kind}"><strong>${note.kind === 'correction' ? 'Correction' : 'Updated'}</strong> ${renderTime(note.date, language, timeZone)}: ${note.note}</li>\n`,
)}</ul>
</aside>`;
}

/** One line on how faithful this copy is to its source, linking the sentence-by-sentence comparison. */
function renderFidelityLine(slug: string, fidelity: ArticleFidelity | null | undefined, language: string): SafeHtml | '' {
  if (!fidelity) return '';
  const href = `/articles/${encodeURIComponent(slug)}/fidelity`;
  const { report } = fidelity;
  return html`<p class="fidelity-line ${report.faithful ? 'faithful' : 'edited'}"><a href="${safeUrl(href)}">${fidelityVerdict(report, fidelity.checkedAt, language, fidelity.sourceUpdatePending)}</a>${
    !report.faithful && fidelity.editorNote ? html`. <span class="editor-note">Editor’s note: ${fidelity.editorNote}</span>` : ''
  }</p>
`;
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

/** The same text, republished here from other sources: named with the provenance, not offered as more to read. */
function renderAlsoPublishedBy(copies: ArticleSummary[]): SafeHtml | '' {
  if (!copies.length) return '';
  const names = copies.map((c) => html`<a href="${safeUrl(c.url)}">${c.sourceName}</a>`);
  return html`<p class="also-published">Also published by ${join(names, ', ')}.</p>
`;
}

export function renderArticlePage(data: ArticlePageData): string {
  const { site, source, article } = data;
  assertPublishable({ site, source, article });

  const language = article.language?.trim() || site.language || 'en';
  // Dates read the same on every page of the site, whatever the article's language.
  const dateLanguage = site.language || 'en';
  const siteName = siteDisplayName(site);
  const rights = effectiveRights(article.rights, source.rights);
  const description = articleDescription(data);
  const pageUrl = data.canonicalUrl;
  const directives = indexingDirectives(source.indexingPolicy, pageUrl, article.originalUrl);
  const modified = article.versionCreated ?? article.republishedAt ?? article.firstCreated;
  const notes = notesToShow(data.notes, article.bodyHtml);
  const shownCorrections = notes.filter((n) => n.kind === 'correction').map((n) => ({ text: n.note, date: n.date }));
  const lead = article.lead && !article.bodyHtml.includes(article.lead.url) ? article.lead : null;
  const relatedHeading = renderTemplate(site.relatedHeading?.trim() || DEFAULT_RELATED_HEADING, { source: source.name, site: site.name });
  const cardOptions = { language: dateLanguage, timeZone: site.timeZone };

  const head = html`${renderIndexingDirectives(directives)}
${renderOpenGraph({
  type: 'article',
  title: article.headline,
  description,
  url: directives.canonical,
  siteName,
  image: article.lead ? { ...article.lead, url: absoluteImageUrl(article.lead.url, site.url) } : null,
  publishedTime: article.firstCreated ?? article.republishedAt,
  modifiedTime: modified,
  locale: language,
  tags: article.topics,
})}${renderJsonLd(newsArticleJsonLd({ site, source, article, rights, pageUrl, description, corrections: shownCorrections }))}${
  data.commentFeedUrl ? html`<link rel="alternate" type="application/atom+xml" title="Comments on ${article.headline}" href="${safeUrl(data.commentFeedUrl)}">
` : ''
}
`;

  const body = html`<article class="article" lang="${language}">
<header class="article-header">
<h1>${article.headline}</h1>
${article.subheadline ? html`<p class="subheadline">${article.subheadline}</p>\n` : ''}${renderArticleMeta(article.byline, source, article.firstCreated ?? article.republishedAt, dateLanguage, site.timeZone)}${lead ? renderFigure(lead, null, false, ARTICLE_IMAGE_SIZES) : ''}
</header>
${article.summaryOnly ? renderSummaryNotice(article.originalUrl, source.name) : ''}<div class="article-body">
${bodyWithDateline(article.bodyHtml, article.dateline)}
</div>
${imagePolicyOf(source) === 'link' && (article.lead || article.bodyHtml.includes('<img')) ? html`<p class="image-note">Images on this page load from ${source.name}.</p>
` : ''}
${renderNotes(notes, dateLanguage, site.timeZone)}
${renderFidelityLine(article.slug, data.fidelity, dateLanguage)}<footer class="provenance">
${renderProvenance({ site, source, article })}
${renderAlsoPublishedBy(data.alsoPublishedBy ?? [])}</footer>
</article>
${
  data.relatedSameSource.length
    ? html`<section class="related related-same-source" aria-labelledby="related-same">
<h2 id="related-same">${relatedHeading}</h2>
<ul class="cards">
${data.relatedSameSource.map((item) => renderArticleCard(item, cardOptions))}
</ul>
</section>
`
    : ''
}${
  data.relatedOtherSources.length
    ? html`<section class="related related-other-sources" aria-labelledby="related-other">
<h2 id="related-other">The same story from other sources</h2>
<ul class="cards">
${data.relatedOtherSources.map((item) => renderArticleCard(item, { ...cardOptions, showSource: true }))}
</ul>
</section>
`
    : ''
}${
  data.relatedTopical?.length
    ? html`<section class="related related-topical" aria-labelledby="related-topical">
<h2 id="related-topical">Related stories</h2>
<ul class="cards">
${data.relatedTopical.map((item) => renderArticleCard(item, { ...cardOptions, showSource: true }))}
</ul>
</section>
`
    : ''
}${renderShareBlock(pageUrl, article.headline, site.shareTargets)}
<div class="article-comments">
${raw(data.commentsHtml)}
</div>`;

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
