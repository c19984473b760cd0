// The sanitiser keeps no <div> (nor section, header and the like): it keeps their content and drops the tag.
// Two such blocks side by side then run together in the stored body: "…believe them.Which is not to say…".
// Before the body is sanitised, each one that holds text and no other block becomes the paragraph it is read as.
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { allElements } from './dom.js';

/** Block containers the sanitiser drops (their content stays). */
const DROPPED_BLOCKS = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'center', 'address', 'hgroup', 'nav']);
/** Elements that make a container more than a paragraph: it keeps its blocks as they are. */
const BLOCKS = new Set([
  ...DROPPED_BLOCKS, 'p', 'ul', 'ol', 'dl', 'li', 'dt', 'dd', 'table', 'tr', 'td', 'th', 'thead', 'tbody', 'tfoot', 'caption',
  'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'pre', 'figure', 'figcaption', 'hr', 'form', 'fieldset', 'details',
]);
/** A paragraph may not sit in these. */
const NO_PARAGRAPH_INSIDE = new Set(['p', 'span', 'a', 'em', 'strong', 'b', 'i', 'small', 'q', 'cite', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

function hasBlockOrNoText(el: Element): { block: boolean; text: boolean } {
  let text = false;
  const stack: AnyNode[] = [...el.children];
  while (stack.length) {
    const node = stack.pop()!;
    if (isText(node)) {
      if (node.data.trim() !== '') text = true;
    } else if (isTag(node)) {
      if (BLOCKS.has(node.name)) return { block: true, text };
      stack.push(...node.children);
    }
  }
  return { block: false, text };
}

function insideNoParagraphPlace(el: Element, body: Element): boolean {
  for (let cur = el.parent; cur && cur !== body && isTag(cur); cur = cur.parent) if (NO_PARAGRAPH_INSIDE.has(cur.name)) return true;
  return false;
}

/** Renames the text-holding leaf containers of `body` to paragraphs, in place. */
export function leafBlocksAsParagraphs(body: Element): void {
  for (const el of allElements(body)) {
    if (!DROPPED_BLOCKS.has(el.name)) continue;
    const { block, text } = hasBlockOrNoText(el);
    if (block || !text || insideNoParagraphPlace(el, body)) continue;
    el.name = 'p';
  }
}
