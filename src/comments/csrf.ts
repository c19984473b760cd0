// Signed, expiring tokens: one in every comment form (it also carries the time the form was rendered, for the
// minimum-time-to-submit rule) and one in every one-click moderation link. HMAC-SHA256 over a message that names
// the token's purpose, so a form token can never pass as a moderation link or the other way round.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type Secret = string | Uint8Array;

/** Below this a secret is a configuration mistake, not a secret. */
const MIN_SECRET_BYTES = 16;
/** Clocks of several servers disagree a little; a token "from the future" within this is still accepted. */
const CLOCK_SKEW_SECONDS = 60;

export type TokenFailure = 'malformed' | 'bad-signature' | 'wrong-article' | 'wrong-action' | 'wrong-comment' | 'expired' | 'not-yet-valid';

/**
 * A valid form token: when the form was rendered, the token's identity (the key under which it is spent: a
 * token serves one accepted post) and the moment after which it is refused anyway (the spent key can go then).
 */
export type FormTokenCheck = { ok: true; issuedAt: Date; tokenId: string; expiresAt: Date } | { ok: false; reason: TokenFailure };

export interface ActionClaims {
  /** What the link does, e.g. `approve`, `spam`, `trash` (lower-case letters, digits, hyphens). */
  action: string;
  commentId: number;
  expiresAt: Date;
}

export type ActionCheck = { ok: true; action: string; commentId: number; expiresAt: Date } | { ok: false; reason: TokenFailure };

/** A token for the comment form of one article, stamped with the render time. */
export function issueFormToken(secret: Secret, claims: { articleId: number; now: Date }): string {
  assertId(claims.articleId, 'articleId');
  // Milliseconds: the minimum-time-to-submit rule measures a few seconds, and whole seconds would blur it.
  const issued = Math.floor(claims.now.getTime());
  const nonce = randomBytes(9).toString('base64url');
  const payload = `f1.${claims.articleId}.${issued}.${nonce}`;
  return `${payload}.${sign(secret, `form|${payload}`)}`;
}

/** Checks a form token: signature first (nothing else is trusted before it), then article and age. */
export function verifyFormToken(
  secret: Secret,
  token: string | null | undefined,
  expected: { articleId: number; now: Date; maxAgeSeconds: number },
): FormTokenCheck {
  const parts = typeof token === 'string' && token.length <= 200 ? token.split('.') : [];
  if (parts.length !== 5 || parts[0] !== 'f1' || !isDecimal(parts[1]) || !isDecimal(parts[2]) || !/^[A-Za-z0-9_-]{12}$/.test(parts[3])) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = parts.slice(0, 4).join('.');
  if (!signatureMatches(secret, `form|${payload}`, parts[4])) return { ok: false, reason: 'bad-signature' };
  if (Number(parts[1]) !== expected.articleId) return { ok: false, reason: 'wrong-article' };
  const issued = Number(parts[2]);
  const now = expected.now.getTime();
  if (issued > now + CLOCK_SKEW_SECONDS * 1000) return { ok: false, reason: 'not-yet-valid' };
  if (now - issued > expected.maxAgeSeconds * 1000) return { ok: false, reason: 'expired' };
  return { ok: true, issuedAt: new Date(issued), tokenId: payload, expiresAt: new Date(issued + expected.maxAgeSeconds * 1000) };
}

/**
 * A token for a one-click moderation link, bound to one action on one comment until `expiresAt`.
 * Put it in a link to a confirmation page that POSTs: mail scanners and link previewers follow GET links.
 */
export function signAction(secret: Secret, claims: ActionClaims): string {
  assertAction(claims.action);
  assertId(claims.commentId, 'commentId');
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  const payload = `a1.${claims.action}.${claims.commentId}.${expires}`;
  return `${payload}.${sign(secret, `action|${payload}`)}`;
}

/** Checks a moderation token; `expected.action` / `expected.commentId`, when given, must match the token's. */
export function verifyAction(
  secret: Secret,
  token: string | null | undefined,
  expected: { now: Date; action?: string; commentId?: number },
): ActionCheck {
  const parts = typeof token === 'string' && token.length <= 200 ? token.split('.') : [];
  if (parts.length !== 5 || parts[0] !== 'a1' || !ACTION.test(parts[1]) || !isDecimal(parts[2]) || !isDecimal(parts[3])) {
    return { ok: false, reason: 'malformed' };
  }
  const payload = parts.slice(0, 4).join('.');
  if (!signatureMatches(secret, `action|${payload}`, parts[4])) return { ok: false, reason: 'bad-signature' };
  const action = parts[1];
  const commentId = Number(parts[2]);
  const expiresAt = new Date(Number(parts[3]) * 1000);
  if (expected.action !== undefined && expected.action !== action) return { ok: false, reason: 'wrong-action' };
  if (expected.commentId !== undefined && expected.commentId !== commentId) return { ok: false, reason: 'wrong-comment' };
  if (expected.now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, action, commentId, expiresAt };
}

