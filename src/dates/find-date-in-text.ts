// Finding a date written for people inside a line of visible text ("Posted on Nov 18, 2019 at 9:24 pm ET by …").
// The candidate is cut out with patterns, then read by the one parser (parse-date.ts).
import { parseDate, type ParseDateOptions } from './parse-date.js';
import { zoneByName } from './zones.js';

const MONTH = 'jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?';
const TIME = '(?:,?\\s*(?:at\\s*)?\\d{1,2}[:.]\\d{2}(?::\\d{2})?(?:\\s*[ap]\\.?m\\.?)?)?';
const PATTERNS = [
  new RegExp(`\\b(?:${MONTH})\\.?\\s+\\d{1,2}(?:st|nd|rd|th)?,?\\s+\\d{4}${TIME}`, 'i'),
  new RegExp(`\\b\\d{1,2}(?:st|nd|rd|th)?\\s+(?:${MONTH})\\.?,?\\s+\\d{4}${TIME}`, 'i'),
  /\b\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:?\d{2})?)?\b/,
];

// What may follow the time as its zone. Abbreviations are matched in capitals only, so that the words of the
// sentence ("at 9:24 pm by Jane") are not taken for zones.
const TRAILING_ZONE = /^\s*(?:\(?([A-Z]{1,5})\)?(?![\p{L}\p{N}])|((?:GMT|UTC)?\s*[+-]\d{1,2}(?::?\d{2})?)\b)/u;

/**
 * The first readable date in a line of text, as UTC ISO 8601, or null.
 * A capitalised word after the time that is a known zone is read as the zone; one that looks like a zone
 * abbreviation (two to four capitals and a T: "ACWST") but is not known makes that date unreadable, because
 * reading it as UTC would be hours wrong.
 */
export function findDateInText(text: string, options: ParseDateOptions = {}): string | null {
  for (const pattern of PATTERNS) {
    const match = pattern.exec(text);
    if (!match) continue;
    let candidate = match[0];
    const hasTime = /\d[:.]\d{2}/.test(candidate.replace(/^\d{4}-\d{2}-\d{2}/, ''));
    if (hasTime) {
      const zone = TRAILING_ZONE.exec(text.slice(match.index + candidate.length));
      if (zone?.[2]) candidate += ` ${zone[2].trim()}`;
      else if (zone?.[1]) {
        if (zoneByName(zone[1])) candidate += ` ${zone[1]}`;
        else if (/^[A-Z]{2,4}T$/.test(zone[1])) continue;
      }
    }
    // "9.24 pm": a dot between hour and minutes, as some newspapers write it.
    const date = parseDate(candidate.replace(/(\d{1,2})\.(\d{2})(?=\s*[ap]\.?m)/i, '$1:$2'), options);
    if (date) return date;
  }
  return null;
}
