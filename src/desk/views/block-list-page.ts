// The comment block lists: the entries by kind, each with its note and a remove button, and the form that adds
// one. What a match does is said on the page, so that a moderator knows what adding an entry means.
import { html, type SafeHtml } from '../../site/html.js';
import { BLOCK_KINDS, type BlockKind } from '../../comments/block-list.js';
import type { StoredBlock } from '../../store/comment-blocks.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import { actionButton, type DeskContext } from './queue-pages.js';

export interface BlockFormValues {
  kind: string;
  value: string;
  note: string;
}

export interface BlockListPageInput {
  blocks: StoredBlock[];
  /** The form as the moderator sent it, when it was refused. */
  values?: BlockFormValues;
  error?: string | null;
  notice?: string | null;
}

const KIND_LABELS: Record<BlockKind, { option: string; heading: string; empty: string }> = {
  email: { option: 'Email address or @domain', heading: 'Email addresses and domains', empty: 'No address or domain is blocked.' },
  ip: { option: 'IP address or network', heading: 'Networks', empty: 'No network is blocked.' },
  word: { option: 'Word or phrase', heading: 'Words and phrases', empty: 'No word is blocked.' },
};

function entryItem(ctx: DeskContext, block: StoredBlock): SafeHtml {
  return html`<li><span class="row-title">${block.value}</span>
<div class="meta">added by ${block.addedBy} · ${block.createdAt}</div>${block.note ? html`<p class="excerpt">${block.note}</p>` : ''}
<div class="actions">${actionButton(ctx, `/admin/comments/blocks/${block.id}/remove`, `Remove ${block.value}`, true)}</div></li>`;
}

export function renderBlockListPage(ctx: DeskContext, input: BlockListPageInput): string {
  const values = input.values ?? { kind: 'word', value: '', note: '' };
  return renderDeskPage({
    ...ctx,
    current: 'comments',
    title: 'Comment block lists',
    body: html`<h1>Comment block lists</h1>
${message('error', input.error)}${message('ok', input.notice)}
<p class="hint">A new or edited comment that matches an entry is marked as spam: it is kept, never shown, and can still be approved from the <a href="/admin/comments?status=spam">spam list</a>. The commenter is not told. Words match whole words in the name, address, link and text, whatever their case or width (“Ｓｐａｍ” matches “spam”, “ass” does not match “class”). An IP address blocks its network: the /24 of an IPv4 address, the /48 of an IPv6 one.</p>
<form method="post" action="/admin/comments/blocks">${csrfField(ctx.csrfToken)}
<label for="block-kind">Block by</label><select id="block-kind" name="kind">${BLOCK_KINDS.map(
      (kind) => html`<option value="${kind}"${values.kind === kind ? html` selected` : ''}>${KIND_LABELS[kind].option}</option>`,
    )}</select>
<label for="block-value">Address, network or word</label><input id="block-value" name="value" type="text" value="${values.value}" required>
<label for="block-note">Note for the other moderators (optional)</label><input id="block-note" name="note" type="text" value="${values.note}">
<p class="actions"><button type="submit">Add to the block list</button></p>
</form>
${BLOCK_KINDS.map((kind) => {
  const entries = input.blocks.filter((b) => b.kind === kind);
  return html`<h2>${KIND_LABELS[kind].heading}</h2>
${entries.length ? html`<ul class="rows">${entries.map((b) => entryItem(ctx, b))}</ul>` : html`<p class="empty">${KIND_LABELS[kind].empty}</p>`}`;
})}`,
  });
}
