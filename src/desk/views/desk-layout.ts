// The page around every desk view: the header with the navigation the role may use, and the account menu.
import { html, safeUrl, type SafeHtml } from '../../site/html.js';
import type { User } from '../../store/users.js';
import { mayUse, type DeskArea } from '../access.js';
import { DESK_STYLESHEET_PATH } from '../desk-css.js';

export interface DeskPage {
  title: string;
  body: SafeHtml;
  /** The signed-in account; absent on the login and link pages. */
  user?: User | null;
  csrfToken?: string | null;
  /** Which navigation entry is the current page. */
  current?: DeskArea | null;
  siteName: string;
}

const NAV: { area: DeskArea; href: string; label: string }[] = [
  { area: 'dashboard', href: '/admin', label: 'Dashboard' },
  { area: 'review', href: '/admin/reviews', label: 'Review' },
  { area: 'articles', href: '/admin/articles', label: 'Articles' },
  { area: 'sources', href: '/admin/sources', label: 'Sources' },
  { area: 'comments', href: '/admin/comments', label: 'Comments' },
  { area: 'jobs', href: '/admin/jobs', label: 'Jobs' },
  { area: 'users', href: '/admin/users', label: 'Users' },
  { area: 'audit', href: '/admin/audit', label: 'Audit log' },
  { area: 'settings', href: '/admin/settings', label: 'Settings' },
];

/** The hidden field every desk form carries; a POST without it is refused. */
export function csrfField(token: string | null | undefined): SafeHtml {
  return html`<input type="hidden" name="_csrf" value="${token ?? ''}">`;
}

export function renderDeskPage(page: DeskPage): string {
  const user = page.user ?? null;
  const nav = user
    ? html`<nav class="desk-nav" aria-label="Desk"><ul>${NAV.filter((n) => mayUse(user.role, n.area)).map(
        (n) => html`<li><a href="${safeUrl(n.href)}"${n.area === page.current ? html` aria-current="page"` : ''}>${n.label}</a></li>`,
      )}</ul></nav>
<div class="desk-user"><a href="/admin/account">${user.email}</a> <span>(${user.role})</span>
<form class="inline" method="post" action="/admin/logout">${csrfField(page.csrfToken)}<button type="submit" class="quiet">Log out</button></form></div>`
    : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${page.title} · ${page.siteName} desk</title>
<link rel="stylesheet" href="${DESK_STYLESHEET_PATH}">
</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header class="desk-header">
<a class="desk-name" href="/admin">${page.siteName} desk</a>
${nav}
</header>
<main id="content">
${page.body}
</main>
</body>
</html>
`.value;
}

export function message(kind: 'error' | 'ok', text: string | null | undefined): SafeHtml | '' {
  if (!text) return '';
  return html`<p class="message ${kind}" role="${kind === 'error' ? 'alert' : 'status'}">${text}</p>`;
}
