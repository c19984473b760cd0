// One article on the desk: its state and the actions that apply to it (withdraw with a note, restore), the
// corrections readers see, its provenance and rights, the latest fidelity verdict, the version history with a
// link to each version's changes, and its images with their state (stored with variants, refused with the reason,
// waiting for a fetch). Lists, not tables, so that it reads on a phone.
import { html, safeUrl, type SafeHtml } from '../../site/html.js';
import type { Article, ArticleVersion } from '../../model/types.js';
import type { ArticleImage } from '../../store/media.js';
import type { ArticleCorrection } from '../../store/corrections.js';
import type { StoredFidelityReport } from '../../store/fidelity-reports.js';
import type { DiffPart } from '../version-diff.js';
import { countChanges } from '../version-diff.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import { actionButton, type DeskContext } from './queue-pages.js';

export interface DeskArticlePageInput {
  article: Article;
  sourceName: string;
  /** Rejected by an editor: tombstoned, so the next poll does not take it in again. */
  rejected: boolean;
  versions: ArticleVersion[];
  corrections: ArticleCorrection[];
  fidelity: StoredFidelityReport | null;
  images: ArticleImage[];
  /** Forms sent back with an error keep what the editor typed. */
  values?: { withdrawNote?: string; correction?: string };
  error?: string | null;
  notice?: string | null;
}

const articleHref = (slug: string) => `/admin/articles/${encodeURIComponent(slug)}`;

function stateSection(ctx: DeskContext, input: DeskArticlePageInput): SafeHtml {
  const { article } = input;
  const base = articleHref(article.slug);
  if (article.pubStatus === 'usable') {
    return html`<p class="state state-usable">Published${article.republishedAt ? html` since ${article.republishedAt}` : ''}${article.summaryOnly ? ' (as a summary with a link)' : ''}.</p>
<form method="post" action="${safeUrl(`${base}/withdraw`)}">${csrfField(ctx.csrfToken)}
<label for="withdraw-note">Why it is withdrawn (kept in the audit log; readers get “410 Gone”)</label>
<textarea id="withdraw-note" name="note" rows="2" required>${input.values?.withdrawNote ?? ''}</textarea>
<p class="actions"><button type="submit">Withdraw</button></p>
</form>`;
  }
  const restore = html`<div class="actions">${actionButton(ctx, `${base}/restore`, 'Restore')}</div>`;
  if (article.pubStatus === 'canceled') {
    return html`<p class="state state-canceled">Withdrawn${article.withdrawnAt ? html` on ${article.withdrawnAt}` : ''}: ${article.holdReason ?? 'no reason recorded'}. Its page answers “410 Gone”.</p>
<p class="hint">Restoring publishes it again through the usual checks, which may hold it with the reason.</p>${restore}`;
  }
  if (input.rejected) return html`<p class="state state-withheld">Rejected: ${article.holdReason ?? 'no reason recorded'}.</p>${restore}`;
  return html`<p class="state state-withheld">Held: ${article.holdReason ?? 'no reason recorded'}.</p>
<p class="hint">Held articles are published from the <a href="/admin/held">held list</a>.</p>`;
}

function correctionsSection(ctx: DeskContext, input: DeskArticlePageInput): SafeHtml {
  const { article } = input;
  const list = input.corrections.length
    ? html`<ul class="rows">${input.corrections.map((c) => html`<li><p class="excerpt">${c.note}</p><div class="meta">${c.createdAt} · added by ${c.addedBy}</div></li>`)}</ul>`
    : html`<p class="empty">No correction yet.</p>`;
  const form =
    article.pubStatus === 'usable'
      ? html`<form method="post" action="${safeUrl(`${articleHref(article.slug)}/corrections`)}">${csrfField(ctx.csrfToken)}
<label for="correction-note">Correction (shown on the article with today’s date)</label>
<textarea id="correction-note" name="note" rows="3" required>${input.values?.correction ?? ''}</textarea>
<p class="actions"><button type="submit">Publish the correction</button></p>
</form>`
      : html`<p class="hint">Corrections are added to published articles.</p>`;
  return html`<h2>Corrections</h2>${list}${form}`;
}

function provenanceSection(article: Article): SafeHtml {
  const { rights } = article;
  return html`<h2>Provenance</h2>
<ul>${article.provenance.map((hop) => html`<li>${hop.role}: ${hop.url ? html`<a href="${safeUrl(hop.url)}">${hop.name}</a>` : hop.name}${hop.date ? html` · ${hop.date}` : ''}</li>`)}
<li>Original: <a href="${safeUrl(article.originalUrl)}">${article.originalUrl}</a></li>
<li>License: ${rights.license ?? 'none given'}${rights.copyrightHolder ? html` · © ${rights.copyrightHolder}` : ''}${rights.usageTerms ? html` · ${rights.usageTerms}` : ''}</li></ul>`;
}

