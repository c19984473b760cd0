import { describe, it, expect } from 'vitest';
import { parseHTML } from 'linkedom';
import { decodeHTML } from 'entities';
import type { Comment } from '../model/types.js';
import { renderCommentsSection, type CommentsSectionData } from './comments-section.js';
import { renderCommentMarkdown } from './markdown.js';
import { buildThread } from './thread.js';

function comment(id: number, overrides: Partial<Comment> = {}): Comment {
  const bodySource = overrides.bodySource ?? `Comment number ${id}.`;
  return {
    id,
    articleId: 7,
    parentId: null,
    authorName: `Reader ${id}`,
    authorEmail: 'reader@example.org',
    authorUrl: null,
    bodySource,
    bodyHtml: renderCommentMarkdown(bodySource),
    status: 'approved',
    ipBucket: null,
    holdReason: null,
    createdAt: '2026-02-03T14:05:00.000Z',
    ...overrides,
  };
}

function section(overrides: Partial<CommentsSectionData> = {}): CommentsSectionData {
  return {
    articleId: 7,
    articlePath: '/news/a-story',
    threads: buildThread([comment(1), comment(2, { parentId: 1, createdAt: '2026-02-03T15:00:00.000Z' })]),
    formToken: 'f1.7.1770000000.AAAAAAAAAAAA.sig',
    postUrl: '/news/a-story/comments',
    commentsOpen: true,
    ...overrides,
  };
}

function dom(html: string) {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  return document;
}

/** The textarea's content as written (this DOM keeps it raw; a browser decodes it as RCDATA). */
function textareaSource(document: ReturnType<typeof dom>): string {
  return document.querySelector('textarea')!.textContent ?? '';
}

/** The value a browser would show in the textarea. */
function textareaValue(document: ReturnType<typeof dom>): string {
  return decodeHTML(textareaSource(document));
}

