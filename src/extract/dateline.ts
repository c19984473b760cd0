// Datelines at the start of a story: "MOSCOW (Sputnik) – …", "WASHINGTON, Nov 3 (Reuters) - …", "PARIS — …",
// "LONDON, March 2 — …", "Kyiv, Ukraine (AP) — …". A place in capitals may stand alone; a place in ordinary
// case needs a credit in parentheses, so that an ordinary sentence with a dash is never taken for a dateline.
import type { Dateline } from '../model/types.js';

const WORD_CAPS = "[\\p{Lu}][\\p{Lu}\\p{M}.'’\\-]*";
const WORD_TITLE = "[\\p{Lu}][\\p{L}\\p{M}.'’\\-]*";
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\\.?';

const DATELINE = new RegExp(
  '^(?<place>' + `${WORD_TITLE}(?: ${WORD_TITLE}){0,3}` + ')' +
    `(?<region>, ${WORD_TITLE}(?: ${WORD_TITLE}){0,2})?` +
    `(?<date>,? ${MONTH} \\d{1,2}(?:, \\d{4})?)?` +
    '(?: ?\\((?<credit>[^()\\n]{2,40})\\))?' +
    '\\s*(?<sep>--|[–—]|\\s-)\\s*(?<rest>\\S[\\s\\S]*)$',
  'u',
);

const CAPS_PLACE = new RegExp(`^${WORD_CAPS}(?: ${WORD_CAPS}){0,3}$`, 'u');

// Words that open a story in capitals followed by a dash without being a place.
const NOT_PLACES = new Set([
  'UPDATE', 'UPDATED', 'BREAKING', 'BREAKING NEWS', 'EXCLUSIVE', 'WATCH', 'ANALYSIS', 'OPINION', 'EDITOR’S NOTE',
  "EDITOR'S NOTE", 'NOTE', 'LIVE', 'VIDEO', 'PHOTOS', 'CORRECTION', 'FILE', 'ADVERTISEMENT', 'READ MORE', 'OK',
  'FACT CHECK', 'REVIEW', 'INTERVIEW', 'COMMENTARY', 'LISTEN', 'WARNING', 'URGENT', 'FLASH', 'ALERT',
]);

// A place name in ordinary case never contains these; a sentence that starts "In Paris (France) —" does.
const FUNCTION_WORDS = new Set([
  'a', 'an', 'the', 'in', 'on', 'at', 'for', 'but', 'and', 'or', 'when', 'after', 'before', 'if', 'as', 'to', 'of',
  'with', 'by', 'from', 'this', 'that', 'it', 'we', 'i', 'he', 'she', 'they', 'you', 'my', 'our', 'his', 'her',
  'their', 'is', 'was', 'are', 'here', 'there', 'what', 'why', 'how', 'who', 'so', 'yet', 'then', 'now', 'today',
]);

/** Parses a dateline at the start of `text`; `rest` is the text after it. Null when there is none. */
export function parseDateline(text: string): { dateline: Dateline; rest: string } | null {
  const head = text.trimStart().slice(0, 400);
  const match = DATELINE.exec(head);
  if (!match?.groups) return null;
  const { place, region, credit, sep, rest } = match.groups;
  const caps = CAPS_PLACE.test(place) && /\p{Lu}.*\p{Lu}/u.test(place);
  if (caps && NOT_PLACES.has(place)) return null;
  if (!caps && !credit) return null;
  if (!caps && !looksLikeCredit(credit)) return null;
  if (!caps && place.split(' ').some((word) => FUNCTION_WORDS.has(word.toLowerCase()))) return null;
  const prefixLength = head.length - rest.length;
  const dashIndex = head.slice(0, prefixLength).search(/\s*(--|[–—]|\s-)\s*$/);
  const datelineText = head.slice(0, dashIndex).trim();
  const fullPlace = caps ? place : `${place}${region ?? ''}`;
  const restFull = text.trimStart().slice(prefixLength);
  if (!restFull.trim()) return null;
  return {
    dateline: { text: datelineText, place: fullPlace.trim(), credit: credit ? credit.trim() : null, separator: sep.trim() },
    rest: restFull,
  };
}

/** A credit is a short name ("AP", "Reuters", "dpa", "Sputnik"), not a clause. */
function looksLikeCredit(credit: string | undefined): boolean {
  if (!credit) return false;
  const words = credit.trim().split(/\s+/);
  return words.length <= 4 && /^[\p{Lu}\p{Ll}]/u.test(credit) && !/[.!?,;:]$/.test(credit.trim()) && /\p{Lu}/u.test(credit);
}
