// A small, forgiving XML reader built on htmlparser2's tokenizer (XML mode). It gives the feed readers a
// namespace-resolved tree, carries `xml:base` and `xml:lang` down to every element, decodes the HTML
// named entities feeds use without declaring them, and notes every well-formedness problem it meets
// (the `bozo` flag) instead of giving up. Entities declared in a DOCTYPE are expanded one level only and
// only when their value is plain text, which is what defeats billion-laughs style documents.
import { escapeHtml } from '../clean/escape.js';
import { Parser } from 'htmlparser2';
import { decodeHTMLStrict } from 'entities';
import { windows1252C1 } from './decode.js';

export interface XmlElement {
  type: 'element';
  /** The name as written, with its prefix. */
  name: string;
  local: string;
  /** Namespace URI ('' for none). */
  ns: string;
  attrs: XmlAttr[];
  children: XmlNode[];
  /** Effective xml:base (already resolved against outer bases and the document URL). */
  base: string;
  /** Effective xml:lang, or null. */
  lang: string | null;
  /** The default namespace in scope (tells RSS 0.90 from 1.0 even when the channel is missing). */
  defaultNs: string;
}

export interface XmlAttr {
  name: string;
  local: string;
  ns: string;
  value: string;
}

export interface XmlText {
  type: 'text';
  text: string;
}

export type XmlNode = XmlElement | XmlText;

export interface XmlDocument {
  root: XmlElement | null;
  /** The DOCTYPE declaration as written (it is removed before parsing), or null. */
  doctype: string | null;
  bozo: boolean;
  bozoReason: string | null;
}

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Prefixes feeds use without declaring them; resolved anyway, but the document is flagged. */
const WELL_KNOWN_PREFIXES: Record<string, string> = nullProto({
  xml: XML_NS,
  rdf: 'http://www.w3.org/1999/02/22-rdf-syntax-ns#',
  dc: 'http://purl.org/dc/elements/1.1/',
  dcterms: 'http://purl.org/dc/terms/',
  content: 'http://purl.org/rss/1.0/modules/content/',
  media: 'http://search.yahoo.com/mrss/',
  atom: 'http://www.w3.org/2005/Atom',
  itunes: 'http://www.itunes.com/dtds/podcast-1.0.dtd',
  sy: 'http://purl.org/rss/1.0/modules/syndication/',
  slash: 'http://purl.org/rss/1.0/modules/slash/',
  xhtml: 'http://www.w3.org/1999/xhtml',
});

const MAX_DEPTH = 512;

/** A lookup table without Object.prototype behind it. */
export function nullProto<T>(entries: Record<string, T>): Record<string, T> {
  return Object.assign(Object.create(null) as Record<string, T>, entries);
}
const EMPTY_NS: ReadonlyMap<string, string> = new Map();

