// What every desk route file needs: the page context of the signed-in account, the notice named by `?done=`,
// the audit log entry of an action, and an action runner that shows a refusal on a desk page.
import type { Context } from 'hono';
import type { SiteDeps } from '../http/deps.js';
import { siteDisplayName } from '../site/views/layout.js';
import { recordAudit } from '../store/audit-log.js';
import { ActionError } from '../admin/actions.js';
import { requestIp, requireSessionOf } from './desk-session.js';
import { renderListPage, type DeskContext } from './views/queue-pages.js';
import type { DeskArea } from './access.js';

export interface DeskRouteKit {
  ctxOf(c: Context): DeskContext;
  /** The confirmation named by the `done` query parameter, if it is one of the file's notices. */
  notice(c: Context): string | null;
  audit(c: Context, action: string, target: string, detail?: string | null): Promise<void>;
  /**
   * Runs an editorial action and sends the browser back with `done=<what it answered>`, or to the path it
   * answered (one starting with `/`); a refusal (ActionError) is shown on a desk page with its status instead of
   * the app's JSON.
   */
  act(c: Context, back: string, title: string, area: DeskArea, task: () => Promise<string>, returnTo?: string): Promise<Response>;
}

export function deskRouteKit(deps: SiteDeps, notices: Record<string, string>): DeskRouteKit {
  const ctxOf = (c: Context): DeskContext => {
    const session = requireSessionOf(c);
    return { siteName: siteDisplayName(deps.site), user: session.user, csrfToken: session.csrfToken };
  };
  return {
    ctxOf,
    notice: (c) => notices[c.req.query('done') ?? ''] ?? null,
    audit: (c, action, target, detail = null) => {
      const { user } = requireSessionOf(c);
      return recordAudit(deps.store.db, { userId: user.id, actor: user.email, action, target, detail, ip: requestIp(c, deps) }, deps.now());
    },
    act: async (c, back, title, area, task, returnTo = back) => {
      try {
        const done = await task();
        return c.redirect(done.startsWith('/') ? done : `${returnTo}${returnTo.includes('?') ? '&' : '?'}done=${done}`, 303);
      } catch (error) {
        if (!(error instanceof ActionError)) throw error;
        return c.html(renderListPage(ctxOf(c), { title, current: area, items: [], empty: 'Go back to the list and reload it.', error: error.message }), error.status);
      }
    },
  };
}
