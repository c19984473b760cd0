import { describe, it, expect } from 'vitest';
import { captionsAsFigures } from './caption-figures.js';
import { afterPass } from '../../test/support/fragment-body.js';
import { extractArticle } from './extract-article.js';
import { storyTextOfHtml } from './story-text.js';

const figured = (html: string) => afterPass(html, captionsAsFigures);

describe('captionsAsFigures', () => {
  it('makes a caption block and the image before it one figure', () => {
    expect(figured('<p>Text.</p><img src="a.jpg"><div class="photo-caption">Ferries at the quay. Photo: Ana Lee</div><p>More.</p>'))
      .toBe('<p>Text.</p><figure><img src="a.jpg"><figcaption class="photo-caption">Ferries at the quay. Photo: Ana Lee</figcaption></figure><p>More.</p>');
  });

  it('names a caption inside a figure a figcaption, and leaves a figcaption as it is', () => {
    expect(figured('<figure><img src="a.jpg"><div class="credit">Photo: AP</div></figure>')).toBe('<figure><img src="a.jpg"><figcaption class="credit">Photo: AP</figcaption></figure>');
    expect(figured('<figure><img src="a.jpg"><figcaption>A quay.</figcaption></figure>')).toBe('<figure><img src="a.jpg"><figcaption>A quay.</figcaption></figure>');
  });

  it('wraps the paragraph a caption stands alone in, and the content of a list item', () => {
    expect(figured('<p><span class="caption">A quay at dawn.</span></p>')).toBe('<figure><figcaption><span class="caption">A quay at dawn.</span></figcaption></figure>');
    expect(figured('<ul><li class="caption">A quay.</li></ul>')).toBe('<ul><li class="caption"><figure><figcaption>A quay.</figcaption></figure></li></ul>');
  });

  it('leaves a credit inside running text where it is', () => {
    const html = '<p>The council voted, <span class="credit">the agency</span> said.</p>';
    expect(figured(html)).toBe(html);
  });

  it('gives a body whose text, read as a copy, is the extracted text', () => {
    const page = `<html><head><title>Talks resume</title></head><body><article><h1>Talks resume</h1>
      <p>Talks resumed in Geneva on Monday after a pause of three weeks, officials from both delegations said.</p>
      <img src="https://wire.test/talks.jpg"><div class="image-caption">Delegates arrive at the hall in Geneva. Photo: Ana Lee</div>
      <p>The second round follows on Tuesday, with the question of the border crossings first on the agenda.</p>
      <p>"We will not sign anything this week," the minister told reporters outside the building.</p></article></body></html>`;
    const article = extractArticle(page, 'https://wire.test/talks');
    expect(article.text).not.toContain('Delegates arrive');
    expect(article.html).toMatch(/<figure><img [^>]*src="https:\/\/wire.test\/talks.jpg"[^>]*\/?><figcaption>Delegates arrive at the hall in Geneva\. Photo: Ana Lee<\/figcaption><\/figure>/);
    expect(storyTextOfHtml(article.html)).toBe(article.text);
  });
});