function fidelitySection(article: Article, report: StoredFidelityReport | null): SafeHtml {
  if (!report) return html`<h2>Fidelity</h2><p class="empty">No fidelity report yet.</p>`;
  const { omitted, altered, added } = report.counts;
  return html`<h2>Fidelity</h2>
<p>${report.faithful ? 'Conveys its source whole.' : `Fidelity warning: ${omitted} omitted, ${altered} altered, ${added} added, ${report.counts.quotesChanged} quotations changed.`} <span class="meta">Checked ${report.computedAt}.</span>
<a href="/articles/${encodeURIComponent(article.slug)}/fidelity">The fidelity report</a></p>`;
}

const KIND_LABELS: Record<ArticleVersion['kind'], string> = {
  original: 'Original, from the source',
  update: 'Update from the source',
  correction: 'Correction from the source',
  withdrawal: 'Withdrawal at the source',
  edit: 'Edit by an editor',
};

function versionsSection(article: Article, versions: ArticleVersion[]): SafeHtml {
  if (!versions.length) return html`<h2>Versions</h2><p class="empty">No version recorded.</p>`;
  return html`<h2>Versions</h2>
<ol class="rows" reversed>${versions.map(
    (v) => html`<li><span class="row-title">${KIND_LABELS[v.kind] ?? v.kind}</span> <span class="meta">${v.state}${v.id === article.publishedVersionId ? ' · the text readers have' : ''}</span>
<div class="meta">${v.createdAt}</div>${v.note ? html`<p class="excerpt">${v.note}</p>` : ''}
<a href="${safeUrl(`${articleHref(article.slug)}/versions/${v.id}`)}">Changes in this version</a></li>`,
  )}</ol>`;
}

/** An image's state in words: what a reader gets, and why not when they get nothing. */
export function imageState(image: ArticleImage): SafeHtml {
  switch (image.status) {
    case 'stored':
      return html`Stored${image.width && image.height ? ` (${image.width} × ${image.height})` : ''}; variants: ${
        image.variants.length ? image.variants.map((v) => `${v.width} × ${v.height} ${v.format}`).join(', ') : 'none'
      }`;
    case 'refused':
      return html`<strong>Refused</strong>: ${image.refusalReason ?? 'no reason recorded'}. Not shown to readers.`;
    case 'failed':
      return html`<strong>Failed</strong> after retries: ${image.refusalReason ?? 'no reason recorded'}. Not shown to readers.`;
    case 'pending':
      return html`Waiting to be fetched (retried with back-off until it is stored or refused). Not shown yet.`;
    case 'proxy':
      return html`Served through the site’s proxy (the source does not allow copies).`;
  }
}

function imagesSection(images: ArticleImage[]): SafeHtml {
  if (!images.length) return html`<h2>Images</h2><p class="empty">No image.</p>`;
  return html`<h2>Images</h2>
<ul class="rows">${images.map(
    (image) => html`<li><span class="row-title">${image.role === 'lead' ? 'Lead image' : 'In the text'}</span> <span class="meta">${image.sourceUrl}</span>
<div class="image-state image-${image.status}">${imageState(image)}</div></li>`,
  )}</ul>`;
}

export function renderDeskArticlePage(ctx: DeskContext, input: DeskArticlePageInput): string {
  const { article } = input;
  return renderDeskPage({
    ...ctx,
    current: 'articles',
    title: article.headline,
    body: html`<p class="meta"><a href="/admin/articles">Articles</a></p>
<h1>${article.headline}</h1>
<p class="meta">${input.sourceName}${article.byline ? html` · ${article.byline}` : ''}${article.firstCreated ? html` · ${article.firstCreated}` : ''} · <a href="/articles/${encodeURIComponent(article.slug)}">the public page</a></p>
${message('error', input.error)}${message('ok', input.notice)}
${stateSection(ctx, input)}
${correctionsSection(ctx, input)}
${provenanceSection(article)}
${fidelitySection(article, input.fidelity)}
${versionsSection(article, input.versions)}
${imagesSection(input.images)}`,
  });
}

export interface VersionDiffPageInput {
  article: Pick<Article, 'slug' | 'headline'>;
  version: ArticleVersion;
  /** The version before it; null for the first. */
  previous: ArticleVersion | null;
  parts: DiffPart[];
}

export function renderVersionDiffPage(ctx: DeskContext, input: VersionDiffPageInput): string {
  const { version, previous } = input;
  const changes = countChanges(input.parts);
  return renderDeskPage({
    ...ctx,
    current: 'articles',
    title: `Changes: ${input.article.headline}`,
    body: html`<p class="meta"><a href="${safeUrl(articleHref(input.article.slug))}">${input.article.headline}</a></p>
<h1>${KIND_LABELS[version.kind] ?? version.kind}, ${version.createdAt}</h1>
${version.note ? html`<p>${version.note}</p>` : ''}
<p class="hint">${
      previous
        ? `Against the version before it (${KIND_LABELS[previous.kind] ?? previous.kind}, ${previous.createdAt}): ${changes.added} word${changes.added === 1 ? '' : 's'} inserted, ${changes.removed} deleted.`
        : 'The first version: all of its text is new.'
    }</p>
<div class="diff">${input.parts.map((p) => (p.added ? html`<ins>${p.value}</ins>` : p.removed ? html`<del>${p.value}</del>` : p.value))}</div>`,
  });
}
