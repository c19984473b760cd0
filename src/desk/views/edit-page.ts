// The edit form of one story: headline, dek, topics, lead image (one of the story's own images, or none) and its
// caption, the body, and the note every edit needs (readers see it with the fidelity line). For a source that
// allows no edits the form is not offered; the reason is shown instead.
import { html } from '../../site/html.js';
import { csrfField, message, renderDeskPage } from './desk-layout.js';
import type { DeskContext } from './queue-pages.js';

export interface EditValues {
  headline: string;
  subheadline: string;
  topics: string;
  leadUrl: string;
  leadCaption: string;
  bodyHtml: string;
  note: string;
}

export interface EditPageInput {
  slug: string;
  /** Published, or waiting in the review queue: where the page links back to. */
  published: boolean;
  values: EditValues;
  /** The images the lead may be chosen from. */
  leadChoices: string[];
  /** Why the story cannot be edited; the form is left out when set. */
  refusal?: string | null;
  error?: string | null;
  notice?: string | null;
}

export function renderEditPage(ctx: DeskContext, input: EditPageInput): string {
  const { values } = input;
  const slug = encodeURIComponent(input.slug);
  const back = input.published
    ? html`<a href="/articles/${slug}">The published story</a>`
    : html`<a href="/admin/incoming/${slug}">Back to its review</a>`;
  const choices = [...new Set([...input.leadChoices, ...(values.leadUrl ? [values.leadUrl] : [])])];
  return renderDeskPage({
    ...ctx,
    current: 'review',
    title: `Edit: ${values.headline}`,
    body: html`<h1>Edit: ${values.headline}</h1>
${message('error', input.refusal ? `This story cannot be edited: ${input.refusal}` : input.error)}${message('ok', input.notice)}
<p class="actions">${back}</p>
${
  input.refusal
    ? ''
    : html`<form method="post" action="/admin/edit/${slug}">${csrfField(ctx.csrfToken)}
<label for="edit-headline">Headline</label>
<input type="text" id="edit-headline" name="headline" required maxlength="300" value="${values.headline}">
<label for="edit-dek">Dek (subheadline)</label>
<input type="text" id="edit-dek" name="subheadline" maxlength="500" value="${values.subheadline}">
<label for="edit-topics">Topics</label>
<input type="text" id="edit-topics" name="topics" aria-describedby="edit-topics-hint" value="${values.topics}">
<p class="hint" id="edit-topics-hint">Separated by commas.</p>
<fieldset class="lead-choices"><legend>Lead image</legend>
<div><input type="radio" name="lead" id="lead-none" value=""${values.leadUrl ? '' : html` checked`}> <label class="inline-label" for="lead-none">None</label></div>
${choices.map(
  (url, i) => html`<div><input type="radio" name="lead" id="lead-${i}" value="${url}"${url === values.leadUrl ? html` checked` : ''}> <label class="inline-label" for="lead-${i}">${url}</label></div>`,
)}</fieldset>
<label for="edit-caption">Caption of the lead image</label>
<input type="text" id="edit-caption" name="caption" maxlength="1000" value="${values.leadCaption}">
<label for="edit-body">Body (HTML)</label>
<textarea id="edit-body" name="body" rows="18" required>${values.bodyHtml}</textarea>
<label for="edit-note">Note: what you changed and why</label>
<textarea id="edit-note" name="note" rows="2" required aria-describedby="edit-note-hint">${values.note}</textarea>
<p class="hint" id="edit-note-hint">Readers see it with the story’s fidelity line.</p>
<p class="actions"><button type="submit">Save the edit</button></p>
</form>`
}`,
  });
}
