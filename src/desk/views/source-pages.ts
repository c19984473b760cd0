// The sources pages: the list with each feed's health; adding a source (the homepage URL, then what was
// discovered in a form to confirm, with the license and policies it needs before anything of it is published);
// and one source's settings, grouped as `convey sources edit` sets them, with its feeds and a rules preview.
import { html, safeUrl, type SafeHtml } from '../../site/html.js';
import { IMAGE_POLICIES, INDEXING_POLICIES, UPDATE_POLICIES } from '../../store/sources.js';
import type { Feed, Source } from '../../model/types.js';
import type { Discovery } from '../discover-feeds.js';
import { FIELD_LABELS, type SettingField, type SettingValues } from '../source-settings.js';
import type { RulesPreview } from '../rules-preview.js';
import { SOURCE_FORM_SCRIPT_PATH } from '../source-form-script.js';
import { mayUse } from '../access.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import { actionButton, type DeskContext } from './queue-pages.js';

export function renderNewSourcePage(ctx: DeskContext, input: { homeUrl?: string; error?: string | null }): string {
  return renderDeskPage({
    ...ctx,
    current: 'sources',
    title: 'Add a source',
    body: html`<h1>Add a source</h1>
${message('error', input.error)}
<form method="post" action="/admin/sources/discover">${csrfField(ctx.csrfToken)}
<label for="home">The source’s homepage</label>
<input id="home" name="home" type="url" required placeholder="https://news.example/" value="${input.homeUrl ?? ''}" aria-describedby="home-hint">
<p class="hint" id="home-hint">Its feeds, name and logo are read from the page (the feeds it links, else the usual feed paths).</p>
<p class="actions"><button type="submit">Find its feeds</button></p>
</form>`,
  });
}

export interface SourceFormValues {
  name: string;
  slug: string;
  license: string;
  updatePolicy: string;
}

export function renderConfirmSourcePage(ctx: DeskContext, input: { discovery: Discovery; values: SourceFormValues; error?: string | null }): string {
  const { discovery, values } = input;
  return renderDeskPage({
    ...ctx,
    current: 'sources',
    title: 'Add a source',
    body: html`<h1>Add ${values.name || discovery.homeUrl}</h1>
${message('error', input.error)}
${discovery.problems.length ? html`<div class="message" role="status"><p>Linked feeds that could not be read:</p><ul>${discovery.problems.map((p) => html`<li>${p}</li>`)}</ul></div>` : ''}
<form method="post" action="/admin/sources">${csrfField(ctx.csrfToken)}
<input type="hidden" name="home" value="${discovery.homeUrl}">
<input type="hidden" name="logo" value="${discovery.logoUrl ?? ''}">
${discovery.logoUrl ? html`<p class="meta">Logo: <a href="${safeUrl(discovery.logoUrl)}">${discovery.logoUrl}</a></p>` : ''}
<fieldset><legend>Feeds</legend>
${
  discovery.feeds.length === 0
    ? html`<p class="empty">No feed found on this homepage. Add one by its URL:</p>`
    : discovery.feeds.map(
        (f, i) => html`<p><input type="checkbox" name="feeds" value="${f.url}" id="feed-${i}" checked> <label class="inline-label" for="feed-${i}">${f.title ?? f.url}</label><br><span class="meta">${f.url}${f.entries === null ? '' : ` · ${f.entries} entries now`}</span></p>`,
      )
}
<label for="extra-feed">Another feed URL (optional)</label>
<input id="extra-feed" name="feeds" type="url">
</fieldset>
<label for="name">Name</label>
<input id="name" name="name" type="text" required value="${values.name}">
<label for="slug">Short name in URLs</label>
<input id="slug" name="slug" type="text" required pattern="[a-z0-9][a-z0-9\\-]{0,62}" value="${values.slug}" aria-describedby="slug-hint">
<p class="hint" id="slug-hint">Lower-case letters, digits and dashes.</p>
<label for="license">License or permission</label>
<input id="license" name="license" type="text" required value="${values.license}" aria-describedby="license-hint">
<p class="hint" id="license-hint">A license such as CC BY 4.0, or a statement such as “permission on file”. Required: nothing is republished without it.</p>
<label for="update">When the source changes a story</label>
<select id="update" name="update">${UPDATE_POLICIES.map((p) => html`<option value="${p}"${p === values.updatePolicy ? html` selected` : ''}>${p}</option>`)}</select>
<p class="actions"><button type="submit">Add the source</button></p>
</form>`,
  });
}

