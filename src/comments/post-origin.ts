// Whether a comment post comes from this site's own pages (defence in depth on top of the signed, once-only
// form token). Browsers send `Origin` with every form POST; `Origin: null` comes from sandboxed frames,
// `data:` pages and some cross-origin redirects, never from a form on this site, so it is refused.
// Without `Origin`, a `Referer` from elsewhere is refused too.

/**
 * With neither header the post is accepted, as before: some privacy tools and proxies strip both, and the
 * signed form token (bound to the article, spent on use) already proves the form came from this site.
 */
export function postComesFromSite(headers: { origin?: string | null; referer?: string | null }, siteOrigins: readonly string[]): boolean {
  const origin = headers.origin?.trim();
  if (origin) return siteOrigins.includes(origin);
  const referer = headers.referer?.trim();
  if (!referer) return true;
  try {
    return siteOrigins.includes(new URL(referer).origin);
  } catch {
    return false;
  }
}