export function parseXml(text: string, documentUrl: string): XmlDocument {
  let bozoReason: string | null = null;
  const flag = (reason: string): void => { bozoReason ??= reason; };

  const { body, entities, doctype } = stripDoctype(text);

  const stack: { el: XmlElement; nsMap: ReadonlyMap<string, string> }[] = [];
  let root: XmlElement | null = null;
  let inCdata = false;

  const decode = (raw: string): string => decodeEntities(raw, entities, flag);

  const parser = new Parser(
    {
      onopentag(name, rawAttribs) {
        const parent = stack[stack.length - 1];
        const attrPairs = Object.entries(rawAttribs);
        // Scopes are shared until an element declares a namespace (most never do).
        let own: Map<string, string> | null = null;
        for (const [attrName, raw] of attrPairs) {
          if (attrName !== 'xmlns' && !attrName.startsWith('xmlns:')) continue;
          own ??= new Map(parent?.nsMap ?? EMPTY_NS);
          own.set(attrName === 'xmlns' ? '' : attrName.slice(6), decode(raw).trim());
        }
        const nsMap: ReadonlyMap<string, string> = own ?? parent?.nsMap ?? EMPTY_NS;
        const [prefix, local] = splitName(name);
        let ns = nsMap.get(prefix);
        if (ns === undefined) {
          if (prefix) {
            flag(`undeclared namespace prefix "${prefix}"`);
            ns = WELL_KNOWN_PREFIXES[prefix.toLowerCase()] ?? `urn:undeclared:${prefix}`;
          } else ns = '';
        }
        const attrs: XmlAttr[] = [];
        for (const [attrName, raw] of attrPairs) {
          if (attrName === 'xmlns' || attrName.startsWith('xmlns:')) continue;
          const [aPrefix, aLocal] = splitName(attrName);
          let aNs = '';
          if (aPrefix) {
            aNs = aPrefix === 'xml' ? XML_NS : nsMap.get(aPrefix) ?? WELL_KNOWN_PREFIXES[aPrefix.toLowerCase()] ?? `urn:undeclared:${aPrefix}`;
            if (aPrefix !== 'xml' && !nsMap.has(aPrefix)) flag(`undeclared namespace prefix "${aPrefix}"`);
          }
          attrs.push({ name: attrName, local: aLocal, ns: aNs, value: decode(raw) });
        }
        const parentBase = parent ? parent.el.base : documentUrl;
        const xmlBase = attrs.find((a) => a.ns === XML_NS && a.local === 'base');
        const xmlLang = attrs.find((a) => a.ns === XML_NS && a.local === 'lang');
        const el: XmlElement = {
          type: 'element',
          name,
          local,
          ns,
          attrs,
          children: [],
          base: xmlBase ? resolveBase(xmlBase.value, parentBase) : parentBase,
          lang: xmlLang ? normaliseLang(xmlLang.value) : parent ? parent.el.lang : null,
          defaultNs: nsMap.get('') ?? '',
        };
        if (parent) {
          if (stack.length < MAX_DEPTH) parent.el.children.push(el);
        } else if (root) {
          flag('more than one root element');
        } else root = el;
        stack.push({ el, nsMap });
      },
      onclosetag(name, isImplied) {
        const top = stack[stack.length - 1];
        if (!top) return;
        // htmlparser2 reports self-closing tags as implied closes too; only the source text tells them apart.
        const token = body.slice(parser.startIndex, parser.endIndex + 1);
        const selfClosing = token.startsWith(`<${name}`) && token.endsWith('/>');
        if ((isImplied && !selfClosing) || top.el.name !== name) flag(`element <${top.el.name}> not closed properly`);
        stack.pop();
      },
      ontext(raw) {
        const parent = stack[stack.length - 1];
        if (!parent) {
          if (raw.trim()) flag('text outside the root element');
          return;
        }
        const text = inCdata ? raw : decode(raw);
        const last = parent.el.children[parent.el.children.length - 1];
        if (last && last.type === 'text') last.text += text;
        else parent.el.children.push({ type: 'text', text });
      },
      oncdatastart() { inCdata = true; },
      oncdataend() { inCdata = false; },
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true, recognizeSelfClosing: true },
  );
  parser.write(body);
  parser.end();
  if (inCdata) flag('unterminated CDATA section');
  return { root, doctype, bozo: bozoReason !== null, bozoReason };
}

/** `en_US` → `en-US`; an empty xml:lang means "no language". */
export function normaliseLang(value: string): string | null {
  const trimmed = value.trim().replace(/_/g, '-');
  return trimmed || null;
}

function splitName(name: string): [string, string] {
  const colon = name.indexOf(':');
  return colon < 0 ? ['', name] : [name.slice(0, colon), name.slice(colon + 1)];
}

function resolveBase(value: string, parentBase: string): string {
  try {
    return new URL(value.trim(), parentBase || undefined).href;
  } catch {
    return parentBase;
  }
}

