import { describe, it, expect } from 'vitest';
import type { Article, Source } from '../model/types.js';
import type { MediaRecord } from '../store/media.js';
import { siteImage, withSiteImages, renderPicture, absoluteImageUrl } from './site-images.js';
import { variantKey } from './process-image.js';
import { renderRss } from '../site/feeds-out.js';

const sha = 'ab'.repeat(32);
const rights = (license: string | null) => ({ license, licenseUrl: null, usageTerms: null, copyrightHolder: null });
const source = (over: Partial<Source> = {}): Source => ({
  id: 1, slug: 'port', name: 'Port News', homeUrl: 'https://port.test/', logoUrl: null, rights: rights('CC BY 4.0'),
  indexingPolicy: 'canonical-to-source', updatePolicy: 'auto', attributionTemplate: null, disclaimerTemplate: null, extractRules: null,
  allowEdits: true, keepSnapshots: null, imagePolicy: null, createdAt: '2026-12-01T00:00:00Z', ...over,
});
const stored = (url: string, over: Partial<MediaRecord> = {}): MediaRecord => ({
  id: 7, sourceUrl: url, sourceId: 1, status: 'stored', sha256: sha, contentType: 'image/jpeg', width: 1200, height: 800,
  variants: [320, 640, 1024, 1200].flatMap((w) => (['webp', 'jpeg'] as const).map((format) => ({
    key: variantKey(sha, w, format), width: w, height: Math.round((w * 2) / 3), format, contentType: format === 'webp' ? 'image/webp' : 'image/jpeg', bytes: w * 10,
  }))),
  refusalReason: null, credit: null, copyright: null, fetchedAt: null, createdAt: '', updatedAt: '', ...over,
});
const lead = { url: 'https://port.test/lead.jpg', caption: 'The quay.', credit: 'Photo: Ines Costa', alt: 'Quay' };
const article = { rights: rights(null) } as Pick<Article, 'rights'>;

describe('siteImage', () => {
  it('serves a stored image from its copies, the widest in its own format as the fallback', () => {
    const shown = siteImage(lead, source(), article, stored(lead.url))!;
    expect(shown).toMatchObject({ url: `/media/${variantKey(sha, 1200, 'jpeg')}`, width: 1200, height: 800, credit: 'Photo: Ines Costa', license: 'CC BY 4.0' });
    expect(shown.variants).toHaveLength(8);
    expect(absoluteImageUrl(shown.url, 'https://desk.test')).toBe(`https://desk.test/media/${variantKey(sha, 1200, 'jpeg')}`);
  });

  it('never hot-links a rehost image that is not stored, and hides one without the credit its source requires', () => {
    expect(siteImage(lead, source(), article, undefined)).toBeNull();
    expect(siteImage(lead, source(), article, stored(lead.url, { status: 'pending', variants: [] }))).toBeNull();
    expect(siteImage(lead, source(), article, stored(lead.url, { status: 'refused', variants: [] }))).toBeNull();
    const uncredited = { ...lead, credit: null };
    expect(siteImage(uncredited, source(), article, stored(lead.url))).toBeNull();
    // The image's own EXIF credit counts; a CC0 source needs none.
    expect(siteImage(uncredited, source(), article, stored(lead.url, { credit: 'Ada Field' }))?.credit).toBe('Ada Field');
    expect(siteImage(uncredited, source({ rights: rights('CC0 1.0') }), article, stored(lead.url))).not.toBeNull();
  });

  it('points a proxy image at the proxy route and leaves a link image at the source', () => {
    expect(siteImage(lead, source({ imagePolicy: 'proxy' }), article, stored(lead.url, { status: 'proxy', variants: [], width: null, height: null }))).toMatchObject({ url: '/media/proxy/7' });
    expect(siteImage(lead, source({ imagePolicy: 'link' }), article, undefined)).toMatchObject({ url: lead.url });
  });
});

