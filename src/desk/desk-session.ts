// The gate in front of /admin: the session from its cookie (read from the store on every request, so a
// logout elsewhere or a role change applies at once), a login for every page but the few public ones, and a
// CSRF token on every POST.
import type { Context, MiddlewareHandler } from 'hono';
import { getCookie, setCookie, deleteCookie } from 'hono/cookie';
import type { SiteDeps } from '../http/deps.js';
import { findLiveSession, extendSession, type Session } from '../store/sessions.js';
import { clientIp } from '../comments/client-ip.js';
import { SESSION_IDLE_MS, SESSION_MAX_MS } from './accounts.js';
import { isWellFormedToken, newToken, sameToken, tokenId } from './tokens.js';
import { mayUse, type DeskArea } from './access.js';

export const SESSION_COOKIE = 'convey_session';
/** The pre-session form token (double-submit): the login and link forms have no session to bind to. */
export const FORM_COOKIE = 'convey_form';
const COOKIE_PATH = '/admin';

/** Pages that answer without a session: logging in and using a one-time link. Everything else needs one. */
export const PUBLIC_DESK_PATHS: readonly RegExp[] = [/^\/admin\/login$/, /^\/admin\/setup\/[^/]+$/, /^\/admin\/reset\/[^/]+$/];

export function isPublicDeskPath(path: string): boolean {
  return PUBLIC_DESK_PATHS.some((p) => p.test(path));
}

const sessions = new WeakMap<Request, Session>();

/** The request's session (set by the gate). */
export function sessionOf(c: Context): Session | null {
  return sessions.get(c.req.raw) ?? null;
}

export function requireSessionOf(c: Context): Session {
  const session = sessionOf(c);
  if (!session) throw new Error('no session on a page behind the gate');
  return session;
}

function secureCookies(deps: SiteDeps): boolean {
  return deps.site.url.startsWith('https:');
}

export function setSessionCookie(c: Context, deps: SiteDeps, token: string): void {
  // No Max-Age: the store decides when a session ends; the cookie goes with the browser's session at the latest.
  setCookie(c, SESSION_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: secureCookies(deps) });
}

export function clearSessionCookie(c: Context, deps: SiteDeps): void {
  deleteCookie(c, SESSION_COOKIE, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: secureCookies(deps) });
}

/** The pre-session form token, set as a cookie when missing; the form carries the same value. */
export function formToken(c: Context, deps: SiteDeps): string {
  const existing = getCookie(c, FORM_COOKIE);
  if (isWellFormedToken(existing)) return existing;
  const token = newToken();
  setCookie(c, FORM_COOKIE, token, { path: COOKIE_PATH, httpOnly: true, sameSite: 'Lax', secure: secureCookies(deps) });
  return token;
}

export function requestIp(c: Context, deps: SiteDeps): string {
  const remote = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket?.remoteAddress ?? '';
  return clientIp(remote, c.req.header('x-forwarded-for') ?? null, deps.config.comments.trustedProxies) || 'unknown';
}

async function loadSession(c: Context, deps: SiteDeps): Promise<Session | null> {
  const token = getCookie(c, SESSION_COOKIE);
  if (!isWellFormedToken(token)) return null;
  const now = deps.now();
  const session = await findLiveSession(deps.store.db, tokenId(token), now);
  if (!session) return null;
  // Sliding expiry, written at most every few minutes, and never past the session's absolute limit.
  const limit = new Date(session.createdAt).getTime() + SESSION_MAX_MS;
  const wanted = Math.min(now.getTime() + SESSION_IDLE_MS, limit);
  if (wanted - new Date(session.expiresAt).getTime() > 5 * 60_000) await extendSession(deps.store.db, session.id, new Date(wanted));
  return session;
}

async function formCsrf(c: Context): Promise<string> {
  // `all`: repeated fields (the ids of a bulk action) stay lists. Hono keeps the first parse for the handler,
  // so every desk route reads its form this same way.
  const body = await c.req.parseBody({ all: true });
  const value = body._csrf;
  return typeof value === 'string' ? value : '';
}

const refuse = (c: Context, status: 401 | 403, text: string) => {
  c.header('Cache-Control', 'no-store');
  return c.text(text, status);
};

export function deskGate(deps: SiteDeps): MiddlewareHandler {
  return async (c, next) => {
    c.header('Cache-Control', 'no-store');
    const session = await loadSession(c, deps);
    if (session) sessions.set(c.req.raw, session);
    const isPublic = isPublicDeskPath(c.req.path);
    if (!session && !isPublic) {
      if (c.req.method === 'GET' || c.req.method === 'HEAD') {
        return c.redirect(`/admin/login?next=${encodeURIComponent(c.req.path)}`, 303);
      }
      return refuse(c, 401, 'Log in first: this page needs a desk session.');
    }
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD') {
      const given = await formCsrf(c);
      const expected = session && !isPublic ? session.csrfToken : getCookie(c, FORM_COOKIE);
      if (!given || !expected || !sameToken(given, expected)) {
        return refuse(c, 403, 'This form was refused: its security token is missing or out of date. Go back, reload the page and send it again.');
      }
    }
    await next();
    c.header('Cache-Control', 'no-store');
  };
}

/** Refuses (403) a role that may not use this part of the desk. */
export function allow(area: DeskArea): MiddlewareHandler {
  return async (c, next) => {
    const session = sessionOf(c);
    if (!session || !mayUse(session.user.role, area)) return refuse(c, 403, `Your role may not open this part of the desk (${area}).`);
    await next();
  };
}
