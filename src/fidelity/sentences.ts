// Sentences of a paragraph. Intl.Segmenter (ICU's sentence rules) handles every script, question and
// exclamation marks, and full stops inside quotations, but on its own it breaks after abbreviations
// ("Mr. ", "Dr. ", "M. ", "Sen. "), initials, German ordinals ("am 3. Oktober") and before a closing
// guillemet that follows a full stop. Those breaks are repaired here.

const segmenter = new Intl.Segmenter(undefined, { granularity: 'sentence' });

// Lower-case, without the final full stop. Words that often end a sentence ("etc.", "Inc.") are left out:
// a wrong join costs less than a wrong split only when the join is almost always right.
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'prof', 'sen', 'rep', 'gov', 'gen', 'col', 'lt', 'sgt', 'capt', 'cmdr', 'adm', 'st', 'mt',
  'jr', 'sr', 'rev', 'hon', 'pres', 'vs', 'fig', 'approx', 'e.g', 'i.e', 'cf', 'jan', 'feb', 'mar', 'apr', 'jun',
  'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'no', 'nos', 'art', 'vol', 'pp', 'p',
  // French, German, Russian
  'm', 'mm', 'mme', 'mlle', 'me', 'hr', 'fr', 'nr', 'z.b', 'bzw', 'usw', 'ca', 'vgl', 'bspw', 'dipl', 'ing',
  'г', 'гг', 'т', 'е', 'т.е', 'им', 'ул', 'тыс', 'млн', 'млрд', 'руб', 'см', 'др', 'пр', 'д', 'ст',
]);

const MONTHS = new Set([
  'januar', 'jänner', 'februar', 'märz', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november',
  'dezember', 'janvier', 'février', 'mars', 'avril', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre',
  'décembre', 'января', 'февраля', 'марта', 'апреля', 'мая', 'июня', 'июля', 'августа', 'сентября', 'октября',
  'ноября', 'декабря',
]);

const CLOSING_MARKS = /^(?:[»”’)\]›]+|"(?=\s|$))/;

function joinsNext(segment: string, next: string): boolean {
  // Only the end of the segment matters, and looking at the end alone keeps the patterns linear.
  const trimmed = segment.trimEnd().slice(-40);
  if (!trimmed.endsWith('.')) return /^\p{Ll}/u.test(next);
  if (/^\p{Ll}/u.test(next)) return true;
  const lastWord = /(?:^|[\s(«„“"])([\p{L}.]+)\.$/u.exec(trimmed)?.[1];
  if (lastWord) {
    const word = lastWord.toLowerCase();
    if (ABBREVIATIONS.has(word)) return true;
    // An initial ("John F. Kennedy") before a capitalised word.
    if (/^\p{Lu}$/u.test(lastWord) && /^\p{Lu}/u.test(next)) return true;
  }
  if (/(?:^|\s)\d{1,2}\.$/.test(trimmed)) {
    const firstWord = /^[\p{L}]+/u.exec(next)?.[0]?.toLowerCase();
    return firstWord !== undefined && MONTHS.has(firstWord);
  }
  return false;
}

/** The sentences of one paragraph, trimmed, in order; the paragraph must be normalised already. */
export function splitSentences(paragraph: string): string[] {
  const raw = Array.from(segmenter.segment(paragraph), (s) => s.segment);
  const out: string[] = [];
  for (let piece of raw) {
    if (out.length > 0) {
      // A closing mark that ICU put at the start of the next sentence belongs to the previous one.
      const closing = CLOSING_MARKS.exec(piece);
      if (closing) {
        out[out.length - 1] = out[out.length - 1].trimEnd() + closing[0];
        piece = piece.slice(closing[0].length);
      }
      if (!piece.trim()) continue;
      if (joinsNext(out[out.length - 1], piece.trimStart())) {
        out[out.length - 1] = out[out.length - 1].trimEnd() + ' ' + piece.trimStart();
        continue;
      }
    }
    out.push(piece);
  }
  return out.map((s) => s.trim()).filter(Boolean);
}
