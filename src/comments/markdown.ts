// Server-side rendering of the Markdown subset readers may use in comments, then an allow-list pass.
//
// Supported: paragraphs, line breaks (every newline is a <br>, as in most comment boxes), *em* / _em_,
// **strong**, `code`, fenced code blocks (``` or ~~~), > quotes, - / * / + and 1. lists (nested by indentation),
// [links](url) and bare http(s) URLs. Not supported on purpose: images, headings, tables, raw HTML (shown as
// text), entity references (shown as typed).
//
// Every scan is linear: delimiters are matched with a stack that never rescans what a failed search already
// covered, and "find the next X" lookups remember their last answer, so hostile input (a megabyte of backticks,
// thousands of unmatched brackets) costs time in proportion to its length, like prose. No regular expression
// here can backtrack: each is anchored and has at most one unbounded repetition. Block nesting (quotes, lists) stops at
// MAX_BLOCK_DEPTH and inline nesting at MAX_INLINE_DEPTH; deeper markers are shown as text.
import sanitizeHtml from 'sanitize-html';
import { absoluteUrl, escapeHtml } from '../clean/sanitize.js';
import { replaceLoneSurrogates, stripBidiControls, stripControlChars } from './text-normalize.js';

export const MAX_BLOCK_DEPTH = 8;
export const MAX_INLINE_DEPTH = 16;
/** Longer link targets are not links: nobody types them, and they bloat the page. */
const MAX_URL_LENGTH = 2048;
/** Emphasis runs longer than this are plain text (`*****` is decoration, not five nested tags). */
const MAX_DELIMITER_RUN = 3;

/** Renders comment Markdown to HTML that only contains the comment allow-list. */
export function renderCommentMarkdown(source: string): string {
  const lines = prepareSource(source).split('\n');
  const html = joinBlocks(renderBlocks(lines, 0), false);
  return sanitizeHtml(html, SANITIZE_OPTIONS).trim();
}

/** The href a comment link may carry (absolute http, https or mailto), normalised; null for anything else. */
export function safeCommentHref(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  const href = absoluteUrl(raw, undefined, true);
  if (!href || href.length > MAX_URL_LENGTH) return null;
  if (href.startsWith('mailto:') && href.length <= 'mailto:'.length) return null;
  return href;
}

export const COMMENT_LINK_REL = 'nofollow ugc noopener';

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'em', 'strong', 'code', 'pre', 'blockquote', 'ul', 'ol', 'li', 'a'],
  allowedAttributes: { a: ['href', 'rel'], ol: ['start'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesAppliedToAttributes: ['href'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (_tagName, attribs) => {
      const href = attribs.href ? safeCommentHref(attribs.href) : null;
      // A link without a safe target is unwrapped: `span` is not allowed, so only its text survives.
      if (!href) return { tagName: 'span', attribs: {} as Record<string, string> };
      return { tagName: 'a', attribs: { href, rel: COMMENT_LINK_REL } };
    },
    ol: (tagName, attribs) => {
      const kept: Record<string, string> = {};
      if (attribs.start && /^\d{1,9}$/.test(attribs.start)) kept.start = attribs.start;
      return { tagName, attribs: kept };
    },
  },
};

function prepareSource(source: string): string {
  // NUL becomes U+FFFD (as CommonMark does) rather than vanishing, so `java\0script` stays visibly broken.
  const text = stripControlChars(stripBidiControls(replaceLoneSurrogates(source).replace(/\u0000/g, '\uFFFD')), true);
  return text.replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length));
}

// ---------------------------------------------------------------------------------------------------------------
// Blocks

interface Block {
  kind: 'paragraph' | 'other';
  html: string;
}

interface Fence {
  char: string;
  length: number;
  indent: number;
}

