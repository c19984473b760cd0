// HTTP caching for everything the site renders: a strong ETag from the body, so browsers and a CDN in front
// can revalidate with If-None-Match and get a 304 without the body.
import type { Context } from 'hono';
import { createHash } from 'node:crypto';

export function etagOf(body: string): string {
  return `"${createHash('sha1').update(body).digest('base64url')}"`;
}

/**
 * Answers `body` with its ETag and Cache-Control, or 304 when the client already has it. `volatile` names a
 * part of the body that changes on every render without changing the page (the comment form's token): the
 * ETag is then computed without it and marked weak, so a revalidating client keeps its copy, whose token is
 * still valid.
 */
export function cachedResponse(c: Context, body: string, contentType: string, cacheControl: string, volatile?: string) {
  const etag = volatile ? `W/${etagOf(body.split(volatile).join(''))}` : etagOf(body);
  c.header('ETag', etag);
  c.header('Cache-Control', cacheControl);
  const ifNoneMatch = c.req.header('if-none-match');
  const bare = etag.replace(/^W\//, '');
  if (ifNoneMatch && ifNoneMatch.split(',').some((tag) => tag.trim().replace(/^W\//, '') === bare)) return c.body(null, 304);
  c.header('Content-Type', contentType);
  return c.body(body);
}

export const HTML = 'text/html; charset=utf-8';
/** Pages: browsers revalidate every time, a CDN may keep them a minute. */
export const PAGE_CACHE = 'public, max-age=0, s-maxage=60';
