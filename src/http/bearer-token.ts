// The check of `Authorization: Bearer <token>` shared by the admin API and /metrics.
import type { Context } from 'hono';
import { timingSafeEqual, createHash } from 'node:crypto';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** True when the request carries the configured token; always false when none is configured (closed). */
export function hasBearerToken(c: Context, token: string | null): boolean {
  if (!token) return false;
  const header = c.req.header('authorization') ?? '';
  const given = header.startsWith('Bearer ') ? header.slice(7) : '';
  // Compare digests so that neither the length nor the content leaks through timing.
  return timingSafeEqual(digest(given), digest(token));
}
