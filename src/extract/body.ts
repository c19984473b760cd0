// Finding the article body in a page. The shape of the algorithm is the one mature extractors share:
// remove what is never content, score paragraph-like blocks by their text (length, commas) and pass the
// score up to their ancestors, weigh by class/id vocabulary and link density, take the best container and
// the siblings that look like it, then clean the result conditionally. On top of it: JSON-LD `articleBody`
// (when the page declares one) points at the container directly, and boilerplate lines inside the body
// (share prompts, "read more" teasers, newsletter prompts: `boilerplate-lines.ts`) are dropped by their wording and link share.
import { isTag, isText, type AnyNode, type Document, type Element, type ParentNode } from 'domhandler';
import type { Deadline } from './deadline.js';
import { CAPTION_MARK, plainCaptionAfter } from './lead-image.js';
import { isBoilerplateLine, isContactLine } from './boilerplate-lines.js';
import { allElements, classAndId, createElement, hasAncestorTag, isAncestor, relink, removeNodes, textOf } from './dom.js';

export interface BodyOptions {
  deadline: Deadline;
  /** JSON-LD articleBody, used to locate the body when present. */
  hint: string | null;
  /** The article title: a heading repeating it is not part of the body. */
  title: string | null;
}

export interface BodyFlags {
  stripUnlikely: boolean;
  weighClasses: boolean;
  cleanConditionally: boolean;
}

const ALL_FLAGS: BodyFlags = { stripUnlikely: true, weighClasses: true, cleanConditionally: true };

const NEVER_CONTENT = new Set([
  'script', 'style', 'noscript', 'template', 'iframe', 'svg', 'canvas', 'object', 'embed', 'button', 'input',
  'select', 'textarea', 'option', 'link', 'meta', 'head', 'title', 'base', 'dialog', 'map', 'audio', 'video',
  'source', 'track', 'frame', 'frameset', 'applet', 'math',
]);

const UNLIKELY = /-ad-|ai2html|banner|breadcrumb|combx|comment|community|cover-wrap|disqus|extra|footer|gdpr|header|legends|menu|related|remark|replies|rss|shoutbox|sidebar|skyscraper|social|sponsor|supplemental|ad-break|agegate|pagination|pager|popup|yom-remote|share|sharing|newsletter|subscri|signup|sign-up|cookie|consent|promo|outbrain|taboola|recommend|trending|most-popular|(^|[\s_-])nav($|[\s_-])|navbar|navigation|masthead|toolbar|modal|overlay|offcanvas/;
const MAYBE = /and|article|body|column|content|main|shadow/;
const UNLIKELY_ROLES = new Set(['navigation', 'complementary', 'banner', 'contentinfo', 'menu', 'menubar', 'dialog', 'alert', 'alertdialog', 'search', 'toolbar', 'tablist']);
const NEGATIVE = /-ad-|hidden|^hid$| hid$| hid |^hid |banner|combx|comment|com-|contact|footer|gdpr|masthead|media|meta|outbrain|promo|related|scroll|share|shoutbox|sidebar|skyscraper|sponsor|shopping|tags|widget|newsletter|subscri|social|byline|author|recommend|trending|popular|teaser|signup|advert/;
const POSITIVE = /article|body|content|entry|hentry|h-entry|main|page|pagination|post|text|blog|story/;
// Boilerplate blocks that may sit inside the article container; removed when their text is short.
const BOILERPLATE_CLASS = /(^|[\s_-])(share|sharing|social|follow|newsletter|subscribe|subscription|related|recommended|promo|comments?|respond|reply|tags|tag-list|author-bio|author-box|about-author|byline|dateline|timestamp|post-meta|entry-meta|article-meta|meta|breadcrumbs?|ad|ads|advert|advertisement|sponsored|signup|cta|donate|more-stories|read-more|readmore|print|toolbar|rating|reactions|jump|toc)([\s_-]|$)/;

