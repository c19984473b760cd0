// Accounts of the desk: one-time links that set a password (the first owner, a new account, a reset), login
// with its throttle, and sessions. Shared by the desk's routes and the `convey users` command.
import type { Store } from '../store/database.js';
import { countUsers, createUser, findUserByEmail, getUser, normaliseEmail, setPasswordHash, type Role, type User } from '../store/users.js';
import { findUsableLink, insertAccountLink, spendLink, voidLinks, type LinkPurpose } from '../store/account-links.js';
import { deleteSessionsOfUser, insertSession } from '../store/sessions.js';
import { recordAudit } from '../store/audit-log.js';
import { clearRateLog, readRateLog, updateRateLog } from '../store/rate-limits.js';
import { decoyHash, hashPassword, passwordProblem, verifyPassword } from './passwords.js';
import { ACCOUNT_THROTTLE, ADDRESS_THROTTLE, lockedUntil, withFailure, type ThrottleRule } from './throttle.js';
import { newToken, tokenId } from './tokens.js';

/** A refusal the person can act on, shown on the form as is. */
export class AccountError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AccountError';
  }
}

const HOUR = 3_600_000;
/** How long each kind of link works: a reset is short, a new account's link waits for its owner a few days. */
export const LINK_LIFETIME_MS: Record<LinkPurpose, number> = { 'first-owner': 24 * HOUR, setup: 72 * HOUR, reset: 1 * HOUR };
/** A session lasts this long after its last use, and never longer than SESSION_MAX_MS after it began. */
export const SESSION_IDLE_MS = 12 * HOUR;
export const SESSION_MAX_MS = 7 * 24 * HOUR;

