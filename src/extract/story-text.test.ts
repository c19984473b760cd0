import { describe, it, expect } from 'vitest';
import { storyTextOfHtml } from './story-text.js';

describe('storyTextOfHtml', () => {
  it('gives one block a line and leaves captions and credits out, as extraction does', () => {
    const html = '<figure><img src="a.png" alt=""><figcaption>The quay at dawn.</figcaption></figure><p>First <em>paragraph</em>.</p><p class="photo-credit">Photo: A. Lee</p><blockquote><p>A quote &amp; more.</p></blockquote>';
    expect(storyTextOfHtml(html)).toBe('First paragraph.\nA quote & more.');
  });

  it('reads table cells apart and a line break as a new line', () => {
    expect(storyTextOfHtml('<table><tr><td>Oslo</td><td>12</td></tr></table><p>One<br>two</p>')).toBe('Oslo 12\nOne\ntwo');
  });
});
