import { describe, it, expect } from 'vitest';
import { mastodonShareUrl, shareLinks } from './share-links.js';

const url = 'https://21st.example/articles/a?b=1&c=2';
const title = 'Lavrov & Blinken: “a message” #1';

describe('shareLinks', () => {
  const links = shareLinks(url, title);
  const by = (network: string) => links.find((link) => link.network === network)!;

  it('covers the networks in order', () => {
    expect(links.map((link) => link.network)).toEqual(['x', 'facebook', 'linkedin', 'whatsapp', 'telegram', 'reddit', 'bluesky', 'mastodon', 'email']);
    expect(links.every((link) => link.label.length > 0)).toBe(true);
  });

  it('keeps only the networks asked for, in the list\'s order', () => {
    expect(shareLinks(url, title, ['email', 'x']).map((link) => link.network)).toEqual(['x', 'email']);
    expect(shareLinks(url, title, [])).toEqual([]);
  });

  it('encodes the URL and title into each intent', () => {
    const eu = encodeURIComponent(url);
    const et = encodeURIComponent(title);
    expect(by('x').href).toBe(`https://x.com/intent/tweet?text=${et}&url=${eu}`);
    expect(by('facebook').href).toBe(`https://www.facebook.com/sharer/sharer.php?u=${eu}`);
    expect(by('linkedin').href).toBe(`https://www.linkedin.com/sharing/share-offsite/?url=${eu}`);
    expect(by('whatsapp').href).toBe(`https://wa.me/?text=${encodeURIComponent(`${title} ${url}`)}`);
    expect(by('telegram').href).toBe(`https://t.me/share/url?url=${eu}&text=${et}`);
    expect(by('reddit').href).toBe(`https://www.reddit.com/submit?url=${eu}&title=${et}`);
    expect(by('email').href).toBe(`mailto:?subject=${et}&body=${encodeURIComponent(`${title} ${url}`)}`);
    for (const link of links) expect(new URL(link.href, 'https://21st.example').searchParams.toString()).not.toContain('&c=2');
  });

  it('keeps Mastodon on this site', () => {
    const href = by('mastodon').href;
    expect(href.startsWith('/share/mastodon?text=')).toBe(true);
    expect(new URL(href, 'https://21st.example').searchParams.get('text')).toBe(`${title} ${url}`);
  });

  it('keeps a Bluesky post within 300 characters', () => {
    const long = 'A very long headline '.repeat(30);
    const text = new URL(shareLinks(url, long).find((l) => l.network === 'bluesky')!.href).searchParams.get('text')!;
    expect(Array.from(text).length).toBeLessThanOrEqual(300);
    expect(text.endsWith(url)).toBe(true);
  });
});

describe('mastodonShareUrl', () => {
  it.each([
    ['mastodon.social', 'https://mastodon.social/share?text=hi%20there'],
    ['https://Mastodon.Social/', 'https://mastodon.social/share?text=hi%20there'],
    ['@me@fosstodon.org', 'https://fosstodon.org/share?text=hi%20there'],
    ['social.example:8443', 'https://social.example:8443/share?text=hi%20there'],
  ])('accepts %s', (instance, expected) => {
    expect(mastodonShareUrl(instance, 'hi there')).toBe(expected);
  });

  it.each(['', 'localhost', 'javascript:alert(1)', 'evil.example/path', 'http://plain.example', 'a b.example', 'evil.example?x=1', '127.0.0.1'])(
    'refuses %s',
    (instance) => {
      expect(mastodonShareUrl(instance, 'x')).toBeNull();
    },
  );
});
