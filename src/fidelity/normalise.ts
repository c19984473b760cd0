// Typography must never count as a change: two texts that differ only in quote marks, dashes, ellipses,
// spaces or soft hyphens normalise to the same string. Two levels: `normaliseText` keeps the quote marks
// (quotations are found on it), `comparisonKey` folds them too (sentences are compared on it).

const INVISIBLE = /[\u00AD\u200B-\u200D\u2060\uFEFF]/g; // soft hyphen, zero-width characters, BOM
const SPACES = /[\s\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g;
// Spaced hyphens and double hyphens are typed dashes; a hyphen inside a word is left alone.
// (Spaces are single by the time these run, which keeps the patterns linear.)
const TYPED_DASH = / ?--+ ?| - /g;
const DASHES = / ?[\u2012-\u2015\u2E3A\u2E3B] ?/g;
const ELLIPSIS = / ?(?:\.\.\.|\. \. \.|\u2026)/g;

/** NFC, one kind of space, one dash, one ellipsis, no invisible characters; quote marks are kept. */
export function normaliseText(text: string): string {
  let out = text.normalize('NFC').replace(INVISIBLE, '').replace(SPACES, ' ');
  if (out.includes('-')) out = out.replace(TYPED_DASH, ' — ');
  out = out.replace(DASHES, ' — ');
  if (out.includes('.') || out.includes('…')) out = out.replace(ELLIPSIS, '…');
  return out.trim();
}

const DOUBLE_QUOTES = /["\u201C\u201D\u201E\u201F\u00AB\u00BB\u2033\u301D\u301E\u301F\uFF02]/g;
const SINGLE_QUOTES = /['`\u2018\u2019\u201A\u201B\u2032\u2039\u203A\u02BC]/g;
// Where typesetting conventions differ (French spaces before `:;?!` and inside guillemets, spaced or closed-up
// dashes), the space itself is typography: the key drops it.
const SPACE_AROUND_MARKS = /\s*(["—…])\s*/g;
const SPACE_BEFORE_PUNCTUATION = /\s+([:;?!,.)\]%])/g;
// A range of numbers is typed with a hyphen or a dash: 2020-2021, 2020–2021.
const NUMBER_RANGE = /(\d) ?[—-] ?(\d)/g;
const SPACE_AFTER_OPENING = /([(\[])\s+/g;

/** The form two sentences are compared in: `normaliseText` plus folded quotes and no typographic spaces. */
export function comparisonKey(text: string): string {
  return keyOfNormalised(normaliseText(text));
}

/** `comparisonKey` of a text that is `normaliseText`ed already. */
export function keyOfNormalised(text: string): string {
  return text
    .replace(DOUBLE_QUOTES, '"')
    .replace(SINGLE_QUOTES, "'")
    .replace(SPACE_AROUND_MARKS, '$1')
    .replace(SPACE_BEFORE_PUNCTUATION, '$1')
    .replace(SPACE_AFTER_OPENING, '$1')
    .replace(NUMBER_RANGE, '$1-$2');
}

// `MOSCOW (Sputnik) –`, `NAIROBI, Nov. 3 (Wire) -`, `OSLO —`: a place in capitals, an optional date, an optional
// credit in brackets, then a dash. Republishers add or drop it, so it is not part of the text.
const DATELINE = /^[\p{Lu}][\p{Lu}\p{M}.'’ -]{1,40}(?:, [^()—]{1,30}?)?(?: ?\([^()]{1,60}\))? ?— ?/u;

/** The paragraph without a leading dateline (the text must be `normaliseText`ed first). */
export function stripDateline(paragraph: string): string {
  const match = DATELINE.exec(paragraph);
  if (!match) return paragraph;
  // A capitalised place needs at least two letters, and the text must go on after the dash.
  const rest = paragraph.slice(match[0].length);
  return rest.length > 0 && /\p{Lu}{2}/u.test(match[0]) ? rest : paragraph;
}

const NON_WORD = /[^\p{L}\p{N}\p{M}]+/u;

/** Splits text into word tokens (letters, digits, marks), lower-cased, for similarity and quote matching. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().split(NON_WORD).filter(Boolean);
}

/** `normaliseText` with every quote mark folded to `"` or `'` (spaces kept), for showing word changes. */
export function foldQuotes(text: string): string {
  return normaliseText(text).replace(DOUBLE_QUOTES, '"').replace(SINGLE_QUOTES, "'").replace(/" +"/g, '""');
}
