import { describe, it, expect } from 'vitest';
import { issueFormToken, verifyFormToken, signAction, verifyAction, signCommenter, verifyCommenter, signEdit, verifyEdit } from './csrf.js';

const SECRET = 'a-test-secret-that-is-long-enough';
const OTHER = 'another-secret-that-is-long-enough';
const T0 = new Date('2026-05-01T10:00:00Z');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

/** Changes one character of the token at `index` to a different one of the same alphabet. */
function flip(token: string, index: number): string {
  const c = token[index];
  const replacement = c === 'A' ? 'B' : 'A';
  return token.slice(0, index) + replacement + token.slice(index + 1);
}

describe('form tokens', () => {
  const token = issueFormToken(SECRET, { articleId: 42, now: T0 });
  const check = (t: string | null | undefined, overrides: Partial<{ articleId: number; now: Date; maxAgeSeconds: number }> = {}, secret = SECRET) =>
    verifyFormToken(secret, t, { articleId: 42, now: at(30), maxAgeSeconds: 3600, ...overrides });

  it('verifies and returns the render time', () => {
    expect(check(token)).toMatchObject({ ok: true, issuedAt: T0 });
  });

  it('names each token apart (the key under which it is spent) and says when it dies', () => {
    const again = issueFormToken(SECRET, { articleId: 42, now: T0 });
    const first = check(token);
    const second = check(again);
    expect(first.ok && second.ok && first.tokenId !== second.tokenId).toBe(true);
    expect(first).toMatchObject({ ok: true, expiresAt: at(3600) });
  });

  it('keeps the render time to the millisecond (the minimum-time rule measures seconds)', () => {
    const precise = new Date(T0.getTime() + 987);
    const t = issueFormToken(SECRET, { articleId: 42, now: precise });
    expect(check(t)).toMatchObject({ ok: true, issuedAt: precise });
  });

  it('is different every time (a nonce), and each verifies', () => {
    const again = issueFormToken(SECRET, { articleId: 42, now: T0 });
    expect(again).not.toBe(token);
    expect(check(again).ok).toBe(true);
  });

  it.each([
    ['another article', { articleId: 43 }, 'wrong-article'],
    ['expired', { now: at(3601) }, 'expired'],
    ['from the future', { now: at(-3600) }, 'not-yet-valid'],
  ])('refuses a token for %s', (_name, overrides, reason) => {
    expect(check(token, overrides)).toEqual({ ok: false, reason });
  });

  it('accepts a token exactly at its maximum age', () => {
    expect(check(token, { now: at(3600) }).ok).toBe(true);
  });

  it('refuses a token signed with another secret', () => {
    expect(check(token, {}, OTHER)).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a tampered signature', () => {
    expect(check(flip(token, token.length - 3))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token whose article id was changed', () => {
    const forged = token.replace(/^f1\.42\./, 'f1.43.');
    expect(check(forged, { articleId: 43 })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a token whose time was moved back (to dodge the minimum-time rule)', () => {
    const parts = token.split('.');
    parts[2] = String(Number(parts[2]) - 600_000);
    expect(check(parts.join('.'))).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'not a token'],
    ['too few parts', 'f1.42.1700000000000.sig'],
    ['wrong version', 'f2.42.1700000000000.AAAAAAAAAAAA.sig'],
    ['non-numeric article', 'f1.x.1700000000000.AAAAAAAAAAAA.sig'],
    ['negative time', 'f1.42.-1700000000000.AAAAAAAAAAAA.sig'],
    ['huge input', 'f1.'.repeat(10_000)],
  ])('refuses a %s token as malformed', (_name, t) => {
    expect(check(t)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('does not accept a moderation token as a form token', () => {
    const action = signAction(SECRET, { action: 'approve', commentId: 42, expiresAt: at(3600) });
    expect(check(action).ok).toBe(false);
  });

  it('refuses a short secret', () => {
    expect(() => issueFormToken('short', { articleId: 1, now: T0 })).toThrow(/at least 16 bytes/);
  });

  it('accepts a secret given as bytes', () => {
    const bytes = new Uint8Array(32).fill(7);
    const t = issueFormToken(bytes, { articleId: 1, now: T0 });
    expect(verifyFormToken(bytes, t, { articleId: 1, now: at(10), maxAgeSeconds: 60 }).ok).toBe(true);
  });
});

describe('moderation action tokens', () => {
  const token = signAction(SECRET, { action: 'approve', commentId: 7, expiresAt: at(3600) });

  it('verifies and returns the claims', () => {
    expect(verifyAction(SECRET, token, { now: at(10), action: 'approve', commentId: 7 })).toEqual({
      ok: true,
      action: 'approve',
      commentId: 7,
      expiresAt: at(3600),
    });
  });

  it.each([
    ['expired', { now: at(3600) }, 'expired'],
    ['another action', { now: at(10), action: 'trash' }, 'wrong-action'],
    ['another comment', { now: at(10), commentId: 8 }, 'wrong-comment'],
  ])('refuses %s', (_name, expected, reason) => {
    expect(verifyAction(SECRET, token, expected)).toEqual({ ok: false, reason });
  });

  it('refuses another secret and a tampered action', () => {
    expect(verifyAction(OTHER, token, { now: at(10) })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyAction(SECRET, token.replace('.approve.', '.trash.'), { now: at(10) })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyAction(SECRET, token.replace('.7.', '.8.'), { now: at(10) })).toEqual({ ok: false, reason: 'bad-signature' });
  });

  it('refuses a form token as an action token', () => {
    const form = issueFormToken(SECRET, { articleId: 7, now: T0 });
    expect(verifyAction(SECRET, form, { now: at(10) })).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses action names that could break the format', () => {
    expect(() => signAction(SECRET, { action: 'ap.prove', commentId: 1, expiresAt: at(1) })).toThrow();
    expect(() => signAction(SECRET, { action: 'Approve', commentId: 1, expiresAt: at(1) })).toThrow();
    expect(() => signAction(SECRET, { action: 'approve', commentId: -1, expiresAt: at(1) })).toThrow();
  });
});

describe('commenter tokens', () => {
  const ada = { email: 'ada@example.test', name: 'Ada' };
  const token = signCommenter(SECRET, { commentId: 12, ...ada, expiresAt: at(3600) });

  it('names the comment when the same address and name are back, whatever the case of the address', () => {
    expect(verifyCommenter(SECRET, token, { ...ada, now: at(10) })).toBe(12);
    expect(verifyCommenter(SECRET, token, { email: 'ADA@example.test', name: 'Ada', now: at(10) })).toBe(12);
    expect(token).not.toMatch(/ada/i);
  });

  it('refuses another name, another address, another secret, an expired, altered or missing token', () => {
    expect(verifyCommenter(SECRET, token, { email: ada.email, name: 'Mallory', now: at(10) })).toBeNull();
    expect(verifyCommenter(SECRET, token, { email: 'mallory@example.test', name: 'Ada', now: at(10) })).toBeNull();
    expect(verifyCommenter(OTHER, token, { ...ada, now: at(10) })).toBeNull();
    expect(verifyCommenter(SECRET, token, { ...ada, now: at(3600) })).toBeNull();
    expect(verifyCommenter(SECRET, undefined, { ...ada, now: at(10) })).toBeNull();
    expect(verifyCommenter(SECRET, token.replace(/^c1\.12\./, 'c1.13.'), { ...ada, now: at(10) })).toBeNull();
  });
});

describe('edit tokens', () => {
  const secret = 'an-edit-secret-of-enough-length';
  const now = new Date('2026-11-27T12:00:00Z');
  const expiresAt = new Date(now.getTime() + 15 * 60_000);

  it('names its comment until it expires, then is refused as expired', () => {
    const token = signEdit(secret, { commentId: 42, expiresAt });
    expect(verifyEdit(secret, token, { now, commentId: 42 })).toEqual({ ok: true, commentId: 42, expiresAt });
    expect(verifyEdit(secret, token, { now: new Date(expiresAt.getTime() - 1000) }).ok).toBe(true);
    expect(verifyEdit(secret, token, { now: expiresAt })).toEqual({ ok: false, reason: 'expired' });
  });
  it('is refused for another comment, with another secret, or altered', () => {
    const token = signEdit(secret, { commentId: 42, expiresAt });
    expect(verifyEdit(secret, token, { now, commentId: 43 })).toEqual({ ok: false, reason: 'wrong-comment' });
    expect(verifyEdit('another-secret-of-enough-length', token, { now })).toEqual({ ok: false, reason: 'bad-signature' });
    const later = token.replace(/^e1\.42\.(\d+)/, (_m, exp: string) => `e1.42.${Number(exp) + 3600}`);
    expect(verifyEdit(secret, later, { now })).toEqual({ ok: false, reason: 'bad-signature' });
    expect(verifyEdit(secret, token.replace('e1.42', 'e1.43'), { now })).toEqual({ ok: false, reason: 'bad-signature' });
  });
  it('never passes as another kind of token, nor they as it', () => {
    const action = signAction(secret, { action: 'approve', commentId: 42, expiresAt });
    expect(verifyEdit(secret, action, { now }).ok).toBe(false);
    expect(verifyAction(secret, signEdit(secret, { commentId: 42, expiresAt }), { now }).ok).toBe(false);
    expect(verifyEdit(secret, undefined, { now })).toEqual({ ok: false, reason: 'malformed' });
    expect(verifyEdit(secret, 'e1.x.1.y', { now })).toEqual({ ok: false, reason: 'malformed' });
  });
});
