// Direct quotations and who said them. Quotation marks of every convention are paired: “…”, "…", «…», »…«,
// „…“ and „…”; a paragraph inside a block quote is one quotation. A quotation left open runs to the end of its
// paragraph (the convention for quotes that go on in the next one). The speaker comes from a cue around the
// quotation: "…," Lavrov said / said the minister / according to … / Name told reporters: "…".
import { wordsOf } from './normalise.js';
import type { Paragraph } from './paragraphs.js';

export interface Quotation {
  text: string;
  speaker: string | null;
  paragraph: number;
  /** The quoted words, lower-cased and joined: quotations with the same words are the same quotation. */
  key: string;
  words: string[];
}

const CLOSERS: Record<string, string> = { '“': '”', '«': '»', '»': '«', '„': '“”', '"': '"', '”': '”' };

const ANY_QUOTE_MARK = /["“”„«»]/;

interface Span {
  start: number;
  end: number;
}

function quoteSpans(text: string): Span[] {
  const spans: Span[] = [];
  const stack: string[] = [];
  let start = -1;
  for (let k = 0; k < text.length; k++) {
    const c = text[k];
    const top = stack[stack.length - 1];
    if (top !== undefined && CLOSERS[top].includes(c) && !(c === '"' && opensHere(text, k) && top !== '"')) {
      stack.pop();
      if (stack.length === 0) spans.push({ start, end: k });
      continue;
    }
    // A straight quote opens only where a word could start; inside a typographic quotation it is ignored.
    if (c === '"' && (top !== undefined || !opensHere(text, k))) continue;
    // A closing mark standing alone (”, » after a space) opens nothing, except in the conventions that use it.
    if (c === '”' && top === undefined && !opensHere(text, k)) continue;
    if (c === '»' && top === undefined && !/^\S/.test(text.slice(k + 1))) continue;
    if (c in CLOSERS) {
      if (stack.length === 0) start = k + 1;
      stack.push(c);
    }
  }
  if (stack.length > 0 && start >= 0) spans.push({ start, end: text.length });
  return spans;
}

function opensHere(text: string, k: number): boolean {
  return (k === 0 || /[\s([{—–-]/.test(text[k - 1])) && k + 1 < text.length && /\S/.test(text[k + 1]);
}

const VERBS =
  "said|says|told|tells|added|adds|concluded|stated|states|noted|explained|asked|wrote|writes|continued|insisted|argued|warned|declared|replied|recalled|stressed|emphasi[sz]ed|announced|commented|remarked|claimed|confirmed|sagte|sagt|erklärte|betonte|fügte hinzu|meinte|a déclaré|a dit|a ajouté|a affirmé|a souligné|a indiqué|déclare|affirme|сказал|сказала|заявил|заявила|отметил|отметила|добавил|добавила|подчеркнул|подчеркнула|قال|وقال|قالت|وقالت|أضاف|وأضاف|صرح";
const PRONOUNS = 'he|she|they|we|He|She|They|We|er|sie|Er|Sie|il|elle|ils|Il|Elle|Ils|он|она|они|Он|Она|Они';
// A capitalised word, or an initial with its full stop ("M.", "F."); a full stop after a longer word ends the name.
const CAP = "\\p{Lu}(?:\\.|[\\p{L}\\p{M}'’-]*)";
// A title in lower case may stand before the name ("council chair Marta Olsen"); it is dropped afterwards.
const NAME = `(?:(?:the|der|die|le|la|les)\\s+\\p{Ll}+(?:\\s+\\p{Ll}+)?|${PRONOUNS}|(?:\\p{Ll}+\\s+){0,3}?${CAP}(?:\\s+${CAP}){0,5}|[\\u0600-\\u06FF]+(?:\\s+[\\u0600-\\u06FF]+)?)`;
const AFTER_NAME_VERB = new RegExp(`^[\\s,—:-]*(${NAME})\\s+(?:${VERBS})(?![\\p{L}])`, 'u');
const AFTER_VERB_NAME = new RegExp(`^[\\s,—:-]*(?:${VERBS})\\s+(${NAME})`, 'u');
const BEFORE_VERB_NAME = new RegExp(`(?:${VERBS})\\s+(${NAME})\\s*[:,]?\\s*$`, 'u');
const BEFORE_NAME_VERB = new RegExp(`(${NAME})\\s+(?:${VERBS})(?![\\p{L}])[^.!?]*$`, 'u');
const ACCORDING_TO = new RegExp(`(?:[Aa]ccording to|selon|laut|по словам|وفقا ل)\\s*(${NAME})`, 'u');
const ACCORDING_CUE = /according to|selon|laut|по словам|وفقا ل/i;
const CUE_WINDOW = 160;
const PRONOUN = new RegExp(`^(?:${PRONOUNS})$`, 'u');

function speakerAround(text: string, span: Span): string | null {
  // A cue stands near the quotation: looking at a window keeps the patterns cheap on long paragraphs.
  const after = text.slice(Math.min(text.length, span.end + 1), span.end + 1 + CUE_WINDOW);
  const before = text.slice(Math.max(0, span.start - 1 - CUE_WINDOW), Math.max(0, span.start - 1));
  const found =
    AFTER_NAME_VERB.exec(after)?.[1] ??
    AFTER_VERB_NAME.exec(after)?.[1] ??
    BEFORE_VERB_NAME.exec(before)?.[1] ??
    BEFORE_NAME_VERB.exec(before)?.[1] ??
    (ACCORDING_CUE.test(text) ? ACCORDING_TO.exec(text)?.[1] : undefined);
  return found ? withoutTitle(found.trim()) : null;
}

/** "council chair Marta Olsen" → "Marta Olsen"; "the minister" and pronouns stay as they are. */
function withoutTitle(found: string): string {
  const name = found.replace(/[.,;:]+$/, '');
  if (/^(?:the|der|die|le|la|les)\s/.test(name) || PRONOUN.test(name)) return name;
  return name.replace(/^(?:\p{Ll}+\s+)+(?=\p{Lu})/u, '');
}

export function findQuotations(paragraphs: readonly Paragraph[]): Quotation[] {
  const out: Quotation[] = [];
  const openAtEnd = new Set<Quotation>();
  let lastNamed: string | null = null;
  const push = (text: string, speaker: string | null, paragraph: number) => {
    const clean = text.trim().replace(/[,;:]$/, '').trim();
    const words = wordsOf(clean);
    if (words.length === 0) return;
    // A pronoun stands for the last speaker named before it.
    const resolved = speaker && PRONOUN.test(speaker) ? lastNamed : speaker;
    if (resolved) lastNamed = resolved;
    out.push({ text: clean, speaker: resolved, paragraph, key: words.join(' '), words });
  };
  paragraphs.forEach((paragraph, p) => {
    if (paragraph.blockQuote) {
      if (/^[—–-]\s*\S/.test(paragraph.text)) {
        // The attribution line of the block quote before it.
        const previous = out[out.length - 1];
        if (previous && previous.paragraph === p - 1 && !previous.speaker) previous.speaker = lastNamed = paragraph.text.replace(/^[—–-]\s*/, '');
        return;
      }
      const attribution = /\s[—–]\s*([^—–]+)$/.exec(paragraph.text);
      const body = attribution ? paragraph.text.slice(0, attribution.index) : paragraph.text;
      push(body.replace(/^["“„«»]|["”“»«]$/g, ''), attribution?.[1] ?? null, p);
      return;
    }
    if (!ANY_QUOTE_MARK.test(paragraph.text)) return;
    const spans = quoteSpans(paragraph.text);
    const speakers = spans.map((span) => speakerAround(paragraph.text, span));
    // Quotations of one paragraph without a cue of their own are the words of the speaker the paragraph names.
    const named = speakers.find((s) => s !== null && !PRONOUN.test(s)) ?? speakers.find((s) => s !== null) ?? null;
    spans.forEach((span, k) => {
      push(paragraph.text.slice(span.start, span.end), speakers[k] ?? named, p);
      if (span.end === paragraph.text.length && out.length) openAtEnd.add(out[out.length - 1]);
    });
  });
  // A quotation left open at the end of its paragraph goes on in the next one, whose cue names its speaker.
  for (let k = out.length - 2; k >= 0; k--) {
    const next = out[k + 1];
    if (openAtEnd.has(out[k]) && !out[k].speaker && next.paragraph === out[k].paragraph + 1) out[k].speaker = next.speaker;
  }
  return out;
}
