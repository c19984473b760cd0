// Lines inside an article container that are about the site or the page, not the story: share and comment
// prompts, counters and controls of galleries and players, reading-time labels, copyright and contact lines,
// affiliate notices, bylines and timestamps. Every rule here is a kind of line, worded generally; none is a
// phrase of one site. The caller decides what a line is (a leaf block) and whether it sits near the edge of
// the story (the first or last few blocks), where closing and heading lines live.

// Short navigation and prompt lines, matched whole.
const PROMPT_LINE = /^(?:advertisements?|sponsored|ad|story continues below(?: advertisement)?|continue reading|scroll to continue.*|skip (?:to )?(?:main )?content|share(?: this| on| via)?(?: article| story| post| page)?:?|follow us.*|sign up.*newsletter.*|subscribe.*|read more:?.*|related:.*|see also:?.*|also read:?.*|recommended:?.*|you may also like.*|more from .*|click here.*|leave a (?:reply|comment).*|comments?|print|email|tweet|share on .*|photo:.*|image:.*)$/i;

// Counters of a gallery or slideshow: "3 of 12", "3 / 12", "Image 3 of 12", "Slide 3/12".
const GALLERY_COUNTER = /^(?:(?:image|photo|picture|slide|gallery)\s+)?\d{1,3}\s*(?:of|\/)\s*\d{1,3}$/i;

// The label of a media control: a verb of viewing or listening, an optional article, a kind of media.
const MEDIA_CONTROL = /^(?:watch|play|view|see|open|enlarge|expand|zoom|close|listen to|launch)(?: (?:the|this|our|all|full|full-screen|fullscreen))*(?: (?:photos?|images?|pictures?|videos?|audio|podcast|galler(?:y|ies)|slideshows?|slides|article|story|media))+$/i;

// A notice that a player or widget needs JavaScript: shown to readers without it, never part of the story.
const NEEDS_JAVASCRIPT = /\bjavascript\b/i;
const NEEDS_WORDS = /\b(?:requires?|required|need(?:s|ed)?|enable[ds]?|turn on|turned off|disabled|supports?|activate)\b/i;

// Reading-time labels in the languages whose dates Convey reads (en, de, fr, es, it, nl, pt, ru):
// "Reading time: 4 min", "4 min read", "Lesezeit: 3 Minuten", "Temps de lecture : 2 min", "5 min de lectura",
// "Tempo di lettura: 3 minuti", "Leestijd 4 minuten", "Tempo de leitura: 2 minutos", "Время чтения: 5 минут".
const READING_LABEL = String.raw`reading time|read time|time to read|estimated reading time|lesezeit|lesedauer|temps de lecture|durée de lecture|tiempo de lectura|tempo di lettura|leestijd|tempo de leitura|tempo estimado de leitura|время чтения`;
const READING_UNIT = String.raw`(?:min(?:s|ute|utes|uten?|utos?|uti)?\.?|мин(?:\.|ут[аы]?)?)`;
const READING_SUFFIX = String.raw`read|reading|to read|lesezeit|lesedauer|de lecture|de lectura|di lettura|leestijd|lezen|de leitura|чтения|на чтение`;
const READING_TIME = new RegExp(
  String.raw`^(?:(?:${READING_LABEL})\s*:?\s*(?:~|ca\.?|circa|about|approx\.?|environ|unos|cerca de|около)?\s*\d{1,3}\s*${READING_UNIT}?|\d{1,3}\s*${READING_UNIT}\s+(?:${READING_SUFFIX}))$`,
  'iu',
);

const DATE_WORDS = /^(?:updated|published|posted|last updated|first published|last modified|modified|date)\b/i;
const BYLINE_LINE = /^by\s+\p{Lu}[^.!?]{1,80}$/iu;

// A copyright line: the sign, or the word with a year or the sign, or the reservation of rights.
const COPYRIGHT_LINE = /^(?:©|\(c\)\s*(?:19|20)\d{2}|copyright\b.{0,12}(?:©|\(c\)|\b(?:19|20)\d{2}\b)|all rights reserved)/i;

