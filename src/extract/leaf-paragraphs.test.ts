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
});