const TAGS_TO_SCORE = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);
const BLOCK_CHILDREN = new Set([
  'blockquote', 'dl', 'div', 'img', 'ol', 'p', 'pre', 'table', 'ul', 'section', 'article', 'main', 'header', 'footer',
  'aside', 'nav', 'figure', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'form', 'hr', 'address', 'fieldset', 'details',
]);
const INLINE = new Set([
  'a', 'abbr', 'b', 'bdi', 'bdo', 'br', 'cite', 'code', 'data', 'dfn', 'em', 'i', 'kbd', 'mark', 'q', 's', 'samp',
  'small', 'span', 'strong', 'sub', 'sup', 'time', 'u', 'var', 'wbr', 'font', 'strike', 'big', 'tt', 'ins', 'del',
]);

/** Finds the article body. Mutates `doc`. Returns a container element, or null when nothing looks like an article. */
export function findBody(doc: Document, options: BodyOptions, flags: BodyFlags = ALL_FLAGS): Element | null {
  const { deadline } = options;
  const root = bodyElement(doc);
  removeNeverContent(root, deadline, flags);
  wrapLooseInline(root, deadline);
  const scores = scoreParagraphs(root, deadline, flags);
  if (!scores.size) {
    // Nothing paragraph-like (text written straight into <body> with <br>s): the page's text is the article.
    return textOf(root).length >= 25 ? createElement('div', [...root.children]) : null;
  }
  const measures = measure(root, deadline);

  for (const [el, score] of scores) scores.set(el, score * (1 - linkDensity(measures, el)));

  let top = options.hint ? containerFromHint(root, options.hint, deadline) : null;
  if (top) scores.set(top, Math.max(scores.get(top) ?? 0, ...scores.values()));
  else top = chooseTop(scores);
  if (!top) return null;

  const article = collectSiblings(top, scores, measures);
  cleanArticle(article, options, flags);
  return article;
}

function bodyElement(doc: Document): ParentNode {
  for (const el of allElements(doc)) if (el.name === 'body') return el;
  return doc;
}

function isHidden(el: Element): boolean {
  if ('hidden' in el.attribs) return true;
  if (el.attribs['aria-hidden'] === 'true' && el.name !== 'img' && el.name !== 'figure') return true;
  const style = el.attribs.style;
  return !!style && /(display\s*:\s*none|visibility\s*:\s*hidden)/i.test(style);
}

/** Removes tags that never carry article text, hidden elements, and (flag) unlikely candidates. */
function removeNeverContent(root: ParentNode, deadline: Deadline, flags: BodyFlags): void {
  const doomed: AnyNode[] = [];
  const stack: AnyNode[] = [...root.children];
  while (stack.length) {
    deadline.check();
    const node = stack.pop()!;
    if (node.type === 'comment' || node.type === 'directive' || node.type === 'cdata') {
      doomed.push(node);
      continue;
    }
    if (!isTag(node)) continue;
    if (NEVER_CONTENT.has(node.name) || isHidden(node) || isCommentSection(node) || (flags.stripUnlikely && isUnlikely(node))) {
      doomed.push(node);
      continue;
    }
    for (const child of node.children) stack.push(child);
  }
  removeNodes(doomed);
}

// Comment sections are never the article, whatever the retry settings.
const COMMENTS = /(^|[\s_-])(comments?|comment-list|commentlist|comments-area|comment-respond|disqus_thread|disqus|respond|replies|reply-form)([\s_-]|$)/;

function isCommentSection(el: Element): boolean {
  if (el.name === 'body' || el.name === 'article' || el.name === 'main') return false;
  const words = classAndId(el);
  return !!words && COMMENTS.test(words) && !(el.attribs.itemprop ?? '').includes('articleBody');
}