/**
 * The returning commenter's proof, kept in an HttpOnly cookie: set when a comment is posted, it names that
 * comment and is signed over its email address and name. Typing a known address proves nothing; coming back
 * with this token, the same address and the same name, when the comment it names was approved, shows the same
 * person is back. Neither the address nor the name is readable in the token.
 */
export function signCommenter(secret: Secret, claims: { commentId: number; email: string; name: string; expiresAt: Date }): string {
  assertId(claims.commentId, 'commentId');
  const expires = Math.floor(claims.expiresAt.getTime() / 1000);
  return `c1.${claims.commentId}.${expires}.${sign(secret, commenterMessage(claims.commentId, expires, claims.email, claims.name))}`;
}

/** The comment the token names, when it was signed for this email address and this exact name and is still valid. */
export function verifyCommenter(secret: Secret, token: string | null | undefined, expected: { email: string; name: string; now: Date }): number | null {
  const parts = typeof token === 'string' && token.length <= 200 ? token.split('.') : [];
  if (parts.length !== 4 || parts[0] !== 'c1' || !isDecimal(parts[1]) || !isDecimal(parts[2])) return null;
  const commentId = Number(parts[1]);
  const expires = Number(parts[2]);
  if (!signatureMatches(secret, commenterMessage(commentId, expires, expected.email, expected.name), parts[3])) return null;
  return expected.now.getTime() < expires * 1000 ? commentId : null;
}

function commenterMessage(commentId: number, expires: number, email: string, name: string): string {
  // JSON keeps the fields apart whatever characters a name holds.
  return `commenter|c1.${commentId}.${expires}|${JSON.stringify([email.toLowerCase(), name])}`;
}

/**
 * The author's right to edit or delete one comment, kept in an HttpOnly cookie for the edit window: it names the
 * comment and its end, and is signed over both. Holding it is the proof: no account, no email.
 */
export function signEdit(secret: Secret, claims: { commentId: number; expiresAt: Date }): string {
  assertId(claims.commentId, 'commentId');
  const payload = `e1.${claims.commentId}.${Math.floor(claims.expiresAt.getTime() / 1000)}`;
  return `${payload}.${sign(secret, `edit|${payload}`)}`;
}

export type EditCheck = { ok: true; commentId: number; expiresAt: Date } | { ok: false; reason: 'malformed' | 'bad-signature' | 'wrong-comment' | 'expired' };

/** Checks an edit token; `expected.commentId`, when given, must be the token's. */
export function verifyEdit(secret: Secret, token: string | null | undefined, expected: { now: Date; commentId?: number }): EditCheck {
  const parts = typeof token === 'string' && token.length <= 200 ? token.split('.') : [];
  if (parts.length !== 4 || parts[0] !== 'e1' || !isDecimal(parts[1]) || !isDecimal(parts[2])) return { ok: false, reason: 'malformed' };
  const payload = parts.slice(0, 3).join('.');
  if (!signatureMatches(secret, `edit|${payload}`, parts[3])) return { ok: false, reason: 'bad-signature' };
  const commentId = Number(parts[1]);
  if (expected.commentId !== undefined && expected.commentId !== commentId) return { ok: false, reason: 'wrong-comment' };
  const expiresAt = new Date(Number(parts[2]) * 1000);
  if (expected.now.getTime() >= expiresAt.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, commentId, expiresAt };
}

const ACTION = /^[a-z][a-z0-9-]{0,31}$/;

function sign(secret: Secret, message: string): string {
  return createHmac('sha256', secretBytes(secret)).update(message, 'utf8').digest('base64url');
}

function signatureMatches(secret: Secret, message: string, given: string): boolean {
  const expected = Buffer.from(sign(secret, message), 'utf8');
  const actual = Buffer.from(given, 'utf8');
  // The length of a SHA-256 signature is public; only equal-length inputs are compared, in constant time.
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

function secretBytes(secret: Secret): Uint8Array {
  const bytes = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  if (bytes.length < MIN_SECRET_BYTES) throw new Error(`The signing secret must be at least ${MIN_SECRET_BYTES} bytes long.`);
  return bytes;
}

function isDecimal(text: string): boolean {
  return /^(0|[1-9]\d{0,14})$/.test(text);
}

function assertId(value: number, name: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`${name} must be a non-negative integer, got ${value}.`);
}

function assertAction(action: string): void {
  if (!ACTION.test(action)) throw new Error(`An action name is lower-case letters, digits and hyphens; got "${action}".`);
}
