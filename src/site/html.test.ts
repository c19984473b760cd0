import { describe, it, expect } from 'vitest';
import { html, raw, join, safeUrl, SafeHtml } from './html.js';

describe('html tagged template', () => {
  it('escapes interpolated strings for text and attributes', () => {
    const value = `<script>"x" & 'y'</script>`;
    expect(html`<p title="${value}">${value}</p>`.value).toBe(
      '<p title="&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;">&lt;script&gt;&quot;x&quot; &amp; &#39;y&#39;&lt;/script&gt;</p>',
    );
  });

  it('inserts raw() and nested html as is', () => {
    const inner = html`<b>${'a<b'}</b>`;
    expect(html`<p>${inner}${raw('<i>ok</i>')}</p>`.value).toBe('<p><b>a&lt;b</b><i>ok</i></p>');
  });

  it('joins arrays, escaping each item, and renders nothing for null, undefined and booleans', () => {
    expect(html`<ul>${['<1>', html`<li>2</li>`, null, undefined, false, true, 3]}</ul>`.value).toBe('<ul>&lt;1&gt;<li>2</li>3</ul>');
  });

  it('join() uses a separator', () => {
    expect(join(['a', raw('<br>'), '<c>'], ', ').value).toBe('a, <br>, &lt;c&gt;');
  });

  it('returns SafeHtml that stringifies to its value', () => {
    const out = html`x`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(String(out)).toBe('x');
  });

  it('leaves clean text untouched', () => {
    const text = 'plain text, nothing to escape';
    expect(html`${text}`.value).toBe(text);
  });
});

describe('safeUrl', () => {
  it.each([
    ['https://a.example/x?y=1', 'https://a.example/x?y=1'],
    ['HTTP://A.example', 'HTTP://A.example'],
    ['mailto:a@b.example', 'mailto:a@b.example'],
    ['/articles/x', '/articles/x'],
    ['articles/x:y', 'articles/x:y'],
    ['#comments', '#comments'],
    ['?page=2', '?page=2'],
    ['javascript:alert(1)', '#'],
    [' JavaScript:alert(1)', '#'],
    ['java\tscript:alert(1)', '#'],
    ['data:text/html,<script>alert(1)</script>', '#'],
    ['vbscript:msgbox', '#'],
    ['/\\evil.example', '#'],
    ['', '#'],
    [null, '#'],
  ])('%j → %j', (input, expected) => {
    expect(safeUrl(input)).toBe(expected);
  });
});