const EMAIL = /^[^\s@<>"']{1,64}@[^\s@<>"']{1,253}$/;

export function checkEmail(email: string): string {
  const normal = normaliseEmail(email);
  if (!EMAIL.test(normal) || !normal.split('@')[1].includes('.')) throw new AccountError(`"${email.trim()}" is not an email address.`);
  return normal;
}

/** Where a link is opened: the setup page (first owner, new account) or the reset page. */
export function linkPath(purpose: LinkPurpose, token: string): string {
  return purpose === 'reset' ? `/admin/reset/${token}` : `/admin/setup/${token}`;
}

export function linkUrl(siteUrl: string, purpose: LinkPurpose, token: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${linkPath(purpose, token)}`;
}

async function issueLink(store: Store, purpose: LinkPurpose, userId: number | null, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(now.getTime() + LINK_LIFETIME_MS[purpose]);
  await store.db.transaction().execute(async (tx) => {
    // One live link of a kind per account: the newest replaces any older one still unused.
    await voidLinks(tx, purpose, userId, now);
    await insertAccountLink(tx, { id: tokenId(token), purpose, userId, expiresAt }, now);
  });
  return { token, expiresAt };
}

export interface Actor {
  userId: number | null;
  /** The account's address, or `cli`. */
  name: string;
  ip?: string | null;
}

export const CLI_ACTOR: Actor = { userId: null, name: 'cli' };

/** A new account without a password, and the one-time link that sets it. */
export async function addUser(store: Store, input: { email: string; role: Role }, actor: Actor, now: Date): Promise<{ user: User; token: string; expiresAt: Date }> {
  const email = checkEmail(input.email);
  const user = await createUser(store.db, { email, role: input.role }, now).catch((error: Error) => {
    throw new AccountError(error.message);
  });
  const link = await issueLink(store, 'setup', user.id, now);
  await recordAudit(store.db, { userId: actor.userId, actor: actor.name, action: 'user.add', target: email, detail: `role ${input.role}`, ip: actor.ip }, now);
  return { user, ...link };
}

/** A reset link for an existing account (the old password keeps working until the link is used). */
export async function issueResetLink(store: Store, email: string, actor: Actor, now: Date): Promise<{ user: User; token: string; expiresAt: Date }> {
  const user = await findUserByEmail(store.db, email);
  if (!user) throw new AccountError(`there is no account for ${normaliseEmail(email)}`);
  const link = await issueLink(store, 'reset', user.id, now);
  await recordAudit(store.db, { userId: actor.userId, actor: actor.name, action: 'user.reset-link', target: user.email, ip: actor.ip }, now);
  const { passwordHash: _hash, ...plain } = user;
  return { user: plain, ...link };
}

/** On a store without any account: a link that makes the first owner (null once an account exists). */
export async function firstOwnerLink(store: Store, now: Date): Promise<{ token: string; expiresAt: Date } | null> {
  if ((await countUsers(store.db)) > 0) return null;
  return issueLink(store, 'first-owner', null, now);
}

/** The lines `serve` and `demo` print at start on a store without any account; none once one exists. */
export async function firstOwnerNotice(store: Store, siteUrl: string, now: Date): Promise<string[]> {
  const link = await firstOwnerLink(store, now);
  if (!link) return [];
  return [
    `No desk account yet. Open this one-time link to create the first owner (valid until ${link.expiresAt.toISOString()}):`,
    `  ${linkUrl(siteUrl, 'first-owner', link.token)}`,
    '(or run: convey users add --role owner --email you@example.org)',
  ];
}

/** What a link's page shows before it is used: its purpose and, for an existing account, the address. */
export async function describeLink(store: Store, token: string, now: Date): Promise<{ purpose: LinkPurpose; email: string | null } | null> {
  const link = await findUsableLink(store.db, tokenId(token), now);
  if (!link) return null;
  if (link.purpose === 'first-owner') return (await countUsers(store.db)) === 0 ? { purpose: link.purpose, email: null } : null;
  const user = link.userId === null ? null : await getUser(store.db, link.userId);
  return user ? { purpose: link.purpose, email: user.email } : null;
}

const DEAD_LINK = 'This link has expired or was already used. Ask an owner for a new one (convey users reset --email …).';

/**
 * Uses a link: sets the password (making the first owner's account, for that link) and returns the account.
 * The link is spent in the same transaction that writes the password, so it serves once; a reset also ends
 * every session of the account.
 */
export async function useLink(store: Store, token: string, input: { email?: string; password: string; confirm: string }, ip: string | null, now: Date): Promise<User> {
  const described = await describeLink(store, token, now);
  if (!described) throw new AccountError(DEAD_LINK);
  const email = described.email ?? checkEmail(input.email ?? '');
  if (input.password !== input.confirm) throw new AccountError('The two passwords differ.');
  const problem = passwordProblem(input.password, email);
  if (problem) throw new AccountError(problem);
  const hash = await hashPassword(input.password);
  return store.db.transaction().execute(async (tx) => {
    if (!(await spendLink(tx, tokenId(token), now))) throw new AccountError(DEAD_LINK);
    let user: User;
    if (described.purpose === 'first-owner') {
      // Two first-owner links could race; only a store still without accounts takes one.
      if ((await countUsers(tx)) > 0) throw new AccountError(DEAD_LINK);
      user = await createUser(tx, { email, role: 'owner', passwordHash: hash }, now);
    } else {
      const found = await findUserByEmail(tx, email);
      if (!found) throw new AccountError(DEAD_LINK);
      await setPasswordHash(tx, found.id, hash, now);
      await deleteSessionsOfUser(tx, found.id);
      const { passwordHash: _hash, ...plain } = found;
      user = { ...plain, hasPassword: true };
    }
    const action = described.purpose === 'reset' ? 'user.password-reset' : described.purpose === 'first-owner' ? 'user.first-owner' : 'user.password-set';
    await recordAudit(tx, { userId: user.id, actor: user.email, action, target: user.email, ip }, now);
    return user;
  });
}

export type LoginResult =
  | { ok: true; user: User }
  | { ok: false; reason: 'wrong' }
  | { ok: false; reason: 'locked'; until: Date; scope: 'account' | 'address' };

const ACCOUNT_SCOPE = 'login-account';
const ADDRESS_SCOPE = 'login-address';

async function lockOf(store: Store, scope: string, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
  const until = lockedUntil(await readRateLog(store.db, scope, key), rule, now.getTime());
  return until === null ? null : new Date(until);
}

async function recordFailure(store: Store, scope: string, key: string, rule: ThrottleRule, now: Date): Promise<Date | null> {
  return updateRateLog(store.db, scope, key, (times) => {
    const next = withFailure(times, rule, now.getTime());
    const until = lockedUntil(next.times, rule, now.getTime());
    return { ...next, result: until === null ? null : new Date(until) };
  });
}

/**
 * Checks an email address and password. A locked account or address is refused before the password is
 * looked at (so a guesser learns nothing during the lock); a miss counts against both; a success clears the
 * account's count. An unknown address costs the same hashing as a known one.
 */
export async function login(store: Store, input: { email: string; password: string }, ip: string, now: Date): Promise<LoginResult> {
  const email = normaliseEmail(input.email);
  const addressLock = await lockOf(store, ADDRESS_SCOPE, ip, ADDRESS_THROTTLE, now);
  if (addressLock) return { ok: false, reason: 'locked', until: addressLock, scope: 'address' };
  const accountLock = await lockOf(store, ACCOUNT_SCOPE, email, ACCOUNT_THROTTLE, now);
  if (accountLock) return { ok: false, reason: 'locked', until: accountLock, scope: 'account' };
  const user = email ? await findUserByEmail(store.db, email) : null;
  const matches = user?.passwordHash ? await verifyPassword(input.password, user.passwordHash) : (await verifyPassword(input.password, await decoyHash()), false);
  if (user && matches) {
    await clearRateLog(store.db, ACCOUNT_SCOPE, email);
    await recordAudit(store.db, { userId: user.id, actor: user.email, action: 'login', ip }, now);
    const { passwordHash: _hash, ...plain } = user;
    return { ok: true, user: plain };
  }
  const locked = await recordFailure(store, ACCOUNT_SCOPE, email, ACCOUNT_THROTTLE, now);
  const addressLocked = await recordFailure(store, ADDRESS_SCOPE, ip, ADDRESS_THROTTLE, now);
  await recordAudit(store.db, { userId: user?.id ?? null, actor: user?.email ?? 'anonymous', action: 'login.failed', target: email.slice(0, 254), ip }, now);
  if (locked) {
    await recordAudit(store.db, { userId: user?.id ?? null, actor: 'throttle', action: 'login.locked', target: email.slice(0, 254), detail: `until ${locked.toISOString()}`, ip }, now);
    return { ok: false, reason: 'locked', until: locked, scope: 'account' };
  }
  if (addressLocked) return { ok: false, reason: 'locked', until: addressLocked, scope: 'address' };
  return { ok: false, reason: 'wrong' };
}

/** A new session for the user: the cookie's token and the session's CSRF token. */
export async function startSession(store: Store, userId: number, userAgent: string | null, now: Date): Promise<{ token: string; csrfToken: string }> {
  const token = newToken();
  const csrfToken = newToken();
  const expiresAt = new Date(now.getTime() + SESSION_IDLE_MS);
  await insertSession(store.db, { id: tokenId(token), userId, csrfToken, expiresAt, userAgent: userAgent?.slice(0, 300) ?? null }, now);
  return { token, csrfToken };
}