const FENCE_OPEN = /^( {0,3})(`{3,}|~{3,})(.*)$/;
const QUOTE_MARK = /^ {0,3}> ?/;
const LIST_ITEM = /^ {0,3}([-*+]|\d{1,9}[.)])(?: +|\t|$)/;

function isBlank(line: string): boolean {
  return line.trim() === '';
}

function leadingSpaces(line: string): number {
  let n = 0;
  while (n < line.length && line[n] === ' ') n++;
  return n;
}

function openFence(line: string): Fence | null {
  const m = FENCE_OPEN.exec(line);
  if (!m) return null;
  const char = m[2][0];
  if (char === '`' && m[3].includes('`')) return null;
  return { char, length: m[2].length, indent: m[1].length };
}

function closesFence(line: string, fence: Fence): boolean {
  const trimmed = line.trim();
  if (leadingSpaces(line) > 3 || trimmed.length < fence.length) return false;
  for (const c of trimmed) if (c !== fence.char) return false;
  return true;
}

/** Whether `line` starts a block that ends a paragraph (or a lazy continuation) at this depth. */
function startsBlock(line: string, depth: number): boolean {
  if (openFence(line)) return true;
  if (depth >= MAX_BLOCK_DEPTH) return false;
  if (QUOTE_MARK.test(line)) return true;
  const item = LIST_ITEM.exec(line);
  if (!item || isBlank(line.slice(item[0].length))) return false;
  // As in CommonMark, an ordered list interrupts a paragraph only when it starts at 1 ("in 2024. we…" is prose).
  return !/^\d/.test(item[1]) || parseInt(item[1], 10) === 1;
}

function listKind(marker: string): string {
  return /^\d/.test(marker) ? `ordered${marker[marker.length - 1]}` : `bullet${marker}`;
}

function renderBlocks(lines: string[], depth: number): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (isBlank(line)) {
      i++;
      continue;
    }

    const fence = openFence(line);
    if (fence) {
      const body: string[] = [];
      i++;
      while (i < lines.length && !closesFence(lines[i], fence)) {
        body.push(lines[i].slice(Math.min(fence.indent, leadingSpaces(lines[i]))));
        i++;
      }
      i++; // the closing fence; an unclosed fence runs to the end of its container
      const code = body.length ? `${body.join('\n')}\n` : '';
      blocks.push({ kind: 'other', html: `<pre><code>${escapeHtml(code)}</code></pre>` });
      continue;
    }

    if (depth < MAX_BLOCK_DEPTH && QUOTE_MARK.test(line)) {
      const inner: string[] = [];
      while (i < lines.length) {
        const mark = QUOTE_MARK.exec(lines[i]);
        if (mark) {
          inner.push(lines[i].slice(mark[0].length));
        } else if (!isBlank(lines[i]) && inner.length > 0 && !isBlank(inner[inner.length - 1]) && !startsBlock(lines[i], depth)) {
          inner.push(lines[i]); // lazy continuation of the quoted paragraph
        } else {
          break;
        }
        i++;
      }
      blocks.push({ kind: 'other', html: `<blockquote>${joinBlocks(renderBlocks(inner, depth + 1), false)}</blockquote>` });
      continue;
    }

    const first = depth < MAX_BLOCK_DEPTH ? LIST_ITEM.exec(line) : null;
    if (first) {
      const kind = listKind(first[1]);
      const ordered = kind.startsWith('ordered');
      const start = ordered ? parseInt(first[1], 10) : 1;
      const items: string[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]);
        if (!m || listKind(m[1]) !== kind) break;
        const indent = m[0].length;
        const itemLines = [lines[i].slice(indent)];
        i++;
        while (i < lines.length) {
          const next = lines[i];
          if (isBlank(next)) {
            const after = lines[i + 1];
            if (after !== undefined && !isBlank(after) && leadingSpaces(after) >= indent) {
              itemLines.push('');
              i++;
              continue;
            }
            break;
          }
          if (leadingSpaces(next) >= indent) itemLines.push(next.slice(indent));
          else if (!LIST_ITEM.test(next) && !startsBlock(next, depth)) itemLines.push(next); // lazy continuation
          else break;
          i++;
        }
        items.push(itemLines);
        // One blank line between two items of the same list keeps the list going.
        if (i + 1 < lines.length && isBlank(lines[i])) {
          const m2 = LIST_ITEM.exec(lines[i + 1]);
          if (m2 && listKind(m2[1]) === kind) i++;
        }
      }
      const tag = ordered ? 'ol' : 'ul';
      const startAttr = ordered && start !== 1 ? ` start="${start}"` : '';
      const lis = items.map((item) => `<li>${joinBlocks(renderBlocks(item, depth + 1), true)}</li>`).join('');
      blocks.push({ kind: 'other', html: `<${tag}${startAttr}>${lis}</${tag}>` });
      continue;
    }

    const paragraph = [line];
    i++;
    while (i < lines.length && !isBlank(lines[i]) && !startsBlock(lines[i], depth)) {
      paragraph.push(lines[i]);
      i++;
    }
    blocks.push({ kind: 'paragraph', html: renderInline(paragraph.map((l) => l.trim()).join('\n'), true) });
  }
  return blocks;
}

/** A list item with at most one paragraph renders it bare (a "tight" item); elsewhere paragraphs get their <p>. */
function joinBlocks(blocks: Block[], tight: boolean): string {
  const bare = tight && blocks.filter((b) => b.kind === 'paragraph').length <= 1;
  return blocks.map((b) => (b.kind === 'paragraph' && !bare ? `<p>${b.html}</p>` : b.html)).join('');
}

// ---------------------------------------------------------------------------------------------------------------
// Inline

interface Delimiter {
  kind: 'delim';
  char: '*' | '_';
  count: number;
  canOpen: boolean;
  canClose: boolean;
  /** Tags opened after the remaining literal characters, outermost first. */
  openTags: string[];
  /** Tags closed before the remaining literal characters, innermost first. */
  closeTags: string[];
}

type Token = { kind: 'html'; html: string } | Delimiter;

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/;
const WHITESPACE = /\s/;
const PUNCTUATION = /[\p{P}\p{S}]/u;
const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Characters that end a bare URL. */
const URL_STOP = /[\s<>"`]/;
/** Characters trimmed from the end of a bare URL: they are almost always the sentence's, not the link's. */
const URL_TRAILING = /[?!.,:;*_~'"]/;

/** Remembers the next index of a pattern at or after a position, for positions that only grow. */
class NextIndex {
  private cached = -2;
  private from = -1;
  constructor(
    private readonly text: string,
    private readonly find: (text: string, from: number) => number,
  ) {}
  at(position: number): number {
    if (this.cached === -1 && position >= this.from) return -1;
    if (this.cached >= position && position >= this.from) return this.cached;
    this.from = position;
    this.cached = this.find(this.text, position);
    return this.cached;
  }
}

function indexOfChar(char: string) {
  return (text: string, from: number) => text.indexOf(char, from);
}

function indexOfWhitespace(text: string, from: number): number {
  const re = /\s/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index : -1;
}

/** Start positions of maximal backtick runs, grouped by run length, consumed from the front as the scan advances. */
class BacktickRuns {
  private readonly byLength = new Map<number, number[]>();
  private readonly cursor = new Map<number, number>();
  constructor(text: string) {
    let i = 0;
    while (i < text.length) {
      if (text[i] !== '`') {
        i = text.indexOf('`', i);
        if (i === -1) break;
        continue;
      }
      const start = i;
      while (i < text.length && text[i] === '`') i++;
      const list = this.byLength.get(i - start);
      if (list) list.push(start);
      else this.byLength.set(i - start, [start]);
    }
  }
  /** The first run of exactly `length` backticks starting at or after `from`, or -1. */
  next(length: number, from: number): number {
    const list = this.byLength.get(length);
    if (!list) return -1;
    let k = this.cursor.get(length) ?? 0;
    while (k < list.length && list[k] < from) k++;
    this.cursor.set(length, k);
    return k < list.length ? list[k] : -1;
  }
}

function renderInline(text: string, allowLinks: boolean): string {
  const tokens: Token[] = [];
  let buffer = '';
  const flush = () => {
    if (buffer) tokens.push({ kind: 'html', html: buffer });
    buffer = '';
  };
  const emit = (html: string) => {
    flush();
    tokens.push({ kind: 'html', html });
  };

  const runs = new BacktickRuns(text);
  const finders = linkFinders(text);

  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text[i];

    if (c === '\\') {
      const next = text[i + 1];
      if (next === '\n') {
        emit('<br>\n');
        i += 2;
      } else if (next !== undefined && ASCII_PUNCTUATION.test(next)) {
        buffer += escapeHtml(next);
        i += 2;
      } else {
        buffer += '\\';
        i++;
      }
      continue;
    }

    if (c === '\n') {
      emit('<br>\n');
      i++;
      continue;
    }

    if (c === '`') {
      let end = i;
      while (end < n && text[end] === '`') end++;
      const length = end - i;
      const closer = runs.next(length, end);
      if (closer === -1) {
        buffer += text.slice(i, end);
      } else {
        let code = text.slice(end, closer).replace(/\n/g, ' ');
        if (code.length > 2 && code[0] === ' ' && code[code.length - 1] === ' ' && code.trim() !== '') code = code.slice(1, -1);
        emit(`<code>${escapeHtml(code)}</code>`);
        end = closer + length;
      }
      i = end;
      continue;
    }

    if (c === '[' && allowLinks) {
      const link = matchLink(text, i, finders);
      if (link) {
        const label = link.label === '' ? escapeHtml(link.destination) : renderInline(link.label, false);
        const href = safeCommentHref(link.destination);
        // A link to a refused scheme keeps its words and loses its target.
        emit(href ? `<a href="${escapeHtml(href)}">${label}</a>` : label);
        i = link.end;
        continue;
      }
    }

    if ((c === 'h' || c === 'H') && allowLinks && (i === 0 || !WORD_CHAR.test(text[i - 1]))) {
      const end = matchBareUrl(text, i);
      if (end > i) {
        const raw = text.slice(i, end);
        const href = safeCommentHref(raw);
        if (href) emit(`<a href="${escapeHtml(href)}">${escapeHtml(raw)}</a>`);
        else buffer += escapeHtml(raw);
        i = end;
        continue;
      }
    }

    if (c === '*' || c === '_') {
      let end = i;
      while (end < n && text[end] === c) end++;
      const count = end - i;
      if (count > MAX_DELIMITER_RUN) {
        buffer += text.slice(i, end);
      } else {
        flush();
        tokens.push(delimiter(c, count, text[i - 1], text[end]));
      }
      i = end;
      continue;
    }

    // Plain text up to the next character that could mean something.
    let end = i + 1;
    while (end < n && !isSpecial(text, end)) end++;
    buffer += escapeHtml(text.slice(i, end));
    i = end;
  }
  flush();

  matchEmphasis(tokens);
  return serialise(tokens);
}

