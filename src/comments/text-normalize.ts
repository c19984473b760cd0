// Small text clean-ups shared by the comment validators, the Markdown renderer and the keyword matcher.
// Each one removes a known way of smuggling something past a reader or a filter.

/** Lone UTF-16 surrogates become U+FFFD: a half character can truncate badly in storage (an old comment-XSS vector). */
export function replaceLoneSurrogates(text: string): string {
  return text.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/**
 * Bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) let a comment reorder the text
 * around it on screen ("Trojan Source" style spoofing). Right-to-left languages do not need them: the Unicode
 * bidi algorithm orders their text by itself, and the plain marks U+200E/U+200F are kept.
 */
export function stripBidiControls(text: string): string {
  return text.replace(/[\u202A-\u202E\u2066-\u2069]/g, '');
}

/** Zero-width characters with no job in a comment: ZWSP, word joiner, invisible operators, BOM, Mongolian vowel separator. */
const ZERO_WIDTH = /[\u180E\u200B\u2060-\u2064\uFEFF]/g;
/**
 * ZWNJ and ZWJ shape Persian and Indic words and join emoji sequences (👨‍👩‍👧): kept between two visible
 * characters, removed anywhere else, where all they can do is hide a word or pad a name.
 */
const LONE_JOINER = /(?<![\p{L}\p{M}\p{N}\p{Extended_Pictographic}\p{Emoji_Modifier}])[\u200C\u200D]|[\u200C\u200D](?![\p{L}\p{M}\p{N}\p{Extended_Pictographic}])/gu;
/** Left-to-right, right-to-left and Arabic letter marks, and the soft hyphen: invisible in a one-line field. */
const LINE_MARKS = /[\u00AD\u034F\u061C\u200E\u200F]/g;

/**
 * What readers and moderators see: bidi embeddings, overrides and isolates, zero-width characters and joiners
 * that join nothing removed. `line` (a name) also drops direction marks and soft hyphens; a body keeps its
 * direction marks (mixed right-to-left text needs them).
 */
export function stripInvisibleControls(text: string, options: { line?: boolean } = {}): string {
  const cleaned = stripBidiControls(text).replace(ZERO_WIDTH, '').replace(LONE_JOINER, '');
  return options.line ? cleaned.replace(LINE_MARKS, '') : cleaned;
}

/**
 * A visible character: not a space, a control or a format character, nor one of those that show nothing although
 * Unicode calls them letters or marks (Hangul fillers, the blank Braille pattern, Khmer inherent vowels, the
 * combining grapheme joiner), favourites for "blank" names.
 */
const VISIBLE = /[^\s\p{Z}\p{Cc}\p{Cf}\u115F\u1160\u17B4\u17B5\u2800\u3164\uFFA0\u034F]/u;

/** True when the text shows at least one character (a name or body of only invisible characters is refused). */
export function hasVisibleText(text: string): boolean {
  return VISIBLE.test(text);
}

/**
 * Removes C0 and C1 control characters and DEL. `keepNewlines` keeps line feed and tab (multi-line text such as a
 * comment body); carriage returns are folded into line feeds first so Windows line endings survive as line breaks.
 */
export function stripControlChars(text: string, keepNewlines: boolean): string {
  const unified = text.replace(/\r\n?/g, '\n');
  return keepNewlines
    ? unified.replace(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g, '')
    : unified.replace(/[\u0000-\u001F\u007F-\u009F]/g, '');
}

/** Characters that render as nothing but split a word for a naive matcher (zero-width space, joiners, soft hyphen, BOM). */
const INVISIBLE = /[\u00AD\u034F\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/g;

/**
 * The form in which keywords are compared: NFKC (full-width and compatibility forms become plain letters:
 * `ＳＰＡＭ` → `SPAM`), invisible characters dropped, then a full case fold (upper then lower, so `ß` matches `ss`).
 */
export function foldForMatching(text: string): string {
  return text.normalize('NFKC').replace(INVISIBLE, '').toUpperCase().toLowerCase();
}
