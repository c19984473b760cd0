// Adding a source: the homepage URL, then what was discovered (name, logo, feeds) in a form to confirm, with the
// license and policies the source needs before anything of it is published.
import { html, safeUrl } from '../../site/html.js';
import { UPDATE_POLICIES } from '../../store/sources.js';
import type { Discovery } from '../discover-feeds.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import type { DeskContext } from './queue-pages.js';

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
