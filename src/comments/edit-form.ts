// The page on which an author edits or deletes their comment, in the edit window. Two plain forms (no script):
// one saves the new text, one deletes the comment. Nothing here is cached: the page is one reader's.
import { html, type SafeHtml } from '../site/html.js';
import { renderLayout } from '../site/views/layout.js';
import type { SiteInfo } from '../model/types.js';
import { COMMENT_FIELDS } from './form-fields.js';
import { DEFAULT_COMMENT_LIMITS } from './validate.js';

export interface EditFormData {
  site: SiteInfo;
  headline: string;
  articlePath: string;
  /** Where the new text is posted, and where the deletion is. */
  editUrl: string;
  deleteUrl: string;
  /** The text in the box: the stored Markdown, or what the author sent back with an error. */
  body: string;
  /** The end of the edit window, shown to the author. */
  editableUntil: Date;
  error?: string | null;
}

const NOINDEX = html`<meta name="robots" content="noindex">\n`;

export function renderEditForm(data: EditFormData): string {
  const F = COMMENT_FIELDS;
  const leadingNewline = data.body.startsWith('\n') ? '\n' : '';
  const error: SafeHtml | null = data.error
    ? html`<div class="comment-errors" role="alert"><p>Your change was not saved:</p><ul><li><a href="#comment-field-body">${data.error}</a></li></ul></div>`
    : null;
  const until = data.editableUntil.toISOString().slice(11, 16);
  const body = html`<section class="comment-edit">
<h1>Edit your comment</h1>
<p>On <a href="${data.articlePath}#comments">${data.headline}</a>. You can change or delete it until ${until} UTC (15 minutes after posting). A changed comment may wait for a moderator again.</p>
<form method="post" action="${data.editUrl}" class="comment-form">${error}<p class="comment-form-comment"><label for="comment-field-body">Comment</label><textarea id="comment-field-body" name="${F.body}" cols="45" rows="8" maxlength="${DEFAULT_COMMENT_LIMITS.maxBodyChars}" required${data.error ? html` aria-invalid="true"` : null}>${leadingNewline}${data.body}</textarea></p>
<p class="form-submit"><button type="submit">Save changes</button> <a href="${data.articlePath}#comments">Cancel</a></p></form>
<form method="post" action="${data.deleteUrl}" class="comment-delete-form"><p><button type="submit" class="comment-delete">Delete this comment</button></p></form>
</section>`;
  return renderLayout({ site: data.site, title: 'Edit your comment', head: NOINDEX, body });
}
