// The review queue's pages: the queue itself (new stories held for review and source updates, each with its
// preview and fidelity, bulk actions and keyboard shortcuts), one source update under review (the fidelity report
// of today's copy against the source's new text: what readers miss until it is approved), and one new story
// (the fidelity report of the copy against its source, approve, reject, schedule). Lists rather than two-column
// tables, so that they read on a phone.
import { html, safeUrl, type SafeHtml } from '../../site/html.js';
import type { FidelityReport, ReportRow, WordPart } from '../../fidelity/index.js';
import type { ArticleVersion } from '../../model/types.js';
import type { Article } from '../../model/types.js';
import type { IncomingRow, PendingUpdateRow } from '../../store/review-queue.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import { actionButton, type DeskContext } from './queue-pages.js';
import { REVIEW_SCRIPT_PATH } from '../review-script.js';

export interface ReviewPageInput {
  version: ArticleVersion;
  article: { slug: string; headline: string };
  sourceName: string;
  report: FidelityReport;
}

function words(parts: readonly WordPart[]): SafeHtml {
  return html`${parts.map((w) => (w.removed ? html`<del>${w.value}</del>` : w.added ? html`<ins>${w.value}</ins>` : w.value))}`;
}

/** A source update: the report compares the source's new text with today's copy, read as what the update brings. */
function changeItem(row: ReportRow): SafeHtml | '' {
  switch (row.kind) {
    case 'same':
      return '';
    case 'moved':
      return html`<li><strong>Moved in the source:</strong> ${row.source}</li>`;
    case 'omitted':
      return html`<li><strong>New in the source:</strong> <ins>${row.source}</ins></li>`;
    case 'added':
      return html`<li><strong>Gone from the source:</strong> <del>${row.copy}</del></li>`;
    case 'altered':
      return html`<li><strong>Changed:</strong> ${words(row.words.map((w) => ({ ...w, added: w.removed, removed: w.added })))}</li>`;
  }
}

