// DOM helpers over htmlparser2/domhandler trees. Every walk here is iterative (an explicit stack),
// because pages with tens of thousands of nested elements would overflow the call stack otherwise.
import { Parser } from 'htmlparser2';
import { DomHandler, Element, isTag, isText, type AnyNode, type Document, type ParentNode } from 'domhandler';
import type { Deadline } from './deadline.js';
import { escapeHtml } from '../clean/escape.js';

const CHUNK = 128 * 1024;

/**
 * Parses HTML in chunks so the time budget is honoured while parsing a very large page. The parser keeps a stack
 * of open elements and searches it on every closing tag, which is quadratic on pathological nesting (100,000
 * nested divs): a page whose elements nest deeper than MARKUP_DEPTH_LIMIT is parsed again with its deepest tags
 * dropped (their text stays). Real pages stay far shallower, so they are parsed once, without a scan ahead.
 */
export function parseHtml(html: string, deadline: Deadline): Document {
  const document = parseWithin(html, deadline, MARKUP_DEPTH_LIMIT);
  if (document) return document; // no element deeper than MARKUP_DEPTH_LIMIT, so none past MAX_DEPTH to unwrap
  const flattened = parseWithin(flattenDeepMarkup(html, deadline), deadline, null)!;
  limitDepth(flattened, deadline);
  return flattened;
}

/** Thrown by the handler below to stop a parse that went too deep: the parse is then started over. */
const TOO_DEEP = Symbol('too deep');

/** A tree builder that gives up when more than `limit` elements are open at once. */
class DepthGuardedHandler extends DomHandler {
  constructor(private readonly limit: number) {
    super(undefined, { withStartIndices: false, withEndIndices: false });
  }

  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.tagStack.length > this.limit) throw TOO_DEEP;
    super.onopentag(name, attribs);
  }
}

/** The parsed document, or null when its elements nest deeper than `depthLimit` (null: no limit). */
function parseWithin(html: string, deadline: Deadline, depthLimit: number | null): Document | null {
  const handler = depthLimit === null ? new DomHandler(undefined, { withStartIndices: false, withEndIndices: false }) : new DepthGuardedHandler(depthLimit);
  const parser = new Parser(handler, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  try {
    for (let i = 0; i < html.length; i += CHUNK) {
      parser.write(html.slice(i, i + CHUNK));
      deadline.checkNow();
    }
    parser.end();
  } catch (error) {
    if (error === TOO_DEEP) return null;
    throw error;
  }
  return handler.root;
}

const MARKUP_DEPTH_LIMIT = 160;
const NOT_COUNTED = new Set([
  'area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr', 'param',
  'keygen', 'p', 'li', 'td', 'th', 'tr', 'dt', 'dd', 'option', 'optgroup', 'thead', 'tbody', 'tfoot', 'colgroup',
  'rp', 'rt', 'script', 'style',
]);
const TAG = /<(\/?)([a-zA-Z][a-zA-Z0-9-]*)\b[^>]*?(\/?)>/g;

/** Drops the tags nested deeper than MARKUP_DEPTH_LIMIT (their text stays); a cheap scan first decides whether any are. */
function flattenDeepMarkup(html: string, deadline: Deadline): string {
  let depth = 0;
  let needed = false;
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const name = m[2].toLowerCase();
    if (m[3] || NOT_COUNTED.has(name)) continue;
    depth += m[1] ? -1 : 1;
    if (depth > MARKUP_DEPTH_LIMIT) {
      needed = true;
      break;
    }
  }
  if (!needed) return html;
  depth = 0;
  const dropped = new Map<string, number>();
  let calls = 0;
  return html.replace(TAG, (whole, slash: string, rawName: string, selfClosing: string) => {
    if ((++calls & 4095) === 0) deadline.checkNow();
    const name = rawName.toLowerCase();
    if (selfClosing || NOT_COUNTED.has(name)) return whole;
    if (!slash) {
      if (depth >= MARKUP_DEPTH_LIMIT) {
        dropped.set(name, (dropped.get(name) ?? 0) + 1);
        return '';
      }
      depth++;
      return whole;
    }
    const pending = dropped.get(name) ?? 0;
    if (pending > 0) {
      dropped.set(name, pending - 1);
      return '';
    }
    depth = Math.max(0, depth - 1);
    return whole;
  });
}

