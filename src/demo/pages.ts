// HTML of the demo's sites. The wire's pages look like a full news site — JSON-LD, Open Graph, canonical,
// license link, and the boilerplate extraction has to drop (navigation, share row, related box, newsletter
// prompt, comment form, footer). The outlet's pages are plainer: Open Graph only, the caption as a paragraph.
// Every piece of text goes through escapeHtml; the only markup in content is the `[words](href)` link syntax.
import { escapeHtml } from '../clean/sanitize.js';
import type { DemoBlock } from './content/types.js';
import { weekdayName, type ResolvedPublisher, type ResolvedStory } from './catalog.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/**
 * Escapes text and turns `[words](href)` into links (the href escaped for its attribute). With `linkBase`,
 * hrefs are made absolute: HTML carried in a feed has no page address to resolve relative links against.
 */
export function inlineHtml(text: string, linkBase?: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
    const href = linkBase ? new URL(match[2], linkBase).href : match[2];
    html += escapeHtml(text.slice(last, match.index));
    html += `<a href="${escapeHtml(href)}">${escapeHtml(match[1])}</a>`;
    last = match.index + match[0].length;
  }
  return html + escapeHtml(text.slice(last));
}

/** Plain text of a content string: the link syntax reduced to its words. */
export function inlineText(text: string): string {
  return text.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1');
}

export interface BodyOptions {
  dateline: string;
  /** How the dateline is set: inline text (wire) or bold (outlet). */
  datelineStyle: 'text' | 'strong';
  /** Resolve links against this address (for HTML that leaves its page, e.g. in a feed). */
  linkBase?: string;
}

/** The story body: the dateline opens the first paragraph. */
export function renderBodyHtml(blocks: DemoBlock[], options: BodyOptions): string {
  return blocks
    .map((block, index) => {
      if (index === 0 && block.kind === 'paragraph') {
        const dateline =
          options.datelineStyle === 'strong'
            ? `<strong>${escapeHtml(options.dateline)}</strong>`
            : escapeHtml(options.dateline);
        return `<p>${dateline} ${inlineHtml(block.text, options.linkBase)}</p>`;
      }
      return renderBlock(block, options.linkBase);
    })
    .join('\n');
}

function renderBlock(block: DemoBlock, linkBase: string | undefined): string {
  const inline = (text: string) => inlineHtml(text, linkBase);
  switch (block.kind) {
    case 'paragraph':
      return `<p>${inline(block.text)}</p>`;
    case 'subhead':
      return `<h2>${inline(block.text)}</h2>`;
    case 'list': {
      const tag = block.ordered ? 'ol' : 'ul';
      return `<${tag}>\n${block.items.map((item) => `  <li>${inline(item)}</li>`).join('\n')}\n</${tag}>`;
    }
    case 'quote':
      return `<blockquote>\n  <p>${inline(block.text)}</p>\n  <footer>— ${escapeHtml(block.attribution)}</footer>\n</blockquote>`;
    case 'table': {
      const head = block.head.map((cell) => `<th scope="col">${escapeHtml(cell)}</th>`).join('');
      const rows = block.rows
        .map((row) => `    <tr>${row.map((cell, i) => (i === 0 ? `<th scope="row">${escapeHtml(cell)}</th>` : `<td>${escapeHtml(cell)}</td>`)).join('')}</tr>`)
        .join('\n');
      return `<table>\n  <caption>${escapeHtml(block.caption)}</caption>\n  <thead><tr>${head}</tr></thead>\n  <tbody>\n${rows}\n  </tbody>\n</table>`;
    }
  }
}

export function formatLongDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

function formatTime(date: Date): string {
  return `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')} UTC`;
}

function names(authors: string[]): string {
  return authors.length <= 1 ? (authors[0] ?? '') : `${authors.slice(0, -1).join(', ')} and ${authors[authors.length - 1]}`;
}

