// One source update under review: what it says, a link to the preview exactly as readers would see it, and the
// fidelity report of today's copy against the source's new text (what readers miss until it is approved).
// Lists rather than a two-column table, so that it reads on a phone.
import { html, type SafeHtml } from '../../site/html.js';
import type { FidelityReport, ReportRow, WordPart } from '../../fidelity/index.js';
import type { ArticleVersion } from '../../model/types.js';
import { renderDeskPage } from './desk-layout.js';
import { actionButton, type DeskContext } from './queue-pages.js';

export interface ReviewPageInput {
  version: ArticleVersion;
  article: { slug: string; headline: string };
  sourceName: string;
  report: FidelityReport;
}

function words(parts: readonly WordPart[]): SafeHtml {
  return html`${parts.map((w) => (w.removed ? html`<del>${w.value}</del>` : w.added ? html`<ins>${w.value}</ins>` : w.value))}`;
}

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
