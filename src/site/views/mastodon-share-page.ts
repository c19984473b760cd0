// The same-site page behind the Mastodon share link: it asks which instance the reader uses.
// With share.js the form opens the instance directly; without it, the form comes back to the route,
// which redirects to `mastodonShareUrl(instance, text)` (null → show this page again with `error`).
import type { SiteInfo } from '../../model/types.js';
import { html } from '../html.js';
import { MASTODON_SHARE_PATH } from '../share-links.js';
import { renderLayout } from './layout.js';

export interface MastodonSharePageData {
  site: SiteInfo;
  text: string;
  instance?: string | null;
  error?: string | null;
  /** The share address on the reader's instance, once named: shown as a link to follow, never redirected to. */
  target?: string | null;
}

export function renderMastodonSharePage(data: MastodonSharePageData): string {
  const body = html`<section class="mastodon-share">
<h1>Share on Mastodon</h1>
<p>Mastodon is many servers. Type the one where you have an account; this site sends nothing to it, your browser opens it.</p>
${data.error ? html`<p class="notice" role="alert">${data.error}</p>\n` : ''}${
    data.target ? html`<p class="notice"><a href="${data.target}" rel="noopener noreferrer nofollow">Continue to ${new URL(data.target).host}</a></p>\n` : ''
  }<form action="${MASTODON_SHARE_PATH}" method="get" data-mastodon-form>
<p><label for="mastodon-instance">Your instance</label><br><input id="mastodon-instance" type="text" name="instance" value="${data.instance ?? ''}" placeholder="mastodon.social" required autocomplete="url" inputmode="url"></p>
<p><label for="mastodon-text">Post</label><br><textarea id="mastodon-text" name="text" rows="4" cols="50">${data.text}</textarea></p>
<p><button type="submit">Share</button></p>
</form>
</section>`;
  return renderLayout({ site: data.site, title: 'Share on Mastodon', head: html`<meta name="robots" content="noindex">\n`, body, withShareScript: true });
}
