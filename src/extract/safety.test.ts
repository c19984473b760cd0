// No crash and no hang on any input: each case either extracts or throws an ExtractionError with a code.
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { extractArticle, ExtractionError } from './extract-article.js';

const URL_ = 'https://site.example/page';
const paragraph = (i: number) =>
  `<p>Paragraph ${i} of a long story, with enough words in it, and a comma or two, to be scored as article text by the extractor.</p>`;

function codeOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    return (error as ExtractionError).code;
  }
}

describe('extractArticle on hostile input', () => {
  it('rejects an empty page as empty', () => {
    expect(codeOf(() => extractArticle('', URL_))).toBe('empty');
    expect(codeOf(() => extractArticle(new Uint8Array(0), URL_))).toBe('empty');
    expect(codeOf(() => extractArticle('   \n\t ', URL_))).toBe('empty');
  });

  it('rejects binary bytes and non-HTML content types as not-html', () => {
    const bytes = new Uint8Array(4096);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 7919) % 256;
    expect(codeOf(() => extractArticle(bytes, URL_))).toBe('not-html');
    expect(codeOf(() => extractArticle('<p>x</p>', URL_, { contentType: 'image/png' }))).toBe('not-html');
    expect(codeOf(() => extractArticle('just words, no markup at all', URL_))).toBe('not-html');
  });

  it('says no-article when a page has no text', () => {
    expect(codeOf(() => extractArticle('<html><body><nav><a href="/">Home</a></nav></body></html>', URL_))).toBe('no-article');
  });

  it('survives 100,000 nested <div>s without recursion', () => {
    const depth = 100_000;
    const html = `<html><body>${'<div>'.repeat(depth)}${paragraph(1)}${paragraph(2)}${'</div>'.repeat(depth)}</body></html>`;
    const result = extractArticle(html, URL_, { timeBudgetMs: 10_000 });
    expect(result.text).toContain('Paragraph 1 of a long story');
    expect(result.text).toContain('Paragraph 2 of a long story');
  });

  it('handles a 20 MB page within its time budget: a result or a time-budget error, never a hang', () => {
    const filler = `<div class="sidebar"><ul>${'<li><a href="/x">A link in a long list of links</a></li>'.repeat(50)}</ul></div>`;
    const html = `<html><body>${filler.repeat(Math.ceil((20 * 1024 * 1024) / filler.length))}<article>${paragraph(1)}${paragraph(2)}${paragraph(3)}</article></body></html>`;
    expect(html.length).toBeGreaterThan(20 * 1024 * 1024);
    const started = performance.now();
    const code = codeOf(() => {
      const result = extractArticle(html, URL_, { timeBudgetMs: 2000 });
      expect(result.text).toContain('Paragraph 3 of a long story');
    });
    expect(code === null || code === 'time-budget').toBe(true);
    // The clock is checked between parser chunks and in every loop, so the overrun stays small.
    expect(performance.now() - started).toBeLessThan(2000 + 3000);
  });

  it('stops with time-budget on a large page with a tiny budget', () => {
    const html = `<html><body>${Array.from({ length: 20_000 }, (_, i) => paragraph(i)).join('')}</body></html>`;
    let error: unknown;
    try {
      extractArticle(html, URL_, { timeBudgetMs: 1 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe('time-budget');
    expect((error as ExtractionError).message).toMatch(/time budget of 1 ms/);
  });

  it('copes with broken markup', () => {
    const html = `<html><body><div><p>Unclosed paragraph of a story that goes on and on, with commas, clauses and words enough to count as a paragraph.<p>Another one <b>with <i>badly nested</b> tags</i> that still carries enough text to be taken as article text.</div></span></table><p>Tail paragraph after stray closing tags, long enough, with a comma, to belong to the story as well.`;
    const result = extractArticle(html, URL_);
    expect(result.text).toContain('Unclosed paragraph');
    expect(result.text).toContain('badly nested');
  });

  it('takes text written straight into <body> with line breaks', () => {
    const html = '<html><body>First line of a plain page, long enough to be read as text.<br><br>Second line of the same plain page.</body></html>';
    expect(extractArticle(html, URL_).text).toBe('First line of a plain page, long enough to be read as text.\nSecond line of the same plain page.');
  });

  it('decodes UTF-16 with a BOM', () => {
    const page = `<html><body><article>${paragraph(1)}<p>Grüße aus Köln, with a paragraph long enough to be article text in its own right.</p></article></body></html>`;
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(page, 'utf-16le')]);
    expect(extractArticle(bytes, URL_).text).toContain('Grüße aus Köln');
  });

  it('decodes windows-1252 declared in a meta charset', () => {
    const page = `<html><head><meta charset="windows-1252"></head><body><article>${paragraph(1)}<p>The café’s owner said “enough is enough” – and closed the doors for good, after forty years.</p></article></body></html>`;
    const text = extractArticle(iconv.encode(page, 'windows-1252'), URL_).text;
    expect(text).toContain('The café’s owner said “enough is enough” – and closed');
  });

  it('never throws anything but ExtractionError on random markup soup', () => {
    const pieces = ['<div>', '</div>', '<p>', 'text, words, more words ', '<!--', '-->', '<script>', '</script>', '<a href="x">', '&amp;', '&#0;', '<', '>', '"', '<table><tr><td>'];
    let seed = 42;
    for (let round = 0; round < 30; round++) {
      let html = '';
      for (let i = 0; i < 400; i++) {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        html += pieces[seed % pieces.length];
      }
      const code = codeOf(() => extractArticle(html, URL_));
      expect(code === null || ['empty', 'not-html', 'no-article'].includes(code)).toBe(true);
    }
  });
});
