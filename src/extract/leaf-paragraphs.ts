// The sanitiser keeps no <div> (nor section, header and the like): it keeps their content and drops the tag.
// Two such blocks side by side then run together in the stored body: "…believe them.Which is not to say…".
// Before the body is sanitised, each one that holds text and no other block (nor an image) becomes the paragraph
// it is read as. A dropped block that holds both blocks and loose text has that text read as lines of their own
// (as a browser lays it out: each run of inline content between blocks is a block of its own); each such run
// becomes a paragraph too, or it would run into its neighbours once the block's tag is gone. (The body finder
// already wraps loose text nodes beside blocks, for its scores: body.ts `wrapLooseInline`; what it leaves, such as
// a <label> beside blocks, is wrapped here, after the text is read, so the extracted text stays as it was.)
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { blockFreeElements } from './body.js';
import { BLOCK_TEXT, allElements, createElement, rawText, relink } from './dom.js';

/** Block containers the sanitiser drops (their content stays). */
const DROPPED_BLOCKS = new Set(['div', 'section', 'article', 'header', 'footer', 'main', 'aside', 'center', 'address', 'hgroup', 'nav']);
/** A paragraph may not sit in these. */
const NO_PARAGRAPH_INSIDE = new Set(['p', 'span', 'a', 'em', 'strong', 'b', 'i', 'small', 'q', 'cite', 'code', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);

/** The elements of `body` (`order`: its elements, parents first) inside one where a paragraph may not stand. */
function insideNoParagraphPlace(body: Element, order: readonly Element[]): Set<Element> {
  const inside = new Set<Element>();
  for (const el of order) {
    const parent = el.parent;
    if (parent && parent !== body && isTag(parent) && (inside.has(parent) || NO_PARAGRAPH_INSIDE.has(parent.name))) inside.add(el);
  }
  return inside;
}

/** Renames the text-holding leaf containers of `body` to paragraphs, and wraps loose text beside blocks in them, in place. */
export function leafBlocksAsParagraphs(body: Element): void {
  const leaves = blockFreeElements(body);
  // One list of the body's elements, parents first, for every pass below (the tree keeps its elements until the
  // last pass, which only adds paragraphs).
  const order = allElements(body);
  const noParagraph = insideNoParagraphPlace(body, order);
  const mixed: Element[] = [];
  for (const el of [body, ...order]) {
    if (!DROPPED_BLOCKS.has(el.name) || noParagraph.has(el)) continue;
    if (leaves.has(el)) {
      if (rawText(el).trim() !== '') el.name = 'p';
    } else {
      mixed.push(el);
    }
  }
  if (mixed.length === 0) return;
  const breaksLines = linesBreakers(order);
  for (const el of mixed) wrapLooseRuns(el, breaksLines);
}

/** The elements of `order` (parents first) that start a line of text themselves or hold one that does. */
function linesBreakers(order: readonly Element[]): Set<AnyNode> {
  const breakers = new Set<AnyNode>();
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    if (BLOCK_TEXT.has(el.name) || el.children.some((child) => breakers.has(child))) breakers.add(el);
  }
  return breakers;
}

/** Each run of inline children of `el` that lies beside a block and holds text becomes a paragraph. */
function wrapLooseRuns(el: Element, breaksLines: ReadonlySet<AnyNode>): void {
  if (!el.children.some((child) => breaksLines.has(child))) return;
  const children: AnyNode[] = [];
  let run: AnyNode[] = [];
  const endRun = () => {
    if (run.some(holdsText)) children.push(createElement('p', run));
    else children.push(...run);
    run = [];
  };
  for (const child of el.children) {
    if (breaksLines.has(child)) {
      endRun();
      children.push(child);
    } else {
      run.push(child);
    }
  }
  endRun();
  relink(el, children);
}

function holdsText(node: AnyNode): boolean {
  if (isText(node)) return node.data.trim() !== '';
  return isTag(node) && rawText(node).trim() !== '';
}
