// One article in a list or a related block: image (lazy) with caption and credit, date, headline, source.
import type { ArticleSummary } from '../view-models.js';
import { html, raw, safeUrl, type SafeHtml } from '../html.js';
import { CARD_IMAGE_SIZES, renderPicture } from '../../media/site-images.js';
import { formatDate } from '../format.js';

export interface CardOptions {
  /** The site's language and time zone: dates read the same on every page of the site. */
  language: string;
  timeZone?: string;
  showExcerpt?: boolean;
  showSource?: boolean;
  headingLevel?: 2 | 3;
}

/** `sizes` says how wide the image is shown (a card's column by default), for the browser to pick from `srcset`. */
export function renderFigure(lead: ArticleSummary['lead'], href: string | null, lazy = true, sizes = CARD_IMAGE_SIZES): SafeHtml | '' {
  if (!lead) return '';
  // The caption is read right after the image, so an image without its own alt text is marked decorative.
  const alt = lead.alt ?? (lead.caption ? '' : lead.credit ?? '');
  // The site's copies: WebP and the source's format at several widths.
  const img = lead.variants?.length ? raw(renderPicture({ ...lead, alt }, { sizes, lazy })) : html`<img src="${safeUrl(lead.url)}" alt="${alt}"${lead.width ? html` width="${lead.width}"` : ''}${lead.height ? html` height="${lead.height}"` : ''}${
    lazy ? html` loading="lazy" decoding="async"` : ''
  }>`;
  const caption =
    lead.caption || lead.credit
      ? html`<figcaption>${lead.caption ?? ''}${lead.caption && lead.credit ? ' ' : ''}${lead.credit ? html`<span class="credit">${lead.credit}</span>` : ''}</figcaption>`
      : '';
  return html`<figure>${href ? html`<a href="${safeUrl(href)}" tabindex="-1">${img}</a>` : img}${caption}</figure>`;
}

/** A date for readers in the site's language and time zone (named), with the exact instant for machines. */
export function renderTime(iso: string | null | undefined, language: string, timeZone = 'UTC'): SafeHtml | '' {
  if (!iso) return '';
  return html`<time datetime="${iso}">${formatDate(iso, language, timeZone)}</time>`;
}

export function renderArticleCard(item: ArticleSummary, options: CardOptions): SafeHtml {
  const date = item.firstCreated ?? item.republishedAt;
  const heading =
    options.headingLevel === 2
      ? html`<h2 class="card-headline"><a href="${safeUrl(item.url)}">${item.headline}</a></h2>`
      : html`<h3 class="card-headline"><a href="${safeUrl(item.url)}">${item.headline}</a></h3>`;
  return html`<li class="${item.lead ? 'card' : 'card card-no-image'}">
${renderFigure(item.lead, item.url)}
<div class="card-text">
${heading}
<p class="card-meta">${options.showSource ? html`<a class="card-source" href="${safeUrl(item.sourceUrl)}">${item.sourceName}</a> · ` : ''}${renderTime(date, options.language, options.timeZone)}</p>
${options.showExcerpt && item.excerpt ? html`<p class="card-excerpt">${item.excerpt}</p>` : ''}
</div>
</li>`;
}
