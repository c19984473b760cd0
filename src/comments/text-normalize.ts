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