function slugify(name: string): string {
  return name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** JSON for a `<script>` element: `<` escaped so no string can close the element. */
function scriptJson(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');
}

function openGraph(site: ResolvedPublisher, story: ResolvedStory): string {
  const tags: [string, string][] = [
    ['og:type', 'article'],
    ['og:site_name', site.publisher.name],
    ['og:title', story.headline],
    ['og:description', story.summary],
    ['og:url', story.url],
    ['og:image', story.image.url],
    ['og:image:type', 'image/png'],
    ['og:image:width', String(story.image.width)],
    ['og:image:height', String(story.image.height)],
    ['og:image:alt', story.image.alt],
    ['og:locale', 'en_GB'],
    ['article:published_time', story.published.toISOString()],
    ['article:modified_time', story.modified.toISOString()],
    ['article:section', story.story.section],
    ...story.story.authors.map((author): [string, string] => ['article:author', author]),
    ...story.story.topics.map((topic): [string, string] => ['article:tag', topic]),
  ];
  return tags.map(([property, content]) => `<meta property="${property}" content="${escapeHtml(content)}">`).join('\n');
}

function newsArticleJsonLd(site: ResolvedPublisher, story: ResolvedStory): string {
  const p = site.publisher;
  return scriptJson({
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    mainEntityOfPage: { '@type': 'WebPage', '@id': story.url },
    headline: story.headline,
    description: story.summary,
    datePublished: story.published.toISOString(),
    dateModified: story.modified.toISOString(),
    dateline: story.dateline.replace(/\s*[–—-]$/, ''),
    articleSection: story.story.section,
    keywords: story.story.topics,
    inLanguage: 'en',
    author: story.story.authors.map((name) => ({ '@type': 'Person', name, url: `${site.homeUrl}authors/${slugify(name)}` })),
    publisher: {
      '@type': 'NewsMediaOrganization',
      name: p.name,
      url: site.homeUrl,
      logo: { '@type': 'ImageObject', url: site.logoUrl, width: 240, height: 60 },
    },
    image: {
      '@type': 'ImageObject',
      url: story.image.url,
      width: story.image.width,
      height: story.image.height,
      caption: story.image.caption,
      creditText: story.image.credit,
    },
    license: p.licenseUrl,
    copyrightHolder: { '@type': 'Organization', name: p.copyrightHolder },
    isAccessibleForFree: true,
  });
}

const WIRE_STYLE = `body{margin:0;font:17px/1.6 Georgia,serif;color:#1b1b1b;background:#fafafa}
.site-header{background:#0d1b2a;color:#fff;padding:.5rem 1rem;display:flex;gap:2rem;align-items:center}
.site-header a{color:#fff;text-decoration:none}.main-nav ul{display:flex;gap:1rem;list-style:none;margin:0;padding:0}
main{max-width:46rem;margin:2rem auto;padding:0 1rem}.kicker a{color:#b5651d;text-transform:uppercase;font:600 .8rem sans-serif}
.byline,.meta{font:.9rem sans-serif;color:#555}.share-row{font:.85rem sans-serif;display:flex;gap:.75rem;margin:1rem 0}
figure{margin:1.5rem 0}figure img{width:100%;height:auto}figcaption{font:.85rem sans-serif;color:#444}
.credit{color:#777;margin-left:.25rem}table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:.25rem .5rem}
.related,.newsletter,.comments{border-top:2px solid #0d1b2a;margin-top:2rem;font-family:sans-serif}
.site-footer{background:#0d1b2a;color:#ccc;padding:1rem;font:.8rem sans-serif}`;

const WIRE_SECTIONS = ['World', 'Business', 'Climate', 'Cities', 'Energy', 'Environment', 'Culture'];

function wireHeader(site: ResolvedPublisher): string {
  const base = site.publisher.basePath;
  return `<header class="site-header">
  <a class="brand" href="${base}/"><img src="${escapeHtml(site.logoUrl)}" width="240" height="60" alt="${escapeHtml(site.publisher.name)}"></a>
  <nav class="main-nav" aria-label="Sections">
    <ul>
      <li><a href="${base}/">Home</a></li>
${WIRE_SECTIONS.map((s) => `      <li><a href="${base}/section/${s.toLowerCase()}">${s}</a></li>`).join('\n')}
    </ul>
  </nav>
  <form class="search" action="${base}/search" role="search"><input type="search" name="q" placeholder="Search"><button>Go</button></form>
</header>`;
}

function wireFooter(site: ResolvedPublisher, year: number): string {
  const base = site.publisher.basePath;
  return `<footer class="site-footer">
  <p>© ${year} ${escapeHtml(site.publisher.copyrightHolder)}. Stories and photos are free to republish under <a rel="license" href="${escapeHtml(site.publisher.licenseUrl)}">${escapeHtml(site.publisher.license)}</a>.</p>
  <ul>
    <li><a href="${base}/about">About us</a></li>
    <li><a href="${base}/republish">How to republish our stories</a></li>
    <li><a href="${base}/contact">Contact the newsroom</a></li>
    <li><a href="${base}/privacy">Privacy</a></li>
  </ul>
</footer>`;
}

function shareRow(story: ResolvedStory): string {
  const url = encodeURIComponent(story.url);
  const title = encodeURIComponent(story.headline);
  return `<div class="share-row">
  <span class="share-label">Sharing is caring!</span>
  <a class="share share-facebook" href="https://www.facebook.com/sharer/sharer.php?u=${url}">Facebook</a>
  <a class="share share-x" href="https://x.com/intent/tweet?url=${url}&amp;text=${title}">X</a>
  <a class="share share-linkedin" href="https://www.linkedin.com/sharing/share-offsite/?url=${url}">LinkedIn</a>
  <a class="share share-email" href="mailto:?subject=${title}&amp;body=${url}">Email</a>
  <button class="share share-copy" type="button" data-url="${escapeHtml(story.url)}">Copy link</button>
</div>`;
}

/** A wire article page, as a CMS would render it. `related` are other stories of the same wire. */
export function renderWireArticlePage(site: ResolvedPublisher, story: ResolvedStory, related: ResolvedStory[]): string {
  const p = site.publisher;
  const base = p.basePath;
  const updated = story.modified.getTime() !== story.published.getTime();
  const byline = story.story.authors
    .map((name) => `<a rel="author" href="${base}/authors/${slugify(name)}">${escapeHtml(name)}</a>`)
    .join(story.story.authors.length === 2 ? ' and ' : ', ');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(story.headline)} | ${escapeHtml(p.name)}</title>
<meta name="description" content="${escapeHtml(story.summary)}">
<meta name="author" content="${escapeHtml(names(story.story.authors))}">
<meta name="robots" content="index, follow, max-image-preview:large">
<link rel="canonical" href="${escapeHtml(story.url)}">
<link rel="license" href="${escapeHtml(p.licenseUrl)}">
<link rel="alternate" type="application/rss+xml" title="${escapeHtml(p.name)}" href="${escapeHtml(site.feedUrl)}">
${openGraph(site, story)}
<meta name="twitter:card" content="summary_large_image">
<script type="application/ld+json">
${newsArticleJsonLd(site, story)}
</script>
<style>${WIRE_STYLE}</style>
</head>
<body class="single single-post">
<a class="skip-link" href="#story">Skip to content</a>
${wireHeader(site)}
<main id="main">
<article id="story" class="story">
  <header class="story-header">
    <p class="kicker"><a href="${base}/section/${escapeHtml(story.story.section.toLowerCase())}">${escapeHtml(story.story.section)}</a></p>
    <h1 class="headline">${escapeHtml(story.headline)}</h1>
    <p class="byline">By ${byline}</p>
    <p class="meta"><time class="published" datetime="${story.published.toISOString()}">${formatLongDate(story.published)}, ${formatTime(story.published)}</time>${
      updated ? ` · <time class="updated" datetime="${story.modified.toISOString()}">Updated ${formatLongDate(story.modified)}, ${formatTime(story.modified)}</time>` : ''
    }</p>
  </header>
${shareRow(story)}
  <figure class="lead-image">
    <img src="${escapeHtml(new URL(story.image.url).pathname)}" width="${story.image.width}" height="${story.image.height}" alt="${escapeHtml(story.image.alt)}">
    <figcaption>${escapeHtml(story.image.caption)} <span class="credit">${escapeHtml(story.image.credit)}</span></figcaption>
  </figure>
  <div class="story-body">
${renderBodyHtml(story.body, { dateline: story.dateline, datelineStyle: 'text' })}
${story.correction ? `<p class="correction"><em>${escapeHtml(story.correction)}</em></p>` : ''}
  </div>
  <footer class="story-footer">
    <p class="topics">Topics: ${story.story.topics.map((t) => `<a rel="tag" href="${base}/topic/${slugify(t)}">${escapeHtml(t)}</a>`).join(', ')}</p>
    <p class="republish">Republish this story for free under <a rel="license" href="${escapeHtml(p.licenseUrl)}">${escapeHtml(p.license)}</a>.</p>
  </footer>
  <aside class="related" aria-labelledby="related-title">
    <h2 id="related-title">Related</h2>
    <ul>
${related
  .map(
    (r) => `      <li><a href="${escapeHtml(new URL(r.url).pathname)}"><img src="${escapeHtml(new URL(r.image.url).pathname)}" width="160" height="90" alt=""> ${escapeHtml(r.headline)}</a> <time datetime="${r.published.toISOString()}">${formatLongDate(r.published)}</time></li>`,
  )
  .join('\n')}
    </ul>
  </aside>
</article>
<aside class="newsletter">
  <h2>Get the Morning Wire</h2>
  <p>The day’s most important stories from our correspondents, in your inbox at 6 a.m. Free, and you can unsubscribe at any time.</p>
  <form action="${base}/newsletter" method="post"><label>Email address <input type="email" name="email" required></label> <button>Subscribe</button></form>
</aside>
<section id="comments" class="comments">
  <h2>1 comment</h2>
  <ol class="comment-list">
    <li class="comment"><p class="comment-author">Dana K.</p><p>Thanks for the clear report. Will there be a follow-up once the details are published?</p></li>
  </ol>
  <div id="respond" class="comment-respond">
    <h3 class="comment-reply-title">Leave a Reply</h3>
    <form action="${base}/comments" method="post" class="comment-form">
      <p>Your email address will not be published. Required fields are marked *</p>
      <p><label for="comment">Comment *</label><textarea id="comment" name="comment" rows="6" required></textarea></p>
      <p><label for="author">Name *</label><input id="author" name="author" required></p>
      <p><label for="email">Email *</label><input id="email" name="email" type="email" required></p>
      <p><label for="url">Website</label><input id="url" name="url" type="url"></p>
      <p><input type="hidden" name="story" value="${escapeHtml(story.story.id)}"><button type="submit">Post Comment</button></p>
    </form>
  </div>
</section>
</main>
${wireFooter(site, story.published.getUTCFullYear())}
</body>
</html>
`;
}

const OUTLET_STYLE = `body{margin:0 auto;max-width:60rem;font:16px/1.55 'Helvetica Neue',Arial,sans-serif;color:#222}
.masthead{border-bottom:3px double #1d3557;padding:1rem 0;text-align:center}.masthead a{color:#1d3557;text-decoration:none}
.topnav a{margin:0 .5rem}.columns{display:flex;gap:2rem}.content{flex:3}.sidebar{flex:1;font-size:.9rem}
.photo img{width:100%;height:auto}.caption{font-size:.85rem;color:#555;margin-top:.25rem}.byline,.date{color:#666;font-size:.9rem}
.credit-line{border-top:1px solid #ccc;padding-top:.5rem;font-size:.9rem}.bottom{border-top:1px solid #ccc;font-size:.8rem;color:#666}`;

function outletHeader(site: ResolvedPublisher): string {
  const base = site.publisher.basePath;
  return `<div class="masthead">
  <a href="${base}/"><img src="${escapeHtml(site.logoUrl)}" width="240" height="60" alt=""><br><span class="paper-name">${escapeHtml(site.publisher.name)}</span></a>
  <div class="topnav"><a href="${base}/">Front page</a><a href="${base}/town">Town</a><a href="${base}/harbour">Harbour</a><a href="${base}/community">Community</a><a href="${base}/business">Business</a><a href="${base}/letters">Letters</a></div>
</div>`;
}

/** An outlet article page: simpler markup, Open Graph only, the caption as a plain paragraph under the image. */
export function renderOutletArticlePage(site: ResolvedPublisher, story: ResolvedStory, mostRead: ResolvedStory[]): string {
  const p = site.publisher;
  const published = story.published;
  const creditLine = story.original
    ? `<p class="credit-line"><em>${inlineHtml(`${story.original.creditLine.replace(/\.$/, '')}. [Read the original story](${story.original.url}).`)}</em></p>`
    : '';
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>${escapeHtml(story.headline)} - ${escapeHtml(p.name)}</title>
<meta name="description" content="${escapeHtml(story.summary)}">
${openGraph(site, story)}
<style>${OUTLET_STYLE}</style>
</head>
<body>
${outletHeader(site)}
<div class="columns">
<div class="content">
  <h1>${escapeHtml(story.headline)}</h1>
  <p class="byline">By ${escapeHtml(names(story.story.authors))}${story.original ? `, ${escapeHtml(story.original.publisherName)}` : ''}</p>
  <p class="date">${weekdayName(published)} ${formatLongDate(published)}</p>
  <div class="photo">
    <img src="${escapeHtml(story.image.url)}" alt="${escapeHtml(story.image.alt)}">
    <p class="caption">${escapeHtml(story.image.caption)} ${escapeHtml(story.image.credit)}</p>
  </div>
${renderBodyHtml(story.body, { dateline: story.dateline, datelineStyle: 'strong' })}
${creditLine}
  <p class="license">Published under <a href="${escapeHtml(p.licenseUrl)}">${escapeHtml(p.license)}</a>.</p>
</div>
<div class="sidebar">
  <h3>Most read</h3>
  <ol>
${mostRead.map((r) => `    <li><a href="${escapeHtml(r.url)}">${escapeHtml(r.headline)}</a></li>`).join('\n')}
  </ol>
  <div class="support"><h3>Support local journalism</h3><p>The Ledger is owned by its readers. Become a member from £3 a month.</p><a href="${p.basePath}/join">Join today</a></div>
</div>
</div>
<div class="bottom">
  <p>${escapeHtml(p.name)}, 14 Quay Street, Brackwater. © ${published.getUTCFullYear()} ${escapeHtml(p.copyrightHolder)}.</p>
  <p><a href="${p.basePath}/contact">Contact</a> · <a href="${p.basePath}/corrections">Corrections</a> · <a href="${p.basePath}/privacy">Privacy</a></p>
</div>
</body>
</html>
`;
}

/** The page a withdrawn story answers with (status 410). */
export function renderWithdrawnPage(site: ResolvedPublisher): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="robots" content="noindex"><title>Story withdrawn | ${escapeHtml(site.publisher.name)}</title></head>
<body>
<h1>This story has been withdrawn</h1>
<p>${escapeHtml(site.publisher.name)} has withdrawn this story. Publishers who republished it should remove it.</p>
<p><a href="${escapeHtml(site.homeUrl)}">Latest stories</a></p>
</body>
</html>
`;
}

/** A publisher's front page: the live stories, newest first. */
export function renderFrontPage(site: ResolvedPublisher): string {
  const p = site.publisher;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(p.name)}</title>
<link rel="alternate" type="${p.kind === 'wire' ? 'application/rss+xml' : 'application/atom+xml'}" title="${escapeHtml(p.name)}" href="${escapeHtml(site.feedUrl)}"></head>
<body>
<h1>${escapeHtml(p.name)}</h1>
<p>${escapeHtml(p.tagline)}</p>
<ul>
${site.stories.map((s) => `  <li><a href="${escapeHtml(s.url)}">${escapeHtml(s.headline)}</a> — ${escapeHtml(inlineText(s.summary))}</li>`).join('\n')}
</ul>
</body>
</html>
`;
}

/** The demo server's own index: what it serves and where. */
export function renderIndexPage(sites: ResolvedPublisher[]): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Convey demo sources</title></head>
<body>
<h1>Convey demo sources</h1>
<p>Two fictional publishers served on loopback for the demo.</p>
<ul>
${sites.map((s) => `  <li><a href="${escapeHtml(s.homeUrl)}">${escapeHtml(s.publisher.name)}</a> (<a href="${escapeHtml(s.feedUrl)}">feed</a>)</li>`).join('\n')}
</ul>
</body>
</html>
`;
}
