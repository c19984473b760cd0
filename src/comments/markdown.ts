// Server-side rendering of the Markdown readers may use in comments: markdown-it (CommonMark), then the
// allow-list sanitiser, which alone decides what reaches the page.
//
// Kept: paragraphs, line breaks (every newline is a <br>, as in most comment boxes), *em* / _em_, **strong**,
// `code`, fenced code blocks (``` or ~~~), > quotes, - / * / + and 1. lists, [links](url) and bare http(s) URLs
// (linkify). Switched off on purpose: raw HTML (shown as text), images, headings, tables, rules, indented code,
// reference definitions, strikethrough, entity references (shown as typed) and typographic rewriting.
//
// Bounds: container nesting (quotes, lists) stops at MAX_BLOCK_DEPTH, emphasis at MAX_INLINE_DEPTH. Quote and
// list markers past the bound on one line are shown as text; deeper containers built over several lines are
// flattened (their content stays); deeper emphasis markers are shown as text.
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import sanitizeHtml from 'sanitize-html';
import { absoluteUrl } from '../clean/sanitize.js';
import { replaceLoneSurrogates, stripControlChars, stripInvisibleControls } from './text-normalize.js';

export const MAX_BLOCK_DEPTH = 8;
export const MAX_INLINE_DEPTH = 16;
/** Longer link targets are not links: nobody types them, and they bloat the page. */
const MAX_URL_LENGTH = 2048;

export const COMMENT_LINK_REL = 'nofollow ugc noopener';

/** Renders comment Markdown to HTML that only contains the comment allow-list. */
export function renderCommentMarkdown(source: string): string {
  return sanitizeHtml(markdown.render(prepareSource(source)), SANITIZE_OPTIONS).trim();
}

/** The href a comment link may carry (absolute http, https or mailto), normalised; null for anything else. */
export function safeCommentHref(raw: string): string | null {
  if (raw.length > MAX_URL_LENGTH) return null;
  const href = absoluteUrl(raw, undefined, true);
  if (!href || href.length > MAX_URL_LENGTH) return null;
  if (href.startsWith('mailto:') && href.length <= 'mailto:'.length) return null;
  return href;
}

const markdown = createMarkdown();

function createMarkdown(): MarkdownIt {
  const md = new MarkdownIt('default', { html: false, linkify: true, breaks: true, typographer: false });
  md.disable(['table', 'heading', 'lheading', 'hr', 'code', 'reference', 'html_block']);
  md.disable(['image', 'html_inline', 'entity', 'strikethrough']);
  // Only links with a scheme become links (no "example.org" guessing), as typed.
  md.linkify.set({ fuzzyLink: false, fuzzyEmail: false, fuzzyIP: false });
  // Bare URLs are found in the text after inline parsing (the core rule). The inline rule of the same name
  // matches a regular expression against all the text before every "://", which is quadratic: 200 kB of
  // "https://(" took 30 s.
  md.inline.ruler.disable('linkify');
  // Every link target goes to the sanitiser, which unwraps an unsafe one to its text: one gate, not two.
  md.validateLink = () => true;
  md.core.ruler.push('comment_bounds', (state) => {
    state.tokens = boundBlocks(state.tokens);
    for (const token of state.tokens) if (token.type === 'inline' && token.children) token.children = boundEmphasis(token.children);
  });
  const fence = md.renderer.rules.fence!;
  md.renderer.rules.fence = (tokens, idx, options, env, self) => fence(tokens, idx, options, env, self).replace(/\n$/, '');
  return md;
}

const CONTAINERS = new Set(['blockquote_open', 'bullet_list_open', 'ordered_list_open']);

/**
 * Drops quotes and lists nested deeper than MAX_BLOCK_DEPTH (with their items), keeping what they hold as
 * paragraphs, and marks every block token inline so that the HTML carries no newlines between blocks.
 */
function boundBlocks(tokens: Token[]): Token[] {
  const kept: Token[] = [];
  const open: { container: boolean; dropped: boolean }[] = [];
  let depth = 0;
  let insideDropped = 0;
  for (const token of tokens) {
    token.block = false;
    if (token.nesting === 1) {
      const container = CONTAINERS.has(token.type);
      const parent = open[open.length - 1];
      const dropped = container ? depth >= MAX_BLOCK_DEPTH : token.type === 'list_item_open' && parent !== undefined && parent.container && parent.dropped;
      if (container && !dropped) depth++;
      if (dropped) insideDropped++;
      open.push({ container, dropped });
      if (!dropped) kept.push(token);
    } else if (token.nesting === -1) {
      const entry = open.pop();
      if (entry?.container && !entry.dropped) depth--;
      if (entry?.dropped) insideDropped--;
      else kept.push(token);
    } else {
      kept.push(token);
    }
    // A tight list hides its items' paragraphs; without the list, they keep the items apart.
    if (insideDropped > 0 && (token.type === 'paragraph_open' || token.type === 'paragraph_close')) token.hidden = false;
  }
  return kept;
}

/** Emphasis deeper than MAX_INLINE_DEPTH is shown as the markers typed. */
function boundEmphasis(children: Token[]): Token[] {
  let depth = 0;
  const dropped: boolean[] = [];
  for (const token of children) {
    if (token.type === 'em_open' || token.type === 'strong_open') {
      const drop = depth >= MAX_INLINE_DEPTH;
      dropped.push(drop);
      if (drop) asText(token);
      else depth++;
    } else if (token.type === 'em_close' || token.type === 'strong_close') {
      const drop = dropped.pop() ?? false;
      if (drop) asText(token);
      else depth--;
    }
  }
  return children;
}

function asText(token: Token): void {
  token.type = 'text';
  token.tag = '';
  token.nesting = 0;
  token.content = token.markup;
}

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
  const text = stripControlChars(stripInvisibleControls(replaceLoneSurrogates(source).replace(/\u0000/g, '\uFFFD')), true);
  return text
    .replace(/^\t+/gm, (tabs) => '    '.repeat(tabs.length))
    .split('\n')
    .map(boundLineMarkers)
    .join('\n');
}

/**
 * A line that opens more than MAX_BLOCK_DEPTH quotes or lists at once (`>>>>>>>>> x`, `- - - - - x`) keeps that
 * many; the next marker is escaped and shown as text, with the rest of the line.
 */
function boundLineMarkers(line: string): string {
  let depth = 0;
  let i = 0;
  while (i < line.length) {
    while (line[i] === ' ') i++;
    const start = i;
    if (line[i] === '>') {
      i++;
    } else if ((line[i] === '-' || line[i] === '*' || line[i] === '+') && (i + 1 === line.length || line[i + 1] === ' ')) {
      i++;
    } else {
      let digits = 0;
      while (digits < 10 && line[i + digits] >= '0' && line[i + digits] <= '9') digits++;
      if (digits < 1 || digits > 9 || (line[i + digits] !== '.' && line[i + digits] !== ')')) return line;
      if (i + digits + 1 < line.length && line[i + digits + 1] !== ' ') return line;
      i += digits + 1;
    }
    depth++;
    if (depth > MAX_BLOCK_DEPTH) {
      // Escape the marker's punctuation (a digit cannot be escaped: its `.` or `)` is).
      const at = line[start] >= '0' && line[start] <= '9' ? i - 1 : start;
      return `${line.slice(0, at)}\\${line.slice(at)}`;
    }
  }
  return line;
}
