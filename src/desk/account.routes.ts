// The desk's account routes: log in and out, one-time links, one's account, users and the audit log.
import type { Context, Hono } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { siteDisplayName } from '../site/views/layout.js';
import { deleteSession, deleteSessionsOfUser, countSessionsOfUser, pruneSessions } from '../store/sessions.js';
import { pruneRateLimits } from '../store/rate-limits.js';
import { countOwners, getUser, isRole, listUsers, setRole } from '../store/users.js';
import { listAudit, recordAudit } from '../store/audit-log.js';
import { AccountError, addUser, describeLink, issueResetLink, linkUrl, login, startSession, useLink } from './accounts.js';
import { describeLock } from './throttle.js';
import { allow, clearSessionCookie, formToken, requestIp, requireSessionOf, sessionOf, setSessionCookie } from './desk-session.js';
import { renderAccountPage, renderAuditPage, renderDeadLinkPage, renderLinkPage, renderLoginPage, renderUsersPage } from './views/account-pages.js';
import { isWellFormedToken } from './tokens.js';
import { parseId } from '../admin/admin.routes.js';
import type { LinkPurpose } from '../store/account-links.js';

const AUDIT_PAGE = 50;
const PRUNE_EVERY_MS = 3_600_000;

/** Where to go after logging in: a desk path only, so a crafted `next` cannot send anyone elsewhere. */
export function safeNext(value: unknown): string {
  return typeof value === 'string' && /^\/admin(\/[A-Za-z0-9._~\-/]*)?$/.test(value) && !value.includes('//') ? value : '/admin';
}

async function field(c: Context, name: string): Promise<string> {
  const value = (await c.req.parseBody())[name];
  return typeof value === 'string' ? value : '';
}

