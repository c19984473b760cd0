// Microsoft's Channel Definition Format (1997): <CHANNEL HREF LASTMOD> with <ITEM>s, <TITLE> and
// <ABSTRACT>. Long dead, but still served by a few old intranet portals; it maps onto RSS terms, so it
// is reported as format 'rss' with an unknown version.
import type { RawEntry, RawFeed } from './feed-types.js';
import { htmlOf, nonEmpty, parseDateOf, plainTextOf, resolveUrl } from './fields.js';
import { parseDate } from '../dates/parse-date.js';
import { childElements, textContent, type XmlElement } from './xml-tree.js';

function childNamed(el: XmlElement, name: string): XmlElement | null {
  return childElements(el).find((c) => c.local.toUpperCase() === name) ?? null;
}

function attrNamed(el: XmlElement, name: string): string | null {
  return el.attrs.find((a) => a.local.toUpperCase() === name)?.value ?? null;
}

function lastmod(el: XmlElement): string | null {
  const value = nonEmpty(attrNamed(el, 'LASTMOD'));
  return value ? parseDate(value) : parseDateOf(childNamed(el, 'LASTMOD'));
}

export function isCdf(root: XmlElement): boolean {
  return root.local === 'CHANNEL' && root.ns === '';
}

export function readCdf(root: XmlElement, documentUrl: string, language: string | null): RawFeed {
  const items = childElements(root).filter((c) => c.local.toUpperCase() === 'ITEM');
  return {
    format: 'rss',
    version: '',
    title: plainTextOf(childNamed(root, 'TITLE'), 'sniff'),
    link: resolveUrl(attrNamed(root, 'HREF'), root.base || documentUrl),
    description: htmlOf(childNamed(root, 'ABSTRACT')),
    language: root.lang ?? language,
    id: null,
    updated: lastmod(root),
    author: null,
    image: null,
    generator: null,
    rights: null,
    ttlMinutes: null,
    updatePeriodMinutes: null,
    entries: items.map((item): RawEntry => {
      const abstract = childNamed(item, 'ABSTRACT');
      return {
        guid: null,
        title: plainTextOf(childNamed(item, 'TITLE'), 'sniff'),
        link: resolveUrl(attrNamed(item, 'HREF'), item.base),
        summaryHtml: htmlOf(abstract),
        contentHtml: null,
        published: null,
        updated: lastmod(item),
        authors: [],
        categories: [],
        images: [],
        enclosures: [],
        language: item.lang ?? root.lang ?? language,
        comments: null,
        source: null,
        rights: null,
        contentText: abstract ? textContent(abstract) : '',
      };
    }),
  };
}
