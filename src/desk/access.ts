// Who may use which part of the desk. Owners everything (users, the audit log and the site's settings only
// they); editors sources, articles and review; moderators comments. One table, read by the routes (403) and
// by the views (no link to what the role cannot open).
import type { Role } from '../store/users.js';

export type DeskArea = 'dashboard' | 'account' | 'comments' | 'sources' | 'articles' | 'review' | 'jobs' | 'users' | 'audit' | 'settings';

export const AREA_ROLES: Record<DeskArea, readonly Role[]> = {
  dashboard: ['owner', 'editor', 'moderator'],
  account: ['owner', 'editor', 'moderator'],
  comments: ['owner', 'moderator'],
  sources: ['owner', 'editor'],
  articles: ['owner', 'editor'],
  review: ['owner', 'editor'],
  jobs: ['owner', 'editor'],
  users: ['owner'],
  audit: ['owner'],
  settings: ['owner'],
};

export function mayUse(role: Role, area: DeskArea): boolean {
  return AREA_ROLES[area].includes(role);
}