/** A stored moment as a reader of the desk wants it: "2026-12-02 09:05 UTC". */
export function deskMoment(iso: string | null): string | null {
  if (!iso) return null;
  const at = new Date(iso);
  return Number.isNaN(at.getTime()) ? iso : `${at.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

export interface FeedHealth {
  feed: Feed;
  entriesToday: number;
}

function feedState(feed: Feed): SafeHtml {
  if (feed.disabledReason) return html`<strong class="state-bad">Disabled:</strong> ${feed.disabledReason}`;
  if (feed.consecutiveErrors > 0) return html`<strong class="state-bad">Failing</strong> (${feed.consecutiveErrors} in a row): ${feed.lastError ?? ''}`;
  return html`<span class="state-ok">Healthy</span>`;
}

/** One feed's health at a glance: state, last and next poll, last error, entries today; re-enable when disabled. */
function feedHealthItem(ctx: DeskContext, health: FeedHealth, removable: boolean): SafeHtml {
  const { feed } = health;
  const next = feed.disabledReason ? 'not while disabled' : (deskMoment(feed.nextPollAt) ?? 'now');
  return html`<li><span class="feed-url">${feed.title ? html`${feed.title} · ` : ''}${feed.url}</span>
<div class="meta">${feedState(feed)}</div>
<div class="meta">last poll ${deskMoment(feed.lastFetchedAt) ?? 'never'} · next poll ${next} · ${health.entriesToday} ${health.entriesToday === 1 ? 'entry' : 'entries'} today${
    feed.lastError && feed.consecutiveErrors === 0 && !feed.disabledReason ? html` · last error: ${feed.lastError}` : ''
  }</div>${
    feed.disabledReason || removable
      ? html`<div class="actions">${feed.disabledReason ? actionButton(ctx, `/admin/feeds/${feed.id}/enable`, 'Re-enable') : ''}${
          removable ? html` ${actionButton(ctx, `/admin/feeds/${feed.id}/remove`, 'Remove this feed', true)}` : ''
        }</div>`
      : ''
  }</li>`;
}

export function renderSourcesPage(ctx: DeskContext, input: { sources: { source: Source; feeds: FeedHealth[] }[]; failedJobs: number; notice?: string | null; error?: string | null }): string {
  const jobs = mayUse(ctx.user.role, 'jobs')
    ? html` · <a href="/admin/jobs">${input.failedJobs} failed ${input.failedJobs === 1 ? 'job' : 'jobs'}</a>${input.failedJobs > 0 ? ' to retry' : ''}`
    : '';
  return renderDeskPage({
    ...ctx,
    current: 'sources',
    title: 'Sources and feeds',
    body: html`<h1>Sources and feeds</h1>
${message('error', input.error)}${message('ok', input.notice)}
<p class="hint"><a href="/admin/sources/new">Add a source by its homepage</a>${jobs}</p>
${
  input.sources.length === 0
    ? html`<p class="empty">No source yet.</p>`
    : html`<ul class="rows">${input.sources.map(
        ({ source, feeds }) => html`<li><a class="row-title" href="/admin/sources/${encodeURIComponent(source.slug)}">${source.name}</a> <span class="meta">${source.homeUrl}</span>
${feeds.length === 0 ? html`<p class="empty">No feed: add one on the source’s page.</p>` : html`<ul class="feeds">${feeds.map((f) => feedHealthItem(ctx, f, false))}</ul>`}</li>`,
      )}</ul>`
}`,
  });
}

export interface SourcePageInput {
  source: Source;
  values: SettingValues;
  errors?: Partial<Record<SettingField, string>>;
  feeds: FeedHealth[];
  /** The newest articles of the source, to try the extraction rules on. */
  pages: { url: string; headline: string }[];
  previewPage?: { chosen: string; pasted: string };
  preview?: RulesPreview | null;
  previewError?: string | null;
  /** A problem with the feed form (adding a feed), shown there. */
  feedError?: string | null;
  feedUrl?: string;
  notice?: string | null;
}

type Control = { kind: 'text' | 'url' | 'textarea' } | { kind: 'select'; options: { value: string; label: string }[] };

function settingField(input: SourcePageInput, name: SettingField, control: Control, hint?: string | SafeHtml): SafeHtml {
  const id = `f-${name}`;
  const value = input.values[name];
  const error = input.errors?.[name];
  const describedBy = [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(' ');
  const invalid = error ? html` aria-invalid="true"` : '';
  const widget =
    control.kind === 'select'
      ? html`<select id="${id}" name="${name}" aria-describedby="${describedBy}"${invalid}>${control.options.map(
          (o) => html`<option value="${o.value}"${o.value === value ? html` selected` : ''}>${o.label}</option>`,
        )}</select>`
      : control.kind === 'textarea'
        ? html`<textarea id="${id}" name="${name}" rows="3" aria-describedby="${describedBy}"${invalid}>${value}</textarea>`
        : html`<input id="${id}" name="${name}" type="${control.kind}" value="${value}" aria-describedby="${describedBy}"${invalid}>`;
  return html`<label for="${id}">${FIELD_LABELS[name]}</label>
${widget}
${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : ''}<p class="field-error" id="${id}-error" aria-live="polite">${error ?? ''}</p>`;
}

const options = (words: readonly string[]) => words.map((w) => ({ value: w, label: w }));

function previewSection(input: SourcePageInput): SafeHtml | '' {
  if (input.previewError) return html`<section class="preview" aria-labelledby="preview-title"><h3 id="preview-title">Preview</h3>${message('error', input.previewError)}</section>`;
  const p = input.preview;
  if (!p) return '';
  return html`<section class="preview" aria-labelledby="preview-title" data-origin="${p.origin.kind}"><h3 id="preview-title">Preview with these rules (not saved yet)</h3>
<p class="meta">${p.url} · ${p.origin.kind === 'snapshot' ? `the stored copy fetched ${deskMoment(p.origin.fetchedAt)}` : 'fetched just now'}</p>
${p.matches.length ? html`<ul class="matches">${p.matches.map((m) => html`<li>${m.kind === 'drop' ? 'removes' : 'body'} <code>${m.selector}</code>: ${m.matches} ${m.matches === 1 ? 'match' : 'matches'}</li>`)}</ul>` : ''}
${p.bodyRulesUnused ? message('error', 'No body selector matched: the general algorithm chose the body below.') : ''}
<dl class="preview-meta"><dt>Headline</dt><dd>${p.headline ?? '(none found)'}</dd><dt>Byline</dt><dd>${p.byline ?? '(none found)'}</dd><dt>Published</dt><dd>${p.published ?? '(none found)'}</dd></dl>
<p class="meta">Body: ${p.length} characters in ${p.totalParagraphs} ${p.totalParagraphs === 1 ? 'paragraph' : 'paragraphs'}${p.totalParagraphs > p.paragraphs.length ? `, the first ${p.paragraphs.length} shown` : ''}.</p>
<div class="preview-body">${p.paragraphs.map((text) => html`<p>${text}</p>`)}</div>
</section>`;
}

export function renderSourcePage(ctx: DeskContext, input: SourcePageInput): string {
  const { source } = input;
  const base = `/admin/sources/${encodeURIComponent(source.slug)}`;
  const errors = Object.entries(input.errors ?? {}) as [SettingField, string][];
  const chosen = input.previewPage?.chosen ?? input.pages[0]?.url ?? '';
  return renderDeskPage({
    ...ctx,
    current: 'sources',
    title: source.name,
    body: html`<h1>${source.name}</h1>
<p class="meta"><a href="/admin/sources">Sources and feeds</a> · short name ${source.slug} · <a href="${safeUrl(source.homeUrl)}">${source.homeUrl}</a></p>
${message('ok', input.notice)}
${
  errors.length
    ? html`<div class="message error" role="alert"><p>Nothing was saved. Fix ${errors.length === 1 ? 'this field' : `these ${errors.length} fields`}:</p><ul>${errors.map(
        ([field, text]) => html`<li><a href="#f-${field}">${text}</a></li>`,
      )}</ul></div>`
    : ''
}
<h2>Feeds</h2>
${input.feeds.length === 0 ? html`<p class="empty">No feed yet: nothing of this source is taken in.</p>` : html`<ul class="rows feeds">${input.feeds.map((f) => feedHealthItem(ctx, f, true))}</ul>`}
<form method="post" action="${base}/feeds">${csrfField(ctx.csrfToken)}
<label for="new-feed">Add a feed by its URL</label>
<input id="new-feed" name="url" type="url" required value="${input.feedUrl ?? ''}" aria-describedby="new-feed-error">
<p class="field-error" id="new-feed-error">${input.feedError ?? ''}</p>
<label for="new-feed-full-text">Fetch each entry’s page</label>
<select id="new-feed-full-text" name="full-text"><option value="auto">when the feed carries a summary only</option><option value="always">always</option><option value="never">never</option></select>
<p class="actions"><button type="submit">Add the feed</button></p>
</form>
<h2>Settings</h2>
<form method="post" action="${base}" data-template-check="${base}/check-template" novalidate>${csrfField(ctx.csrfToken)}
<fieldset><legend>Identity</legend>
${settingField(input, 'name', { kind: 'text' })}
${settingField(input, 'home', { kind: 'url' })}
${settingField(input, 'logo', { kind: 'url' }, 'Optional.')}
</fieldset>
<fieldset><legend>Rights and license</legend>
${settingField(input, 'license', { kind: 'text' }, 'A license such as CC BY 4.0. Nothing is republished without a license or usage terms that state your permission.')}
${settingField(input, 'license-url', { kind: 'url' }, 'Optional: where the license text is.')}
${settingField(input, 'usage-terms', { kind: 'textarea' }, 'Optional: the terms you republish under, such as “permission on file”; “do not store images” keeps image copies off this site.')}
${settingField(input, 'copyright', { kind: 'text' }, 'Optional.')}
${settingField(input, 'allow-edits', { kind: 'select', options: [{ value: 'yes', label: 'may be edited (where the license allows)' }, { value: 'no', label: 'forbidden: copies stay as the source wrote them' }] })}
</fieldset>
<fieldset><legend>Indexing</legend>
${settingField(input, 'indexing', { kind: 'select', options: options(INDEXING_POLICIES) }, 'canonical-to-source points search engines at the original; noindex-news keeps copies out of search; index-self lets this site’s copy be indexed.')}
</fieldset>
<fieldset><legend>Updates</legend>
${settingField(input, 'update', { kind: 'select', options: options(UPDATE_POLICIES) }, 'When the source changes a story: auto updates the copy with a note; review waits for an editor; notify only records it.')}
${settingField(input, 'comments-close-days', { kind: 'text' }, 'A number of days after publication, or “never”.')}
</fieldset>
<fieldset><legend>Attribution and disclaimer</legend>
${settingField(input, 'attribution', { kind: 'textarea' }, html`Empty for “Published by {source}”. Placeholders: {source}, {site}, {license}, {originalUrl}.`)}
${settingField(input, 'disclaimer', { kind: 'textarea' }, html`Empty for the site’s disclaimer. It must name the site with {site}.`)}
</fieldset>
<fieldset><legend>Extraction rules</legend>
${settingField(input, 'rules-body', { kind: 'textarea' }, 'CSS selectors, one a line, whose matches make the body; empty lets the general algorithm find it.')}
${settingField(input, 'rules-drop', { kind: 'textarea' }, 'CSS selectors, one a line, removed from the page first (share bars, newsletter boxes).')}
<label for="preview-page">Try the rules on</label>
<select id="preview-page" name="preview-page">${input.pages.map((p) => html`<option value="${p.url}"${p.url === chosen ? html` selected` : ''}>${p.headline}</option>`)}<option value=""${chosen === '' ? html` selected` : ''}>the page given below</option></select>
<label for="preview-url">Or another page of the source</label>
<input id="preview-url" name="preview-url" type="url" value="${input.previewPage?.pasted ?? ''}" aria-describedby="preview-url-hint">
<p class="hint" id="preview-url-hint">A page on ${new URL(source.homeUrl).hostname}. A stored copy is used when there is one; otherwise the page is fetched now.</p>
<p class="actions"><button type="submit" class="quiet" formaction="${base}/preview">Preview with these rules</button></p>
${previewSection(input)}
</fieldset>
<fieldset><legend>Snapshots and images</legend>
${settingField(input, 'keep-snapshots', { kind: 'text' }, 'How many copies of what the source served each article keeps: “all”, or a number (older ones are removed).')}
${settingField(input, 'images', { kind: 'select', options: [{ value: '', label: 'the default for its rights' }, ...options(IMAGE_POLICIES)] }, 'rehost stores copies; proxy fetches when a reader asks, never stored; link loads them from the source.')}
</fieldset>
<p class="actions"><button type="submit">Save the settings</button></p>
</form>
<script src="${SOURCE_FORM_SCRIPT_PATH}" defer></script>`,
  });
}