/** Deeper than this, wrapper elements are unwrapped (their children take their place). Above MARKUP_DEPTH_LIMIT, which a parse that succeeds never exceeds. */
const MAX_DEPTH = 192;
/** Deeper than this, every element is unwrapped. */
const HARD_DEPTH = 224;
const KEPT_WHEN_DEEP = new Set(['p', 'li', 'ul', 'ol', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre', 'table', 'tbody', 'thead', 'tr', 'td', 'th', 'img', 'a', 'figure', 'figcaption', 'blockquote', 'br']);

/**
 * Flattens absurdly deep trees, so that every later pass (and their ancestor walks) stays linear-ish.
 * Real articles are far shallower than the limit; only generated or hostile pages reach it.
 */
function limitDepth(root: Document, deadline: Deadline): void {
  const stack: Array<{ node: AnyNode; depth: number }> = root.children.map((node) => ({ node, depth: 1 }));
  while (stack.length) {
    deadline.check();
    const { node, depth } = stack.pop()!;
    if (!isTag(node)) continue;
    if (depth >= MAX_DEPTH && node.parent && (depth >= HARD_DEPTH || !KEPT_WHEN_DEEP.has(node.name))) {
      const parent = node.parent;
      const index = parent.children.indexOf(node);
      const kids = node.children;
      parent.children.splice(index, 1, ...kids);
      relink(parent, parent.children);
      node.parent = null;
      for (const kid of kids) stack.push({ node: kid, depth });
      continue;
    }
    for (const child of node.children) stack.push({ node: child, depth: depth + 1 });
  }
}

/** Every element under `root` in document order (root excluded). */
export function allElements(root: ParentNode, deadline?: Deadline): Element[] {
  const out: Element[] = [];
  const stack: AnyNode[] = [];
  for (let i = root.children.length - 1; i >= 0; i--) stack.push(root.children[i]);
  while (stack.length) {
    deadline?.check();
    const node = stack.pop()!;
    if (!isTag(node)) continue;
    out.push(node);
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
  }
  return out;
}

/** Raw text content (no whitespace folding), skipping nothing. */
export function rawText(root: AnyNode): string {
  if (isText(root)) return root.data;
  if (!('children' in root)) return '';
  const parts: string[] = [];
  const stack: AnyNode[] = [root];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) parts.push(node.data);
    else if ('children' in node && (node as ParentNode).children) {
      const kids = (node as ParentNode).children;
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
  return parts.join('');
}

/** Text content with whitespace folded to single spaces and trimmed. */
export function textOf(node: AnyNode): string {
  return foldSpace(rawText(node));
}

/**
 * Every run of white space (with no-break and zero-width spaces) becomes one space. The pattern skips the runs
 * that already are one plain space, most of them in running text: the same result with far fewer replacements.
 */
const SPACE_TO_FOLD = /[^\S ][\s\u00a0\u200b]*|\u200b[\s\u00a0\u200b]*| [\s\u00a0\u200b]+/g;

export function foldSpace(text: string): string {
  return text.replace(SPACE_TO_FOLD, ' ').trim();
}

export function attr(el: Element, name: string): string {
  return el.attribs[name] ?? '';
}

/** class + id, lower-cased, for vocabulary matching. */
export function classAndId(el: Element): string {
  const cls = el.attribs.class ?? '';
  const id = el.attribs.id ?? '';
  return cls || id ? `${cls} ${id}`.toLowerCase() : '';
}

/** Removes many nodes at once; cheaper than one splice per node when a parent loses many children. */
export function removeNodes(nodes: Iterable<AnyNode>): void {
  const byParent = new Map<ParentNode, Set<AnyNode>>();
  for (const node of nodes) {
    if (!node.parent) continue;
    let set = byParent.get(node.parent);
    if (!set) byParent.set(node.parent, (set = new Set()));
    set.add(node);
  }
  for (const [parent, gone] of byParent) {
    const kept = parent.children.filter((child) => !gone.has(child));
    for (const node of gone) {
      node.parent = null;
      node.prev = null;
      node.next = null;
    }
    relink(parent, kept);
  }
}

/** Replaces the children of `parent` and fixes the sibling links. */
export function relink(parent: ParentNode, children: AnyNode[]): void {
  parent.children = children;
  for (let i = 0; i < children.length; i++) {
    const child = children[i];
    child.parent = parent;
    child.prev = children[i - 1] ?? null;
    child.next = children[i + 1] ?? null;
  }
}

export function isAncestor(ancestor: AnyNode, node: AnyNode): boolean {
  for (let cur = node.parent; cur; cur = cur.parent) if (cur === ancestor) return true;
  return false;
}

export function hasAncestorTag(node: AnyNode, names: ReadonlySet<string>, maxDepth = 64): boolean {
  let depth = 0;
  for (let cur = node.parent; cur && depth < maxDepth; cur = cur.parent, depth++) {
    if (isTag(cur) && names.has(cur.name)) return true;
  }
  return false;
}

export function createElement(name: string, children: AnyNode[] = []): Element {
  const el = new Element(name, {});
  relink(el, children);
  return el;
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

const PRESERVE_SPACE = new Set(['pre', 'textarea', 'code']);

/** Serialises a subtree to HTML without recursion. */
export function toHtml(root: AnyNode): string {
  const out: string[] = [];
  type Frame = { node: AnyNode; close: boolean };
  const stack: Frame[] = [{ node: root, close: false }];
  while (stack.length) {
    const { node, close } = stack.pop()!;
    if (isText(node)) {
      // Whitespace runs from the page's indentation mean nothing outside <pre>.
      const data = hasAncestorTag(node, PRESERVE_SPACE) ? node.data : node.data.replace(/[ \t\r\n\f]+/g, ' ');
      out.push(escapeHtml(data));
      continue;
    }
    if (!isTag(node)) {
      if ('children' in node) {
        const kids = (node as ParentNode).children ?? [];
        for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], close: false });
      }
      continue;
    }
    if (close) {
      out.push(`</${node.name}>`);
      continue;
    }
    let open = `<${node.name}`;
    for (const [key, value] of Object.entries(node.attribs)) {
      if (!/^[a-z_:][-a-z0-9_:.]*$/i.test(key)) continue;
      open += ` ${key}="${escapeHtml(value)}"`;
    }
    out.push(open + '>');
    if (VOID.has(node.name)) continue;
    stack.push({ node, close: true });
    const kids = node.children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], close: false });
  }
  return out.join('');
}

