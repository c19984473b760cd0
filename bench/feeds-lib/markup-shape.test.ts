import { describe, expect, it } from 'vitest';
import { markupShape } from './markup-shape.js';

describe('markupShape', () => {
  it('ignores how the markup is written', () => {
    expect(markupShape('<p>One &amp; <a title="t" href="http://x/">two</a></p>\n<p>three<br/></p>')).toBe(
      markupShape("<p>One &#38; <a href='http://x/'>two</a></p><p>three<br></p>"),
    );
    expect(markupShape('<img src="http://x/i.png" alt="a" loading="lazy" />')).toBe(markupShape('<img alt="a" src="http://x/i.png">'));
  });

  it('sees a different link, image, structure or text', () => {
    const base = markupShape('<p>See <a href="http://x/a">this</a> <img src="http://x/i.png"></p>');
    expect(markupShape('<p>See <a href="http://x/b">this</a> <img src="http://x/i.png"></p>')).not.toBe(base);
    expect(markupShape('<p>See <a href="http://x/a">this</a> <img src="http://x/j.png"></p>')).not.toBe(base);
    expect(markupShape('<div>See <a href="http://x/a">this</a> <img src="http://x/i.png"></div>')).not.toBe(base);
    expect(markupShape('<p>See this <img src="http://x/i.png"></p>')).not.toBe(base);
    expect(markupShape('<p>See <a href="http://x/a">that</a> <img src="http://x/i.png"></p>')).not.toBe(base);
  });
});
