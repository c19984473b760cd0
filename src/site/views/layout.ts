// The HTML5 document around every page: head essentials, the site header with search, the footer with feeds.
// Scripts only from this origin (CSP `script-src 'self'`): the one script is /assets/share.js.
import type { SiteInfo } from '../../model/types.js';
import { html, safeUrl, type SafeHtml } from '../html.js';

export const STYLESHEET_PATH = '/assets/site.css';
export const SHARE_SCRIPT_PATH = '/assets/share.js';

export interface LayoutInput {
  site: SiteInfo;
  title: string;
  description?: string | null;
  /** Language of the page (BCP 47); the site's language when absent. */
  lang?: string | null;
  /** Extra head elements (canonical, robots, Open Graph, JSON-LD…). */
  head?: SafeHtml | null;
  body: SafeHtml;
  feedLinks?: { rss: string; atom: string; json: string } | null;
  /** The search box's current text. */
  query?: string | null;
  /** Load share.js (pages with share buttons). */
  withShareScript?: boolean;
}

/** The site's display name; the host name when the name is unset, so no header is ever blank. */
export function siteDisplayName(site: Pick<SiteInfo, 'name' | 'url'>): string {
  const name = site.name?.trim();
  if (name) return name;
  try {
    return new URL(site.url).host;
  } catch {
    return 'Convey';
  }
}

export function feedAlternates(site: SiteInfo, feeds: { rss: string; atom: string; json: string } | null | undefined): SafeHtml | '' {
  if (!feeds) return '';
  const name = siteDisplayName(site);
  return html`<link rel="alternate" type="application/rss+xml" title="${name} (RSS)" href="${safeUrl(feeds.rss)}">
<link rel="alternate" type="application/atom+xml" title="${name} (Atom)" href="${safeUrl(feeds.atom)}">
<link rel="alternate" type="application/feed+json" title="${name} (JSON Feed)" href="${safeUrl(feeds.json)}">
`;
}

export function renderLayout(input: LayoutInput): string {
  const { site } = input;
  const name = siteDisplayName(site);
  const lang = input.lang?.trim() || site.language || 'en';
  const feeds = input.feedLinks;
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${input.title}</title>
${input.description ? html`<meta name="description" content="${input.description}">\n` : ''}<link rel="stylesheet" href="${STYLESHEET_PATH}">
${feedAlternates(site, feeds)}${input.head ?? ''}${input.withShareScript ? html`<script src="${SHARE_SCRIPT_PATH}" defer></script>\n` : ''}</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="site-header">
<a class="site-name" href="/">${site.logoUrl ? html`<img class="site-logo" src="${safeUrl(site.logoUrl)}" alt="" height="32">` : ''}${name}</a>
<form class="site-search" action="/search" method="get" role="search">
<label for="site-search-q" class="visually-hidden">Search</label>
<input id="site-search-q" type="search" name="q" value="${input.query ?? ''}" placeholder="Search">
<button type="submit">Search</button>
</form>
</header>
<main id="content">
${input.body}
</main>
<footer class="site-footer">
${site.description ? html`<p>${site.description}</p>\n` : ''}${
    feeds ? html`<p class="feeds">Follow: <a href="${safeUrl(feeds.rss)}">RSS</a> · <a href="${safeUrl(feeds.atom)}">Atom</a> · <a href="${safeUrl(feeds.json)}">JSON Feed</a></p>\n` : ''
  }</footer>
</body>
</html>
`.value;
}
