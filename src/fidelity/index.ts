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
  const sourceParagraphs = prepareParagraphs(source, options);
  const copyParagraphs = prepareParagraphs(copy, options);
  const sourceSentences = sentencesOf(sourceParagraphs);
  const copySentences = sentencesOf(copyParagraphs);
  const rows = alignSentences(sourceSentences, copySentences);
  const quotes = compareQuotations(findQuotations(sourceParagraphs), findQuotations(copyParagraphs));
  return buildReport(sourceSentences, copySentences, rows, quotes);
}

export { toJsonReport, type FidelityReport, type FidelityJson, type AlteredSentence, type ReportRow } from './report.js';
export type { QuoteChange, QuoteChangeKind } from './quote-changes.js';
export type { WordPart } from './word-diff.js';
