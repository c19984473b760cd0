import { describe, expect, it } from 'vitest';
import { releaseOpenEmbeds } from './open-embeds.js';
import { sanitizeArticleHtml } from './sanitize.js';

const BASE = 'https://wire.test/news/story.html';
// Markup that could run or load something; the same words as escaped text are harmless.
const SCRIPTABLE = [/<\s*(?:script|iframe|object|embed|param|svg)/i, /<[^>]*\son\w+\s*=/i, /<[^>]*=\s*["']?\s*javascript:/i, /<[^>]*srcdoc/i];

describe('text after a self-closed or unclosed iframe, object or embed', () => {
  it.each([
    ['safe<iframe src="https://evil.test/"/> description', 'safe description'],
    ['safe<IFRAME SRC="https://evil.test/" /> description', 'safe description'],
    ['safe<iframe src="https://evil.test/"> description', 'safe description'],
    ['safe<object data="https://evil.test/x.swf"/> description', 'safe description'],
    ['safe<object data="https://evil.test/x.swf"><param name="movie" value="x"> description', 'safe description'],
    ['safe<embed src="https://evil.test/x.swf"/> description', 'safe description'],
    ['safe<embed src="https://evil.test/x.swf"> description', 'safe description'],
    ['<p>one<iframe src="https://evil.test/">two</p><p>three</p>', '<p>onetwo</p><p>three</p>'],
    ['<p>a<iframe/><iframe/>b</p><p>c<object/>d</p>', '<p>ab</p><p>cd</p>'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeArticleHtml(input, BASE)).toBe(expected);
  });

  it('still drops a closed iframe or object with what is inside it', () => {
    expect(sanitizeArticleHtml('a<iframe src="https://evil.test/">fallback</iframe>b', BASE)).toBe('ab');
    expect(sanitizeArticleHtml('a<object data="x">fallback <b>text</b></object>b', BASE)).toBe('ab');
    expect(sanitizeArticleHtml('a<iframe/>kept</iframe>b', BASE)).toBe('akeptb');
  });

  it.each([
    '<iframe/><script>alert(1)</script>after',
    '<scr<iframe/>ipt>alert(1)</script>after',
    '<ifr<iframe/>ame src="javascript:alert(1)">after',
    '<iframe srcdoc="<script>alert(1)</script>"/>after',
    '<iframe src="javascript:alert(1)"/>after',
    '<object data="javascript:alert(1)"><embed src="javascript:alert(1)">after',
    '<iframe/><img src="x" onerror="alert(1)">after',
    '<iframe><iframe/>inner</iframe>after',
    '<object/><object/><iframe>after',
    '<iframe/ onload="alert(1)">after',
    '<svg><iframe/><script>alert(1)</script></svg>after',
    '<a href="https://ok.test/"><iframe/>link text</a>after',
  ])('hostile input stays harmless and keeps its trailing text: %s', (input) => {
    const out = sanitizeArticleHtml(input, BASE);
    for (const pattern of SCRIPTABLE) expect(out).not.toMatch(pattern);
    expect(out).toContain('after');
  });

  it('leaves HTML without embedding elements untouched', () => {
    const html = '<p>Plain <a href="/x">story</a> text.</p>';
    expect(releaseOpenEmbeds(html)).toBe(html);
  });
});
