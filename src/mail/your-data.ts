// A commenter's data by address: the export (every comment stored with it) and what an erased comment becomes.
import type { AddressComment, ErasedText } from '../store/mail.js';
import { articlePath } from '../site/summaries.js';

export const ERASED_COMMENT: ErasedText = {
  authorName: 'Erased',
  bodySource: 'This comment was erased by its author.',
  bodyHtml: '<p>This comment was erased by its author.</p>',
};

export interface CommentExport {
  address: string;
  site: string;
  exportedAt: string;
  comments: {
    id: number;
    article: { headline: string; url: string };
    inReplyTo: number | null;
    name: string;
    website: string | null;
    text: string;
    status: string;
    postedAt: string;
    url: string | null;
  }[];
}

export function buildCommentExport(site: { url: string }, email: string, comments: readonly AddressComment[], now: Date): CommentExport {
  return {
    address: email,
    site: site.url,
    exportedAt: now.toISOString(),
    comments: comments.map((c) => {
      const article = new URL(articlePath(c.articleSlug), `${site.url}/`).toString();
      return {
        id: c.id,
        article: { headline: c.articleHeadline, url: article },
        inReplyTo: c.parentId,
        name: c.authorName,
        website: c.authorUrl,
        text: c.bodySource,
        status: c.status,
        postedAt: c.createdAt,
        // Only an approved comment has a place on the page.
        url: c.status === 'approved' ? `${article}#comment-${c.id}` : null,
      };
    }),
  };
}
