// Share links rendered on the server as plain links: nothing reaches a network until the reader clicks one.
// Mastodon has no global share address, so its link goes to a small page of this site that asks for the
// reader's instance (share.js asks in place when scripts run).

import { excerptOf } from '../clean/excerpt.js';

export interface ShareLink {
  network: string;
  label: string;
  href: string;
}

/** Path of the same-site page that asks for a Mastodon instance. */
export const MASTODON_SHARE_PATH = '/share/mastodon';

const e = encodeURIComponent;

/** Every network a share button can go to, in the order shown; the site's settings pick among them. */
export const SHARE_NETWORKS = ['x', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'bluesky', 'mastodon', 'email'] as const;
export type ShareNetwork = (typeof SHARE_NETWORKS)[number];

export const SHARE_NETWORK_LABELS: Record<ShareNetwork, string> = {
  x: 'X', facebook: 'Facebook', linkedin: 'LinkedIn', whatsapp: 'WhatsApp', telegram: 'Telegram', reddit: 'Reddit', bluesky: 'Bluesky', mastodon: 'Mastodon', email: 'Email',
};

/** The share links of a page; only the networks in `networks` when given (the site's settings). */
export function shareLinks(url: string, title: string, networks?: readonly string[]): ShareLink[] {
  const all = allShareLinks(url, title);
  return networks ? all.filter((link) => networks.includes(link.network)) : all;
}

function allShareLinks(url: string, title: string): ShareLink[] {
  const text = `${title} ${url}`;
  // Bluesky posts hold 300 graphemes; keep room for the URL and a space.
  const blueskyText = `${excerptOf(title, Math.max(40, 300 - Array.from(url).length - 1))} ${url}`;
  return [
    { network: 'x', label: 'X', href: `https://x.com/intent/tweet?text=${e(title)}&url=${e(url)}` },
    { network: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${e(url)}` },
    { network: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${e(url)}` },
    { network: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?text=${e(text)}` },
    { network: 'telegram', label: 'Telegram', href: `https://t.me/share/url?url=${e(url)}&text=${e(title)}` },
    { network: 'reddit', label: 'Reddit', href: `https://www.reddit.com/submit?url=${e(url)}&title=${e(title)}` },
    { network: 'bluesky', label: 'Bluesky', href: `https://bsky.app/intent/compose?text=${e(blueskyText)}` },
    { network: 'mastodon', label: 'Mastodon', href: `${MASTODON_SHARE_PATH}?text=${e(text)}` },
    { network: 'email', label: 'Email', href: `mailto:?subject=${e(title)}&body=${e(text)}` },
  ];
}

/** A bare host name (optionally with a port), as a reader would type their instance: no scheme, path or user. */
const HOST = /^(?=.{1,253}(?::\d{1,5})?$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}(?::\d{1,5})?$/i;

/**
 * The share address on a reader's Mastodon instance, or null when `instance` is not a plain host name.
 * Accepts "mastodon.social", "https://mastodon.social/" or "@user@mastodon.social".
 */
export function mastodonShareUrl(instance: string, text: string): string | null {
  let host = instance.trim().toLowerCase();
  if (host.startsWith('https://')) host = host.slice(8);
  if (host.endsWith('/')) host = host.slice(0, -1);
  const at = host.lastIndexOf('@');
  if (at !== -1) host = host.slice(at + 1);
  if (!HOST.test(host)) return null;
  return `https://${host}/share?text=${e(text)}`;
}
