import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractArticle } from './extract-article.js';
import { parseDocument } from 'htmlparser2';
import { isTag, type AnyNode } from 'domhandler';
import { findBody } from './body.js';
import { Deadline } from './deadline.js';

const sentence = (topic: string, i: number) =>
  `This is sentence ${i} about ${topic}, written long enough, with commas and clauses, to read like the paragraph of a real story.`;
const fixture = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const paragraphs = (topic: string, n: number) => Array.from({ length: n }, (_, i) => `<p>${sentence(topic, i)}</p>`).join('\n');

describe('body extraction', () => {
  it('leaves every node of the article where its parent link says, in containers with and without loose text', () => {
    const doc = parseDocument(`<html><body><article>
      <div>${paragraphs('the harbour', 3)}<em>Photo of the harbour at dawn</em>${paragraphs('the pier', 2)}</div>
      <div>${paragraphs('the ferry', 2)}Loose words about the ferry, written straight into the container, long enough to count.${paragraphs('the quay', 1)}</div>
    </article></body></html>`);
    const article = findBody(doc, { deadline: new Deadline(5000), hint: null, title: null });
    expect(article).not.toBeNull();
    const stray: string[] = [];
    const stack: AnyNode[] = [article!];
    while (stack.length) {
      const node = stack.pop()!;
      if (!('children' in node)) continue;
      for (const child of node.children) {
        if (child.parent !== node) stray.push(isTag(child) ? child.name : child.type);
        stack.push(child);
      }
    }
    expect(stray).toEqual([]);
  });

  it('drops a "More stories" heading with its list of links, but keeps an ordinary list', () => {
    const html = `<html><body><article>
      ${paragraphs('the harbour', 4)}
      <ul><li>Fishing quotas rose by a tenth</li><li>The pier will be rebuilt in spring</li></ul>
      ${paragraphs('the pier', 2)}
      <div class="heading">More local stories</div>
      <ul><li><a href="/a">The strange life of a lighthouse keeper</a></li><li>How a <a href="/b">town saved its ferry</a></li><li><a href="/c">Ten walks along the cliffs</a></li></ul>
    </article></body></html>`;
    const { text } = extractArticle(html, 'https://site.example/x');
    expect(text).toContain('Fishing quotas rose by a tenth');
    expect(text).toContain('sentence 1 about the pier');
    expect(text).not.toContain('More local stories');
    expect(text).not.toContain('lighthouse keeper');
  });

  it('drops closing lines about the site: affiliate notice, contact lines, a bare address, the copyright line', () => {
    const { text } = extractArticle(fixture('closing-lines.html'), 'https://ledger.example/ferry');
    expect(text.split('\n')[0]).toMatch(/^The night ferry between the two islands/);
    expect(text).toContain('regional transport commission spent a year');
    expect(text).toContain('Copyright rules for the ferry');
    expect(text).toContain("by writing to the address on the ferry's noticeboard.");
    expect(text.split('\n').at(-1)).toMatch(/^The operator expects the ship to need a refit/);
    for (const gone of ['affiliate', 'morgan.tell@', 'newsdesk@', 'ferries.example', '© 2025']) expect(text).not.toContain(gone);
  });

  it('drops gallery counters, media controls and a JavaScript notice around the story', () => {
    const { text } = extractArticle(fixture('gallery-story.html'), 'https://valley.example/mill');
    expect(text.split('\n')).toHaveLength(5);
    expect(text).toContain('turned its wheel again this week');
    expect(text).toContain('before the roller mills took over the trade.');
    for (const gone of ['Watch the video', 'Image 2 of 7', '3 / 7', 'View the gallery', 'JavaScript', 'Enlarge this image']) expect(text).not.toContain(gone);
  });

  it.each([
    ['reading-time-de.html', 'Lesezeit', 'Im alten Bahnhof der Kleinstadt'],
    ['reading-time-pt.html', 'de leitura', 'Um terreno baldio no centro do bairro'],
    ['reading-time-ru.html', 'Время чтения', 'Ученики сельской школы собрали музей'],
  ])('drops the reading-time label of %s', (name, label, first) => {
    const { text } = extractArticle(fixture(name), 'https://site.example/x');
    expect(text).not.toContain(label);
    expect(text.split('\n')[0]).toMatch(new RegExp(`^${first}`));
    expect(text.split('\n')).toHaveLength(4);
  });

  it('uses JSON-LD articleBody to find the container when the markup alone would mislead', () => {
    const story = paragraphs('the election', 3);
    const hint = Array.from({ length: 3 }, (_, i) => sentence('the election', i)).join('\n');
    const html = `<html><head><script type="application/ld+json">${JSON.stringify({ '@type': 'NewsArticle', headline: 'Vote', articleBody: hint })}</script></head>
      <body><div class="main-column">${paragraphs('sport results', 6)}</div><div class="x1"><div class="x2">${story}</div></div></body></html>`;
    const { text } = extractArticle(html, 'https://site.example/x');
    expect(text).toContain('sentence 2 about the election');
    expect(text).not.toContain('sport results');
  });

  it('keeps subheadings but drops the headline, bylines and timestamps around the text', () => {
    const html = `<html><head><title>Storm closes the coast road | Coast News</title></head><body><article>
      <h1>Storm closes the coast road</h1>
      <p>By Dana Whitlock</p>
      <p>Updated 5:27 am CST, Wednesday, November 20, 2019</p>
      ${paragraphs('the storm', 3)}
      <h2>What happens next</h2>
      ${paragraphs('the repairs', 2)}
    </article></body></html>`;
    const result = extractArticle(html, 'https://site.example/x');
    expect(result.title).toBe('Storm closes the coast road');
    expect(result.text.split('\n')[0]).toBe(sentence('the storm', 0));
    expect(result.text).toContain('What happens next');
    expect(result.text).not.toContain('Dana Whitlock');
    expect(result.text).not.toContain('5:27');
    expect(result.html).toContain('<h2>What happens next</h2>');
  });

  it('keeps an embedded post quoted in the story, although its wrapper has a "social" class', () => {
    const tweet = `<div class="social-media-embed"><blockquote class="twitter-tweet"><p>The new slogan is something else: <a href="https://t.co/x">https://t.co/x</a></p>— A Reader (@reader) <a href="https://twitter.example/reader/status/1">November 18, 2019</a></blockquote></div>`;
    const html = `<html><body><article>${paragraphs('the campaign', 5)}${tweet}${paragraphs('the reaction', 5)}<div class="social-share"><a href="/s">Share on X</a></div></article></body></html>`;
    const { text } = extractArticle(html, 'https://site.example/x');
    expect(text).toContain('The new slogan is something else');
    expect(text).toContain('— A Reader (@reader) November 18, 2019');
    expect(text).not.toContain('Share on X');
  });

  it('never returns the comment thread as the article, even when the story is short', () => {
    const html = `<html><body><article><p>A short post asking readers for their questions, open until the end of the month.</p></article>
      <div id="comments"><ol class="comment-list">${Array.from({ length: 8 }, (_, i) => `<li class="comment"><div class="comment-body"><p>${sentence('a reader question', i)}</p></div></li>`).join('')}</ol></div></body></html>`;
    const { text } = extractArticle(html, 'https://site.example/x');
    expect(text).toBe('A short post asking readers for their questions, open until the end of the month.');
  });

  it('takes the title from <title> without the site name when nothing else declares it', () => {
    const html = `<html><head><title>Storm closes the coast road | Coast News</title></head><body><div>${paragraphs('the storm', 3)}</div></body></html>`;
    expect(extractArticle(html, 'https://site.example/x').title).toBe('Storm closes the coast road');
  });
});
