import { describe, it, expect } from 'vitest';
import type { Comment, CommentStatus } from '../model/types.js';
import { COMMENT_FEED_SIZE, renderCommentFeed } from './comment-feed.js';

function comment(id: number, status: CommentStatus, minute: number, body = `Body ${id}`): Comment {
  return {
    id, articleId: 1, parentId: null, authorName: `Reader\u200B ${id}`, authorEmail: `r${id}@example.org`, authorUrl: null,
    bodySource: body, bodyHtml: `<p>${body}</p>`, status, ipBucket: null, holdReason: null,
    createdAt: new Date(Date.UTC(2026, 10, 27, 12, minute)).toISOString(),
  };
}

const base = { siteName: 'Desk', language: 'en', articleUrl: 'http://desk.test/articles/harbour', headline: 'Harbour <news>', selfUrl: 'http://desk.test/articles/harbour/comments.xml' };

describe('renderCommentFeed', () => {
  it('lists approved comments only, newest first, each with its permalink', () => {
    const xml = renderCommentFeed({ ...base, comments: [comment(1, 'approved', 1), comment(2, 'pending', 2, 'held text'), comment(3, 'spam', 3, 'spam text'), comment(4, 'approved', 4), comment(5, 'trash', 5, 'trashed')] });
    expect(xml.match(/<entry>/g)).toHaveLength(2);
    expect(xml.indexOf('#comment-4')).toBeLessThan(xml.indexOf('#comment-1'));
    expect(xml).not.toMatch(/held text|spam text|trashed/);
    expect(xml).toContain('<updated>2026-11-27T12:04:00.000Z</updated>');
    expect(xml).toContain('<link rel="alternate" type="text/html" href="http://desk.test/articles/harbour#comment-4"/>');
  });
  it('escapes titles and bodies, never publishes email addresses, and drops zero-width characters', () => {
    const xml = renderCommentFeed({ ...base, comments: [comment(1, 'approved', 1, 'a & b')] });
    expect(xml).toContain('Comments on “Harbour &lt;news&gt;”');
    expect(xml).toContain('<content type="html">&lt;p&gt;a &amp; b&lt;/p&gt;</content>');
    expect(xml).not.toContain('example.org');
    expect(xml).not.toContain('\u200B');
    expect(xml).toContain('<name>Reader 1</name>');
  });
  it('keeps the newest entries when there are more than the feed holds; an empty feed is valid', () => {
    const many = Array.from({ length: COMMENT_FEED_SIZE + 5 }, (_, i) => comment(i + 1, 'approved', i));
    const xml = renderCommentFeed({ ...base, comments: many });
    expect(xml.match(/<entry>/g)).toHaveLength(COMMENT_FEED_SIZE);
    expect(xml).not.toContain('#comment-5"');
    expect(renderCommentFeed({ ...base, comments: [] })).toMatch(/<feed[^>]*>[\s\S]*<updated>1970-01-01T00:00:00.000Z<\/updated>[\s\S]*<\/feed>/);
  });
});
