import { describe, it, expect } from 'vitest';
import { renderCommentMarkdown, safeCommentHref, MAX_BLOCK_DEPTH, MAX_INLINE_DEPTH } from './markdown.js';

const ALLOWED_TAGS = new Set(['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a']);

/** Every tag in the output is on the allow-list, and every attribute is one we expect on it. */
function expectOnlyAllowedMarkup(html: string): void {
  for (const m of html.matchAll(/<\/?([a-zA-Z][a-zA-Z0-9-]*)([^>]*)>/g)) {
    const tag = m[1].toLowerCase();
    expect(ALLOWED_TAGS.has(tag), `tag <${tag}> in ${html}`).toBe(true);
    const attrs = [...m[2].matchAll(/\s([^\s=/>]+)(?:="[^"]*")?/g)].map((a) => a[1].toLowerCase());
    for (const attr of attrs) {
      const ok = (tag === 'a' && (attr === 'href' || attr === 'rel')) || (tag === 'ol' && attr === 'start');
      expect(ok, `attribute ${attr} on <${tag}> in ${html}`).toBe(true);
    }
  }
  for (const href of html.matchAll(/href="([^"]*)"/g)) expect(href[1]).toMatch(/^(https?:\/\/|mailto:)/);
}

function maxNesting(html: string, tag: string): number {
  let depth = 0;
  let max = 0;
  for (const m of html.matchAll(new RegExp(`<(/?)${tag}>`, 'g'))) {
    depth += m[1] ? -1 : 1;
    max = Math.max(max, depth);
  }
  return max;
}

describe('renderCommentMarkdown: the subset', () => {
  const cases: Array<[string, string, string]> = [
    ['paragraphs', 'one\n\ntwo', '<p>one</p><p>two</p>'],
    ['line breaks', 'one\ntwo', '<p>one<br />\ntwo</p>'],
    ['emphasis', 'an *em* and _em_ word', '<p>an <em>em</em> and <em>em</em> word</p>'],
    ['strong', 'a **strong** word', '<p>a <strong>strong</strong> word</p>'],
    ['strong inside em', '***both***', '<p><em><strong>both</strong></em></p>'],
    ['underscores inside words', 'snake_case_name', '<p>snake_case_name</p>'],
    ['unclosed emphasis stays text', '**open *and', '<p>**open *and</p>'],
    ['code span', 'run `npm test` now', '<p>run <code>npm test</code> now</p>'],
    ['code span with backticks', '``a ` b``', '<p><code>a ` b</code></p>'],
    ['markup inside code is text', '`<b>*x*</b>`', '<p><code>&lt;b&gt;*x*&lt;/b&gt;</code></p>'],
    ['fenced code', '```ts\nif (a < b) {}\n```', '<pre><code>if (a &lt; b) {}\n</code></pre>'],
    ['tilde fence', '~~~\n*no*\n~~~', '<pre><code>*no*\n</code></pre>'],
    ['unclosed fence runs to the end', '```\ncode', '<pre><code>code</code></pre>'],
    ['quote', '> quoted\n\nreply', '<blockquote><p>quoted</p></blockquote><p>reply</p>'],
    ['nested quote', '> a\n>> b', '<blockquote><p>a</p><blockquote><p>b</p></blockquote></blockquote>'],
    ['bullet list', '- one\n- two', '<ul><li>one</li><li>two</li></ul>'],
    ['star list', '* one\n* two', '<ul><li>one</li><li>two</li></ul>'],
    ['ordered list', '1. one\n2. two', '<ol><li>one</li><li>two</li></ol>'],
    ['ordered list start', '3. three\n4. four', '<ol start="3"><li>three</li><li>four</li></ol>'],
    ['nested list', '- a\n  - b', '<ul><li>a<ul><li>b</li></ul></li></ul>'],
    ['list after paragraph', 'Points:\n- a', '<p>Points:</p><ul><li>a</li></ul>'],
    ['a year is not a list', 'It was\n2024. Then', '<p>It was<br />\n2024. Then</p>'],
    ['link', '[docs](https://example.org/docs)', '<p><a href="https://example.org/docs" rel="nofollow ugc noopener">docs</a></p>'],
    ['link with parentheses', '[w](https://en.wikipedia.org/wiki/A_(b))', '<p><a href="https://en.wikipedia.org/wiki/A_(b)" rel="nofollow ugc noopener">w</a></p>'],
    ['angle-bracket destination', '[a](<https://e.org/x>)', '<p><a href="https://e.org/x" rel="nofollow ugc noopener">a</a></p>'],
    ['mailto link', '[mail](mailto:ed@example.org)', '<p><a href="mailto:ed@example.org" rel="nofollow ugc noopener">mail</a></p>'],
    ['emphasis in a link', '[**b**](https://e.org/)', '<p><a href="https://e.org/" rel="nofollow ugc noopener"><strong>b</strong></a></p>'],
    ['bare url', 'see https://example.org/a?b=1.', '<p>see <a href="https://example.org/a?b=1" rel="nofollow ugc noopener">https://example.org/a?b=1</a>.</p>'],
    ['bare url in parentheses', '(https://example.org/x)', '<p>(<a href="https://example.org/x" rel="nofollow ugc noopener">https://example.org/x</a>)</p>'],
    ['no autolink inside a word', 'xhttp://example.org', '<p>xhttp://example.org</p>'],
    ['escaped markers', '\\*not em\\*', '<p>*not em*</p>'],
    ['heading is text', '# title', '<p># title</p>'],
    ['underline heading and rule are text', 'text\n---\n***', '<p>text<br />\n---<br />\n***</p>'],
    ['indented text is not code', '    indented', '<p>indented</p>'],
    ['a host without a scheme is not a link', 'see example.org', '<p>see example.org</p>'],
    ['reference definitions are shown as typed', '[1]: https://e.org', '<p>[1]: <a href="https://e.org/" rel="nofollow ugc noopener">https://e.org</a></p>'],
    ['strikethrough and entities are shown as typed', '~~x~~ &amp;', '<p>~~x~~ &amp;amp;</p>'],
    ['no typographic rewriting', '1 -- 2 "q" (c)', '<p>1 -- 2 "q" (c)</p>'],
    ['empty input', '   \n\n ', ''],
  ];
  it.each(cases)('%s', (_name, source, expected) => {
    const html = renderCommentMarkdown(source);
    expect(html).toBe(expected);
    expectOnlyAllowedMarkup(html);
  });
});

describe('renderCommentMarkdown: hostile input', () => {
  const hostile: Array<[string, string, (html: string) => void]> = [
    ['script tag', '<script>alert(1)</script>', (h) => expect(h).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>')],
    ['img onerror', '<img src=x onerror=alert(1)>', (h) => expect(h).toBe('<p>&lt;img src=x onerror=alert(1)&gt;</p>')],
    ['attribute break-out in text', '"><svg onload=alert(1)>', (h) => expect(h).not.toMatch(/<svg/i)],
    ['javascript: link', '[x](javascript:alert(1))', (h) => expect(h).toBe('<p>x</p>')],
    ['mixed-case scheme', '[x](JaVaScRiPt:alert(1))', (h) => expect(h).toBe('<p>x</p>')],
    ['entity-split scheme', '[x](java&#x09;script:alert(1))', (h) => expect(h).toBe('<p>x</p>')],
    ['tab-split scheme', '[x](java\tscript:alert(1))', (h) => expect(h).not.toContain('href')],
    ['newline-split scheme', '[x](java\nscript:alert(1))', (h) => expect(h).not.toContain('href')],
    ['leading space scheme', '[x]( javascript:alert(1))', (h) => expect(h).not.toContain('href')],
    ['data: link', '[x](data:text/html;base64,PHNjcmlwdD4=)', (h) => expect(h).toBe('<p>x</p>')],
    ['vbscript: link', '[x](vbscript:msgbox(1))', (h) => expect(h).toBe('<p>x</p>')],
    ['protocol-relative link', '[x](//evil.example/)', (h) => expect(h).toBe('<p>x</p>')],
    ['relative link', '[x](/admin)', (h) => expect(h).toBe('<p>x</p>')],
    ['angle-bracket javascript', '[x](<javascript:alert(1)>)', (h) => expect(h).toBe('<p>x</p>')],
    ['bare javascript: is text', 'javascript:alert(1)', (h) => expect(h).toBe('<p>javascript:alert(1)</p>')],
    ['image markdown is not an image', '![a](https://e.org/x.png)', (h) => expect(h).not.toContain('<img')],
    ['quote in url cannot break the attribute', '[x](https://e.org/"onmouseover="alert(1))', (h) => expect(h).not.toMatch(/\sonmouseover=/)],
    ['html comment', '<!-- x --> y', (h) => expect(h).toBe('<p>&lt;!-- x --&gt; y</p>')],
    ['iframe', '<iframe src="https://e.org"></iframe>', (h) => expect(h).not.toContain('<iframe')],
    ['style attribute via raw html', '<p style="position:fixed">x</p>', (h) => expect(h).not.toMatch(/<p style/)],
    ['code fence info cannot inject', '```"><script>\nx\n```', (h) => expect(h).toBe('<pre><code>x\n</code></pre>')],
    ['unicode bidi override', 'abc\u202Egnp.exe', (h) => expect(h).toBe('<p>abcgnp.exe</p>')],
    ['unicode isolates', 'a\u2066b\u2069c', (h) => expect(h).toBe('<p>abc</p>')],
    ['null bytes', 'a\u0000b<scr\u0000ipt>', (h) => expect(h).toBe('<p>a\uFFFDb&lt;scr\uFFFDipt&gt;</p>')],
    ['control characters', 'a\u0007b\u001Bc\u0085d', (h) => expect(h).toBe('<p>abcd</p>')],
    ['lone surrogate', 'a\uD800b', (h) => expect(h).toBe('<p>a\uFFFDb</p>')],
  ];
  it.each(hostile)('%s', (_name, source, check) => {
    const html = renderCommentMarkdown(source);
    check(html);
    expectOnlyAllowedMarkup(html);
    expect(html).not.toMatch(/<script|href="\s*(javascript|data|vbscript):/i);
  });

  it('bounds 1000 nested quotes', () => {
    const html = renderCommentMarkdown(`${'>'.repeat(1000)} deep`);
    expect(maxNesting(html, 'blockquote')).toBe(MAX_BLOCK_DEPTH);
    expect(html).toContain('deep');
  });

  it('flattens lists nested deeper over several lines, keeping every item apart', () => {
    const html = renderCommentMarkdown(Array.from({ length: 12 }, (_, k) => `${'  '.repeat(k)}- item ${k}`).join('\n'));
    expect(maxNesting(html, 'ul')).toBe(MAX_BLOCK_DEPTH);
    for (let k = 0; k < 12; k++) expect(html).toMatch(new RegExp(`>item ${k}<`));
    expectOnlyAllowedMarkup(html);
  });

  it('bounds deeply nested lists', () => {
    const html = renderCommentMarkdown(`${'- '.repeat(1000)}x`);
    expect(maxNesting(html, 'ul')).toBe(MAX_BLOCK_DEPTH);
  });

  it('bounds nested emphasis', () => {
    const html = renderCommentMarkdown(`${'*a '.repeat(200)}b${' c*'.repeat(200)}`);
    expect(maxNesting(html, 'em')).toBe(MAX_INLINE_DEPTH);
    expectOnlyAllowedMarkup(html);
  });

  // A quadratic scan takes tens of seconds on these (10^10 steps); linear rendering takes well under a second, so
  // the generous bound still tells them apart on a busy shared machine.
  const heavy: Array<[string, string, number]> = [
    ['1 MB of backticks', '`'.repeat(1_000_000), 5_000],
    ['100 kB of short backtick runs', '``a`'.repeat(25_000), 5_000],
    ['backtick runs of many lengths', Array.from({ length: 4000 }, (_, k) => `${'`'.repeat((k % 60) + 1)}x`).join(' '), 5_000],
    ['200 kB of open brackets', '['.repeat(200_000), 5_000],
    ['200 kB of unclosed link starts', '[a]('.repeat(50_000), 5_000],
    ['200 kB of unclosed angle destinations', '[a](<'.repeat(40_000), 5_000],
    ['200 kB of unmatched emphasis', '*a _b '.repeat(33_000), 5_000],
    ['200 kB of unmatched closers', 'a* b_ '.repeat(33_000), 5_000],
    ['200 kB of url prefixes', 'https://('.repeat(22_000), 5_000],
    ['a url followed by 200 kB of closing parentheses', `https://e.org/${')'.repeat(200_000)}`, 5_000],
    ['a url followed by 200 kB of full stops', `https://e.org/${'.'.repeat(200_000)}`, 5_000],
    ['a link destination with 200 kB of parentheses', `[a](https://e.org/${'('.repeat(100_000)}${')'.repeat(100_000)}`, 5_000],
    ['200 kB of backslashes', '\\'.repeat(200_000), 5_000],
    ['80 kB of quote markers on many lines', Array.from({ length: 400 }, (_, k) => `${'>'.repeat(k)} x`).join('\n'), 5_000],
  ];
  it.each(heavy)('%s renders quickly', (_name, source, budgetMs) => {
    const started = performance.now();
    const html = renderCommentMarkdown(source);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(budgetMs);
    expectOnlyAllowedMarkup(html.slice(0, 20_000));
  });
});

describe('safeCommentHref', () => {
  it.each([
    ['https://example.org/a b', 'https://example.org/a%20b'],
    ['HTTP://EXAMPLE.ORG', 'http://example.org/'],
    ['mailto:a@b.org', 'mailto:a@b.org'],
    ['javascript:alert(1)', null],
    [' javascript:alert(1)', null],
    ['data:text/html,x', null],
    ['ftp://example.org/', null],
    ['/relative', null],
    ['mailto:', null],
    [`https://e.org/${'a'.repeat(3000)}`, null],
  ])('%s → %s', (input, expected) => {
    expect(safeCommentHref(input)).toBe(expected);
  });
});