/** A new story: the report compares the source with the copy, read as what the copy changes. */
function copyChangeItem(row: ReportRow): SafeHtml | '' {
  switch (row.kind) {
    case 'same':
      return '';
    case 'moved':
      return html`<li><strong>Moved in the copy:</strong> ${row.copy}</li>`;
    case 'omitted':
      return html`<li><strong>Left out of the copy:</strong> <del>${row.source}</del></li>`;
    case 'added':
      return html`<li><strong>Added in the copy:</strong> <ins>${row.copy}</ins></li>`;
    case 'altered':
      return html`<li><strong>Changed in the copy:</strong> ${words(row.words)}</li>`;
  }
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function fidelitySummary(fidelity: IncomingRow['fidelity']): string {
  if (!fidelity) return 'No fidelity report yet.';
  if (fidelity.faithful) return 'Conveys its source whole.';
  return `Edited from its source: ${fidelity.omitted} omitted, ${fidelity.altered} altered, ${fidelity.added} added${fidelity.quotesChanged ? `, ${plural(fidelity.quotesChanged, 'quotation')} changed` : ''}.`;
}

/** A time as the desk shows it: UTC, to the minute. */
export function deskTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

export const SHORTCUTS: { key: string; does: string }[] = [
  { key: 'j', does: 'select the next item' },
  { key: 'k', does: 'select the previous item' },
  { key: 'a', does: 'approve the selected item' },
  { key: 'r', does: 'reject the selected item' },
  { key: 'e', does: 'edit the selected new story' },
];

export interface ReviewQueueInput {
  incoming: IncomingRow[];
  updates: PendingUpdateRow[];
  notice?: string | null;
  error?: string | null;
  /** The story just approved, linked to its page and its edit form. */
  approved?: { slug: string; headline: string } | null;
}

function incomingItem(ctx: DeskContext, row: IncomingRow): SafeHtml {
  const slug = encodeURIComponent(row.slug);
  const pick = `pick-article-${row.id}`;
  return html`<li class="review-item" id="item-article-${row.id}"><input type="checkbox" name="items" value="article:${row.slug}" id="${pick}" form="bulk"> <label class="inline-label" for="${pick}">${row.headline}</label>
<div class="meta">New story from ${row.sourceName} · taken in ${deskTime(row.createdAt)}</div>
<div class="meta fidelity-summary">${fidelitySummary(row.fidelity)}</div>
${row.publishAt ? html`<p class="scheduled">Scheduled for <time datetime="${row.publishAt}">${deskTime(row.publishAt)}</time></p>` : ''}
<div class="actions"><a href="/admin/incoming/${slug}/preview">Preview as readers will see it</a> <a href="/admin/incoming/${slug}">Fidelity report and schedule</a> <a href="/admin/edit/${slug}" data-key="e">Edit</a></div>
<div class="actions">${keyedButton(ctx, `/admin/incoming/${slug}/approve`, 'Approve', 'a')} ${keyedButton(ctx, `/admin/incoming/${slug}/reject`, 'Reject for good', 'r', true)}${
    row.publishAt ? html` ${actionButton(ctx, `/admin/incoming/${slug}/unschedule`, 'Cancel the schedule', true)}` : ''
  }</div></li>`;
}

function updateItem(ctx: DeskContext, row: PendingUpdateRow): SafeHtml {
  const pick = `pick-version-${row.id}`;
  return html`<li class="review-item" id="item-version-${row.id}"><input type="checkbox" name="items" value="version:${row.id}" id="${pick}" form="bulk"> <label class="inline-label" for="${pick}">${row.headline}</label>
<div class="meta">${row.kind} from ${row.sourceName} · ${deskTime(row.createdAt)} · <a href="/articles/${encodeURIComponent(row.articleSlug)}">the published copy</a></div>${row.note ? html`<p class="excerpt">${row.note}</p>` : ''}
<div class="actions"><a href="/admin/reviews/${row.id}/preview">Preview as readers will see it</a> <a href="/admin/reviews/${row.id}">Fidelity report</a></div>
<div class="actions">${keyedButton(ctx, `/admin/reviews/${row.id}/approve`, 'Approve', 'a')} ${keyedButton(ctx, `/admin/reviews/${row.id}/reject`, 'Reject', 'r', true)}</div></li>`;
}

/** A POST button the keyboard shortcut `key` presses for the selected item. */
function keyedButton(ctx: DeskContext, action: string, label: string, key: string, quiet = false): SafeHtml {
  return html`<form class="inline" method="post" action="${safeUrl(action)}">${csrfField(ctx.csrfToken)}<button type="submit" data-key="${key}"${quiet ? html` class="quiet"` : ''}>${label}</button></form>`;
}

export function renderReviewQueue(ctx: DeskContext, input: ReviewQueueInput): string {
  const empty = input.incoming.length === 0 && input.updates.length === 0;
  const approved = input.approved
    ? html`<p class="message ok" role="status">Approved and published: <a href="/articles/${encodeURIComponent(input.approved.slug)}">${input.approved.headline}</a>. <a href="/admin/edit/${encodeURIComponent(input.approved.slug)}">Edit it</a></p>`
    : message('ok', input.notice);
  return renderDeskPage({
    ...ctx,
    current: 'review',
    title: 'Review queue',
    body: html`<h1>Review queue</h1>
${message('error', input.error)}${approved}
<p class="hint">New stories of sources whose stories are reviewed, and source updates waiting for an editor. A rejected story never comes back. Stories held for another reason (a page that could not be had, a missing setting) are under <a href="/admin/held">Held articles</a>.</p>
${
  empty
    ? html`<p class="empty">Nothing waits for review.</p>`
    : html`<form id="bulk" method="post" action="/admin/reviews/bulk">${csrfField(ctx.csrfToken)}
<p class="actions">With the selected: <button type="submit" name="action" value="approve">Approve</button> <button type="submit" name="action" value="reject" class="quiet">Reject</button></p></form>
<h2>New stories (${input.incoming.length})</h2>
${input.incoming.length ? html`<ul class="rows">${input.incoming.map((r) => incomingItem(ctx, r))}</ul>` : html`<p class="empty">No new story waits.</p>`}
<h2>Source updates (${input.updates.length})</h2>
${input.updates.length ? html`<ul class="rows">${input.updates.map((r) => updateItem(ctx, r))}</ul>` : html`<p class="empty">No source update waits.</p>`}`
}
<h2>Keyboard shortcuts</h2>
<dl class="shortcuts">${SHORTCUTS.map((s) => html`<div><dt><kbd>${s.key}</kbd></dt><dd>${s.does}</dd></div>`)}</dl>
<script src="${REVIEW_SCRIPT_PATH}" defer></script>`,
  });
}

export interface IncomingPageInput {
  article: Pick<Article, 'id' | 'slug' | 'headline' | 'subheadline' | 'holdReason' | 'createdAt'>;
  sourceName: string;
  report: FidelityReport | null;
  publishAt: string | null;
  /** Why the source allows no edits; null when it does. */
  editRefusal: string | null;
  error?: string | null;
  notice?: string | null;
  /** The time field's value when a schedule was refused. */
  scheduleValue?: string;
}

export function renderIncomingPage(ctx: DeskContext, input: IncomingPageInput): string {
  const { article, report } = input;
  const slug = encodeURIComponent(article.slug);
  const changes = report ? report.rows.map(copyChangeItem).filter((item) => item !== '') : [];
  return renderDeskPage({
    ...ctx,
    current: 'review',
    title: `Review: ${article.headline}`,
    body: html`<h1>${article.headline}</h1>
${message('error', input.error)}${message('ok', input.notice)}
${article.subheadline ? html`<p>${article.subheadline}</p>` : ''}
<p class="meta">New story from ${input.sourceName} · taken in ${deskTime(article.createdAt)} · ${article.holdReason ?? 'held'}</p>
<p class="actions"><a href="/admin/incoming/${slug}/preview">Preview as readers will see it</a> ${
      input.editRefusal ? html`<span class="meta">Not editable: ${input.editRefusal}</span>` : html`<a href="/admin/edit/${slug}">Edit</a>`
    }</p>
<div class="actions">${actionButton(ctx, `/admin/incoming/${slug}/approve`, 'Approve')} ${actionButton(ctx, `/admin/incoming/${slug}/reject`, 'Reject for good', true)}</div>
<h2>Schedule</h2>
${
  input.publishAt
    ? html`<p class="scheduled">Scheduled for <time datetime="${input.publishAt}">${deskTime(input.publishAt)}</time>.</p><div class="actions">${actionButton(ctx, `/admin/incoming/${slug}/unschedule`, 'Cancel the schedule', true)}</div>`
    : ''
}<form method="post" action="/admin/incoming/${slug}/schedule">${csrfField(ctx.csrfToken)}
<label for="publish-at">Publish at (UTC)</label>
<input type="datetime-local" id="publish-at" name="at" required value="${input.scheduleValue ?? ''}">
<p class="actions"><button type="submit" class="quiet">${input.publishAt ? 'Move the schedule' : 'Schedule'}</button></p></form>
<h2>Fidelity of the copy to its source</h2>
<p class="fidelity-summary">${
      !report
        ? 'No fidelity report yet.'
        : report.faithful
          ? 'The copy conveys its source whole.'
          : `The copy is edited from its source: ${plural(report.counts.omitted, 'sentence')} left out, ${report.counts.altered} changed, ${report.counts.added} added${report.counts.moved ? `, ${report.counts.moved} moved` : ''}${report.quotesChanged.length ? `, ${plural(report.quotesChanged.length, 'quotation')} changed` : ''}.`
    }</p>
${changes.length ? html`<ul class="changes">${changes}</ul>` : ''}`,
  });
}

export function renderReviewPage(ctx: DeskContext, input: ReviewPageInput): string {
  const { version, report } = input;
  const { omitted, altered, added, moved } = report.counts;
  const changes = report.rows.map(changeItem).filter((item) => item !== '');
  return renderDeskPage({
    ...ctx,
    current: 'review',
    title: `Review: ${version.headline}`,
    body: html`<h1>${version.headline}</h1>
<p class="meta">${version.kind} from ${input.sourceName} · ${version.createdAt} · the copy now published: <a href="/articles/${encodeURIComponent(input.article.slug)}">${input.article.headline}</a></p>
${version.note ? html`<p>${version.note}</p>` : ''}
<p class="actions"><a href="/admin/reviews/${version.id}/preview">Preview as readers will see it</a></p>
<div class="actions">${actionButton(ctx, `/admin/reviews/${version.id}/approve`, 'Approve')} ${actionButton(ctx, `/admin/reviews/${version.id}/reject`, 'Reject', true)}</div>
<h2>Fidelity of today’s copy to the source’s new text</h2>
<p class="fidelity-summary">${
      report.faithful
        ? 'The copy already conveys this text whole.'
        : `Until this is approved, readers miss: ${omitted} sentence${omitted === 1 ? '' : 's'} new in the source, ${altered} changed, ${added} the source removed${moved ? `, ${moved} moved` : ''}${report.quotesChanged.length ? `, ${report.quotesChanged.length} quotation${report.quotesChanged.length === 1 ? '' : 's'} changed` : ''}.`
    }</p>
${changes.length ? html`<ul class="changes">${changes}</ul>` : ''}`,
  });
}