function isSpecial(text: string, i: number): boolean {
  const c = text[i];
  return c === '\\' || c === '\n' || c === '`' || c === '[' || c === '*' || c === '_' || c === 'h' || c === 'H';
}

function matchBareUrl(text: string, start: number): number {
  const head = text.slice(start, start + 8).toLowerCase();
  if (!head.startsWith('http://') && !head.startsWith('https://')) return -1;
  let end = start;
  while (end < text.length && !URL_STOP.test(text[end])) end++;
  // Trim sentence punctuation, and closing parentheses that the URL did not open ("(see https://x.org/a)").
  // The parentheses are counted once and updated while trimming, so a run of them costs one pass.
  let opens = count(text, '(', start, end);
  let closes = count(text, ')', start, end);
  for (;;) {
    const last = text[end - 1];
    if (URL_TRAILING.test(last)) end--;
    else if (last === ')' && opens < closes) {
      end--;
      closes--;
    } else break;
  }
  const schemeEnd = text.indexOf('//', start) + 2;
  return end > schemeEnd ? end : -1;
}

function count(text: string, char: string, from = 0, to = text.length): number {
  let k = 0;
  for (let i = from; i < to; i++) if (text[i] === char) k++;
  return k;
}

interface LinkMatch {
  label: string;
  destination: string;
  end: number;
}

