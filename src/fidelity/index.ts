// The fidelity check: does the copy convey its source whole? Pure: two texts in, one report out.
import { alignSentences } from './align.js';
import { sentencesOf } from './document.js';
import { prepareParagraphs, type PrepareOptions } from './prepare.js';
import { compareQuotations } from './quote-changes.js';
import { findQuotations } from './quotes.js';
import { buildReport, type FidelityReport } from './report.js';

export type FidelityOptions = PrepareOptions;

/** Compares a copy with its source; both are HTML or plain text (blank lines between paragraphs). */
export function compareTexts(source: string, copy: string, options: FidelityOptions = {}): FidelityReport {
  // A copy published as extracted is the same string as its source: prepare it once (every stage is pure and
  // leaves its input alone), which halves the check's cost on the ingest path.
  const same = source === copy;
  const sourceParagraphs = prepareParagraphs(source, options);
  const copyParagraphs = same ? sourceParagraphs : prepareParagraphs(copy, options);
  const sourceSentences = sentencesOf(sourceParagraphs);
  const copySentences = same ? sourceSentences : sentencesOf(copyParagraphs);
  const rows = alignSentences(sourceSentences, copySentences);
  const sourceQuotations = findQuotations(sourceParagraphs);
  const quotes = compareQuotations(sourceQuotations, same ? sourceQuotations : findQuotations(copyParagraphs));
  return buildReport(sourceSentences, copySentences, rows, quotes);
}

export { toJsonReport, type FidelityReport, type FidelityJson, type AlteredSentence, type ReportRow } from './report.js';
export type { QuoteChange, QuoteChangeKind } from './quote-changes.js';
export type { WordPart } from './word-diff.js';
