// A text as the comparison sees it: its sentences, each with its comparison key, its words and its position.
import { keyOfNormalised, wordsOf } from './normalise.js';
import type { Paragraph } from './paragraphs.js';
import { splitSentences } from './sentences.js';
import { bagOf, bagSize, type WordBag } from './similarity.js';

export interface Position {
  /** 0-based paragraph of the text. */
  paragraph: number;
  /** 0-based sentence of the whole text. */
  sentence: number;
}

export interface Sentence extends Position {
  text: string;
  key: string;
  bag: WordBag;
  size: number;
}

export function sentencesOf(paragraphs: readonly Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const text of splitSentences(paragraph.text)) {
      const bag = bagOf(wordsOf(text));
      out.push({ text, key: keyOfNormalised(text), bag, size: bagSize(bag), paragraph: p, sentence: out.length });
    }
  });
  return out;
}
