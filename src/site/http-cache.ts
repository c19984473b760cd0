// HTTP caching for everything the site renders: a strong ETag from the body, so browsers and a CDN in front
// can revalidate with If-None-Match and get a 304 without the body.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Answers `body` with its ETag and Cache-Control, or 304 when the client already has it. The ETag covers the
 * whole body: a page holds nothing that changes on every render (the comment form's token is fetched apart),
 * so a client that revalidates keeps its copy exactly as long as the page is the same.
 */
export function cachedResponse(c: Context, body: string, contentType: string, cacheControl: string) {
  const etag = etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  const ifNoneMatch = c.req.header('if-none-match');
  const bare = etag.replace(/^W\//, '');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}

export const HTML = 'text/html; charset=utf-8';
/**
 * Public pages: browsers revalidate every time; a CDN may keep them a minute, and for ten more minutes serve
 * its copy while it fetches a new one (or while the site is down).
 */
export const PAGE_CACHE = 'public, max-age=0, s-maxage=60, stale-while-revalidate=600, stale-if-error=600';
/** Answers that are one reader's own (a form with its token, a refused post): never stored by anyone. */
export const PERSONAL = 'no-store';