export function registerAccountRoutes(app: Hono, deps: SiteDeps): void {
  const siteName = () => siteDisplayName(deps.site);

  app.get('/admin/login', (c) => {
    if (sessionOf(c)) return c.redirect('/admin', 303);
    const notice = c.req.query('done') === 'logged-out' ? 'You are logged out.' : null;
    return c.html(renderLoginPage({ siteName: siteName(), csrfToken: formToken(c, deps), next: c.req.query('next') ?? null, notice }));
  });

  let lastPrune = 0;
  app.post('/admin/login', async (c) => {
    // Expired sessions and forgotten failure logs go now and then, on the request that makes new ones.
    if (deps.now().getTime() - lastPrune >= PRUNE_EVERY_MS) {
      lastPrune = deps.now().getTime();
      await pruneSessions(deps.store.db, deps.now());
      await pruneRateLimits(deps.store.db, deps.now());
    }
    const email = (await field(c, 'email')).slice(0, 320);
    const password = await field(c, 'password');
    const next = safeNext(await field(c, 'next'));
    const result = await login(deps.store, { email, password }, requestIp(c, deps), deps.now());
    if (result.ok) {
      const { token } = await startSession(deps.store, result.user.id, c.req.header('user-agent') ?? null, deps.now());
      setSessionCookie(c, deps, token);
      return c.redirect(next, 303);
    }
    const error =
      result.reason === 'locked'
        ? `${result.scope === 'account' ? 'This account is locked after five wrong passwords.' : 'Too many wrong passwords from your network.'} ${describeLock(result.until.getTime(), deps.now().getTime())}`
        : 'Wrong email address or password.';
    return c.html(renderLoginPage({ siteName: siteName(), csrfToken: formToken(c, deps), email, next, error }), result.reason === 'locked' ? 429 : 401);
  });

  const linkRoutes = (purpose: 'setup' | 'reset') => {
    const path = `/admin/${purpose}/:token`;
    const fits = (found: LinkPurpose) => (purpose === 'reset' ? found === 'reset' : found !== 'reset');
    app.get(path, async (c) => {
      const token = c.req.param('token') ?? '';
      const link = isWellFormedToken(token) ? await describeLink(deps.store, token, deps.now()) : null;
      if (!link || !fits(link.purpose)) return c.html(renderDeadLinkPage(siteName()), 410);
      return c.html(renderLinkPage({ siteName: siteName(), csrfToken: formToken(c, deps), token, purpose: link.purpose, email: link.email }));
    });
    app.post(path, async (c) => {
      const token = c.req.param('token') ?? '';
      const link = isWellFormedToken(token) ? await describeLink(deps.store, token, deps.now()) : null;
      if (!link || !fits(link.purpose)) return c.html(renderDeadLinkPage(siteName()), 410);
      try {
        const user = await useLink(deps.store, token, { email: await field(c, 'email'), password: await field(c, 'password'), confirm: await field(c, 'confirm') }, requestIp(c, deps), deps.now());
        const session = await startSession(deps.store, user.id, c.req.header('user-agent') ?? null, deps.now());
        setSessionCookie(c, deps, session.token);
        return c.redirect('/admin', 303);
      } catch (error) {
        if (!(error instanceof AccountError)) throw error;
        return c.html(renderLinkPage({ siteName: siteName(), csrfToken: formToken(c, deps), token, purpose: link.purpose, email: link.email, error: error.message }), 400);
      }
    });
  };
  linkRoutes('setup');
  linkRoutes('reset');

  app.post('/admin/logout', async (c) => {
    const session = requireSessionOf(c);
    await deleteSession(deps.store.db, session.id);
    await recordAudit(deps.store.db, { userId: session.user.id, actor: session.user.email, action: 'logout', ip: requestIp(c, deps) }, deps.now());
    clearSessionCookie(c, deps);
    return c.redirect('/admin/login?done=logged-out', 303);
  });

  app.post('/admin/logout-everywhere', async (c) => {
    const session = requireSessionOf(c);
    const ended = await deleteSessionsOfUser(deps.store.db, session.user.id);
    await recordAudit(deps.store.db, { userId: session.user.id, actor: session.user.email, action: 'logout.everywhere', detail: `${ended} sessions ended`, ip: requestIp(c, deps) }, deps.now());
    clearSessionCookie(c, deps);
    return c.redirect('/admin/login?done=logged-out', 303);
  });

  app.get('/admin/account', allow('account'), async (c) => {
    const session = requireSessionOf(c);
    const sessions = await countSessionsOfUser(deps.store.db, session.user.id, deps.now());
    return c.html(renderAccountPage({ siteName: siteName(), user: session.user, csrfToken: session.csrfToken, sessions }));
  });

  const usersPage = async (c: Context, extra: Partial<Parameters<typeof renderUsersPage>[0]> = {}, status: 200 | 400 | 409 = 200) => {
    const session = requireSessionOf(c);
    const users = await listUsers(deps.store.db);
    return c.html(renderUsersPage({ siteName: siteName(), user: session.user, csrfToken: session.csrfToken, users, ...extra }), status);
  };
  const actorOf = (c: Context) => {
    const { user } = requireSessionOf(c);
    return { userId: user.id, name: user.email, ip: requestIp(c, deps) };
  };

  app.get('/admin/users', allow('users'), async (c) => usersPage(c, { notice: c.req.query('done') === 'role' ? 'The role is changed; it applies from the next page the user opens.' : null }));

  app.post('/admin/users', allow('users'), async (c) => {
    const role = await field(c, 'role');
    if (!isRole(role)) return usersPage(c, { error: 'Choose a role: owner, editor or moderator.' }, 400);
    try {
      const { user, token, expiresAt } = await addUser(deps.store, { email: await field(c, 'email'), role }, actorOf(c), deps.now());
      return usersPage(c, { link: { email: user.email, url: linkUrl(deps.site.url, 'setup', token), expiresAt, purpose: 'setup' } });
    } catch (error) {
      if (!(error instanceof AccountError)) throw error;
      return usersPage(c, { error: error.message }, 400);
    }
  });

  app.post('/admin/users/:id/role', allow('users'), async (c) => {
    const target = await getUser(deps.store.db, parseId(c.req.param('id')));
    if (!target) return usersPage(c, { error: 'There is no such user.' }, 400);
    const role = await field(c, 'role');
    if (!isRole(role)) return usersPage(c, { error: 'Choose a role: owner, editor or moderator.' }, 400);
    // The last owner cannot step down: someone must be able to manage users.
    if (target.role === 'owner' && role !== 'owner' && (await countOwners(deps.store.db)) <= 1) {
      return usersPage(c, { error: `${target.email} is the only owner: make another owner first.` }, 409);
    }
    await setRole(deps.store.db, target.id, role, deps.now());
    const actor = actorOf(c);
    await recordAudit(deps.store.db, { userId: actor.userId, actor: actor.name, action: 'user.role', target: target.email, detail: `${target.role} → ${role}`, ip: actor.ip }, deps.now());
    return c.redirect('/admin/users?done=role', 303);
  });

  app.post('/admin/users/:id/reset', allow('users'), async (c) => {
    const target = await getUser(deps.store.db, parseId(c.req.param('id')));
    if (!target) return usersPage(c, { error: 'There is no such user.' }, 400);
    const { token, expiresAt } = await issueResetLink(deps.store, target.email, actorOf(c), deps.now());
    return usersPage(c, { link: { email: target.email, url: linkUrl(deps.site.url, 'reset', token), expiresAt, purpose: 'reset' } });
  });

  app.get('/admin/audit', allow('audit'), async (c) => {
    const session = requireSessionOf(c);
    const page = Math.max(1, Math.min(10_000, Number.parseInt(c.req.query('page') ?? '1', 10) || 1));
    const entries = await listAudit(deps.store.db, { limit: AUDIT_PAGE + 1, offset: (page - 1) * AUDIT_PAGE });
    return c.html(renderAuditPage({ siteName: siteName(), user: session.user, csrfToken: session.csrfToken, entries: entries.slice(0, AUDIT_PAGE), page, hasMore: entries.length > AUDIT_PAGE }));
  });
}
