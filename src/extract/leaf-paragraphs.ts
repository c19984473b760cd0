// The sanitiser keeps no <div> (nor section, header and the like): it keeps their content and drops the tag.
// Two such blocks side by side then run together in the stored body: "…believe them.Which is not to say…".
// Before the body is sanitised, each one that holds text and no other block (nor an image) becomes the paragraph
// it is read as.
import { isTag, type Element } from 'domhandler';
import { blockFreeElements } from './body.js';
import { rawText } from './dom.js';

/** Block containers the sanitiser drops (their content stays). */
const DROPPED_BLOCKS = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'center', 'address', 'hgroup', 'nav']);
/** A paragraph may not sit in these. */
const NO_PARAGRAPH_INSIDE = new Set(['p', 'span', 'a', 'em', 'strong', 'b', 'i', 'small', 'q', 'cite', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

function insideNoParagraphPlace(el: Element, body: Element): boolean {
  for (let cur = el.parent; cur && cur !== body && isTag(cur); cur = cur.parent) if (NO_PARAGRAPH_INSIDE.has(cur.name)) return true;
  return false;
}

/** Renames the text-holding leaf containers of `body` to paragraphs, in place. */
export function leafBlocksAsParagraphs(body: Element): void {
  for (const el of blockFreeElements(body)) {
    if (DROPPED_BLOCKS.has(el.name) && rawText(el).trim() !== '' && !insideNoParagraphPlace(el, body)) el.name = 'p';
  }
}
