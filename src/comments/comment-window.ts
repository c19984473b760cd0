// Whether an article still takes comments. A source may close them a number of days after its articles are
// published (old stories draw mostly spam); the site-wide switch closes them everywhere. Pure: the caller passes
// the clock, the article's publication time and the source's setting.

export interface CommentWindowInput {
  now: Date;
  /** Comments on the whole site (`CONVEY_COMMENTS`). */
  siteEnabled: boolean;
  /** When the article was published on this site (ISO 8601); null when unknown, which never closes it. */
  publishedAt: string | null;
  /** The source's setting: days after publication; null (or 0) leaves comments open. */
  closeAfterDays: number | null;
}

export type CommentWindow = { open: true; closesAt: Date | null } | { open: false; closedAt: Date | null };

const DAY_MS = 24 * 3600 * 1000;

export function commentWindow(input: CommentWindowInput): CommentWindow {
  if (!input.siteEnabled) return { open: false, closedAt: null };
  const days = input.closeAfterDays;
  if (days === null || !Number.isFinite(days) || days <= 0 || input.publishedAt === null) return { open: true, closesAt: null };
  const published = Date.parse(input.publishedAt);
  if (Number.isNaN(published)) return { open: true, closesAt: null };
  const closesAt = new Date(published + days * DAY_MS);
  return input.now.getTime() < closesAt.getTime() ? { open: true, closesAt } : { open: false, closedAt: closesAt };
}

/** The largest setting accepted (ten years): a larger number is a typing mistake. */
export const MAX_CLOSE_AFTER_DAYS = 3650;

/** Reads an operator's setting: a whole number of days, or empty / `never` / 0 for no limit. Throws a clear error otherwise. */
export function parseCloseAfterDays(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (t === '' || t === 'never' || t === '0') return null;
  if (!/^\d{1,5}$/.test(t) || Number(t) > MAX_CLOSE_AFTER_DAYS) {
    throw new Error(`The comment window must be a number of days from 1 to ${MAX_CLOSE_AFTER_DAYS}, or "never"; got "${text}".`);
  }
  return Number(t);
}
