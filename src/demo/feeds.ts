// The demo's feeds. The wire's RSS 2.0 carries summaries only (Convey must fetch each page); the outlet's
// Atom 1.0 carries the full story as escaped HTML. Every text and attribute goes through the one escape (escapeHtml, XML-safe).
import type { ResolvedPublisher, ResolvedStory } from './catalog.js';
import { inlineText, renderBodyHtml } from './pages.js';
import { escapeHtml } from '../clean/sanitize.js';


function element(name: string, text: string, attributes: Record<string, string> = {}): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeHtml(value)}"`)
    .join('');
  return `<${name}${attrs}>${escapeHtml(text)}</${name}>`;
}

/** RSS 2.0 of a wire: summaries, non-permalink GUIDs, Media RSS lead image with caption and credit. */
export function renderWireRss(site: ResolvedPublisher): string {
  const p = site.publisher;
  const items = site.stories.map((story) => wireItem(story)).join('\n');
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
<channel>
  ${element('title', p.name)}
  ${element('link', site.homeUrl)}
  ${element('description', p.tagline)}
  <atom:link rel="self" type="application/rss+xml" href="${escapeHtml(site.feedUrl)}"/>
  <language>en</language>
  ${element('copyright', `${p.copyrightHolder}. Licensed under ${p.license}: ${p.licenseUrl}`)}
  ${element('lastBuildDate', site.changedAt.toUTCString())}
  <ttl>15</ttl>
  <image>
    ${element('url', site.logoUrl)}
    ${element('title', p.name)}
    ${element('link', site.homeUrl)}
  </image>
${items}
</channel>
</rss>
`;
}

/** The section first, then the topics, each once. */
function categories(story: ResolvedStory): string[] {
  return [...new Set([story.story.section, ...story.story.topics])];
}

/** The lead image as Media RSS (used by RSS and, with the same namespace, by Atom feeds). */
function mediaContent(story: ResolvedStory, indent: string): string {
  return `${indent}<media:content url="${escapeHtml(story.image.url)}" type="image/png" medium="image" width="${story.image.width}" height="${story.image.height}">
${indent}  ${element('media:description', story.image.caption, { type: 'plain' })}
${indent}  ${element('media:credit', story.image.credit, { role: 'photographer' })}
${indent}</media:content>`;
}

function wireItem(story: ResolvedStory): string {
  const s = story.story;
  return `  <item>
    ${element('title', story.headline)}
    ${element('link', story.url)}
    ${element('guid', s.id, { isPermaLink: 'false' })}
    ${element('pubDate', story.published.toUTCString())}
${s.authors.map((a) => `    ${element('dc:creator', a)}`).join('\n')}
${categories(story).map((t) => `    ${element('category', t)}`).join('\n')}
    ${element('description', inlineText(story.summary))}
${mediaContent(story, '    ')}
  </item>`;
}

/** Atom id of an outlet entry: a tag URI that never changes, whatever the origin or date. */
export function atomEntryId(site: ResolvedPublisher, story: ResolvedStory): string {
  return `tag:${site.publisher.slug}.example,2024:${story.story.id}`;
}

/** The full content of an outlet entry: lead figure, body, the republication credit. */
export function outletContentHtml(story: ResolvedStory): string {
  const figure = `<figure><img src="${escapeHtml(story.image.url)}" alt="${escapeHtml(story.image.alt)}" width="${story.image.width}" height="${story.image.height}"><figcaption>${escapeHtml(story.image.caption)} ${escapeHtml(story.image.credit)}</figcaption></figure>`;
  const body = renderBodyHtml(story.body, { dateline: story.dateline, datelineStyle: 'strong', linkBase: story.url });
  const credit = story.original
    ? `<p><em>${escapeHtml(story.original.creditLine)} <a href="${escapeHtml(story.original.url)}">Read the original story</a>.</em></p>`
    : '';
  return [figure, body, credit].filter(Boolean).join('\n');
}

/** Atom 1.0 of an outlet: full HTML content, authors, categories, `atom:source` for a republished entry. */
export function renderOutletAtom(site: ResolvedPublisher, sources: ResolvedPublisher[]): string {
  const p = site.publisher;
  const entries = site.stories.map((story) => outletEntry(site, story, sources)).join('\n');
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:media="http://search.yahoo.com/mrss/" xml:lang="en-GB">
  ${element('title', p.name)}
  ${element('subtitle', p.tagline)}
  <link rel="self" type="application/atom+xml" href="${escapeHtml(site.feedUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeHtml(site.homeUrl)}"/>
  ${element('id', `tag:${p.slug}.example,2024:feed`)}
  ${element('updated', site.changedAt.toISOString())}
  ${element('icon', site.logoUrl)}
  ${element('rights', `© ${p.copyrightHolder}. ${p.license} (${p.licenseUrl})`)}
${entries}
</feed>
`;
}

function outletEntry(site: ResolvedPublisher, story: ResolvedStory, sources: ResolvedPublisher[]): string {
  const s = story.story;
  let source = '';
  if (s.republishedFrom) {
    const from = sources.find((candidate) => candidate.publisher.slug === s.republishedFrom?.publisherSlug);
    if (from) {
      source = `
    <source>
      ${element('id', from.feedUrl)}
      ${element('title', from.publisher.name)}
      <link rel="alternate" type="text/html" href="${escapeHtml(from.homeUrl)}"/>
      <link rel="self" href="${escapeHtml(from.feedUrl)}"/>
      ${element('rights', `${from.publisher.license} (${from.publisher.licenseUrl})`)}
    </source>`;
    }
  }
  return `  <entry>
    ${element('title', story.headline, { type: 'text' })}
    <link rel="alternate" type="text/html" href="${escapeHtml(story.url)}"/>
    ${element('id', atomEntryId(site, story))}
    ${element('published', story.published.toISOString())}
    ${element('updated', story.modified.toISOString())}
${s.authors.map((a) => `    <author>${element('name', a)}</author>`).join('\n')}
${categories(story).map((t) => `    <category term="${escapeHtml(t)}" label="${escapeHtml(t)}"/>`).join('\n')}
    ${element('summary', inlineText(story.summary), { type: 'text' })}
    ${element('content', outletContentHtml(story), { type: 'html' })}
${mediaContent(story, '    ')}${source}
  </entry>`;
}
