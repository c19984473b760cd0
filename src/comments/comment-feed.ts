// The comment feed of one article (Atom 1.0): its approved comments, newest first. The caller passes approved
// comments only; anything else that slips through a query is left out here too, so that a held or spam
// comment is never published by the feed either.
import { escapeHtml } from '../clean/escape.js';
import { element } from '../site/xml.js';
import type { Comment } from '../model/types.js';
import { stripInvisibleControls } from './text-normalize.js';

/** Entries in a comment feed: readers want what is new, not the whole discussion. */
export const COMMENT_FEED_SIZE = 50;

export interface CommentFeedInput {
  siteName: string;
  language: string;
  /** The article's absolute URL on this site. */
  articleUrl: string;
  headline: string;
  /** The feed's own absolute URL. */
  selfUrl: string;
  comments: readonly Comment[];
}

export function renderCommentFeed(input: CommentFeedInput): string {
  const shown = input.comments
    .filter((c) => c.status === 'approved')
    .sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt) || b.id - a.id)
    .slice(0, COMMENT_FEED_SIZE);
  // An empty feed is still valid Atom; its `updated` is fixed (the epoch), not the clock, so it does not change
  // on every request.
  const updated = shown[0]?.createdAt ?? new Date(0).toISOString();
  const out: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeHtml(input.language || 'en')}">`,
    element('id', input.selfUrl),
    element('title', `Comments on “${input.headline}” — ${input.siteName}`, ' type="text"'),
    element('updated', updated),
    `<link rel="self" type="application/atom+xml" href="${escapeHtml(input.selfUrl)}"/>`,
    `<link rel="alternate" type="text/html" href="${escapeHtml(`${input.articleUrl}#comments`)}"/>`,
    `<author><name>${escapeHtml(input.siteName)}</name></author>`,
  ];
  for (const c of shown) {
    const permalink = `${input.articleUrl}#comment-${c.id}`;
    const name = stripInvisibleControls(c.authorName, { line: true });
    out.push(
      '<entry>',
      element('id', permalink),
      element('title', `Comment by ${name}`, ' type="text"'),
      `<link rel="alternate" type="text/html" href="${escapeHtml(permalink)}"/>`,
      element('published', c.createdAt),
      element('updated', c.createdAt),
      `<author><name>${escapeHtml(name)}</name></author>`,
      // The body was sanitised when it was stored; as Atom `html` content it is escaped once more here.
      element('content', stripInvisibleControls(c.bodyHtml), ' type="html"'),
      '</entry>',
    );
  }
  out.push('</feed>', '');
  return out.filter(Boolean).join('\n');
}
