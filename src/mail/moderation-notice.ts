// The one-click links of the mail that tells the site's moderators a comment waits for them (approve, spam,
// trash): each signed for that one action on that one comment (comments/csrf.ts `signAction`), and opened by
// site/routes/mail.routes.ts (GET asks, POST does it, as for unsubscribing).
import type { Role } from '../store/users.js';
import { signAction, verifyAction, type ActionCheck } from '../comments/csrf.js';

/** The actions a mailed link may take: those of the desk's comment queue. */
export const MODERATION_LINK_ACTIONS = ['approve', 'spam', 'trash'] as const;
export type ModerationLinkAction = (typeof MODERATION_LINK_ACTIONS)[number];

/** How long a mailed moderation link works: long enough for a weekend away, short enough to matter if a mail leaks. */
export const MODERATION_LINK_LIFETIME_MS = 3 * 24 * 3600_000;

/** The roles that moderate comments, and so get the mail. */
export const MODERATING_ROLES: readonly Role[] = ['owner', 'moderator'];

export function moderationToken(secret: string, action: ModerationLinkAction, commentId: number, now: Date): string {
  return signAction(secret, { action, commentId, expiresAt: new Date(now.getTime() + MODERATION_LINK_LIFETIME_MS) });
}

export function verifyModerationToken(secret: string, token: string, now: Date): ActionCheck & { ok: true; action: ModerationLinkAction } | Exclude<ActionCheck, { ok: true }> {
  const check = verifyAction(secret, token, { now });
  if (!check.ok) return check;
  if (!(MODERATION_LINK_ACTIONS as readonly string[]).includes(check.action)) return { ok: false, reason: 'wrong-action' };
  return { ...check, action: check.action as ModerationLinkAction };
}
