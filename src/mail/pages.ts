// The pages of the mail links: unsubscribe (a confirmation with a POST form, then the answer), the request for
// one's comments, and the page the mailed link opens (export and erase). Never indexed, never sent as a
// referrer (the links carry tokens).
import type { SiteInfo } from '../model/types.js';
import { html, type SafeHtml } from '../site/html.js';
import { renderLayout } from '../site/views/layout.js';
import { DATA_LINK_LIFETIME_MS, MAIL_PATHS } from './mail-links.js';

const HEAD = html`<meta name="robots" content="noindex, nofollow">\n<meta name="referrer" content="no-referrer">\n`;

function page(site: SiteInfo, title: string, body: SafeHtml): string {
  return renderLayout({ site, title, head: HEAD, body: html`<section class="mail-page">\n<h1>${title}</h1>\n${body}\n</section>` });
}

export function renderUnsubscribeConfirm(site: SiteInfo, token: string): string {
  return page(
    site,
    'Stop e-mails about replies',
    html`<p>Press the button and this site sends you no more e-mails about replies to your comments.</p>
<form method="post" action="${MAIL_PATHS.unsubscribe(token)}"><button type="submit">Stop these e-mails</button></form>`,
  );
}

export function renderUnsubscribed(site: SiteInfo): string {
  return page(
    site,
    'No more e-mails about replies',
    html`<p>You will get no more e-mails about replies to your comments. To get them again, tick “E-mail me replies” on a new comment.</p>
<p><a href="/">Go to the front page</a></p>`,
  );
}

export function renderBadLink(site: SiteInfo, reason: 'expired' | 'invalid'): string {
  const message =
    reason === 'expired'
      ? html`This link has expired. <a href="${MAIL_PATHS.dataRequest}">Ask for a new one</a>.`
      : html`This link is not valid: it may be cut short or mistyped. Copy the whole link from the e-mail, or <a href="${MAIL_PATHS.dataRequest}">ask for a new one</a>.`;
  return page(site, reason === 'expired' ? 'This link has expired' : 'This link is not valid', html`<p>${message}</p>`);
}

export function renderDataRequestForm(site: SiteInfo, options: { error?: string | null; value?: string } = {}): string {
  const hours = DATA_LINK_LIFETIME_MS / 3600_000;
  const error = options.error ? html`<p class="field-error" id="mail-address-error" role="alert">${options.error}</p>` : null;
  return page(
    site,
    'Your comments',
    html`<p>Enter the email address you gave with your comments. We send a link to that address; it opens every comment stored with it for ${hours} hours, to download them or to erase them.</p>
<form method="post" action="${MAIL_PATHS.dataRequest}">
<p><label for="mail-address">Email address</label> <input id="mail-address" name="email" type="email" autocomplete="email" maxlength="254" required value="${options.value ?? ''}"${options.error ? html` aria-invalid="true" aria-describedby="mail-address-error"` : null}></p>
${error}<p><button type="submit">Send me the link</button></p>
</form>`,
  );
}

export function renderDataRequestSent(site: SiteInfo): string {
  return page(
    site,
    'Check your e-mail',
    html`<p>If comments are stored with that address, a link to them is on its way to it. It works for ${DATA_LINK_LIFETIME_MS / 3600_000} hours.</p>
<p><a href="/">Go to the front page</a></p>`,
  );
}

export function renderDataPage(site: SiteInfo, token: string, data: { email: string; comments: number }): string {
  const count = `${data.comments} comment${data.comments === 1 ? '' : 's'}`;
  return page(
    site,
    'Your comments',
    html`<p>${count} ${data.comments === 1 ? 'is' : 'are'} stored with <strong>${data.email}</strong>.</p>
<p><a href="${MAIL_PATHS.dataExport(token)}" download>Download them as JSON</a> (every comment with its article, text, name, website, status and date).</p>
<form method="post" action="${MAIL_PATHS.dataErase(token)}">
<p>Erasing replaces the name, address, website and text of each of your comments with “erased”. Replies of others stay in their place. This cannot be undone.</p>
<p><button type="submit">Erase my comments</button></p>
</form>`,
  );
}

export function renderErased(site: SiteInfo, erased: number): string {
  return page(
    site,
    'Your comments are erased',
    html`<p>${erased} comment${erased === 1 ? ' was' : 's were'} erased, and no more e-mails about replies will be sent to this address.</p>
<p><a href="/">Go to the front page</a></p>`,
  );
}

const DONE: Record<string, string> = { approve: 'Approved', spam: 'Marked as spam', trash: 'Moved to the trash' };
const ASK: Record<string, string> = { approve: 'Approve', spam: 'Mark as spam', trash: 'Move to the trash' };
const STATUS: Record<string, string> = { approved: 'approved', spam: 'marked as spam', trash: 'in the trash', pending: 'waiting' };

export interface ModerationSubject {
  authorName: string;
  articleHeadline: string;
  /** The comment's source as plain text, invisible characters removed. */
  text: string;
  reason: string | null;
}

/** The page a mailed moderation link opens: the comment, and one button for the link's action. */
export function renderModerateConfirm(site: SiteInfo, token: string, action: string, subject: ModerationSubject): string {
  return page(
    site,
    `${ASK[action] ?? action}: a comment waits`,
    html`<p>${subject.authorName} commented on “${subject.articleHeadline}”${subject.reason ? html` (held: ${subject.reason})` : ''}:</p>
<blockquote class="mail-comment">${subject.text}</blockquote>
<form method="post" action="${MAIL_PATHS.moderate(token)}"><button type="submit">${ASK[action] ?? action}</button></form>
<p><a href="/admin/comments?status=pending">Every comment waiting, on the desk</a></p>`,
  );
}

export function renderModerated(site: SiteInfo, action: string, headline: string): string {
  return page(site, `${DONE[action] ?? 'Done'}`, html`<p>The comment on “${headline}” is ${STATUS[action === 'approve' ? 'approved' : action] ?? 'moderated'}.</p>
<p><a href="/admin/comments?status=pending">Every comment waiting, on the desk</a></p>`);
}

/** A link whose comment was moderated since (on the desk, or by another moderator's mail). */
export function renderAlreadyModerated(site: SiteInfo, status: string): string {
  return page(site, 'Already moderated', html`<p>This comment is ${STATUS[status] ?? status} already: the link does nothing more.</p>
<p><a href="/admin/comments">The comments on the desk</a></p>`);
}

export function renderBadModerationLink(site: SiteInfo, reason: 'expired' | 'invalid' | 'gone'): string {
  const message =
    reason === 'expired'
      ? 'This moderation link has expired.'
      : reason === 'gone'
        ? 'This comment no longer exists.'
        : 'This moderation link is not valid: it may be cut short or mistyped.';
  return page(site, reason === 'expired' ? 'This link has expired' : reason === 'gone' ? 'No such comment' : 'This link is not valid', html`<p>${message} <a href="/admin/comments">Moderate from the desk</a>.</p>`);
}
