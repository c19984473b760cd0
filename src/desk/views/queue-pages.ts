// The dashboard and the queues behind its counts: each a plain list, with the actions that apply to an item.
import { html, safeUrl, type SafeHtml } from '../../site/html.js';
import type { User } from '../../store/users.js';
import type { DeskCounts, DeskArticleRow } from '../../store/dashboard.js';
import { mayUse, type DeskArea } from '../access.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';

export interface DeskContext {
  siteName: string;
  user: User;
  csrfToken: string;
}

interface Tile {
  label: string;
  count: number;
  href: string;
  area: DeskArea;
  /** A count above zero needs someone's attention. */
  alert: boolean;
}

export function dashboardTiles(counts: DeskCounts & { failedJobs: number }): Tile[] {
  return [
    { label: 'Published in the last 24 hours', count: counts.publishedLastDay, href: '/admin/articles?state=published', area: 'articles', alert: false },
    { label: 'Waiting for review', count: counts.pendingReviews, href: '/admin/reviews', area: 'review', alert: true },
    { label: 'Held articles', count: counts.heldArticles, href: '/admin/held', area: 'review', alert: true },
    { label: 'Comments waiting', count: counts.pendingComments, href: '/admin/comments', area: 'comments', alert: true },
    { label: 'Failing feeds', count: counts.failingFeeds, href: '/admin/sources', area: 'sources', alert: true },
    { label: 'Failed jobs', count: counts.failedJobs, href: '/admin/jobs', area: 'jobs', alert: true },
    { label: 'Fidelity warnings', count: counts.fidelityWarnings, href: '/admin/fidelity', area: 'articles', alert: true },
  ];
}

export function renderDashboard(ctx: DeskContext, counts: DeskCounts & { failedJobs: number }): string {
  // A role sees only the figures of the queues it may open: no link leads to a 403.
  const tiles = dashboardTiles(counts).filter((t) => mayUse(ctx.user.role, t.area));
  return renderDeskPage({
    ...ctx,
    current: 'dashboard',
    title: 'Dashboard',
    body: html`<h1>Dashboard</h1>
<ul class="tiles">${tiles.map(
      (t) => html`<li class="tile${t.alert && t.count > 0 ? ' alert' : ''}"><a href="${safeUrl(t.href)}"><span class="count">${t.count}</span> ${t.label}</a></li>`,
    )}</ul>`,
  });
}

export function renderListPage(ctx: DeskContext, input: { title: string; current: DeskArea; intro?: string | SafeHtml; items: SafeHtml[]; empty: string; error?: string | null; notice?: string | null }): string {
  return renderDeskPage({
    ...ctx,
    current: input.current,
    title: input.title,
    body: html`<h1>${input.title}</h1>
${message('error', input.error)}${message('ok', input.notice)}${input.intro ? html`<p class="hint">${input.intro}</p>` : ''}
${input.items.length === 0 ? html`<p class="empty">${input.empty}</p>` : html`<ul class="rows">${input.items.map((i) => html`<li>${i}</li>`)}</ul>`}`,
  });
}

/** A POST button with the session's CSRF token. */
export function actionButton(ctx: DeskContext, action: string, label: string, quiet = false): SafeHtml {
  return html`<form class="inline" method="post" action="${safeUrl(action)}">${csrfField(ctx.csrfToken)}<button type="submit"${quiet ? html` class="quiet"` : ''}>${label}</button></form>`;
}

export function articleItem(row: DeskArticleRow, actions: SafeHtml | '' = ''): SafeHtml {
  return html`<a class="row-title" href="/articles/${encodeURIComponent(row.slug)}">${row.headline}</a>
<div class="meta">${row.sourceName}${row.at ? html` · ${row.at}` : ''}</div>${row.detail ? html`<p class="excerpt">${row.detail}</p>` : ''}${actions ? html`<div class="actions">${actions}</div>` : ''}`;
}
