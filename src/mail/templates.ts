// The mails Convey sends, as pure functions of their data: a subject made only of the site's own words, a text
// body and an HTML body. Everything a commenter or a source wrote goes into the bodies only, the HTML escaped by
// the `html` template and the text stripped of control and direction characters.
import { html, type SafeHtml } from '../site/html.js';

export interface OutgoingMail {
  /** A validated recipient (recipient.ts). */
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers, built only from the site's URL and signed tokens. */
  headers: Record<string, string>;
  /** The links the mail carries, printed instead of the mail when no SMTP server is configured. */
  links: Record<string, string>;
}

/** Control characters (but the line feed), zero-width and bidi controls: they could hide or reorder text. */
const INVISIBLE = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u2069\uFEFF]/g;

export function plainText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** A header value from the site's configuration: one line, no control characters. */
export function headerText(value: string): string {
  return value.replace(/[\r\n]+/g, ' ').replace(INVISIBLE, '').trim();
}

function quote(text: string): string {
  return plainText(text).split('\n').map((line) => `> ${line}`.trimEnd()).join('\n');
}

function page(title: string, body: SafeHtml, footer: SafeHtml): string {
  return html`<!doctype html>
<html><head><meta charset="utf-8"><title>${title}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; max-width: 40em">
${body}
<hr><p style="font-size: smaller; color: #555">${footer}</p>
</body></html>`.value;
}

export interface ReplyNoticeData {
  to: string;
  siteName: string;
  articleHeadline: string;
  replierName: string;
  /** The reply's Markdown source, shown as plain text. */
  replyText: string;
  /** Absolute URL of the reply on the article page. */
  replyUrl: string;
  unsubscribeUrl: string;
  /** Where a commenter asks for the export or the erase of their comments. */
  yourDataUrl: string;
}

export function replyNoticeMail(d: ReplyNoticeData): OutgoingMail {
  const site = headerText(d.siteName);
  const subject = `New reply to your comment on ${site}`;
  const name = plainText(d.replierName);
  const headline = plainText(d.articleHeadline);
  const text = [
    `${name} replied to your comment on "${headline}":`,
    '',
    quote(d.replyText),
    '',
    `Read the reply: ${d.replyUrl}`,
    '',
    '-- ',
    `You get this e-mail because you asked ${site} for replies to your comment.`,
    `Stop these e-mails: ${d.unsubscribeUrl}`,
    `Download or erase your comments: ${d.yourDataUrl}`,
    '',
  ].join('\n');
  const body = html`<p>${name} replied to your comment on “${headline}”:</p>
<blockquote style="white-space: pre-wrap; border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em">${plainText(d.replyText)}</blockquote>
<p><a href="${d.replyUrl}">Read the reply</a></p>`;
  const footer = html`You get this e-mail because you asked ${site} for replies to your comment. <a href="${d.unsubscribeUrl}">Stop these e-mails</a>. <a href="${d.yourDataUrl}">Download or erase your comments</a>.`;
  return {
    to: d.to,
    subject,
    text,
    html: page(subject, body, footer),
    headers: {
      // RFC 2369 and RFC 8058: mail clients offer a one-click unsubscribe that POSTs to this URL.
      'List-Unsubscribe': `<${d.unsubscribeUrl}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      'Auto-Submitted': 'auto-generated',
    },
    links: { reply: d.replyUrl, unsubscribe: d.unsubscribeUrl },
  };
}

export interface DataLinkData {
  to: string;
  siteName: string;
  dataUrl: string;
  lifetimeHours: number;
}

export function dataLinkMail(d: DataLinkData): OutgoingMail {
  const site = headerText(d.siteName);
  const subject = `Your comments on ${site}`;
  const hours = `${d.lifetimeHours} hour${d.lifetimeHours === 1 ? '' : 's'}`;
  const text = [
    `Someone, we hope you, asked ${site} for the comments stored with this address.`,
    '',
    `This link opens them for ${hours}: ${d.dataUrl}`,
    '',
    'There you can download them as a JSON file, or erase them.',
    'If you did not ask, ignore this e-mail: nothing changes.',
    '',
  ].join('\n');
  const body = html`<p>Someone, we hope you, asked ${site} for the comments stored with this address.</p>
<p><a href="${d.dataUrl}">Open your comments</a> (the link works for ${hours}). There you can download them as a JSON file, or erase them.</p>`;
  const footer = html`If you did not ask, ignore this e-mail: nothing changes.`;
  return { to: d.to, subject, text, html: page(subject, body, footer), headers: { 'Auto-Submitted': 'auto-generated' }, links: { data: d.dataUrl } };
}

export interface ModerationNoticeData {
  to: string;
  siteName: string;
  articleHeadline: string;
  authorName: string;
  /** Why the comment is held (the moderation rule that held it). */
  reason: string | null;
  /** The comment's Markdown source, shown as plain text. */
  commentText: string;
  links: { approve: string; spam: string; trash: string; queue: string };
  lifetimeDays: number;
}

/** To a moderator: a comment waits, with the one-click links. The subject names the site only. */
export function moderationNoticeMail(d: ModerationNoticeData): OutgoingMail {
  const site = headerText(d.siteName);
  const subject = `A comment waits for moderation on ${site}`;
  const name = plainText(d.authorName);
  const headline = plainText(d.articleHeadline);
  const reason = d.reason ? plainText(d.reason) : null;
  const days = `${d.lifetimeDays} day${d.lifetimeDays === 1 ? '' : 's'}`;
  const text = [
    `${name} commented on "${headline}"${reason ? ` (held: ${reason})` : ''}:`,
    '',
    quote(d.commentText),
    '',
    `Approve: ${d.links.approve}`,
    `Spam: ${d.links.spam}`,
    `Trash: ${d.links.trash}`,
    '',
    `Each link asks once more before it acts, and works for ${days}. Every comment waiting: ${d.links.queue}`,
    '',
    '-- ',
    `You get this e-mail because your account on ${site} moderates comments.`,
    '',
  ].join('\n');
  const body = html`<p>${name} commented on “${headline}”${reason ? html` (held: ${reason})` : ''}:</p>
<blockquote style="white-space: pre-wrap; border-left: 3px solid #ccc; margin-left: 0; padding-left: 1em">${plainText(d.commentText)}</blockquote>
<p><a href="${d.links.approve}">Approve</a> · <a href="${d.links.spam}">Spam</a> · <a href="${d.links.trash}">Trash</a></p>
<p>Each link asks once more before it acts, and works for ${days}. <a href="${d.links.queue}">Every comment waiting</a>.</p>`;
  const footer = html`You get this e-mail because your account on ${site} moderates comments.`;
  return { to: d.to, subject, text, html: page(subject, body, footer), headers: { 'Auto-Submitted': 'auto-generated' }, links: { ...d.links } };
}
