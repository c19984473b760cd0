// The comments moderation queue: filters (status, author, article), each comment with the reason it was held
// and its author's history, one-click actions per comment and bulk actions over the selected ones.
import { html, type SafeHtml } from '../../site/html.js';
import { COMMENT_STATUSES } from '../../comments/comment-status.js';
import type { DeskCommentRow } from '../../store/dashboard.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import type { DeskContext } from './queue-pages.js';

export interface CommentsQueueInput {
  filter: { status: string; author: string | null; article: string | null };
  comments: DeskCommentRow[];
  /** Per author (lower-cased email): comments by status. */
  history: Map<string, Record<string, number>>;
  notice?: string | null;
}

const ACTIONS: { action: string; label: string }[] = [
  { action: 'approve', label: 'Approve' },
  { action: 'spam', label: 'Spam' },
  { action: 'trash', label: 'Trash' },
];

function queueLink(filter: CommentsQueueInput['filter'], change: Partial<CommentsQueueInput['filter']>): string {
  const next = { ...filter, ...change };
  const query = new URLSearchParams();
  query.set('status', next.status);
  if (next.author) query.set('author', next.author);
  if (next.article) query.set('article', next.article);
  return `/admin/comments?${query.toString()}`;
}

function historyLine(counts: Record<string, number> | undefined): string {
  if (!counts) return 'no earlier comments';
  return COMMENT_STATUSES.filter((s) => counts[s]).map((s) => `${counts[s]} ${s}`).join(', ');
}

function commentItem(ctx: DeskContext, input: CommentsQueueInput, m: DeskCommentRow): SafeHtml {
  const email = m.authorEmail?.toLowerCase() ?? null;
  return html`<li><input type="checkbox" name="ids" value="${m.id}" id="pick-${m.id}" form="bulk"> <label class="inline-label" for="pick-${m.id}">${m.authorName}</label>
<div class="meta">${m.authorEmail ?? 'no email'}${m.ipBucket ? html` · ${m.ipBucket}` : ''} · ${m.createdAt} · on <a href="${queueLink(input.filter, { article: m.articleSlug })}">${m.articleHeadline}</a></div>
${m.holdReason ? html`<div class="meta">Held: ${m.holdReason}</div>` : ''}${
    email ? html`<div class="meta">Author’s history: <a href="${queueLink(input.filter, { author: email, status: 'approved' })}">${historyLine(input.history.get(email))}</a></div>` : ''
  }
<p class="excerpt">${m.bodySource.slice(0, 2000)}</p>
<div class="actions">${ACTIONS.filter((a) => a.action !== statusAction(m.status)).map(
    (a) => html`<form class="inline" method="post" action="/admin/comments/${m.id}/${a.action}">${csrfField(ctx.csrfToken)}<button type="submit"${a.action === 'approve' ? '' : html` class="quiet"`}>${a.label}</button></form> `,
  )}</div></li>`;
}

/** The action that would leave a comment where it is (no "Approve" on an approved one). */
function statusAction(status: string): string | null {
  return status === 'approved' ? 'approve' : status === 'spam' ? 'spam' : status === 'trash' ? 'trash' : null;
}

export function renderCommentsQueue(ctx: DeskContext, input: CommentsQueueInput): string {
  const { filter } = input;
  const statusTabs = COMMENT_STATUSES.map((s) =>
    s === filter.status ? html`<li><a href="${queueLink(filter, { status: s })}" aria-current="page">${s}</a></li>` : html`<li><a href="${queueLink(filter, { status: s })}">${s}</a></li>`,
  );
  return renderDeskPage({
    ...ctx,
    current: 'comments',
    title: 'Comments',
    body: html`<h1>Comments: ${filter.status}</h1>
${message('ok', input.notice)}
<nav aria-label="Comment status"><ul class="tabs">${statusTabs}</ul></nav>
<p class="hint"><a href="/admin/comments/blocks">Block lists</a>: addresses, networks and words whose comments are marked as spam.</p>
<form method="get" action="/admin/comments" class="filters">
<input type="hidden" name="status" value="${filter.status}">
<label for="filter-author">Author’s email</label><input id="filter-author" name="author" type="text" value="${filter.author ?? ''}">
<label for="filter-article">Article (slug)</label><input id="filter-article" name="article" type="text" value="${filter.article ?? ''}">
<p class="actions"><button type="submit" class="quiet">Filter</button>${filter.author || filter.article ? html` <a href="${queueLink(filter, { author: null, article: null })}">Clear the filters</a>` : ''}</p>
</form>
${
  input.comments.length === 0
    ? html`<p class="empty">No ${filter.status} comment${filter.author || filter.article ? ' matches the filters' : ''}.</p>`
    : html`<form id="bulk" method="post" action="/admin/comments/bulk">${csrfField(ctx.csrfToken)}
<p class="actions">With the selected: ${ACTIONS.map((a) => html`<button type="submit" name="action" value="${a.action}" class="quiet">${a.label}</button> `)}</p></form>
<ul class="rows">${input.comments.map((m) => commentItem(ctx, input, m))}</ul>`
}`,
  });
}
