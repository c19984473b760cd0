import { describe, expect, it } from 'vitest';
import { readMetadata } from './metadata.js';
import { parseHtml } from './dom.js';
import { Deadline } from './deadline.js';

const read = (head: string) => readMetadata(parseHtml(`<html><head>${head}</head><body><p>Text.</p></body></html>`, new Deadline(1000)), 'https://paper.example/story');

describe('declared images', () => {
  it('gives og:image:width/height to the og:image only, not to a JSON-LD image of another URL', () => {
    const meta = read(`
<script type="application/ld+json">{"@type":"NewsArticle","headline":"H","image":"https://paper.example/square.jpg"}</script>
<meta property="og:image" content="https://paper.example/wide.jpg">
<meta property="og:image:width" content="1200"><meta property="og:image:height" content="630">`);
    expect(meta.images.map(({ url, width, height }) => ({ url, width, height }))).toEqual([
      { url: 'https://paper.example/square.jpg', width: null, height: null },
      { url: 'https://paper.example/wide.jpg', width: 1200, height: 630 },
    ]);
  });

  it('keeps the size a JSON-LD image declares for itself', () => {
    const meta = read(`
<script type="application/ld+json">{"@type":"NewsArticle","image":{"@type":"ImageObject","url":"/a.jpg","width":800,"height":600}}</script>
<meta property="og:image" content="/a.jpg"><meta property="og:image:width" content="1200">`);
    expect(meta.images[0]).toMatchObject({ url: 'https://paper.example/a.jpg', width: 800, height: 600 });
  });
});
