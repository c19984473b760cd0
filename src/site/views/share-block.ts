// "Sharing is caring!": server-rendered share links, plus Copy link and native Share buttons that stay
// hidden until share.js finds the browser can do them.
import { html, type SafeHtml } from '../html.js';
import { shareLinks } from '../share-links.js';

const EXTERNAL_REL = 'noopener noreferrer nofollow';

/** The share block; only the site's chosen networks when given (none chosen: no block, the copy and native buttons included). */
export function renderShareBlock(url: string, title: string, networks?: readonly string[]): SafeHtml | '' {
  if (networks && networks.length === 0) return '';
  const items = shareLinks(url, title, networks).map((link) => {
    if (link.network === 'mastodon') {
      return html`<li><a class="share-link share-mastodon" href="${link.href}" rel="nofollow" data-share="mastodon" data-share-text="${`${title} ${url}`}">${link.label}</a></li>`;
    }
    if (link.network === 'email') {
      return html`<li><a class="share-link share-email" href="${link.href}" rel="nofollow">${link.label}</a></li>`;
    }
    return html`<li><a class="share-link share-${link.network}" href="${link.href}" rel="${EXTERNAL_REL}" target="_blank">${link.label}</a></li>`;
  });
  return html`<section class="share" aria-labelledby="share-heading">
<h2 id="share-heading">Sharing is caring!</h2>
<ul class="share-links">
${items}
<li><button type="button" class="share-copy" data-share-copy data-share-url="${url}" hidden>Copy link</button></li>
<li><button type="button" class="share-native" data-share-native data-share-url="${url}" data-share-title="${title}" hidden>Share…</button></li>
</ul>
<p class="share-status" role="status" aria-live="polite"></p>
</section>`;
}
