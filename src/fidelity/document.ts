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
  /** Its words as a multiset: read only when the sentence is weighed against others (most match by key). */
  readonly bag: WordBag;
  /** How many words the bag holds. */
  readonly size: number;
}

class TextSentence implements Sentence {
  private words: { bag: WordBag; size: number } | null = null;

  constructor(
    readonly text: string,
    readonly key: string,
    readonly paragraph: number,
    readonly sentence: number,
  ) {}

  get bag(): WordBag {
    return this.counted().bag;
  }

  get size(): number {
    return this.counted().size;
  }

  private counted(): { bag: WordBag; size: number } {
    if (!this.words) {
      const bag = bagOf(wordsOf(this.text));
      this.words = { bag, size: bagSize(bag) };
    }
    return this.words;
  }
}

export function sentencesOf(paragraphs: readonly Paragraph[]): Sentence[] {
  const out: Sentence[] = [];
  paragraphs.forEach((paragraph, p) => {
    for (const text of splitSentences(paragraph.text)) out.push(new TextSentence(text, keyOfNormalised(text), p, out.length));
  });
  return out;
}
