// The fidelity page of an article: the source and this site's copy side by side, sentence by sentence, with
// removed words in <del>, added words in <ins>, quotations marked, and the changed quotations listed first.
// Plain HTML (a table and lists): it needs no script and reads without the stylesheet. Never indexed: it
// repeats the article's text.
import type { SiteInfo } from '../../model/types.js';
import type { FidelityReport, ReportRow, QuoteChange, WordPart } from '../../fidelity/index.js';
import { html, safeUrl, type SafeHtml } from '../html.js';
import { renderLayout } from './layout.js';
import { renderTime } from './article-card.js';

export interface FidelityPageInput {
  site: SiteInfo;
  article: { slug: string; headline: string; language?: string | null };
  source: { name: string; url: string };
  report: FidelityReport;
  /** When the report was computed (ISO 8601). */
  checkedAt: string;
  editorNote?: string | null;
  /** The source's newest text is an update waiting for review: the copy is behind it, not edited. */
  sourceUpdatePending?: boolean;
}

const NOINDEX = html`<meta name="robots" content="noindex">\n`;

// Quotation marks of every convention, each pair with its text, for marking quotations inside a sentence.
const QUOTED = /[“"«„»][^“”"«»„]+[”"»“«]/g;

function withQuotesMarked(text: string): SafeHtml {
  const parts: (SafeHtml | string)[] = [];
  let last = 0;
  for (const match of text.matchAll(QUOTED)) {
    parts.push(text.slice(last, match.index));
    parts.push(html`<mark class="quote">${match[0]}</mark>`);
    last = match.index + match[0].length;
  }
  parts.push(text.slice(last));
  return html`${parts}`;
}

function sourceSide(words: readonly WordPart[]): SafeHtml {
  return html`${words.filter((w) => !w.added).map((w) => (w.removed ? html`<del>${w.value}</del>` : w.value))}`;
}

function copySide(words: readonly WordPart[]): SafeHtml {
  return html`${words.filter((w) => !w.removed).map((w) => (w.added ? html`<ins>${w.value}</ins>` : w.value))}`;
}

const KIND_LABEL: Record<ReportRow['kind'], string> = {
  same: 'unchanged',
  moved: 'moved',
  altered: 'altered',
  omitted: 'omitted',
  added: 'added',
};

function renderRow(row: ReportRow): SafeHtml {
  const label = html`<span class="row-kind">${KIND_LABEL[row.kind]}</span>`;
  switch (row.kind) {
    case 'same':
      return html`<tr class="row-same"><td>${withQuotesMarked(row.source)}</td><td>${withQuotesMarked(row.copy)}</td></tr>\n`;
    case 'moved':
      return html`<tr class="row-moved"><td>${withQuotesMarked(row.source)}</td><td>${label} ${withQuotesMarked(row.copy)}</td></tr>\n`;
    case 'omitted':
      return html`<tr class="row-omitted"><td><del>${withQuotesMarked(row.source)}</del></td><td>${label}</td></tr>\n`;
    case 'added':
      return html`<tr class="row-added"><td>${label}</td><td><ins>${withQuotesMarked(row.copy)}</ins></td></tr>\n`;
    case 'altered':
      return html`<tr class="row-altered"><td>${sourceSide(row.words)}</td><td>${label} ${copySide(row.words)}${
        row.changes.length ? html`<br><small class="changes">${row.changes.join('; ')}</small>` : ''
      }</td></tr>\n`;
  }
}

const QUOTE_KIND_LABEL: Record<QuoteChange['kind'], string> = {
  omitted: 'Omitted',
  shortened: 'Shortened',
  extended: 'Extended',
  changed: 'Changed',
  added: 'Added',
};

function renderQuoteChange(change: QuoteChange): SafeHtml {
  const who = change.speaker ? html` <span class="speaker">(${change.speaker})</span>` : '';
  const source = change.source ? html`<blockquote class="quote-source"><p>${change.source}</p></blockquote>` : '';
  const copy = change.copy ? html`<blockquote class="quote-copy"><p>${change.copy}</p></blockquote>` : '';
  return html`<li class="quote-${change.kind}"><strong>${QUOTE_KIND_LABEL[change.kind]}</strong>${who}${source}${
    change.source && change.copy ? html`<p class="quote-arrow">in this copy:</p>` : ''
  }${copy}</li>\n`;
}

/** The one-line verdict the article page also shows. */
export function fidelityVerdict(report: Pick<FidelityReport, 'faithful' | 'counts'>, checkedAt: string, language: string, sourceUpdatePending = false): SafeHtml {
  if (report.faithful) return html`Faithful to the source as of ${renderTime(checkedAt, language)}`;
  // A copy behind its source's newest text was not edited: saying "edited" would blame the editor for the lag.
  if (sourceUpdatePending) return html`The source has updated this story; this copy shows the earlier text until an editor reviews the update`;
  const { omitted, altered, added, moved } = report.counts;
  return html`Edited from the original: ${omitted} omitted, ${altered} altered, ${added} added${moved ? `, ${moved} moved` : ''}`;
}

export function renderFidelityPage(input: FidelityPageInput): string {
  const { site, article, source, report } = input;
  const language = article.language?.trim() || site.language || 'en';
  const articlePath = `/articles/${encodeURIComponent(article.slug)}`;
  const rows = report.rows.map(renderRow);
  const body = html`<article class="fidelity">
<h1>Fidelity to the source</h1>
<p class="fidelity-article"><a href="${safeUrl(articlePath)}">${article.headline}</a>, first published by <a href="${safeUrl(source.url)}" rel="noopener">${source.name}</a></p>
<p class="fidelity-verdict ${report.faithful ? 'faithful' : 'edited'}">${fidelityVerdict(report, input.checkedAt, language, input.sourceUpdatePending)}.</p>
${input.editorNote ? html`<p class="editor-note"><strong>Editor’s note:</strong> ${input.editorNote}</p>\n` : ''}${
    report.quotesChanged.length
      ? html`<section class="fidelity-quotes">
<h2>Quotations</h2>
<ul>
${report.quotesChanged.map(renderQuoteChange)}</ul>
</section>
`
      : ''
  }<section class="fidelity-sentences">
<h2>Sentence by sentence</h2>
<p class="legend">Words the copy removed are <del>struck through</del>; words it added are <ins>underlined</ins>; quotations are <mark class="quote">marked</mark>.</p>
<table class="fidelity-diff">
<thead><tr><th scope="col">Source</th><th scope="col">This copy</th></tr></thead>
<tbody>
${rows}</tbody>
</table>
</section>
<p>Checked ${renderTime(input.checkedAt, language)}. <a href="${safeUrl(articlePath)}">Back to the article</a></p>
</article>`;
  return renderLayout({ site, title: `Fidelity: ${article.headline}`, lang: language, head: NOINDEX, body });
}

/** Styles of the fidelity page, for the site's stylesheet; the page reads without them. */
export const FIDELITY_CSS = `.fidelity-diff{width:100%;border-collapse:collapse;table-layout:fixed}
.fidelity-diff td,.fidelity-diff th{vertical-align:top;padding:.4em .6em;border-top:1px solid #ddd;text-align:left}
.fidelity-diff del{background:#fde2e1;color:#7a1b16}
.fidelity-diff ins{background:#dff3e0;color:#14532d}
.fidelity mark.quote{background:#fff3c4}
.fidelity .row-kind{font-size:.8em;text-transform:uppercase;letter-spacing:.04em;color:#555}
.fidelity-verdict.edited{font-weight:bold}
`;
