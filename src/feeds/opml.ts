// OPML subscription lists (import and export). Readers nest feeds in folders; Convey keeps a flat list
// where the folder becomes the feed's category.
import { escapeHtml } from '../clean/sanitize.js';
import { childElements, parseXml, textContent, type XmlElement } from './xml-tree.js';

export interface OpmlOutline {
  title: string | null;
  xmlUrl: string;
  htmlUrl: string | null;
  category: string | null;
}

export interface OpmlDocument {
  title: string | null;
  outlines: OpmlOutline[];
}

/** OPML attributes are camelCase by the spec, but exporters write them in every case. */
function attribute(el: XmlElement, name: string): string | null {
  const lower = name.toLowerCase();
  const found = el.attrs.find((a) => a.local.toLowerCase() === lower);
  const value = found?.value.trim();
  return value ? value : null;
}

export function parseOpml(text: string): OpmlDocument {
  const { root } = parseXml(text.replace(/^\ufeff/, ''), '');
  if (!root || root.local.toLowerCase() !== 'opml') return { title: null, outlines: [] };
  const head = childElements(root).find((c) => c.local.toLowerCase() === 'head');
  const titleEl = head ? childElements(head).find((c) => c.local.toLowerCase() === 'title') : undefined;
  const body = childElements(root).find((c) => c.local.toLowerCase() === 'body');
  const outlines: OpmlOutline[] = [];
  const seen = new Set<string>();
  const walk = (el: XmlElement, category: string | null): void => {
    for (const outline of childElements(el)) {
      if (outline.local.toLowerCase() !== 'outline') continue;
      const title = attribute(outline, 'title') ?? attribute(outline, 'text');
      const xmlUrl = attribute(outline, 'xmlUrl');
      if (xmlUrl && !seen.has(xmlUrl)) {
        seen.add(xmlUrl);
        outlines.push({ title, xmlUrl, htmlUrl: attribute(outline, 'htmlUrl'), category: category ?? attribute(outline, 'category') });
      }
      // A folder's title becomes the category of everything inside it.
      walk(outline, xmlUrl ? category : title ?? category);
    }
  };
  if (body) walk(body, null);
  return { title: titleEl ? textContent(titleEl).trim() || null : null, outlines };
}

export function buildOpml(
  title: string,
  outlines: { title: string; xmlUrl: string; htmlUrl?: string | null; category?: string | null }[],
): string {
  const line = (o: (typeof outlines)[number], indent: string): string => {
    const attrs = [`type="rss"`, `text="${escapeHtml(o.title)}"`, `title="${escapeHtml(o.title)}"`, `xmlUrl="${escapeHtml(o.xmlUrl)}"`];
    if (o.htmlUrl) attrs.push(`htmlUrl="${escapeHtml(o.htmlUrl)}"`);
    return `${indent}<outline ${attrs.join(' ')}/>`;
  };
  const lines: string[] = [];
  const folders = new Map<string, typeof outlines>();
  for (const o of outlines) {
    if (o.category) {
      const list = folders.get(o.category) ?? [];
      list.push(o);
      folders.set(o.category, list);
    } else lines.push(line(o, '    '));
  }
  for (const [category, list] of folders) {
    lines.push(`    <outline text="${escapeHtml(category)}" title="${escapeHtml(category)}">`);
    for (const o of list) lines.push(line(o, '      '));
    lines.push('    </outline>');
  }
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<opml version="2.0">',
    '  <head>',
    `    <title>${escapeHtml(title)}</title>`,
    '  </head>',
    '  <body>',
    ...lines,
    '  </body>',
    '</opml>',
    '',
  ].join('\n');
}
