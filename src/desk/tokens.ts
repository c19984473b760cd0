// Random tokens for cookies and one-time links. The browser or the link holds the token; the store keeps only
// its SHA-256, so reading the database (or a backup) lets no one in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export function tokenId(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('base64url');
}

/** A token as it may appear in a cookie or a path: 43 base64url characters, nothing else is looked up. */
export function isWellFormedToken(value: string | undefined | null): value is string {
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value);
}

/** Equal strings, compared in constant time (the length of a token is public). */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a, 'utf8');
  const y = Buffer.from(b, 'utf8');
  return x.length === y.length && timingSafeEqual(x, y);
}
