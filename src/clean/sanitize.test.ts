import { describe, it, expect } from 'vitest';
import { absoluteUrl, escapeHtml, htmlToText, sanitizeArticleHtml } from './sanitize.js';

const BASE = 'https://wire.test/news/2026/story.html';

describe('sanitizeArticleHtml', () => {
  it.each([
    ['<script>alert(1)</script><p>ok</p>', '<p>ok</p>'],
    ['<p onclick="alert(1)" style="color:red" class="x">ok</p>', '<p>ok</p>'],
    ['<img src="x" onerror="alert(1)">', '<img src="https://wire.test/news/2026/x" loading="lazy" />'],
    ['<a href="javascript:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="JaVaScRiPt:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="java&#x09;script:alert(1)">x</a>', '<a>x</a>'],
    ['<a href="data:text/html,<script>alert(1)</script>">x</a>', '<a>x</a>'],
    ['<img src="data:image/svg+xml,<svg onload=alert(1)>">', ''],
    ['<iframe src="https://evil.test"></iframe><p>ok</p>', '<p>ok</p>'],
    ['<svg><script>alert(1)</script></svg><p>ok</p>', '<p>ok</p>'],
    ['<object data="x"></object><embed src="x"><p>ok</p>', '<p>ok</p>'],
    ['<style>body{}</style><p>ok</p>', '<p>ok</p>'],
    ['<form action="https://evil.test"><input name="q"></form><p>ok</p>', '<p>ok</p>'],
    ['<math><mi xlink:href="javascript:alert(1)">x</mi></math><p>ok</p>', '<p>ok</p>'],
    ['<a href="//evil.test/">x</a>', '<a href="https://evil.test/">x</a>'],
  ])('%s → %s', (input, expected) => {
    expect(sanitizeArticleHtml(input, BASE)).toBe(expected);
  });

  it('keeps the structure of a story and makes its links absolute', () => {
    const html = sanitizeArticleHtml(
      '<h1>Title</h1><p>Read <a href="/more" title="More">more</a>.</p><blockquote cite="/q"><p>Quote</p></blockquote>' +
        '<ul><li>One</li></ul><table><tr><th scope="col">A</th></tr><tr><td colspan="2">1</td></tr></table>' +
        '<figure><img src="../img/a.jpg" alt="A quay" width="800" height="450"><figcaption>A quay. <span>Photo: X</span></figcaption></figure>',
      BASE,
    );
    expect(html).toContain('<h2>Title</h2>');
    expect(html).toContain('<a href="https://wire.test/more" title="More">more</a>');
    expect(html).toContain('<blockquote cite="https://wire.test/q">');
    expect(html).toContain('<th scope="col">A</th>');
    expect(html).toContain('<td colspan="2">1</td>');
    expect(html).toContain('<img src="https://wire.test/news/img/a.jpg" alt="A quay" width="800" height="450" loading="lazy" />');
    expect(html).toContain('<figcaption>A quay. <span>Photo: X</span></figcaption>');
  });
});

describe('htmlToText', () => {
  it('gives one block a line, entities decoded, scripts and styles left out', () => {
    expect(htmlToText('<p>One &amp; <b>two</b></p><p>three<br>four</p><script>var x = "<p>no</p>";</script><style>p{}</style><ul><li>five</li></ul>')).toBe(
      'One & two\nthree\nfour\nfive',
    );
    expect(htmlToText('  <div>\n  spaced\t&nbsp; out  </div>')).toBe('spaced out');
    expect(htmlToText('')).toBe('');
    expect(htmlToText('plain text &lt;not a tag&gt;')).toBe('plain text <not a tag>');
  });
  it('is linear on large input', () => {
    const big = '<p>word word word</p>'.repeat(50_000);
    const started = performance.now();
    expect(htmlToText(big).split('\n')).toHaveLength(50_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('absoluteUrl and escapeHtml', () => {
  it('resolves http(s) and mailto only', () => {
    expect(absoluteUrl('../a', BASE)).toBe('https://wire.test/news/a');
    expect(absoluteUrl('mailto:desk@wire.test', BASE)).toBe('mailto:desk@wire.test');
    expect(absoluteUrl('mailto:desk@wire.test', BASE, false)).toBeNull();
    expect(absoluteUrl('javascript:alert(1)', BASE)).toBeNull();
    expect(absoluteUrl('  ', BASE)).toBeNull();
    expect(absoluteUrl('http://[bad', undefined)).toBeNull();
  });
  it('escapes every character that could leave a text node or an attribute', () => {
    expect(escapeHtml(`<a href="x" title='y'>&</a>`)).toBe('&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;');
  });
});