function isUnlikely(el: Element): boolean {
  if (el.name === 'body' || el.name === 'a' || el.name === 'article' || el.name === 'main') return false;
  if ((el.attribs.itemprop ?? '').includes('articleBody')) return false;
  const role = el.attribs.role;
  if (role && UNLIKELY_ROLES.has(role.toLowerCase())) return true;
  if (el.name === 'nav' || el.name === 'aside') return true;
  const words = classAndId(el);
  if (!words) return false;
  if (!UNLIKELY.test(words) || MAYBE.test(words) || EMBED.test(words)) return false;
  return !hasAncestorTag(el, TABLE_OR_CODE);
}

const TABLE_OR_CODE = new Set(['table', 'code', 'pre']);
// An embedded post (a tweet, an Instagram post) quoted in the story is content, whatever "social" class it wears.
const EMBED = /embed|twitter-tweet|instagram-media|tiktok-embed/;

/**
 * Inline runs directly inside a container that also holds blocks become their own paragraphs, so
 * text written as `<div>text<br>text<div>…</div></div>` is scored like the paragraphs it is.
 */
function wrapLooseInline(root: ParentNode, deadline: Deadline): void {
  for (const el of allElements(root, deadline)) {
    if (el.name !== 'div' && el.name !== 'section' && el.name !== 'article' && el.name !== 'main' && el.name !== 'td' && el.name !== 'body') continue;
    if (!el.children.some((child) => isTag(child) && BLOCK_CHILDREN.has(child.name))) continue;
    // Only a container with loose text changes; the paragraphs are built then, since building one moves its
    // nodes (their parent becomes the paragraph) and a container left as it was would still list them.
    if (!el.children.some((child) => isText(child) && child.data.trim() !== '')) continue;
    const out: AnyNode[] = [];
    let run: AnyNode[] = [];
    const flush = (): void => {
      if (run.some((node) => (isText(node) ? node.data.trim() !== '' : isTag(node) && node.name !== 'br'))) {
        out.push(createElement('p', trimBreaks(run)));
      } else out.push(...run.filter((node) => !isTag(node) || node.name !== 'br'));
      run = [];
    };
    for (const child of el.children) {
      if (isText(child) || (isTag(child) && INLINE.has(child.name))) run.push(child);
      else {
        flush();
        out.push(child);
      }
    }
    flush();
    relink(el, out);
  }
}

function trimBreaks(nodes: AnyNode[]): AnyNode[] {
  let start = 0;
  let end = nodes.length;
  const blank = (node: AnyNode): boolean => (isText(node) && !node.data.trim()) || (isTag(node) && node.name === 'br');
  while (start < end && blank(nodes[start])) start++;
  while (end > start && blank(nodes[end - 1])) end--;
  return nodes.slice(start, end);
}

/**
 * The elements under `root` with no block element (or image) among their descendants, found in one pass from the
 * leaves up: such a div is scored as a paragraph, and stored as one (`leaf-paragraphs.ts`).
 */
export function blockFreeElements(root: ParentNode, deadline?: Deadline): Set<Element> {
  const hasBlock = new Map<Element, boolean>();
  const order = allElements(root, deadline);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    let block = false;
    for (const child of el.children) {
      if (!isTag(child)) continue;
      if (BLOCK_CHILDREN.has(child.name) || hasBlock.get(child)) {
        block = true;
        break;
      }
    }
    hasBlock.set(el, block);
  }
  return new Set(order.filter((el) => !hasBlock.get(el)));
}

function classWeight(el: Element, flags: BodyFlags): number {
  if (!flags.weighClasses) return 0;
  let weight = 0;
  const cls = (el.attribs.class ?? '').toLowerCase();
  const id = (el.attribs.id ?? '').toLowerCase();
  if (cls) {
    if (NEGATIVE.test(cls)) weight -= 25;
    if (POSITIVE.test(cls)) weight += 25;
  }
  if (id) {
    if (NEGATIVE.test(id)) weight -= 25;
    if (POSITIVE.test(id)) weight += 25;
  }
  if ((el.attribs.itemprop ?? '').includes('articleBody')) weight += 50;
  return weight;
}

