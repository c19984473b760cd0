// 404 for what never existed here, 410 for a story the source withdrew: the notice names the source and
// links the original, so readers know where the story went and why it is gone.
import type { SiteInfo } from '../../model/types.js';
import type { WithdrawnPageData } from '../view-models.js';
import { html, safeUrl } from '../html.js';
import { renderLayout } from './layout.js';
import { renderTime } from './article-card.js';

function hostOf(url: string): string | null {
  try {
    return new URL(url).host || null;
  } catch {
    return null;
  }
}

const NOINDEX = html`<meta name="robots" content="noindex">\n`;

export function renderNotFoundPage(site: SiteInfo, path?: string | null): string {
  const body = html`<section class="error-page">
<h1>Page not found</h1>
<p>There is nothing at ${path ? html`<code>${path}</code>` : 'this address'}. It may have moved, or the link may be mistyped.</p>
<p><a href="/">Go to the front page</a> or search for the story:</p>
<form action="/search" method="get" role="search"><label for="not-found-q">Search</label> <input id="not-found-q" type="search" name="q"> <button type="submit">Search</button></form>
</section>`;
  return renderLayout({ site, title: 'Page not found', head: NOINDEX, body });
}

export function renderWithdrawnPage(data: WithdrawnPageData): string {
  const { site } = data;
  const language = site.language || 'en';
  const sourceName = data.sourceName.trim() || hostOf(data.sourceHomeUrl) || hostOf(data.originalUrl) || 'its source';
  const body = html`<section class="error-page withdrawn">
<h1>${data.headline}</h1>
<div class="notice" role="note">
<p>This article has been withdrawn${data.withdrawnAt ? html` on ${renderTime(data.withdrawnAt, language, site.timeZone)}` : ''}. It was first published by <a href="${safeUrl(data.sourceHomeUrl)}" rel="noopener">${sourceName}</a>, which no longer offers it for republication.</p>
<p>The original was at <a class="long-url" href="${safeUrl(data.originalUrl)}" rel="noopener">${data.originalUrl}</a>; it may no longer be available there either.</p>
</div>
<p><a href="/">Go to the front page</a></p>
</section>`;
  return renderLayout({ site, title: `Withdrawn: ${data.headline}`, head: NOINDEX, body });
}

export interface ErrorPageInput {
  title: string;
  message: string;
  /** Where the reader goes back to (the article they came from); the front page when absent. */
  backUrl?: string | null;
  backLabel?: string | null;
}

/** Any other error (403, 413, 429, 500…): the site's layout, one sentence of what happened, and a way back. */
export function renderErrorPage(site: SiteInfo, input: ErrorPageInput): string {
  const back = input.backUrl
    ? html`<p><a href="${safeUrl(input.backUrl)}">${input.backLabel || 'Go back'}</a> · <a href="/">Go to the front page</a></p>`
    : html`<p><a href="/">Go to the front page</a></p>`;
  const body = html`<section class="error-page">
<h1>${input.title}</h1>
<p>${input.message}</p>
${back}
</section>`;
  return renderLayout({ site, title: input.title, head: NOINDEX, body });
}

export function renderServerErrorPage(site: SiteInfo): string {
  return renderErrorPage(site, { title: 'Something went wrong', message: 'The page could not be shown. Please try again in a moment.' });
}

/** The database cannot be reached for the moment (answered with 503 and Retry-After). */
export function renderStoreUnavailablePage(site: SiteInfo): string {
  return renderErrorPage(site, { title: 'Temporarily unavailable', message: 'The site cannot reach its database just now. Please try again in a few seconds.' });
}
