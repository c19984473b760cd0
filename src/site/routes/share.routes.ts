// Mastodon has no single share endpoint: the reader names an instance on this small page first. Without
// JavaScript the page then shows a link to that instance; it never redirects there itself, so this site's address
// cannot be used to send anyone to a host of an attacker's choosing (no open redirect).
import type { Hono } from 'hono';
import type { SiteDeps } from '../../http/deps.js';
import { MASTODON_SHARE_PATH, mastodonShareUrl } from '../share-links.js';
import { renderMastodonSharePage } from '../views/mastodon-share-page.js';

export function registerShareRoutes(app: Hono, deps: SiteDeps): void {
  app.get(MASTODON_SHARE_PATH, (c) => {
    const text = (c.req.query('text') ?? '').slice(0, 1000);
    const instance = (c.req.query('instance') ?? '').trim();
    if (instance) {
      const target = mastodonShareUrl(instance, text);
      c.header('X-Robots-Tag', 'noindex');
      if (target) return c.html(renderMastodonSharePage({ site: deps.site, text, instance, error: null, target }));
      return c.html(renderMastodonSharePage({ site: deps.site, text, instance, error: 'Enter the host name of a Mastodon instance, such as mastodon.social.' }), 400);
    }
    c.header('X-Robots-Tag', 'noindex');
    return c.html(renderMastodonSharePage({ site: deps.site, text, instance: '', error: null }));
  });
}