function initialScore(el: Element, flags: BodyFlags): number {
  let score = 0;
  switch (el.name) {
    case 'div': case 'article': case 'main': score = 5; break;
    case 'pre': case 'td': case 'blockquote': score = 3; break;
    case 'address': case 'ol': case 'ul': case 'dl': case 'dd': case 'dt': case 'li': case 'form': score = -3; break;
    case 'h1': case 'h2': case 'h3': case 'h4': case 'h5': case 'h6': case 'th': score = -5; break;
  }
  return score + classWeight(el, flags);
}

function scoreParagraphs(root: ParentNode, deadline: Deadline, flags: BodyFlags): Map<Element, number> {
  const blockFree = blockFreeElements(root, deadline);
  const scores = new Map<Element, number>();
  for (const el of allElements(root, deadline)) {
    deadline.check();
    if (!TAGS_TO_SCORE.has(el.name) && !(el.name === 'div' && blockFree.has(el))) continue;
    if (!el.parent || !isTag(el.parent)) continue;
    const text = textOf(el);
    if (text.length < 25) continue;
    let contentScore = 1 + countCommas(text) + Math.min(Math.floor(text.length / 100), 3);
    if (isCjk(text)) contentScore += Math.min(Math.floor(text.length / 40), 3);
    let level = 0;
    for (let ancestor: ParentNode | null = el.parent; ancestor && isTag(ancestor) && level < 5; ancestor = ancestor.parent, level++) {
      if (!scores.has(ancestor)) scores.set(ancestor, initialScore(ancestor, flags));
      const divider = level === 0 ? 1 : level === 1 ? 2 : level * 3;
      scores.set(ancestor, scores.get(ancestor)! + contentScore / divider);
    }
  }
  return scores;
}

function countCommas(text: string): number {
  let n = 0;
  for (const ch of text) if (ch === ',' || ch === '，' || ch === '、' || ch === '،' || ch === '﹐') n++;
  return n;
}

function isCjk(text: string): boolean {
  return /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(text.slice(0, 200));
}

interface Measure {
  text: number;
  link: number;
}

/** Text length and linked-text length of every element, in one bottom-up pass. */
function measure(root: ParentNode, deadline: Deadline): Map<Element, Measure> {
  const out = new Map<Element, Measure>();
  const order = allElements(root, deadline);
  for (let i = order.length - 1; i >= 0; i--) {
    const el = order[i];
    let text = 0;
    let link = 0;
    for (const child of el.children) {
      if (isText(child)) text += child.data.trim().length;
      else if (isTag(child)) {
        const m = out.get(child);
        if (m) {
          text += m.text;
          link += m.link;
        }
      }
    }
    if (el.name === 'a') {
      // A link to a fragment of the same page (footnotes, table of contents) counts less than a link away.
      const href = el.attribs.href ?? '';
      link = href.startsWith('#') ? text * 0.3 : text;
    }
    out.set(el, { text, link });
  }
  return out;
}

function linkDensity(measures: Map<Element, Measure>, el: Element): number {
  const m = measures.get(el);
  if (!m || m.text === 0) return 0;
  return Math.min(1, m.link / m.text);
}

