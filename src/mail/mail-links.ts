// The signed links that mail carries. HMAC-SHA256 with CONVEY_SECRET over a message naming the link's purpose,
// so an unsubscribe link never opens a commenter's data, nor the other way round.
//  - unsubscribe: names the subscribed comment only (no address in the link); it does not expire, as a
//    one-click unsubscribe (RFC 8058) must keep working in an old mail;
//  - your data: names the address and an expiry; it opens the export and the erase of that address.
import { createHmac, timingSafeEqual } from 'node:crypto';

export type LinkFailure = 'malformed' | 'bad-signature' | 'expired';

/** How long a mailed link to a commenter's data works. */
export const DATA_LINK_LIFETIME_MS = 2 * 3600_000;

function sign(secret: string, message: string): string {
  return createHmac('sha256', secret).update(message).digest('base64url');
}

function matches(secret: string, message: string, signature: string): boolean {
  const expected = Buffer.from(sign(secret, message));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function unsubscribeToken(secret: string, commentId: number): string {
  if (!Number.isSafeInteger(commentId) || commentId < 1) throw new Error(`not a comment id: ${commentId}`);
  const payload = `u1.${commentId}`;
  return `${payload}.${sign(secret, `unsubscribe|${payload}`)}`;
}

export function verifyUnsubscribeToken(secret: string, token: string): { ok: true; commentId: number } | { ok: false; reason: LinkFailure } {
  const match = /^u1\.([1-9]\d{0,14})\.([A-Za-z0-9_-]{43})$/.exec(token);
  if (!match) return { ok: false, reason: 'malformed' };
  if (!matches(secret, `unsubscribe|u1.${match[1]}`, match[2])) return { ok: false, reason: 'bad-signature' };
  return { ok: true, commentId: Number(match[1]) };
}

export function dataToken(secret: string, email: string, expiresAt: Date): string {
  const payload = `d1.${Math.floor(expiresAt.getTime() / 1000)}.${Buffer.from(email.toLowerCase(), 'utf8').toString('base64url')}`;
  return `${payload}.${sign(secret, `your-data|${payload}`)}`;
}

export function verifyDataToken(
  secret: string,
  token: string,
  now: Date,
): { ok: true; email: string; expiresAt: Date } | { ok: false; reason: LinkFailure } {
  const match = token.length <= 600 ? /^d1\.(\d{1,12})\.([A-Za-z0-9_-]{1,400})\.([A-Za-z0-9_-]{43})$/.exec(token) : null;
  if (!match) return { ok: false, reason: 'malformed' };
  if (!matches(secret, `your-data|d1.${match[1]}.${match[2]}`, match[3])) return { ok: false, reason: 'bad-signature' };
  const expiresAt = new Date(Number(match[1]) * 1000);
  if (now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, email: Buffer.from(match[2], 'base64url').toString('utf8'), expiresAt };
}

/** The paths of the mail pages (routes in site/routes/mail.routes.ts). */
export const MAIL_PATHS = {
  unsubscribe: (token: string) => `/mail/unsubscribe/${token}`,
  /** A mailed one-click moderation link (GET asks, POST does it). */
  moderate: (token: string) => `/mail/moderate/${token}`,
  dataRequest: '/mail/your-comments',
  data: (token: string) => `/mail/your-comments/${token}`,
  dataExport: (token: string) => `/mail/your-comments/${token}/export.json`,
  dataErase: (token: string) => `/mail/your-comments/${token}/erase`,
} as const;