/** Cached "next occurrence" lookups over one inline text, shared by every link candidate in it. */
interface LinkFinders {
  close: NextIndex;
  open: NextIndex;
  paren: NextIndex;
  space: NextIndex;
  gt: NextIndex;
  lt: NextIndex;
}

function linkFinders(text: string): LinkFinders {
  return {
    close: new NextIndex(text, indexOfChar(']')),
    open: new NextIndex(text, indexOfChar('[')),
    paren: new NextIndex(text, indexOfChar(')')),
    space: new NextIndex(text, indexOfWhitespace),
    gt: new NextIndex(text, indexOfChar('>')),
    lt: new NextIndex(text, indexOfChar('<')),
  };
}

function matchLink(text: string, open: number, next: LinkFinders): LinkMatch | null {
  const close = next.close.at(open + 1);
  if (close === -1) return null;
  const inner = next.open.at(open + 1);
  if (inner !== -1 && inner < close) return null; // nested brackets: the innermost pair may be the link
  if (text[close + 1] !== '(') return null;
  const destStart = close + 2;
  if (text[destStart] === '<') {
    // `[label](<destination>)`: the destination ends at the first `>`, which must be followed by `)`.
    const gt = next.gt.at(destStart + 1);
    if (gt === -1 || text[gt + 1] !== ')') return null;
    const space = next.space.at(destStart + 1);
    const lt = next.lt.at(destStart + 1);
    if ((space !== -1 && space < gt) || (lt !== -1 && lt < gt)) return null;
    return { label: text.slice(open + 1, close), destination: text.slice(destStart + 1, gt), end: gt + 2 };
  }
  let paren = next.paren.at(destStart);
  if (paren === -1) return null;
  const space = next.space.at(destStart);
  if (space !== -1 && space < paren) return null;
  // Let a destination keep balanced parentheses (https://en.wikipedia.org/wiki/Foo_(bar)).
  const opens = count(text, '(', destStart, paren);
  let closes = count(text, ')', destStart, paren);
  while (opens > closes && text[paren + 1] === ')') {
    paren++;
    closes++;
  }
  return { label: text.slice(open + 1, close), destination: text.slice(destStart, paren), end: paren + 1 };
}