function chooseTop(scores: Map<Element, number>): Element | null {
  const ranked = [...scores.entries()].sort((a, b) => b[1] - a[1]);
  if (!ranked.length) return null;
  let [top, topScore] = ranked[0];
  if (top.name === 'body' || top.name === 'html') return top;

  // When several strong candidates share an ancestor, the article is that ancestor (split bodies).
  const strong = ranked.slice(1, 5).filter(([, score]) => score / topScore >= 0.75).map(([el]) => el);
  if (strong.length >= 2) {
    for (let parent = top.parent; parent && isTag(parent) && parent.name !== 'body'; parent = parent.parent) {
      const contained = strong.filter((el) => isAncestor(parent!, el)).length;
      if (contained >= 2) {
        top = parent;
        topScore = scores.get(top) ?? topScore;
        break;
      }
    }
  }

  // Climb while the parent scores nearly as well: the container of the whole story, not its first part.
  let lastScore = scores.get(top) ?? topScore;
  const threshold = lastScore / 3;
  for (let parent = top.parent; parent && isTag(parent) && parent.name !== 'body'; parent = parent.parent) {
    const parentScore = scores.get(parent);
    if (parentScore === undefined) continue;
    if (parentScore < threshold) break;
    if (parentScore > lastScore) {
      top = parent;
      break;
    }
    lastScore = parentScore;
  }
  while (top.parent && isTag(top.parent) && top.parent.name !== 'body' && top.parent.children.filter(isTag).length === 1) {
    top = top.parent;
  }
  return top;
}

/** The smallest element holding most of the paragraphs that the JSON-LD articleBody also contains. */
function containerFromHint(root: ParentNode, hint: string, deadline: Deadline): Element | null {
  const normalisedHint = normaliseForMatch(hint);
  if (normalisedHint.length < 300) return null;
  const matched: Element[] = [];
  let matchedLength = 0;
  for (const el of allElements(root, deadline)) {
    if (el.name !== 'p' && el.name !== 'li' && el.name !== 'h2' && el.name !== 'h3' && el.name !== 'blockquote') continue;
    const text = normaliseForMatch(textOf(el));
    if (text.length < 40) continue;
    if (normalisedHint.includes(text.slice(0, Math.min(text.length, 160)))) {
      matched.push(el);
      matchedLength += text.length;
    }
  }
  if (matched.length < 2 || matchedLength < normalisedHint.length * 0.4) return null;
  // Count matched paragraphs per ancestor; the deepest ancestor holding ≥ 90 % of them wins.
  const counts = new Map<Element, number>();
  for (const el of matched) {
    for (let a: ParentNode | null = el.parent; a && isTag(a); a = a.parent) counts.set(a, (counts.get(a) ?? 0) + 1);
  }
  let best: Element | null = null;
  let bestDepth = -1;
  for (const [el, count] of counts) {
    if (count < matched.length * 0.9) continue;
    let depth = 0;
    for (let a = el.parent; a; a = a.parent) depth++;
    if (depth > bestDepth) {
      best = el;
      bestDepth = depth;
    }
  }
  return best && best.name !== 'body' && best.name !== 'html' ? best : null;
}

