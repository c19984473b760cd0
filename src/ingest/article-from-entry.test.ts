import { describe, it, expect } from 'vitest';
import { articleFromEntry, contentHashOfContent, needsFullText, splitDateline } from './article-from-entry.js';
import { contentHash } from './versioning.js';
import type { FeedEntry } from '../feeds/parse-feed.js';
import type { Source } from '../model/types.js';

const entry = (over: Partial<FeedEntry> = {}): FeedEntry => ({
  guid: 'g', key: 'g', title: 'Ferries switch to shore power', link: 'https://wire.test/a', summaryHtml: '<p>Short.</p>', contentHtml: null,
  published: '2026-11-20T10:00:00Z', updated: null, authors: [{ name: 'Ana Ribeiro', email: null, url: null }], categories: ['ports'],
  images: [], enclosures: [], language: 'en', comments: null, source: null, rights: null, ...over,
});
const source = { rights: { license: 'CC BY 4.0', licenseUrl: 'https://creativecommons.org/licenses/by/4.0/', usageTerms: null, copyrightHolder: null } } as Source;

describe('splitDateline', () => {
  it('takes the dateline off the first paragraph, after a leading figure', () => {
    const body = '<figure><img src="https://x.test/i.png" /><figcaption>A quay. Photo: X</figcaption></figure><p>LISBON (Wire) – The council voted.</p><p>More.</p>';
    const { bodyHtml, dateline } = splitDateline(body, null);
    expect(dateline).toMatchObject({ place: 'LISBON', credit: 'Wire' });
    expect(bodyHtml).toBe('<figure><img src="https://x.test/i.png" /><figcaption>A quay. Photo: X</figcaption></figure><p>The council voted.</p><p>More.</p>');
  });
  it('leaves a body without a dateline whole', () => {
    const body = '<p>The council voted on Monday.</p>';
    expect(splitDateline(body, null)).toEqual({ bodyHtml: body, dateline: null });
  });
});

describe('articleFromEntry', () => {
  it('keeps captions out of the text and the excerpt source, and the feed image with its credit', () => {
    const content = articleFromEntry(
      entry({
        contentHtml: '<figure><img src="https://x.test/i.png" /><figcaption>A quay at dawn.</figcaption></figure><p>PORTO (Wire) – Ferries will plug in.</p>',
        images: [{ url: 'https://x.test/i.png', caption: 'A quay at dawn.', credit: 'Photo: X / Wire' }],
      }),
      null,
      source,
    );
    expect(content.bodyText).toBe('Ferries will plug in.');
    expect(content.dateline?.text).toBe('PORTO (Wire)');
    expect(content.lead).toMatchObject({ caption: 'A quay at dawn.', credit: 'Photo: X / Wire' });
    expect(content.byline).toBe('Ana Ribeiro');
    expect(content.bodyOrigin).toBe('feed');
    expect(content.rights.licenseUrl).toBe('https://creativecommons.org/licenses/by/4.0/');
  });
  it('asks for the page when the feed has only a teaser', () => {
    expect(needsFullText(entry(), { fetchFullText: 'auto' })).toBe(true);
    expect(needsFullText(entry({ contentHtml: `<p>${'word '.repeat(300)}</p>` }), { fetchFullText: 'auto' })).toBe(false);
    expect(needsFullText(entry(), { fetchFullText: 'never' })).toBe(false);
    expect(needsFullText(entry({ link: null }), { fetchFullText: 'always' })).toBe(false);
  });
});

describe('contentHashOfContent', () => {
  it('is the content hash of the headline and body, with figures and without', () => {
    const withFigure = articleFromEntry(entry({ contentHtml: '<figure><img src="https://x.test/i.png" /><figcaption>A quay at dawn.</figcaption></figure><p>Ferries will plug in.</p>' }), null, source);
    const without = articleFromEntry(entry({ contentHtml: '<p>Ferries will plug in.</p><p>From May &amp; on.</p>' }), null, source);
    expect(contentHashOfContent(withFigure)).toBe(contentHash(withFigure.headline, withFigure.bodyHtml));
    expect(contentHashOfContent(without)).toBe(contentHash(without.headline, without.bodyHtml));
    // The caption is part of what the hash reads: the two bodies differ by it alone.
    expect(contentHashOfContent(withFigure)).not.toBe(contentHashOfContent({ ...withFigure, bodyHtml: '<p>Ferries will plug in.</p>' }));
  });
});
