// The article page's image parts, on the seed page: the lead's <picture> and its Open Graph and JSON-LD at the
// site's absolute address, and the note that a hot-linking source's images load from it.
import { it, expect } from 'vitest';
import { describeWithSharedData } from '../../test/support/shared-data.js';
import { renderArticlePage } from '../site/views/article-page.js';
import { seedArticlePage } from '../site/testdata/fixtures.js';

describeWithSharedData('the article page with the site\'s copies of its lead image', () => {
  const variants = [320, 640, 800].flatMap((width) => [
    { url: `/media/ab/cd/x-${width}.webp`, width, height: (width * 9) / 16, contentType: 'image/webp' },
    { url: `/media/ab/cd/x-${width}.jpg`, width, height: (width * 9) / 16, contentType: 'image/jpeg' },
  ]);

  it('renders the lead as an eager <picture> and names its absolute copy in Open Graph and JSON-LD', () => {
    const data = seedArticlePage();
    data.article = {
      ...data.article,
      lead: { url: '/media/ab/cd/x-800.jpg', caption: 'A caption.', credit: 'Photo: A. Person', width: 800, height: 450, variants, copyright: '© Agency', license: 'CC BY 4.0' },
    };
    const out = renderArticlePage(data);
    expect(out).toContain('<picture><source type="image/webp" srcset="/media/ab/cd/x-320.webp 320w, /media/ab/cd/x-640.webp 640w, /media/ab/cd/x-800.webp 800w" sizes="(max-width: 44rem) 100vw, 44rem">');
    expect(out).toMatch(/<img src="\/media\/ab\/cd\/x-800\.jpg" srcset="[^"]+" sizes="[^"]+" alt="" width="800" height="450" fetchpriority="high">/);
    expect(out).toContain(`<meta property="og:image" content="${data.site.url}/media/ab/cd/x-800.jpg">`);
    const ld = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(out)![1]) as { image: Record<string, unknown>[] };
    expect(ld.image[0]).toMatchObject({ url: `${data.site.url}/media/ab/cd/x-800.jpg`, creditText: 'Photo: A. Person', copyrightNotice: '© Agency', license: 'CC BY 4.0' });
    expect(out).not.toContain('Images on this page load from');
  });

  it('says so when the source hot-links its images', () => {
    const data = seedArticlePage();
    data.source = { ...data.source, imagePolicy: 'link' };
    data.article = { ...data.article, lead: { url: 'https://source.test/a.jpg', caption: null, credit: 'Photo: B' } };
    expect(renderArticlePage(data)).toContain(`<p class="image-note">Images on this page load from ${data.source.name.replace(/&/g, '&amp;')}.</p>`);
  });
});