function delimiter(char: '*' | '_', count: number, before: string | undefined, after: string | undefined): Delimiter {
  const prev = before ?? ' ';
  const next = after ?? ' ';
  const prevSpace = WHITESPACE.test(prev);
  const nextSpace = WHITESPACE.test(next);
  const prevPunct = PUNCTUATION.test(prev);
  const nextPunct = PUNCTUATION.test(next);
  const leftFlanking = !nextSpace && (!nextPunct || prevSpace || prevPunct);
  const rightFlanking = !prevSpace && (!prevPunct || nextSpace || nextPunct);
  // Underscores inside words (snake_case_names) are not emphasis.
  const canOpen = char === '*' ? leftFlanking : leftFlanking && (!rightFlanking || prevPunct);
  const canClose = char === '*' ? rightFlanking : rightFlanking && (!leftFlanking || nextPunct);
  return { kind: 'delim', char, count, canOpen, canClose, openTags: [], closeTags: [] };
}

/**
 * Pairs emphasis delimiters with a stack. A closer looks down the stack for an opener of its character; delimiters
 * between a matched pair become text, and a failed search records how far down it looked so it is never repeated.
 */
function matchEmphasis(tokens: Token[]): void {
  const stack: Delimiter[] = [];
  const floor: Record<'*' | '_', number> = { '*': 0, '_': 0 };
  for (const token of tokens) {
    if (token.kind !== 'delim') continue;
    if (token.canClose) {
      while (token.count > 0) {
        let j = stack.length - 1;
        while (j >= floor[token.char] && stack[j].char !== token.char) j--;
        if (j < floor[token.char]) {
          floor[token.char] = stack.length;
          break;
        }
        const opener = stack[j];
        const use = opener.count >= 2 && token.count >= 2 ? 2 : 1;
        const tag = use === 2 ? 'strong' : 'em';
        opener.count -= use;
        token.count -= use;
        opener.openTags.unshift(tag);
        token.closeTags.push(tag);
        stack.length = opener.count > 0 ? j + 1 : j;
        floor['*'] = Math.min(floor['*'], stack.length);
        floor['_'] = Math.min(floor['_'], stack.length);
      }
    }
    if (token.count > 0 && token.canOpen) stack.push(token);
  }
}

/** Writes the tokens out; tags nested deeper than MAX_INLINE_DEPTH are dropped (their text stays). */
function serialise(tokens: Token[]): string {
  // Pairs are properly nested, so the open tags form a stack: the first MAX_INLINE_DEPTH are written, the rest not.
  let depth = 0;
  let out = '';
  for (const token of tokens) {
    if (token.kind === 'html') {
      out += token.html;
      continue;
    }
    for (const tag of token.closeTags) {
      if (depth <= MAX_INLINE_DEPTH) out += `</${tag}>`;
      depth--;
    }
    out += token.char.repeat(token.count);
    for (const tag of token.openTags) {
      depth++;
      if (depth <= MAX_INLINE_DEPTH) out += `<${tag}>`;
    }
  }
  return out;
}
