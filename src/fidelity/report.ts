// The fidelity report: what the copy omitted, altered, added and moved, the quotations it changed, and the
// verdict. `toJsonReport` gives the published JSON shape (the CLI's `--json`), without positions and word parts.
import type { AlignedRow } from './align.js';
import type { Position, Sentence } from './document.js';
import { negationChanges, numberChanges, withoutNegations } from './numbers.js';
import type { QuoteChange } from './quote-changes.js';
import { describeHunk, hunksOf, wordDiff, type WordPart } from './word-diff.js';

export interface OmittedSentence {
  text: string;
  at: Position;
}
export interface AddedSentence {
  text: string;
  at: Position;
}
export interface MovedSentence {
  text: string;
  from: Position;
  to: Position;
}
export interface AlteredSentence {
  from: string;
  to: string;
  /** Every changed run of words: "said → claimed", "− in Cairo", "+ not"; named numbers and negations first. */
  changes: string[];
  numbers: string[];
  negations: string[];
  /** The word diff, for showing the change. */
  words: WordPart[];
  fromAt: Position[];
  toAt: Position[];
}

export interface FidelityCounts {
  omitted: number;
  altered: number;
  added: number;
  moved: number;
}

export type ReportRow =
  | { kind: 'same'; source: string; copy: string }
  | { kind: 'moved'; source: string; copy: string }
  | { kind: 'altered'; source: string; copy: string; words: WordPart[]; changes: string[] }
  | { kind: 'omitted'; source: string }
  | { kind: 'added'; copy: string };

export interface FidelityReport {
  faithful: boolean;
  counts: FidelityCounts;
  omitted: OmittedSentence[];
  altered: AlteredSentence[];
  added: AddedSentence[];
  moved: MovedSentence[];
  quotesChanged: QuoteChange[];
  /** Both texts side by side, in the copy's reading order (omitted sentences where the source had them). */
  rows: ReportRow[];
  sentences: { source: number; copy: number };
}

const at = (s: Sentence): Position => ({ paragraph: s.paragraph, sentence: s.sentence });

export function alteredSentence(from: readonly Sentence[], to: readonly Sentence[]): AlteredSentence {
  const fromText = from.map((s) => s.text).join(' ');
  const toText = to.map((s) => s.text).join(' ');
  const words = wordDiff(fromText, toText);
  const hunks = hunksOf(words);
  const numbers = numberChanges(fromText, toText);
  const negations: string[] = [];
  const described: string[] = [];
  for (const hunk of hunks) {
    // A hunk that adds or removes a negation is named as such, in place of its plain description.
    const negation = negationChanges([hunk])[0];
    if (!negation) {
      described.push(describeHunk(hunk));
      continue;
    }
    negations.push(negation);
    const rest = withoutNegations(hunk);
    if (rest.removed !== rest.added) described.push(describeHunk(rest));
  }
  const changes = [...numbers, ...negations, ...described.filter((d) => !numbers.includes(d))];
  return { from: fromText, to: toText, changes, numbers, negations, words, fromAt: from.map(at), toAt: to.map(at) };
}

export function buildReport(source: readonly Sentence[], copy: readonly Sentence[], rows: readonly AlignedRow[], quotesChanged: QuoteChange[]): FidelityReport {
  const omitted: OmittedSentence[] = [];
  const altered: AlteredSentence[] = [];
  const added: AddedSentence[] = [];
  const moved: MovedSentence[] = [];
  const shown: ReportRow[] = [];
  for (const row of rows) {
    if (row.kind === 'same') shown.push({ kind: 'same', source: source[row.source].text, copy: copy[row.copy].text });
    else if (row.kind === 'moved') {
      moved.push({ text: source[row.source].text, from: at(source[row.source]), to: at(copy[row.copy]) });
      shown.push({ kind: 'moved', source: source[row.source].text, copy: copy[row.copy].text });
    } else if (row.kind === 'omitted') {
      omitted.push({ text: source[row.source].text, at: at(source[row.source]) });
      shown.push({ kind: 'omitted', source: source[row.source].text });
    } else if (row.kind === 'added') {
      added.push({ text: copy[row.copy].text, at: at(copy[row.copy]) });
      shown.push({ kind: 'added', copy: copy[row.copy].text });
    } else {
      const change = alteredSentence(row.source.map((i) => source[i]), row.copy.map((j) => copy[j]));
      altered.push(change);
      shown.push({ kind: 'altered', source: change.from, copy: change.to, words: change.words, changes: change.changes });
    }
  }
  // Reports list sentences in the order of the text they come from.
  omitted.sort((x, y) => x.at.sentence - y.at.sentence);
  added.sort((x, y) => x.at.sentence - y.at.sentence);
  moved.sort((x, y) => x.to.sentence - y.to.sentence);
  altered.sort((x, y) => x.toAt[0].sentence - y.toAt[0].sentence);
  const counts = { omitted: omitted.length, altered: altered.length, added: added.length, moved: moved.length };
  // A changed quotation always counts against the verdict, even where the sentences around it matched.
  const faithful = counts.omitted + counts.altered + counts.added + counts.moved === 0 && quotesChanged.length === 0;
  return { faithful, counts, omitted, altered, added, moved, quotesChanged, rows: shown, sentences: { source: source.length, copy: copy.length } };
}

/** The published shape: `{"faithful","counts","omitted","altered","added","moved","quotesChanged"}`. */
export interface FidelityJson {
  faithful: boolean;
  counts: FidelityCounts;
  omitted: { text: string }[];
  altered: { from: string; to: string; changes: string[] }[];
  added: { text: string }[];
  moved: { text: string }[];
  quotesChanged: QuoteChange[];
}

export function toJsonReport(report: FidelityReport): FidelityJson {
  return {
    faithful: report.faithful,
    counts: { ...report.counts },
    omitted: report.omitted.map((s) => ({ text: s.text })),
    altered: report.altered.map((s) => ({ from: s.from, to: s.to, changes: [...s.changes] })),
    added: report.added.map((s) => ({ text: s.text })),
    moved: report.moved.map((s) => ({ text: s.text })),
    quotesChanged: report.quotesChanged.map((q) => ({ source: q.source, copy: q.copy, speaker: q.speaker, kind: q.kind })),
  };
}