describe('withSiteImages and renderPicture', () => {
  const body = [
    '<p>One.</p><figure><img src="https://port.test/a.jpg" alt="A" loading="lazy"><figcaption>A. Photo: X</figcaption></figure>',
    '<figure><img src="https://port.test/gone.jpg" alt="Gone"><figcaption>Gone. Photo: Y</figcaption></figure>',
    '<p><img src="https://port.test/bare.jpg" alt="Bare"></p>',
  ].join('');
  const full = { lead, bodyHtml: body, rights: rights(null) } as Article;

  it('rewrites body images to the site copies, drops a figure whose image is refused, and an uncredited bare image', () => {
    const media = new Map([[lead.url, stored(lead.url)], ['https://port.test/a.jpg', stored('https://port.test/a.jpg')], ['https://port.test/bare.jpg', stored('https://port.test/bare.jpg')]]);
    const shown = withSiteImages(full, source(), media);
    expect(shown.bodyHtml).toContain('<figure><picture><source type="image/webp" srcset="/media/');
    expect(shown.bodyHtml).toContain('alt="A" width="1200" height="800" loading="lazy" decoding="async"></picture><figcaption>A. Photo: X</figcaption></figure>');
    expect(shown.bodyHtml).not.toContain('Gone');
    expect(shown.bodyHtml).not.toContain('Bare');
    expect(shown.bodyHtml).not.toContain('https://port.test/');
  });

  it('writes srcset and sizes for both formats, width and height, and eager loading for the lead', () => {
    const picture = renderPicture(siteImage(lead, source(), article, stored(lead.url))!, { sizes: '100vw', lazy: false });
    expect(picture).toMatch(/^<picture><source type="image\/webp" srcset="\/media\/\S+-320\.webp 320w, \S+-640\.webp 640w, \S+-1024\.webp 1024w, \S+-1200\.webp 1200w" sizes="100vw">/);
    expect(picture).toMatch(/<img src="\/media\/\S+-1200\.jpg" srcset="\S+-320\.jpg 320w, [^"]+" sizes="100vw" alt="Quay" width="1200" height="800" fetchpriority="high"><\/picture>$/);
  });

  it('gives the feeds an enclosure and media:content with the credit, at the site\'s absolute address', () => {
    const site = { name: 'Desk', url: 'https://desk.test', description: 'D', language: 'en', disclaimerTemplate: 'Views are not those of {site}.', timeZone: 'UTC', relatedHeading: 'More' };
    const entry = {
      id: 1, sourceId: 1, feedId: null, slug: 'quay', entryKey: 'k', originalUrl: 'https://port.test/quay', headline: 'Quay', subheadline: null, dateline: null,
      bodyHtml: '<p>Text.</p>', excerpt: 'Text.', byline: 'Ines Costa', language: 'en', lead, topics: [], firstCreated: '2026-12-01T08:00:00Z', republishedAt: '2026-12-01T09:00:00Z',
      versionCreated: null, pubStatus: 'usable', holdReason: null, holdKind: null, summaryOnly: false, provenance: [], rights: rights(null), publishedVersionId: null,
      fingerprint: null, nextCheckAt: null, withdrawnAt: null, createdAt: '', updatedAt: '',
    } as Article;
    const shown = withSiteImages(entry, source(), new Map([[lead.url, stored(lead.url)]]), { baseUrl: 'https://desk.test' });
    const rss = renderRss(site, [{ article: shown, source: source() }], 'https://desk.test/feed.xml');
    const url = `https://desk.test/media/${variantKey(sha, 1200, 'jpeg')}`;
    expect(rss).toContain(`<enclosure url="${url}" length="12000" type="image/jpeg"/>`);
    expect(rss).toContain(`<media:content url="${url}" medium="image" type="image/jpeg" width="1200" height="800"><media:credit>Photo: Ines Costa</media:credit><media:description type="plain">The quay.</media:description></media:content>`);
    expect(rss).not.toContain('https://port.test/lead.jpg');
  });
});