/** The elements that start a line of `blockText`. */
export const BLOCK_TEXT: ReadonlySet<string> = new Set([
  'p', 'div', 'section', 'article', 'main', 'header', 'footer', 'aside', 'nav', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
  'li', 'ul', 'ol', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'tr', 'thead', 'tbody', 'tfoot', 'caption',
  'figure', 'figcaption', 'address', 'hr', 'form', 'fieldset', 'details', 'summary',
]);

/** Plain text with one block (paragraph, heading, list item, row) a line. */
export function blockText(root: AnyNode, skip?: (el: Element) => boolean): string {
  const parts: string[] = [];
  type Frame = { node: AnyNode; close: boolean };
  const stack: Frame[] = [{ node: root, close: false }];
  while (stack.length) {
    const { node, close } = stack.pop()!;
    if (isText(node)) {
      parts.push(node.data.replace(/[\s\u00a0]+/g, ' '));
      continue;
    }
    if (!('children' in node)) continue;
    if (isTag(node)) {
      if (!close && skip?.(node)) continue;
      if (node.name === 'br') {
        parts.push('\n');
        continue;
      }
      if (node.name === 'td' || node.name === 'th') parts.push(close ? ' ' : '');
      if (BLOCK_TEXT.has(node.name)) parts.push('\n');
      if (close) continue;
      stack.push({ node, close: true });
    }
    const kids = (node as ParentNode).children;
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i], close: false });
  }
  return parts
    .join('')
    .split('\n')
    .map((line) => line.replace(/ +/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}