interface Stripped {
  body: string;
  /** Declared entities; null marks one that is deliberately left unexpanded. */
  entities: Map<string, string | null>;
  doctype: string | null;
}

/**
 * Removes the DOCTYPE (feeds never need a DTD, and it is where entity bombs live) and keeps the internal
 * entities whose value is plain text. An entity whose value refers to other entities is not expanded at all.
 */
function stripDoctype(text: string): Stripped {
  const entities = new Map<string, string | null>();
  const match = /<!DOCTYPE\s[^[>]*(\[[\s\S]*?\]\s*)?>/i.exec(text);
  if (!match) return { body: text, entities, doctype: null };
  const subset = match[1] ?? '';
  for (const decl of subset.matchAll(/<!ENTITY\s+([A-Za-z_][\w.-]*)\s+(?:"([^"]*)"|'([^']*)')\s*>/g)) {
    const value = decl[2] ?? decl[3] ?? '';
    if (entities.has(decl[1])) continue;
    entities.set(decl[1], /[&<%]/.test(value) ? null : value);
  }
  return { body: text.slice(0, match.index) + text.slice(match.index + match[0].length), entities, doctype: match[0] };
}

// Null-prototype tables: a reference like &constructor; must not find Object.prototype members.
const XML_ENTITIES: Record<string, string> = nullProto({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" });
/** HTML 4.01 code points that HTML5 reassigned (to U+27E8/U+27E9). */
const HTML4_ONLY: Record<string, string> = nullProto({ lang: '\u2329', rang: '\u232a' });

function decodeEntities(raw: string, declared: Map<string, string | null>, flag: (reason: string) => void): string {
  if (!raw.includes('&')) return raw;
  return raw.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[A-Za-z_][\w.-]*)?(;?)/g, (whole, ref: string | undefined, semi: string) => {
    if (!ref || !semi) {
      flag('unescaped "&" in text');
      return whole;
    }
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      if (!Number.isFinite(code) || code <= 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
        flag(`invalid character reference ${whole}`);
        return '';
      }
      // References to C1 controls mean windows-1252 characters in practice (HTML5 does the same).
      return code >= 0x80 && code <= 0x9f ? windows1252C1(code) : String.fromCodePoint(code);
    }
    const xml = XML_ENTITIES[ref];
    if (xml !== undefined) return xml;
    const local = declared.get(ref);
    if (local === null) {
      flag(`entity ${whole} left unexpanded: its value refers to other entities`);
      return whole;
    }
    if (local !== undefined) return local;
    // HTML 4 values first: feeds were written against it. Only &lang; and &rang; changed meaning in HTML5.
    const html = HTML4_ONLY[ref] ?? decodeHTMLStrict(whole);
    if (html !== whole) {
      flag(`undefined entity ${whole}`);
      return html;
    }
    flag(`undefined entity ${whole}`);
    return whole;
  });
}

// ---- helpers for the readers ----------------------------------------------------------------------

export function childElements(el: XmlElement): XmlElement[] {
  return el.children.filter((c): c is XmlElement => c.type === 'element');
}

/** Concatenated text of an element and its descendants. */
export function textContent(el: XmlElement): string {
  let out = '';
  for (const child of el.children) out += child.type === 'text' ? child.text : textContent(child);
  return out;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

/** Serialises the children of an element as HTML (for inline XHTML content). Prefixes are dropped. */
export function innerHtml(el: XmlElement): string {
  let out = '';
  for (const child of el.children) out += child.type === 'text' ? escapeHtml(child.text) : outerHtml(child);
  return out;
}

function outerHtml(el: XmlElement): string {
  const name = el.local;
  let out = `<${name}`;
  for (const a of el.attrs) {
    if (a.ns === XML_NS) continue;
    out += ` ${a.local}="${escapeHtml(a.value)}"`;
  }
  if (VOID.has(name.toLowerCase()) && el.children.length === 0) return `${out} />`;
  return `${out}>${innerHtml(el)}</${name}>`;
}

