// Atom 1.0 and Atom 0.3 documents. 0.3 differs in names (issued/modified/tagline/copyright/info) and in
// its content modes (escaped, base64, inline XML), which fields.ts understands.
import type { ImageRef } from '../model/types.js';
import type { Enclosure, Person, RawEntry, RawFeed } from './feed-types.js';
import {
  NS, attrOf, categoriesOf, child, childText, children, dcCreators, dedupeImages, dedupePeople, htmlOf, itunesImage,
  mediaDescriptionOf, mediaImagesOf, nonEmpty, parseDateOf, parseLength, personOf, plainTextOf, resolveId, resolveUrl, splitEnclosures,
} from './fields.js';
import { childElements, textContent, type XmlElement } from './xml-tree.js';

type NsSet = ReadonlySet<string>;

export function atomVersion(root: XmlElement): string {
  if (root.ns === NS.atom10) return 'atom10';
  if (root.ns === NS.atom03) return 'atom03';
  const declared = (attrOf(root, 'version') ?? '').trim();
  if (declared === '0.3') return 'atom03';
  if (declared === '1.0') return 'atom10';
  return '';
}

interface AtomLink {
  rel: string;
  href: string;
  type: string | null;
  length: number | null;
  title: string | null;
}

function linksOf(el: XmlElement, ATOM: NsSet): AtomLink[] {
  const out: AtomLink[] = [];
  for (const link of children(el, 'link', ATOM)) {
    const href = resolveUrl(attrOf(link, 'href') ?? textContent(link), link.base);
    if (!href) continue;
    out.push({
      rel: (attrOf(link, 'rel') ?? 'alternate').trim().toLowerCase() || 'alternate',
      href,
      type: nonEmpty(attrOf(link, 'type')),
      length: parseLength(attrOf(link, 'length')),
      title: nonEmpty(attrOf(link, 'title')),
    });
  }
  return out;
}

/** The alternate link, preferring an HTML one. */
function alternateOf(links: AtomLink[]): string | null {
  const alternates = links.filter((l) => l.rel === 'alternate' || l.rel === 'http://www.iana.org/assignments/relation/alternate');
  const html = alternates.find((l) => !l.type || /html/i.test(l.type));
  return (html ?? alternates[0])?.href ?? null;
}

function peopleOf(el: XmlElement, local: string, ATOM: NsSet): Person[] {
  return children(el, local, ATOM).map(personOf).filter((p): p is Person => p !== null);
}

export function readAtom(root: XmlElement, documentUrl: string, language: string | null): RawFeed {
  // Early Atom drafts used other namespace URIs; whatever the root uses is this document's Atom.
  const ATOM: NsSet = new Set<string>([NS.atom10, NS.atom03, '', root.ns]);
  const links = linksOf(root, ATOM);
  const logo = resolveUrl(childText(root, 'logo', ATOM), child(root, 'logo', ATOM)?.base ?? documentUrl);
  const icon = resolveUrl(childText(root, 'icon', ATOM), child(root, 'icon', ATOM)?.base ?? documentUrl);
  const imageUrl = logo ?? itunesImage(root) ?? icon;
  const image: ImageRef | null = imageUrl ? { url: imageUrl, caption: null, credit: null } : null;
  const generatorEl = child(root, 'generator', ATOM);
  const idEl = child(root, 'id', ATOM);
  const feedAuthors = peopleOf(root, 'author', ATOM);
  return {
    format: 'atom',
    version: atomVersion(root),
    title: plainTextOf(child(root, 'title', ATOM), 'text'),
    link: alternateOf(links),
    description: htmlOf(child(root, 'subtitle', ATOM), 'text') ?? htmlOf(child(root, 'tagline', ATOM), 'text') ?? htmlOf(child(root, 'info', ATOM), 'text'),
    language: root.lang ?? language,
    id: idEl ? resolveId(textContent(idEl), idEl.base) : null,
    updated: parseDateOf(child(root, 'updated', ATOM)) ?? parseDateOf(child(root, 'modified', ATOM)),
    author: feedAuthors[0] ?? null,
    image,
    generator: generatorEl ? nonEmpty(textContent(generatorEl)) ?? resolveUrl(attrOf(generatorEl, 'uri') ?? attrOf(generatorEl, 'url'), generatorEl.base) : null,
    rights: htmlOf(child(root, 'rights', ATOM), 'text') ?? htmlOf(child(root, 'copyright', ATOM), 'text'),
    ttlMinutes: null,
    updatePeriodMinutes: null,
    entries: childElements(root).filter((c) => (c.local === 'entry' || c.local === 'item') && ATOM.has(c.ns)).map((entry) => readEntry(entry, feedAuthors, root.lang ?? language, ATOM)),
  };
}

function readEntry(entry: XmlElement, feedAuthors: Person[], feedLanguage: string | null, ATOM: NsSet): RawEntry {
  const links = linksOf(entry, ATOM);
  const enclosures: Enclosure[] = links.filter((l) => l.rel === 'enclosure').map((l) => ({ url: l.href, type: l.type, length: l.length }));
  const images = dedupeImages([...mediaImagesOf(entry), ...splitEnclosures(enclosures)]);
  const idEl = child(entry, 'id', ATOM);
  const contentEl = child(entry, 'content', ATOM);
  const summaryEl = child(entry, 'summary', ATOM);
  // Out-of-line content (`src="…"`) is a link to the body, not the body: it has no text and reads as null.
  const contentHtml = htmlOf(contentEl, 'text');
  const sourceEl = child(entry, 'source', ATOM);
  const authors = dedupePeople([...peopleOf(entry, 'author', ATOM), ...dcCreators(entry)]);
  const inheritedAuthors = authors.length ? authors : sourceEl && peopleOf(sourceEl, 'author', ATOM).length ? peopleOf(sourceEl, 'author', ATOM) : feedAuthors;
  return {
    guid: idEl ? resolveId(textContent(idEl), idEl.base) : null,
    title: plainTextOf(child(entry, 'title', ATOM), 'text'),
    link: alternateOf(links),
    summaryHtml: htmlOf(summaryEl, 'text') ?? htmlOf(mediaDescriptionOf(entry), 'text'),
    contentHtml,
    published: parseDateOf(child(entry, 'published', ATOM)) ?? parseDateOf(child(entry, 'issued', ATOM)) ?? parseDateOf(child(entry, 'created', ATOM)),
    updated: parseDateOf(child(entry, 'updated', ATOM)) ?? parseDateOf(child(entry, 'modified', ATOM)),
    authors: inheritedAuthors,
    categories: categoriesOf(entry, ATOM),
    images,
    enclosures,
    language: entry.lang ?? feedLanguage,
    comments: links.find((l) => l.rel === 'replies' && (!l.type || /html/i.test(l.type)))?.href ?? null,
    source: sourceEl ? { title: plainTextOf(child(sourceEl, 'title', ATOM), 'text'), url: alternateOf(linksOf(sourceEl, ATOM)) ?? links.find((l) => l.rel === 'via')?.href ?? null } : null,
    rights: htmlOf(child(entry, 'rights', ATOM), 'text') ?? htmlOf(child(entry, 'copyright', ATOM), 'text'),
    contentText: textContent(contentEl ?? summaryEl ?? entry),
    idText: idEl ? nonEmpty(textContent(idEl)) : null,
  };
}