// Closing lines about the site rather than the story: comment policies, "most popular" headings.
const CLOSING_LINES = [
  /\b(?:comments?|comentários|comentarios|kommentare|commentaires|commenti|reacties|комментари\p{L}*)\b.*\b(?:moderat\w*|approv\w*|aprovad\w*|policy|guidelines)\b/iu,
  /^(?:popular|most popular|most read|trending)\b.{0,30}$/i,
];

// An affiliate disclosure: the site is paid when a reader buys through its links. "Commission" alone is not
// enough (a story may be about a commission); earning one is.
const AFFILIATE_WORDS = /\baffiliate\b|\b(?:earns?|receives?|gets?|makes?)\b.{0,30}\bcommissions?\b/i;
const PURCHASE_WORDS = /\b(?:links?|purchases?|purchased|buy|bought|products?|retailers?)\b/i;

const LABEL_LINE = /^(?:tags?|filed under|categories|category|topics|related topics|see more|don't miss|don’t miss|more on this|related articles?|related stories|read next|trending)\b\s*:?/i;

// Photo agencies: a short line naming one is an image credit that lost its caption.
const PHOTO_AGENCY = /\b(?:getty(?: images)?|ap photo|afp|shutterstock|istock(?:photo)?|alamy|imago)\b/i;

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/u;
const BARE_URL = /\b(?:https?:\/\/|www\.)\S+/i;
const SENTENCE_END = /[.!?]["”’)]?$/;

const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

/** Lines that are prompts, labels, bylines, timestamps, credits or notices rather than story text. */
export function isBoilerplateLine(text: string, nearEdge: boolean): boolean {
  if (text.length <= 120 && (PROMPT_LINE.test(text) || GALLERY_COUNTER.test(text) || MEDIA_CONTROL.test(text) || READING_TIME.test(text))) return true;
  if (text.length <= 120 && NEEDS_JAVASCRIPT.test(text) && NEEDS_WORDS.test(text) && wordCount(text) <= 16) return true;
  if (text.length <= 140 && DATE_WORDS.test(text) && /\d/.test(text)) return true;
  if (text.length <= 300 && COPYRIGHT_LINE.test(text)) return true;
  if (text.length <= 100 && LABEL_LINE.test(text) && !/[.!?]$/.test(text)) return true;
  if (nearEdge && text.length <= 90 && BYLINE_LINE.test(text)) return true;
  if (nearEdge && text.length <= 300 && CLOSING_LINES.some((pattern) => pattern.test(text))) return true;
  if (nearEdge && text.length <= 300 && AFFILIATE_WORDS.test(text) && PURCHASE_WORDS.test(text)) return true;
  if (text.length <= 90 && !/[.!?]$/.test(text) && PHOTO_AGENCY.test(text) && wordCount(text) <= 10) return true;
  if (text.length <= 250 && /\bnewsletters?\b/i.test(text) && /\b(sign up|subscribe|inbox|delivered)\b/i.test(text)) return true;
  if (nearEdge && text.length <= 200 && /^(?:email|e-mail|contact|follow|reach)\b/i.test(text) && /(@|\btwitter\b|\bfacebook\b)/i.test(text)) return true;
  // A pointer elsewhere: a short closing line carrying a bare web address, not a sentence of the story.
  if (nearEdge && text.length <= 200 && BARE_URL.test(text) && !SENTENCE_END.test(text)) return true;
  if (nearEdge && text.length <= 80 && !/[.!?]$/.test(text) && (/\b(19|20)\d{2}\b/.test(text) || /\b\d{1,2}:\d{2}\b/.test(text))) {
    if (wordCount(text) <= 10) return true;
  }
  return false;
}

/**
 * A contact line: a short paragraph whose point is an e-mail address ("Write to the author at …",
 * "Tips: news@…"), written out or as a mailto link. `hasMailto` says whether the block holds a mailto link.
 */
export function isContactLine(text: string, hasMailto: boolean): boolean {
  if (text.length > 120 || wordCount(text) > 15) return false;
  return hasMailto || EMAIL.test(text);
}
