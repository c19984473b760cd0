// RSS 0.9x, RSS 2.0 and RSS 1.0 / 0.90 (RDF) documents. The three share their element names, so one
// reader serves them; only where items live and how the version is named differ.
import type { ImageRef } from '../model/types.js';
import type { Enclosure, FeedFormat, Person, RawEntry, RawFeed } from './feed-types.js';
import {
  NS, RSS_CORE, attrOf, categoriesOf, child, childText, children, dcCreators, dedupeImages, dedupePeople, htmlOf,
  isNs, itunesImage, mediaDescriptionOf, mediaImagesOf, nonEmpty, parseDateOf, parseLength, parsePersonString, personOf, plainTextOf,
  resolveId, resolveUrl, splitEnclosures,
} from './fields.js';
import { childElements, nullProto, textContent, type XmlElement } from './xml-tree.js';

const UPDATE_PERIOD_MINUTES: Record<string, number> = nullProto({ hourly: 60, daily: 1440, weekly: 10080, monthly: 43200, yearly: 525600 });

export function rssVersion(root: XmlElement, doctype: string | null = null): { format: FeedFormat; version: string } {
  if (root.local === 'RDF') {
    const channel = childElements(root).find((c) => c.local === 'channel');
    const ns = channel?.ns ?? root.defaultNs;
    if (ns === NS.rss090) return { format: 'rdf', version: 'rss090' };
    return { format: 'rdf', version: ns === NS.rss10 || !channel ? 'rss10' : '' };
  }
  const declared = (attrOf(root, 'version') ?? '').trim();
  const versions: Record<string, string> = nullProto({
    '0.91': 'rss091u', '0.92': 'rss092', '0.93': 'rss093', '0.94': 'rss094',
    '2.0': 'rss20', '2': 'rss20', '2.0.1': 'rss20', '2.01': 'rss20', '2.0.11': 'rss20',
  });
  if (declared === '0.91' && doctype && /netscape/i.test(doctype)) return { format: 'rss', version: 'rss091n' };
  if (/^2\.\d+/.test(declared)) return { format: 'rss', version: 'rss20' };
  return { format: 'rss', version: versions[declared] ?? (declared ? '' : 'rss') };
}

