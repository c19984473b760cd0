// The pages of accounts: log in, set a password from a one-time link, one's own account, users and the audit log.
import { html, safeUrl } from '../../site/html.js';
import type { User } from '../../store/users.js';
import { ROLES } from '../../store/users.js';
import type { AuditEntry } from '../../store/audit-log.js';
import type { LinkPurpose } from '../../store/account-links.js';
import { MIN_PASSWORD_LENGTH } from '../passwords.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';

export function renderLoginPage(input: { siteName: string; csrfToken: string; email?: string; next?: string | null; error?: string | null; notice?: string | null }): string {
  return renderDeskPage({
    siteName: input.siteName,
    title: 'Log in',
    body: html`<h1>Log in to the desk</h1>
${message('error', input.error)}${message('ok', input.notice)}
<form method="post" action="/admin/login">
${csrfField(input.csrfToken)}
${input.next ? html`<input type="hidden" name="next" value="${input.next}">` : ''}
<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="username" required value="${input.email ?? ''}">
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required>
<p class="actions"><button type="submit">Log in</button></p>
</form>
<p class="hint">Forgot the password? An owner prints a reset link with <code>convey users reset --email …</code>.</p>`,
  });
}

const LINK_TITLES: Record<LinkPurpose, string> = {
  'first-owner': 'Create the first owner',
  setup: 'Set your password',
  reset: 'Choose a new password',
};

export function renderLinkPage(input: { siteName: string; csrfToken: string; token: string; purpose: LinkPurpose; email: string | null; error?: string | null }): string {
  const action = input.purpose === 'reset' ? `/admin/reset/${input.token}` : `/admin/setup/${input.token}`;
  return renderDeskPage({
    siteName: input.siteName,
    title: LINK_TITLES[input.purpose],
    body: html`<h1>${LINK_TITLES[input.purpose]}</h1>
${message('error', input.error)}
${input.purpose === 'first-owner' ? html`<p>This store has no account yet. The account you create here is its first owner.</p>` : html`<p>For <strong>${input.email}</strong>.</p>`}
<form method="post" action="${safeUrl(action)}">
${csrfField(input.csrfToken)}
${
  input.email
    ? html`<input type="hidden" name="username" autocomplete="username" value="${input.email}">`
    : html`<label for="email">Email address</label>
<input id="email" name="email" type="email" autocomplete="username" required>`
}
<label for="password">New password</label>
<input id="password" name="password" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required aria-describedby="password-hint">
<p class="hint" id="password-hint">At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a good one.</p>
<label for="confirm">The same password again</label>
<input id="confirm" name="confirm" type="password" autocomplete="new-password" minlength="${MIN_PASSWORD_LENGTH}" required>
<p class="actions"><button type="submit">Set the password and log in</button></p>
</form>`,
  });
}

export function renderDeadLinkPage(siteName: string): string {
  return renderDeskPage({
    siteName,
    title: 'Link not valid',
    body: html`<h1>This link is not valid</h1>
<p>It has expired or was already used. An owner can print a new one with <code>convey users reset --email …</code>.</p>
<p><a href="/admin/login">Log in</a></p>`,
  });
}

export function renderAccountPage(input: { siteName: string; user: User; csrfToken: string; sessions: number; notice?: string | null }): string {
  return renderDeskPage({
    siteName: input.siteName,
    user: input.user,
    csrfToken: input.csrfToken,
    current: 'account',
    title: 'Your account',
    body: html`<h1>Your account</h1>
${message('ok', input.notice)}
<p>${input.user.email}, ${input.user.role}.</p>
<h2>Sessions</h2>
<p>You are logged in on ${input.sessions} browser${input.sessions === 1 ? '' : 's'}.</p>
<form method="post" action="/admin/logout-everywhere">${csrfField(input.csrfToken)}
<p class="actions"><button type="submit">Log out everywhere</button></p></form>`,
  });
}

export function renderUsersPage(input: {
  siteName: string;
  user: User;
  csrfToken: string;
  users: User[];
  /** A link just made, shown once so the owner can pass it on. */
  link?: { email: string; url: string; expiresAt: Date; purpose: LinkPurpose } | null;
  error?: string | null;
  notice?: string | null;
}): string {
  const roleSelect = (id: string, selected: string) =>
    html`<select id="${id}" name="role">${ROLES.map((r) => html`<option value="${r}"${r === selected ? html` selected` : ''}>${r}</option>`)}</select>`;
  return renderDeskPage({
    siteName: input.siteName,
    user: input.user,
    csrfToken: input.csrfToken,
    current: 'users',
    title: 'Users',
    body: html`<h1>Users</h1>
${message('error', input.error)}${message('ok', input.notice)}
${
  input.link
    ? html`<div class="message ok" role="status"><p>${input.link.purpose === 'reset' ? 'Reset link' : 'Setup link'} for ${input.link.email}, valid once until ${input.link.expiresAt.toISOString()}:</p>
<p class="link-box">${input.link.url}</p></div>`
    : ''
}
<ul class="rows">
${input.users.map(
  (u) => html`<li><span class="row-title">${u.email}</span> <span class="meta">${u.role}${u.hasPassword ? '' : ', waiting for its setup link'}</span>
<form method="post" action="/admin/users/${u.id}/role" class="actions">${csrfField(input.csrfToken)}
<label class="visually-hidden" for="role-${u.id}">Role of ${u.email}</label>${roleSelect(`role-${u.id}`, u.role)}
<button type="submit" class="quiet">Change role</button></form>
<form method="post" action="/admin/users/${u.id}/reset" class="actions">${csrfField(input.csrfToken)}<button type="submit" class="quiet">Make a reset link</button></form></li>`,
)}
</ul>
<h2>Add a user</h2>
<form method="post" action="/admin/users">${csrfField(input.csrfToken)}
<label for="new-email">Email address</label>
<input id="new-email" name="email" type="email" required>
<label for="new-role">Role</label>
${roleSelect('new-role', 'editor')}
<p class="hint">Owner: everything. Editor: sources, articles and review. Moderator: comments.</p>
<p class="actions"><button type="submit">Add and make a setup link</button></p>
</form>`,
  });
}

export function renderAuditPage(input: { siteName: string; user: User; csrfToken: string; entries: AuditEntry[]; page: number; hasMore: boolean }): string {
  return renderDeskPage({
    siteName: input.siteName,
    user: input.user,
    csrfToken: input.csrfToken,
    current: 'audit',
    title: 'Audit log',
    body: html`<h1>Audit log</h1>
${
  input.entries.length === 0
    ? html`<p class="empty">Nothing recorded yet.</p>`
    : html`<ul class="rows">${input.entries.map(
        (e) => html`<li><span class="row-title">${e.action}</span>${e.target ? html` · ${e.target}` : ''}
<div class="meta">${e.createdAt} · by ${e.actor}${e.ip ? html` from ${e.ip}` : ''}${e.detail ? html` · ${e.detail}` : ''}</div></li>`,
      )}</ul>`
}
<p class="actions">${input.page > 1 ? html`<a href="/admin/audit?page=${input.page - 1}">Newer</a>` : ''} ${
      input.hasMore ? html`<a href="/admin/audit?page=${input.page + 1}">Older</a>` : ''
    }</p>`,
  });
}