const RELATED_HEADING = /^(?:more (?:[\p{L}]+ ){0,2}(?:stories|news|articles|coverage|reading|on this|from)|related(?: \p{L}+)?|read (?:more|next|also)|also read|see also|further reading|recommended(?: for you| reading)?|you (?:may|might) also like|trending(?: now)?|most (?:popular|read)|popular (?:stories|posts|now)|don[’']t miss|top stories|latest (?:news|stories))\b.{0,40}$/iu;

/**
 * A short heading announcing other stories ("More great stories", "Related", "Read next") and the list of links
 * right after it are not part of the article.
 */
function dropRelatedBlocks(article: Element, doomed: Set<Element>): void {
  for (const el of allElements(article)) {
    if (!['h2', 'h3', 'h4', 'h5', 'h6', 'p', 'div', 'strong', 'b', 'span'].includes(el.name) || hasBlockChild(el)) continue;
    const text = textOf(el).replace(/[:：]\s*$/, '');
    if (!text || text.length > 60 || !RELATED_HEADING.test(text)) continue;
    let next = el.next;
    while (next && !isTag(next)) next = next.next;
    if (next && isTag(next) && ['ul', 'ol', 'div', 'section'].includes(next.name)) {
      const links = allElements(next).filter((child) => child.name === 'a').length;
      const items = Math.max(1, allElements(next).filter((child) => child.name === 'li' || child.name === 'p').length);
      if (links > 0 && links >= items * 0.8 && textOf(next).length < 1500) {
        doomed.add(el);
        doomed.add(next);
      }
    } else if (!next) {
      doomed.add(el);
    }
  }
}

/** A heading repeats the title when one contains the other and they are of similar length. */
function sameTitle(heading: string, title: string): boolean {
  if (heading === title) return true;
  const [short, long] = heading.length < title.length ? [heading, title] : [title, heading];
  return short.length >= long.length * 0.6 && long.includes(short);
}

function normaliseForMatch(text: string): string {
  return text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

/** The top candidate plus siblings that score well or read like article paragraphs. */
function collectSiblings(top: Element, scores: Map<Element, number>, measures: Map<Element, Measure>): Element {
  const parent = top.parent;
  const topScore = scores.get(top) ?? 0;
  if (!parent || !isTag(parent) || top.name === 'body') return createElement('div', [...top.children]);
  const threshold = Math.max(10, topScore * 0.2);
  const topClass = top.attribs.class ?? '';
  const kept: AnyNode[] = [];
  for (const sibling of parent.children) {
    if (sibling === top) {
      kept.push(sibling);
      continue;
    }
    if (!isTag(sibling)) continue;
    let bonus = 0;
    if (topClass && sibling.attribs.class === topClass) bonus += topScore * 0.2;
    const score = scores.get(sibling);
    if (score !== undefined && score + bonus >= threshold) {
      kept.push(sibling);
      continue;
    }
    if (sibling.name === 'p' || sibling.name === 'blockquote' || sibling.name === 'ul' || sibling.name === 'ol') {
      const m = measures.get(sibling);
      const density = linkDensity(measures, sibling);
      const length = m?.text ?? 0;
      if (length > 80 && density < 0.25) kept.push(sibling);
      else if (length > 0 && length <= 80 && density === 0 && /[.!?。]["”’)]?\s*$/.test(textOf(sibling))) kept.push(sibling);
    }
  }
  return createElement('div', kept);
}

/** Cleans the chosen container: titles, boilerplate blocks, link farms, empty paragraphs. */
function cleanArticle(article: Element, options: BodyOptions, flags: BodyFlags): void {
  const { deadline } = options;
  const title = options.title ? normaliseForMatch(options.title) : null;
  const doomed = new Set<Element>();
  let measures = measure(article, deadline);

  let seenText = false;
  for (const el of allElements(article, deadline)) {
    if (hasDoomedAncestor(el, doomed)) continue;
    if (/^h[1-6]$/.test(el.name)) {
      const text = normaliseForMatch(textOf(el));
      // An <h1> before any paragraph is the page's headline, even when it is worded unlike the declared title.
      const headline = el.name === 'h1' && !seenText;
      if (!text || headline || (title && sameTitle(text, title)) || (flags.weighClasses && classWeight(el, flags) < 0)) doomed.add(el);
      continue;
    }
    if (!seenText && el.name === 'p' && textOf(el).length >= 80) seenText = true;
    const words = classAndId(el);
    if (words && BOILERPLATE_CLASS.test(words) && !MAYBE_KEEP.test(words) && !EMBED.test(words)) {
      const m = measures.get(el);
      if ((m?.text ?? 0) < 600 || linkDensity(measures, el) > 0.3) {
        doomed.add(el);
        continue;
      }
    }
  }
  removeNodes(doomed);
  doomed.clear();
  measures = measure(article, deadline);

  // Captions set apart under images (italic or small text, or a credit) stay in the HTML but not in the text.
  for (const img of allElements(article)) {
    if (img.name !== 'img') continue;
    const caption = plainCaptionAfter(img);
    if (caption) caption.attribs[CAPTION_MARK] = '';
  }
  dropRelatedBlocks(article, doomed);
  removeNodes(doomed);
  doomed.clear();
  measures = measure(article, deadline);

  if (flags.cleanConditionally) {
    const candidates = allElements(article, deadline).filter((el) => CONDITIONAL.has(el.name));
    // Inner elements first, so a container is judged on what remains of it.
    for (let i = candidates.length - 1; i >= 0; i--) {
      deadline.check();
      const el = candidates[i];
      if (hasDoomedAncestor(el, doomed)) continue;
      if (shouldDropConditionally(el, measures, flags)) doomed.add(el);
    }
    removeNodes(doomed);
    doomed.clear();
  }

  measures = measure(article, deadline);
  const leaves = leafBlocks(article);
  leaves.forEach((el, index) => {
    if (hasDoomedAncestor(el, doomed)) return;
    const text = textOf(el);
    if (el.name === 'p' && !text && !el.children.some((c) => isTag(c) && (c.name === 'img' || c.name === 'picture'))) {
      doomed.add(el);
      return;
    }
    if (!text) return;
    const nearEdge = index < 4 || index >= leaves.length - 4;
    if (isBoilerplateLine(text, nearEdge) || (nearEdge && isContactLine(text, hasMailtoLink(el)))) doomed.add(el);
    else if (LINK_ONLY_BLOCKS.has(el.name) && text.length < 120 && linkDensity(measures, el) > 0.9 && !/[.!?]["”’)]?$/.test(text)) {
      // A paragraph that is nothing but a link is a teaser for another story.
      doomed.add(el);
    }
  });
  removeNodes(doomed);
}

const CAPTION_LIKE = /caption|cutline|(^|[\s_-])(credit|credits|photo-credit|image-credit|copyright|legend)([\s_-]|$)/;

/** Captions and credits belong to their images: the text of the story leaves them out. */
export function isCaptionElement(el: Element): boolean {
  if (el.name === 'figcaption' || CAPTION_MARK in el.attribs) return true;
  const words = classAndId(el);
  return !!words && CAPTION_LIKE.test(words) && textOf(el).length < 500;
}

/** Blocks that hold text and no other block: paragraphs, list items, headings, leaf divs. */
function leafBlocks(root: Element): Element[] {
  const out: Element[] = [];
  const taken = new Set<Element>();
  for (const el of allElements(root)) {
    if (el.parent && isTag(el.parent) && (taken.has(el.parent) || hasTakenAncestor(el, taken))) {
      taken.add(el);
      continue;
    }
    const candidate = LEAF_CANDIDATES.has(el.name) || el.name === 'div' || el.name === 'span' || el.name === 'a';
    // An inline element is a line of its own only when it does not sit inside running text.
    const standsAlone = !INLINE.has(el.name) || !el.parent || !el.parent.children.some((c) => isText(c) && c.data.trim() !== '');
    if (candidate && standsAlone && !hasBlockChild(el)) {
      out.push(el);
      taken.add(el);
    }
  }
  return out;
}

function hasTakenAncestor(el: Element, taken: Set<Element>): boolean {
  return !!el.parent && isTag(el.parent) && taken.has(el.parent);
}

function hasMailtoLink(el: Element): boolean {
  return allElements(el).some((child) => child.name === 'a' && /^\s*mailto:/i.test(child.attribs.href ?? ''));
}

const LINK_ONLY_BLOCKS = new Set(['p', 'div', 'h2', 'h3', 'h4', 'h5', 'h6']);
const LEAF_CANDIDATES = new Set(['p', 'li', 'h2', 'h3', 'h4', 'h5', 'h6', 'dt', 'dd', 'address', 'em', 'strong', 'small', 'time']);

const MAYBE_KEEP = /(^|[\s_-])(article-body|articlebody|post-body|entry-content|story-body|main-content|content-body)([\s_-]|$)/;
const CONDITIONAL = new Set(['form', 'fieldset', 'table', 'ul', 'ol', 'div', 'section', 'aside', 'header', 'footer', 'nav', 'dl']);

function hasBlockChild(el: Element): boolean {
  return el.children.some((c) => isTag(c) && BLOCK_CHILDREN.has(c.name));
}

function hasDoomedAncestor(el: Element, doomed: Set<Element>): boolean {
  if (!doomed.size) return false;
  for (let a = el.parent; a; a = a.parent) if (isTag(a) && doomed.has(a)) return true;
  return false;
}

/** Readability-style conditional cleaning: drop blocks that look like lists of links, forms or image strips. */
function shouldDropConditionally(el: Element, measures: Map<Element, Measure>, flags: BodyFlags): boolean {
  if (el.name === 'table' && isDataTable(el)) return false;
  if (hasAncestorTag(el, TABLE_OR_CODE) && el.name !== 'form') return false;
  if (EMBED.test(classAndId(el)) && linkDensity(measures, el) < 0.5) return false;
  const weight = classWeight(el, flags);
  if (weight < 0 && (measures.get(el)?.text ?? 0) < 1000 && !holdsProse(el, measures)) return true;
  const text = textOf(el);
  if (countCommas(text) >= 10) return false;
  const inner = allElements(el);
  let p = 0, img = 0, li = 0, input = 0, embeds = 0, headings = 0;
  for (const child of inner) {
    if (child.name === 'p') p++;
    else if (child.name === 'img') img++;
    else if (child.name === 'li') li++;
    else if (child.name === 'input' || child.name === 'textarea' || child.name === 'select') input++;
    else if (child.name === 'iframe' || child.name === 'embed' || child.name === 'object') embeds++;
    else if (/^h[1-6]$/.test(child.name)) headings++;
  }
  const isList = el.name === 'ul' || el.name === 'ol';
  const density = linkDensity(measures, el);
  const length = text.length;
  const inFigure = hasAncestorTag(el, FIGURE);
  if (img > 1 && p / img < 0.5 && !inFigure && length < 200) return true;
  if (!isList && li - 100 > p && length < 500) return true;
  if (input > Math.floor(p / 3)) return true;
  if (!isList && headings === 0 && length < 25 && (img === 0 || img > 2) && !inFigure) return true;
  if (!isList && weight < 25 && density > 0.2 && length < 1500 && !(density < 0.5 && p >= 3)) return true;
  if (isList && density > 0.5 && length < 1500) return true;
  if (weight >= 25 && density > 0.5) return true;
  if ((embeds === 1 && length < 75) || embeds > 1) return true;
  return false;
}

const FIGURE = new Set(['figure']);

/**
 * A thin wrapper around one or two real paragraphs (long, few links) and nothing else is story text, whatever
 * its class says; boxes with headings or several blocks (donation appeals, promos) are not covered.
 */
function holdsProse(el: Element, measures: Map<Element, Measure>): boolean {
  const inner = allElements(el);
  if (inner.some((child) => /^h[1-6]$/.test(child.name))) return false;
  const paragraphs = inner.filter((child) => child.name === 'p');
  if (!paragraphs.length || paragraphs.length > 2) return false;
  const prose = paragraphs.filter((p) => (measures.get(p)?.text ?? 0) >= 150 && linkDensity(measures, p) < 0.25);
  const proseLength = prose.reduce((sum, p) => sum + (measures.get(p)?.text ?? 0), 0);
  return proseLength >= 0.8 * (measures.get(el)?.text ?? 0);
}

function isDataTable(table: Element): boolean {
  if (table.attribs.role === 'presentation') return false;
  const inner = allElements(table);
  if (inner.some((el) => el.name === 'table')) return false;
  if (inner.some((el) => el.name === 'th' || el.name === 'caption' || el.name === 'thead')) return true;
  const rows = inner.filter((el) => el.name === 'tr').length;
  const cells = inner.filter((el) => el.name === 'td').length;
  return rows >= 2 && cells / Math.max(rows, 1) >= 2;
}
