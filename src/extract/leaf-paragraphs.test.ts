import { describe, it, expect } from 'vitest';
import { leafBlocksAsParagraphs } from './leaf-paragraphs.js';
import { afterPass } from '../../test/support/fragment-body.js';
import { extractArticle } from './extract-article.js';
import { storyTextOfHtml } from './story-text.js';

const paragraphed = (html: string) => afterPass(html, leafBlocksAsParagraphs);

describe('leafBlocksAsParagraphs', () => {
  it('makes a div that holds text and no block a paragraph, and leaves a container of blocks a div', () => {
    expect(paragraphed('<div>You should not just believe them.</div><div>Which is not to say <b>it</b> was routine.</div>'))
      .toBe('<p>You should not just believe them.</p><p>Which is not to say <b>it</b> was routine.</p>');
    expect(paragraphed('<div><p>One.</p><div>Two.</div></div>')).toBe('<div><p>One.</p><p>Two.</p></div>');
  });

  it('leaves empty blocks, and blocks where a paragraph may not stand, as they are', () => {
    expect(paragraphed('<div> </div><div><img src="a.jpg"></div>')).toBe('<div> </div><div><img src="a.jpg"></div>');
    expect(paragraphed('<h2><div>Title</div></h2>')).toBe('<h2><div>Title</div></h2>');
  });

  it('makes each run of loose text beside blocks a paragraph, as a browser lays it out', () => {
    expect(paragraphed('<div>Filed from the capital.<p>One.</p>Read <b>more</b> on the site<div><p>Two.</p></div></div>'))
      .toBe('<div><p>Filed from the capital.</p><p>One.</p><p>Read <b>more</b> on the site</p><div><p>Two.</p></div></div>');
  });

  it('leaves runs of blank space, inline elements that hold blocks, and loose text where a paragraph may not stand alone', () => {
    expect(paragraphed('<div> <p>One.</p> <br> </div>')).toBe('<div> <p>One.</p> <br> </div>');
    expect(paragraphed('<div><span><p>One.</p></span><p>Two.</p></div>')).toBe('<div><span><p>One.</p></span><p>Two.</p></div>');
    expect(paragraphed('<a href="/x"><div>Tag<p>One.</p></div></a>')).toBe('<a href="/x"><div>Tag<p>One.</p></div></a>');
  });

  it('keeps the paragraphs of a page written in divs apart in the stored body', () => {
    const sentences = [
      'Talks resumed in Geneva on Monday after a pause of three weeks, officials from both delegations said.',
      'The second round follows on Tuesday, with the question of the border crossings first on the agenda.',
      'Both sides said they expected the round to last until the end of the week at the earliest.',
    ];
    const page = `<html><head><title>Talks resume</title></head><body><div class="story-body">${sentences.map((s) => `<div class="para">${s}</div>`).join('')}</div></body></html>`;
    const article = extractArticle(page, 'https://wire.test/talks');
    expect(article.text).toBe(sentences.join('\n'));
    expect(article.html).toBe(sentences.map((s) => `<p>${s}</p>`).join(''));
    expect(storyTextOfHtml(article.html)).toBe(article.text);
  });

  it('stores loose labels beside blocks as the lines the text reads them as', () => {
    const sentences = [
      'Talks resumed in Geneva on Monday after a pause of three weeks, officials from both delegations said.',
      'The second round follows on Tuesday, with the question of the border crossings first on the agenda.',
      'Both sides said they expected the round to last until the end of the week at the earliest.',
    ];
    const page = `<html><head><title>Talks resume</title></head><body><article>${sentences.map((s) => `<p>${s}</p>`).join('')}` +
      '<div><label>Earlier talks</label><div><a href="/talks-march"><img src="/march.jpg" alt=""></a></div></div>' +
      '<div><label>Background</label><div><a href="/border"><img src="/border.jpg" alt=""></a></div></div></article></body></html>';
    const article = extractArticle(page, 'https://wire.test/talks');
    expect(article.text.endsWith('\nEarlier talks\nBackground')).toBe(true);
    // Without the paragraphs the stored body read "Earlier talksBackground".
    expect(storyTextOfHtml(article.html)).toBe(article.text);
  });
});
