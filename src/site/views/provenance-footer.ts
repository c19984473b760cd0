// The provenance an article shows wherever it goes, on its page and in the site's feeds alike: byline, the
// attribution line from the source's template, who republished it and when, any hops in between, the license
// and the disclaimer. Fail closed: a blank name any of them needs throws MissingAttributionError.
import type { Article, RightsInfo, SiteInfo, Source } from '../../model/types.js';
import { html, safeUrl, type SafeHtml } from '../html.js';
import { timeOf } from '../format.js';
import { assertPublishable, attributionTemplateOf, disclaimerTemplateOf, templateValuesOf } from '../../provenance/publishable.js';
import { effectiveRights, hasRights } from '../../provenance/rights.js';
import { buildProvenanceChain } from '../../provenance/chain.js';
import { renderTemplate, renderTemplateParts } from '../../provenance/template.js';
import { renderTime } from './article-card.js';

export type ProvenanceArticle = Pick<
  Article,
  'headline' | 'byline' | 'originalUrl' | 'firstCreated' | 'republishedAt' | 'versionCreated' | 'rights' | 'provenance'
>;

export interface ProvenanceInput {
  site: SiteInfo;
  source: Source;
  article: ProvenanceArticle;
}

/** Hops between the author and the source (an agency it took the story from, an aggregator), when recorded. */
function renderIntermediateHops({ site, source, article }: ProvenanceInput): SafeHtml | '' {
  const hops = buildProvenanceChain(article, source, site, article.republishedAt).filter((hop) => hop.role === 'originator' || hop.role === 'aggregator');
  if (!hops.length) return '';
  const items = hops.map((hop, i) => {
    const label = hop.role === 'originator' ? 'Originally reported by' : 'via';
    const name = hop.url ? html`<a href="${safeUrl(hop.url)}" rel="noopener">${hop.name}</a>` : hop.name;
    return html`${i ? ' · ' : ''}${i ? label : label[0].toUpperCase() + label.slice(1)} ${name}`;
  });
  return html`<p class="provenance-chain">${items}</p>
`;
}

export function renderLicense(rights: RightsInfo): SafeHtml | '' {
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
function renderAttribution({ site, source, article }: ProvenanceInput): SafeHtml {
  const values = templateValuesOf({ site, source, article });
  const parts = renderTemplateParts(attributionTemplateOf(source, site).template, values).map((part) => {
    if ('text' in part) return part.text;
    if (part.placeholder === 'source' || part.placeholder === 'originalUrl') return html`<a href="${safeUrl(article.originalUrl)}" rel="noopener">${part.value}</a>`;
    if (part.placeholder === 'site') return html`<a href="${safeUrl(site.url)}">${part.value}</a>`;
    return part.value;
  });
  return html`${parts}`;
}

/** The provenance paragraphs (inside the page's `<footer class="provenance">`, or after a feed item's text). */
export function renderProvenance(input: ProvenanceInput): SafeHtml {
  const { site, source, article } = input;
  assertPublishable({ site, source, article });
  // Dates read the same on every page of the site: its language, its time zone.
  const language = site.language || 'en';
  const zone = site.timeZone;
  const byline = article.byline?.trim() || source.name.trim();
  const rights = effectiveRights(article.rights, source.rights);
  const disclaimer = renderTemplate(disclaimerTemplateOf(site, source).template, templateValuesOf({ site, source, article }));
  const updatedSinceRepublished =
    article.versionCreated && article.republishedAt && timeOf(article.versionCreated) > timeOf(article.republishedAt);
  return html`<p class="byline">By ${byline}</p>
<p class="published-by">${renderAttribution(input)}${article.firstCreated ? html` on ${renderTime(article.firstCreated, language, zone)}` : ''}</p>
<p class="republished-by">Republished by <a href="${safeUrl(site.url)}">${site.name.trim()}</a>${
    article.republishedAt ? html` on ${renderTime(article.republishedAt, language, zone)}` : ''
  }${updatedSinceRepublished ? html` · Updated ${renderTime(article.versionCreated, language, zone)}` : ''}</p>
${renderIntermediateHops(input)}${renderLicense(rights)}
<p class="disclaimer">${disclaimer}</p>`;
}