/** Nothing in the fragment can run: no script-capable elements, no event handlers, no non-web URLs. */
function expectInert(html: string): void {
  const document = dom(html);
  expect(document.querySelectorAll('script, img, svg, iframe, object, embed, style, math, base, meta, link, frame').length, html).toBe(0);
  for (const element of document.querySelectorAll('*')) {
    for (const attr of Array.from(element.attributes) as Array<{ name: string; value: string }>) {
      expect(attr.name.toLowerCase().startsWith('on'), `${attr.name} on <${element.tagName}>`).toBe(false);
      expect(attr.name.toLowerCase()).not.toBe('style');
      if (attr.name === 'href' || attr.name === 'action' || attr.name === 'src' || attr.name === 'formaction') {
        expect(attr.value, `${attr.name}=${attr.value}`).toMatch(/^(\/(?!\/)|#|https?:\/\/|mailto:)/);
      }
    }
  }
}

describe('renderCommentsSection: structure', () => {
  const html = renderCommentsSection(section());
  const document = dom(html);

  it('is one <section id="comments"> fragment, no document', () => {
    expect(html.startsWith('<section id="comments"')).toBe(true);
    expect(html.trimEnd().endsWith('</section>')).toBe(true);
    expect(html).not.toMatch(/<html|<body|<head/i);
  });

  it('counts the comments in the heading', () => {
    expect(document.querySelector('#comments-title')!.textContent).toBe('2 comments');
  });

  it('renders threads nested, with author, date and body', () => {
    const first = document.querySelector('#comment-1')!;
    expect(first.querySelector('.comment-author')!.textContent).toBe('Reader 1');
    const time = first.querySelector('time')!;
    expect(time.getAttribute('datetime')).toBe('2026-02-03T14:05:00.000Z');
    expect(time.textContent).toBe('3 February 2026 at 14:05');
    expect(first.querySelector('.comment-content')!.innerHTML).toBe('<p>Comment number 1.</p>');
    expect(first.querySelector('ol.children > li#comment-2')).not.toBeNull();
    expect(document.querySelector('#comment-2')!.className).toContain('depth-2');
  });

  it('has a Reply link that works without JavaScript', () => {
    const reply = document.querySelector('#comment-1 .comment-reply-link')!;
    expect(reply.getAttribute('href')).toBe('/news/a-story?replyto=1#respond');
    expect(reply.getAttribute('aria-label')).toBe('Reply to Reader 1');
  });

  it('has the form: method, action, fields, hidden parent and token', () => {
    const form = document.querySelector('form#commentform')!;
    expect(form.getAttribute('method')).toBe('post');
    expect(form.getAttribute('action')).toBe('/news/a-story/comments');
    expect(form.querySelector('textarea[name="body"]')!.hasAttribute('required')).toBe(true);
    expect(form.querySelector('input[name="name"]')!.hasAttribute('required')).toBe(true);
    expect(form.querySelector('input[name="email"]')!.getAttribute('type')).toBe('email');
    expect(form.querySelector('label[for="comment-field-email"]')!.textContent).toContain('not published');
    expect(form.querySelector('input[name="url"]')).not.toBeNull();
    expect(form.querySelector('input[type="hidden"][name="parent_id"]')!.getAttribute('value')).toBe('');
    expect(form.querySelector('input[type="hidden"][name="form_token"]')!.getAttribute('value')).toBe('f1.7.1770000000.AAAAAAAAAAAA.sig');
    expect(document.querySelector('#respond #reply-title')!.textContent).toBe('Leave a Reply');
  });

  it('has a honeypot hidden from people and assistive technology', () => {
    const input = document.querySelector('input[name="homepage"]')!;
    expect(input.getAttribute('tabindex')).toBe('-1');
    expect(input.getAttribute('autocomplete')).toBe('off');
    expect(input.getAttribute('value')).toBe('');
    const wrapper = input.parentElement!;
    expect(wrapper.getAttribute('aria-hidden')).toBe('true');
    expect(wrapper.className).toBe('comment-form-homepage');
  });

  it('is inert', () => {
    expectInert(html);
  });
});

describe('renderCommentsSection: states', () => {
  it('shows the moderation notice for a held comment', () => {
    const document = dom(renderCommentsSection(section({ notice: 'pending' })));
    const notice = document.querySelector('.comment-notice')!;
    expect(notice.textContent).toBe('Your comment is awaiting moderation.');
    expect(notice.getAttribute('role')).toBe('status');
  });

  it('shows a published notice', () => {
    expect(dom(renderCommentsSection(section({ notice: 'posted' }))).querySelector('.comment-notice-posted')).not.toBeNull();
  });

  it('aims the form at the comment being answered, with a cancel link', () => {
    const document = dom(renderCommentsSection(section({ replyTo: 2 })));
    expect(document.querySelector('input[name="parent_id"]')!.getAttribute('value')).toBe('2');
    expect(document.querySelector('#reply-title')!.textContent).toContain('Reply to Reader 2');
    expect(document.querySelector('#cancel-comment-reply-link')!.getAttribute('href')).toBe('/news/a-story#respond');
  });

  it('ignores a reply target that is not shown', () => {
    const document = dom(renderCommentsSection(section({ replyTo: 999 })));
    expect(document.querySelector('input[name="parent_id"]')!.getAttribute('value')).toBe('');
    expect(document.querySelector('#reply-title')!.textContent).toBe('Leave a Reply');
  });

  it('keeps the reply target from the posted values after an error', () => {
    const document = dom(renderCommentsSection(section({ values: { parent_id: '1' }, errors: { body: 'Please write a comment.' } })));
    expect(document.querySelector('input[name="parent_id"]')!.getAttribute('value')).toBe('1');
  });

  it('puts values back and shows each error beside its field and in a summary', () => {
    const document = dom(
      renderCommentsSection(
        section({
          values: { name: 'Ada', email: 'bad', url: 'x', body: '\nfirst line kept\n', homepage: 'bot text' },
          errors: { email: 'Please enter a valid email address.', form: 'This form has expired; please send it again.' },
        }),
      ),
    );
    expect(document.querySelector('input[name="name"]')!.getAttribute('value')).toBe('Ada');
    // Browsers drop one newline right after <textarea>, so a value starting with one needs a second.
    expect(textareaSource(document)).toBe('\n\nfirst line kept\n');
    expect(document.querySelector('input[name="homepage"]')!.getAttribute('value')).toBe('');
    const email = document.querySelector('input[name="email"]')!;
    expect(email.getAttribute('aria-invalid')).toBe('true');
    expect(document.querySelector(`#${email.getAttribute('aria-describedby')}`)!.textContent).toBe('Please enter a valid email address.');
    const summary = document.querySelector('.comment-errors')!;
    expect(summary.getAttribute('role')).toBe('alert');
    expect(summary.querySelector('a[href="#comment-field-email"]')).not.toBeNull();
    expect(summary.textContent).toContain('This form has expired');
  });

  it('closed comments: threads stay, no form, no Reply links', () => {
    const document = dom(renderCommentsSection(section({ commentsOpen: false })));
    expect(document.querySelector('form')).toBeNull();
    expect(document.querySelector('.comment-reply-link')).toBeNull();
    expect(document.querySelector('.comments-closed')!.textContent).toBe('Comments are closed.');
    expect(document.querySelector('#comment-1')).not.toBeNull();
  });

  it('no comments yet: no heading over nothing, the form names the section', () => {
    const document = dom(renderCommentsSection(section({ threads: [] })));
    expect(document.querySelector('#comments-title')).toBeNull();
    expect(document.querySelector('#comments')!.getAttribute('aria-labelledby')).toBe('reply-title');
    expect(document.querySelector('.comment-list')).toBeNull();
    expect(document.querySelector('form')).not.toBeNull();
  });

  it('pagination links keep the path and carry the page into Reply links', () => {
    const document = dom(renderCommentsSection(section({ page: 2, hasMore: true, totalComments: 40 })));
    expect(document.querySelector('.comments-previous')!.getAttribute('href')).toBe('/news/a-story#comments');
    expect(document.querySelector('.comments-next')!.getAttribute('href')).toBe('/news/a-story?cpage=3#comments');
    expect(document.querySelector('#comment-1 .comment-reply-link')!.getAttribute('href')).toBe('/news/a-story?cpage=2&replyto=1#respond');
    expect(document.querySelector('#comments-title')!.textContent).toBe('40 comments');
  });

  it('no pagination on a single page', () => {
    expect(renderCommentsSection(section())).not.toContain('comments-pagination');
  });

  it('shows a removed parent as a placeholder and a flattened reply with whom it answers', () => {
    const threads = buildThread(
      [comment(5, { parentId: 99 }), comment(6, { parentId: null }), comment(7, { parentId: 6 }), comment(8, { parentId: 7, authorName: 'Deep <b>' })],
      { maxDepth: 2 },
    );
    const document = dom(renderCommentsSection(section({ threads })));
    const placeholder = document.querySelector('.comment-removed')!;
    expect(placeholder.querySelector('.comment-removed-note')!.textContent).toBe('[removed]');
    expect(placeholder.querySelector('#comment-5')).not.toBeNull();
    expect(document.querySelector('#comment-8 .comment-in-reply-to')!.textContent).toBe('In reply to Reader 7');
    expect(document.querySelector('#comment-8 .comment-in-reply-to a')!.getAttribute('href')).toBe('#comment-7');
  });

  it('never publishes a comment that is not approved, even if a query lets one through', () => {
    const threads = buildThread([comment(1, { status: 'pending', bodySource: 'secret spam link' }), comment(2, { parentId: 1 })]);
    const html = renderCommentsSection(section({ threads }));
    expect(html).not.toContain('secret spam link');
    expect(html).not.toContain('Reader 1');
    expect(dom(html).querySelector('.comment-removed #comment-2')).not.toBeNull();
  });

  it('formats dates in the requested locale and zone', () => {
    const document = dom(renderCommentsSection(section({ locale: 'en-US', timeZone: 'America/New_York' })));
    expect(document.querySelector('#comment-1 time')!.textContent).toBe('February 3, 2026 at 9:05 AM');
  });

  it('refuses a non-site articlePath or postUrl (a programming error, not user input)', () => {
    expect(() => renderCommentsSection(section({ postUrl: 'javascript:alert(1)' }))).toThrow(/postUrl/);
    expect(() => renderCommentsSection(section({ articlePath: '//evil.example/x' }))).toThrow(/articlePath/);
  });
});

describe('renderCommentsSection: XSS table', () => {
  const payloads = [
    '<script>window.__xss=1</script>',
    '"><img src=x onerror=window.__xss=1>',
    "'><svg onload=window.__xss=1>",
    '</textarea><script>window.__xss=1</script>',
    '</title></style></noscript><script>alert(1)</script>',
    '" autofocus onfocus="alert(1)',
    '<a href="javascript:alert(1)">x</a>',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '\u202Egnp.exe<script>',
  ];

  it.each(payloads)('author name %s', (payload) => {
    const html = renderCommentsSection(section({ threads: buildThread([comment(1, { authorName: payload, authorUrl: 'https://reader.example/' })]), replyTo: 1 }));
    expectInert(html);
    const document = dom(html);
    // Shown as typed, but for the bidi override, which readers never see (it would reverse the line).
    const shown = payload.replace('\u202E', '');
    expect(document.querySelector('#comment-1 .comment-author')!.textContent).toBe(shown);
    expect(document.querySelector('#comment-1 .comment-reply-link')!.getAttribute('aria-label')).toBe(`Reply to ${shown}`);
  });

  it('shows names and bodies stored with zero-width or bidi controls without them', () => {
    const stored = comment(1, { authorName: 'Ad\u200Ba\u202E', bodyHtml: '<p>fr\u200Bee \u2066money\u2069 👨\u200D👩</p>' });
    const reply = comment(2, { parentId: 1 });
    const html = renderCommentsSection(section({ threads: buildThread([stored, reply], { maxDepth: 1 }), replyTo: 1 }));
    expect(html).not.toMatch(/[\u200B\u202E\u2066\u2069]/);
    const document = dom(html);
    expect(document.querySelector('#comment-1 .comment-author')!.textContent).toBe('Ada');
    expect(document.querySelector('#comment-1 .comment-content')!.innerHTML).toBe('<p>free money 👨\u200D👩</p>');
    expect(document.querySelector('#reply-title')!.textContent).toContain('Reply to Ada');
  });

  it.each([
    'javascript:alert(1)',
    'JaVaScRiPt:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'vbscript:msgbox(1)',
    'mailto:a@b.example',
    '//evil.example',
    'https://ok.example/"onmouseover="alert(1)',
  ])('author url %s', (url) => {
    const html = renderCommentsSection(section({ threads: buildThread([comment(1, { authorUrl: url })]) }));
    expectInert(html);
    const link = dom(html).querySelector('#comment-1 .comment-author a');
    if (link) {
      expect(link.getAttribute('href')).toMatch(/^https:\/\//);
      expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
      expect(link.getAttributeNames().sort()).toEqual(['class', 'href', 'rel']);
    }
  });

  it('a safe author url becomes a nofollow ugc link', () => {
    const link = dom(renderCommentsSection(section({ threads: buildThread([comment(1, { authorUrl: 'https://reader.example/me' })]) }))).querySelector(
      '#comment-1 .comment-author a',
    )!;
    expect(link.getAttribute('href')).toBe('https://reader.example/me');
    expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
  });

  it.each([
    ...payloads,
    '[x](javascript:alert(1))',
    '[x](JaVaScRiPt:alert(1))',
    '[x](java&#x09;script:alert(1))',
    '[x](data:text/html;base64,PHNjcmlwdD4=)',
    '![x](https://e.example/a.png)',
    '<iframe src="https://e.example"></iframe>',
    '```\n</code></pre><script>alert(1)</script>\n```',
    '`</code><script>alert(1)</script>`',
    '> <img src=x onerror=alert(1)>',
    '- <svg/onload=alert(1)>',
    '**<script>**alert(1)**</script>**',
  ])('body %s', (source) => {
    const html = renderCommentsSection(section({ threads: buildThread([comment(1, { bodySource: source })]) }));
    expectInert(html);
  });

  it.each(payloads)('form values, errors and token %s', (payload) => {
    const html = renderCommentsSection(
      section({
        values: { name: payload, email: payload, url: payload, body: payload, parent_id: payload },
        errors: { name: payload, body: payload, [payload]: payload },
        formToken: payload,
      }),
    );
    expectInert(html);
    const document = dom(html);
    expect(document.querySelector('input[name="name"]')!.getAttribute('value')).toBe(payload);
    expect(textareaValue(document)).toBe(payload);
    expect(html.match(/<\/textarea/gi)).toHaveLength(1);
    expect(document.querySelector('input[name="form_token"]')!.getAttribute('value')).toBe(payload);
    expect(document.querySelector('input[name="parent_id"]')!.getAttribute('value')).toBe('');
    expect(document.querySelectorAll('form').length).toBe(1);
    expect(document.querySelectorAll('textarea').length).toBe(1);
  });

  it('an invalid date string is shown as text, escaped', () => {
    const html = renderCommentsSection(section({ threads: buildThread([comment(1, { createdAt: '<script>alert(1)</script>' })]) }));
    expectInert(html);
    expect(dom(html).querySelector('#comment-1 time')!.textContent).toBe('<script>alert(1)</script>');
  });

  // Regressions for advisories of other comment systems (see the readers research notes).
  it('a single quote in the website cannot open an attribute (Isso stored XSS, PR #1083)', () => {
    const html = renderCommentsSection(section({ threads: buildThread([comment(1, { authorUrl: "https://e.example/' onmouseover='alert(1)" })]) }));
    expectInert(html);
    expect(dom(html).querySelector('#comment-1 .comment-author a')!.getAttribute('href')).toBe('https://e.example/\'%20onmouseover=\'alert(1)');
  });

  it('the website link cannot reach back into the page (Commento reverse tabnabbing fix)', () => {
    const link = dom(renderCommentsSection(section({ threads: buildThread([comment(1, { authorUrl: 'https://e.example/' })]) }))).querySelector('.comment-author a')!;
    expect(link.getAttribute('rel')!.split(' ')).toContain('noopener');
  });

  it('an article path with quotes cannot break out of the Reply link', () => {
    const html = renderCommentsSection(section({ articlePath: '/news/"onmouseover="alert(1)' }));
    expectInert(html);
  });
});

describe('sort, feed and edit links', () => {
  const twoThreads = buildThread([comment(1), comment(2, { createdAt: '2026-02-03T16:00:00.000Z' })]);

  it('offers the other order as a plain link and marks the current one', () => {
    const oldest = dom(renderCommentsSection(section({ threads: twoThreads })));
    expect(oldest.querySelector('.comments-sort [aria-current]')!.textContent).toBe('Oldest first');
    expect(oldest.querySelector('.comments-sort a')!.getAttribute('href')).toBe('/news/a-story?csort=newest#comments');
    const newest = dom(renderCommentsSection(section({ threads: twoThreads, sort: 'newest', page: 2 })));
    expect(newest.querySelector('.comments-sort [aria-current]')!.textContent).toBe('Newest first');
    // Changing the order starts again at the first page.
    expect(newest.querySelector('.comments-sort a')!.getAttribute('href')).toBe('/news/a-story#comments');
  });

  it('pages keep the order, and name their direction by it', () => {
    const newest = dom(renderCommentsSection(section({ threads: twoThreads, sort: 'newest', page: 2, hasMore: true })));
    expect(newest.querySelector('a.comments-next')!.textContent).toBe('Older comments');
    expect(newest.querySelector('a.comments-next')!.getAttribute('href')).toBe('/news/a-story?csort=newest&cpage=3#comments');
    expect(newest.querySelector('a.comments-previous')!.textContent).toBe('Newer comments');
    expect(newest.querySelector('a.comments-previous')!.getAttribute('href')).toBe('/news/a-story?csort=newest#comments');
    const oldest = dom(renderCommentsSection(section({ threads: twoThreads, page: 1, hasMore: true })));
    expect(oldest.querySelector('a.comments-next')!.textContent).toBe('Newer comments');
  });

  it('no sort links over a single comment', () => {
    expect(dom(renderCommentsSection(section({ threads: buildThread([comment(1)]) }))).querySelector('.comments-sort')).toBeNull();
  });

  it('links the comment feed when given', () => {
    const doc = dom(renderCommentsSection(section({ feedUrl: '/news/a-story/comments.xml' })));
    expect(doc.querySelector('.comments-feed a')!.getAttribute('href')).toBe('/news/a-story/comments.xml');
    expect(dom(renderCommentsSection(section())).querySelector('.comments-feed')).toBeNull();
  });

  it('shows "Edit" only on the reader\'s own editable comments, even with comments closed', () => {
    const editable = new Map([[2, '/news/a-story/comments/2/edit']]);
    const doc = dom(renderCommentsSection(section({ editable })));
    expect(doc.querySelectorAll('a.comment-edit-link')).toHaveLength(1);
    expect(doc.querySelector('#comment-2 a.comment-edit-link')!.getAttribute('href')).toBe('/news/a-story/comments/2/edit');
    const closed = dom(renderCommentsSection(section({ editable, commentsOpen: false })));
    expect(closed.querySelector('#comment-2 a.comment-edit-link')).not.toBeNull();
    expect(closed.querySelector('a.comment-reply-link')).toBeNull();
  });

  it('the notice of a held comment links its edit page; a deleted comment is confirmed', () => {
    const held = dom(renderCommentsSection(section({ notice: 'pending', editable: new Map([[9, '/news/a-story/comments/9/edit']]) })));
    expect(held.querySelector('.comment-notice-pending a')!.getAttribute('href')).toBe('/news/a-story/comments/9/edit');
    expect(dom(renderCommentsSection(section({ notice: 'pending' }))).querySelector('.comment-notice-pending a')).toBeNull();
    expect(dom(renderCommentsSection(section({ notice: 'deleted' }))).querySelector('.comment-notice-deleted')!.textContent).toBe('Your comment has been deleted.');
  });
});
