// Captions the extractor recognised by their class (a "caption" or "credit" div, say) leave their class behind
// when the body is sanitised, and with it the only sign that they are captions. Before that, each becomes a
// <figcaption> in a <figure> (with the image just before it, when there is one), so that the stored body says
// what the extractor knew: the page shows them as captions, and the body's text, its excerpt, its fingerprint
// and the copy's side of the fidelity check leave them out, as the extracted text does.
import { isTag, isText, type AnyNode, type Element } from 'domhandler';
import { isCaptionElement } from './body.js';
import { allElements, createElement, isAncestor, relink } from './dom.js';

/** Elements whose place in their parent holds them: their content is wrapped, not the element. */
const STRUCTURAL = new Set(['li', 'td', 'th', 'dt', 'dd', 'tr', 'tbody', 'thead', 'tfoot', 'table']);
/** Inline wrappers a caption may sit alone in; such a wrapper is wrapped instead of the caption inside it. */
const LONE_WRAPPERS = new Set(['p', 'span', 'em', 'i', 'small', 'strong', 'b', 'a']);
const IMAGE_TAGS = new Set(['img', 'picture']);

const isBlank = (node: AnyNode) => isText(node) && node.data.trim() === '';

function insideFigure(el: Element): boolean {
  for (let cur = el.parent; cur && isTag(cur); cur = cur.parent) if (cur.name === 'figure') return true;
  return false;
}

function hasCaptionAncestor(el: Element): boolean {
  for (let cur = el.parent; cur && isTag(cur); cur = cur.parent) if (isCaptionElement(cur)) return true;
  return false;
}

/** True when the element sits among text of its parent (a credit inside a sentence): it is left where it is. */
function inRunningText(el: Element): boolean {
  return !!el.parent && el.parent.children.some((c) => isText(c) && !isBlank(c));
}

/** An image, or an element that holds an image and nothing else (a link or a picture around it). */
function isImageOnly(node: AnyNode): boolean {
  if (!isTag(node)) return false;
  if (IMAGE_TAGS.has(node.name)) return true;
  const content = node.children.filter((c) => !isBlank(c));
  return content.length === 1 && isImageOnly(content[0]);
}

/** The element before `node` among its siblings, past blank text. */
function previousElement(node: AnyNode): AnyNode | null {
  let prev = node.prev;
  while (prev && isBlank(prev)) prev = prev.prev;
  return prev;
}

/** Replaces `old` by `replacement` in its parent. */
function replaceWith(old: AnyNode, replacement: AnyNode): void {
  const parent = old.parent!;
  relink(parent, parent.children.map((c) => (c === old ? replacement : c)));
}

/** Turns the captions of `body` into figure captions, in place. */
export function captionsAsFigures(body: Element): void {
  for (const found of allElements(body)) {
    if (!isCaptionElement(found) || hasCaptionAncestor(found) || !found.parent) continue;
    if (insideFigure(found)) {
      found.name = 'figcaption';
      continue;
    }
    if (inRunningText(found)) continue;
    let caption: Element = found;
    while (caption.parent && isTag(caption.parent) && caption.parent !== body && LONE_WRAPPERS.has(caption.parent.name) && caption.parent.children.every((c) => c === caption || isBlank(c))) {
      caption = caption.parent;
    }
    if (STRUCTURAL.has(caption.name)) {
      relink(caption, [createElement('figure', [createElement('figcaption', caption.children)])]);
      continue;
    }
    // Only what lies under the body is moved: a node whose parent links lead elsewhere is left where it is.
    if (!isAncestor(body, caption)) continue;
    const image = previousElement(caption);
    const figureImage = image && isImageOnly(image) ? [image] : [];
    const placeholder = createElement('figure');
    replaceWith(caption, placeholder);
    if (figureImage.length) relink(image!.parent!, image!.parent!.children.filter((c) => c !== image));
    const figcaption = caption.name === 'figure' ? createElement('figcaption', caption.children) : Object.assign(caption, { name: 'figcaption' });
    relink(placeholder, [...figureImage, figcaption]);
  }
}