export function readRss(root: XmlElement, documentUrl: string, language: string | null, doctype: string | null = null): RawFeed {
  const { format, version } = rssVersion(root, doctype);
  // Whatever namespace the document put its RSS elements in (RSS 2.1 drafts, userland URIs) is "core".
  const core = new Set<string>(RSS_CORE);
  if (root.local === 'rss') core.add(root.ns);
  const channel = childElements(root).find((c) => c.local === 'channel' && (isNs(c, core) || c.ns === root.defaultNs)) ?? root;
  core.add(channel.ns === NS.rdf ? '' : channel.ns);
  // RSS 1.0 puts items beside the channel; some 0.9x/2.0 feeds do the same by mistake.
  const itemEls = [...children(channel, 'item', core), ...(channel === root ? [] : children(root, 'item', core))];
  const base = channel.base || documentUrl;

  const imageEl = child(channel, 'image', core) ?? child(root, 'image', core);
  let image: ImageRef | null = null;
  if (imageEl) {
    const url = resolveUrl(childText(imageEl, 'url', core) ?? rdfResource(imageEl), imageEl.base);
    if (url) image = { url, caption: plainTextOf(child(imageEl, 'title', core), 'sniff'), credit: null, width: parseLength(childText(imageEl, 'width', core)), height: parseLength(childText(imageEl, 'height', core)) };
  }
  if (!image) {
    const url = itunesImage(channel);
    if (url) image = { url, caption: null, credit: null };
  }

  const ttl = parseLength(childText(channel, 'ttl', core));
  const period = (childText(channel, 'updatePeriod', NS.sy) ?? '').toLowerCase();
  const frequency = parseLength(childText(channel, 'updateFrequency', NS.sy)) || 1;
  const periodMinutes = UPDATE_PERIOD_MINUTES[period];

  const authorText = childText(channel, 'managingEditor', core) ?? childText(channel, 'author', core) ?? childText(channel, 'author', NS.dc) ?? childText(channel, 'webMaster', core);
  const author = (authorText ? parsePersonString(authorText) : null) ?? dcCreators(channel)[0] ?? personOrNull(child(channel, 'author', NS.itunes)) ?? personOrNull(child(channel, 'author', NS.atom10));

  return {
    format,
    version,
    title: plainTextOf(child(channel, 'title', core), 'sniff') ?? plainTextOf(child(channel, 'title', NS.dc), 'sniff'),
    link: rssLink(channel, base, core),
    description:
      htmlOf(child(channel, 'description', core)) ?? htmlOf(child(channel, 'description', NS.dc)) ??
      htmlOf(child(channel, 'subtitle', NS.itunes), 'text') ?? htmlOf(child(channel, 'summary', NS.itunes), 'text'),
    language: childText(channel, 'language', core) ?? childText(channel, 'language', NS.dc) ?? channel.lang ?? language,
    id: null,
    updated: parseDateOf(child(channel, 'lastBuildDate', core)) ?? parseDateOf(child(channel, 'date', NS.dc)) ?? parseDateOf(child(channel, 'modified', NS.dcterms)) ?? parseDateOf(child(channel, 'pubDate', core)),
    author,
    image,
    generator: childText(channel, 'generator', core) ?? rdfResource(child(channel, 'generatorAgent', 'http://webns.net/mvcb/')),
    rights: htmlOf(child(channel, 'copyright', core)) ?? htmlOf(child(channel, 'rights', NS.dc)) ?? htmlOf(child(channel, 'rights', NS.dcterms)),
    ttlMinutes: ttl,
    updatePeriodMinutes: periodMinutes ? Math.max(1, Math.round(periodMinutes / frequency)) : null,
    entries: itemEls.map((item) => readItem(item, channel.lang ?? language, core)),
  };
}

/** The `rdf:resource` attribute (RSS 1.0 points at things with it). */
function rdfResource(el: XmlElement | null): string | null {
  return el ? nonEmpty(el.attrs.find((a) => a.local === 'resource' && (a.ns === NS.rdf || a.ns === ''))?.value) : null;
}

function personOrNull(el: XmlElement | null): Person | null {
  return el ? personOf(el) : null;
}

function rssLink(el: XmlElement, base: string, coreNs: ReadonlySet<string>): string | null {
  const linkEl = child(el, 'link', coreNs);
  const fromLink = linkEl ? resolveUrl(textContent(linkEl) || attrOf(linkEl, 'href'), linkEl.base) : null;
  if (fromLink) return fromLink;
  // An Atom <link rel="alternate"> inside RSS, as some generators write.
  for (const atomLink of children(el, 'link', NS.atom10)) {
    const rel = (attrOf(atomLink, 'rel') ?? 'alternate').trim();
    if (rel === 'alternate') return resolveUrl(attrOf(atomLink, 'href'), atomLink.base);
  }
  const about = el.attrs.find((a) => a.local === 'about' && a.ns === NS.rdf);
  return about ? resolveUrl(about.value, base) : null;
}

function readItem(item: XmlElement, channelLanguage: string | null, coreNs: ReadonlySet<string>): RawEntry {
  const base = item.base;
  const guidEl = child(item, 'guid', coreNs);
  const guidText = guidEl ? nonEmpty(textContent(guidEl)) : null;
  const about = item.attrs.find((a) => a.local === 'about' && a.ns === NS.rdf);
  const guid = guidText ? resolveId(guidText, guidEl!.base) : about ? resolveId(about.value, base) : childText(item, 'identifier', NS.dc);
  const isPermaLink = guidEl ? (attrOf(guidEl, 'isPermaLink') ?? 'true').trim().toLowerCase() !== 'false' : false;

  let link = rssLink(item, base, coreNs);
  // A permalink guid stands in for a missing link only when it really is an absolute web address.
  if (!link && guidText && isPermaLink && /^https?:\/\//i.test(guidText)) link = resolveUrl(guidText, guidEl!.base);

  const enclosures: Enclosure[] = [];
  for (const enc of children(item, 'enclosure', coreNs)) {
    const url = resolveUrl(attrOf(enc, 'url') ?? attrOf(enc, 'href'), enc.base);
    if (url) enclosures.push({ url, type: nonEmpty(attrOf(enc, 'type')), length: parseLength(attrOf(enc, 'length')) });
  }
  for (const atomLink of children(item, 'link', NS.atom10)) {
    if ((attrOf(atomLink, 'rel') ?? '').trim() !== 'enclosure') continue;
    const url = resolveUrl(attrOf(atomLink, 'href'), atomLink.base);
    if (url) enclosures.push({ url, type: nonEmpty(attrOf(atomLink, 'type')), length: parseLength(attrOf(atomLink, 'length')) });
  }

  const images = dedupeImages([...mediaImagesOf(item), ...splitEnclosures(enclosures)]);
  // Non-standard but common: <image>URL</image> or <image><url>URL</url></image> inside an item.
  const itemImageEl = child(item, 'image', coreNs);
  const itemImage = itemImageEl ? resolveUrl(childText(itemImageEl, 'url', coreNs) ?? textContent(itemImageEl), itemImageEl.base) : null;
  for (const url of [itemImage, itunesImage(item)]) {
    if (url && !images.some((i) => i.url === url)) images.push({ url, caption: null, credit: null });
  }

  const sourceEl = child(item, 'source', coreNs);
  const contentEl = child(item, 'encoded', NS.content) ?? child(item, 'body', NS.xhtml) ?? child(item, 'body', coreNs) ?? child(item, 'fullitem', coreNs);
  const descriptionEl = child(item, 'description', coreNs) ?? child(item, 'description', NS.dc) ?? child(item, 'summary', NS.itunes) ?? child(item, 'subtitle', NS.itunes);
  const summaryHtml = htmlOf(descriptionEl) ?? htmlOf(mediaDescriptionOf(item), 'text');
  const contentHtml = htmlOf(contentEl);

  const authorText = childText(item, 'author', coreNs);
  const authors = dedupePeople([
    authorText ? parsePersonString(authorText) : null,
    ...dcCreators(item),
    parsePersonString(childText(item, 'author', NS.dc)),
    ...children(item, 'author', NS.atom10).map(personOf),
    personOrNull(child(item, 'author', NS.itunes)),
  ]);

  const titleEl = child(item, 'title', coreNs) ?? child(item, 'title', NS.dc) ?? child(item, 'title', NS.media);
  return {
    guid,
    title: plainTextOf(titleEl, 'sniff'),
    link,
    summaryHtml,
    contentHtml,
    published: parseDateOf(child(item, 'pubDate', coreNs)) ?? parseDateOf(child(item, 'date', NS.dc)) ?? parseDateOf(child(item, 'issued', NS.dcterms)) ?? parseDateOf(child(item, 'created', NS.dcterms)) ?? parseDateOf(child(item, 'published', NS.atom10)),
    updated: parseDateOf(child(item, 'modified', NS.dcterms)) ?? parseDateOf(child(item, 'updated', NS.atom10)) ?? parseDateOf(child(item, 'lastBuildDate', coreNs)),
    authors,
    categories: categoriesOf(item, coreNs),
    images,
    enclosures,
    language: childText(item, 'language', NS.dc) ?? item.lang ?? channelLanguage,
    comments: resolveUrl(childText(item, 'comments', coreNs), base),
    source: sourceEl ? { title: plainTextOf(sourceEl, 'sniff'), url: resolveUrl(attrOf(sourceEl, 'url'), sourceEl.base) } : null,
    rights: htmlOf(child(item, 'rights', NS.dc)) ?? htmlOf(child(item, 'copyright', coreNs)) ?? htmlOf(child(item, 'rights', NS.dcterms)),
    contentText: textContent(contentEl ?? descriptionEl ?? item),
    idText: guidText ?? (about ? nonEmpty(about.value) : null),
  };
}
