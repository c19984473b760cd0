// The words a story is recognised by: its terms (headline counted several times over, common words left out)
// and its named entities, read as runs of capitalised words. Pure; the weighting against the other stories of
// the time window (TF-IDF) is in story-cluster.ts.
import { words } from './fingerprint.js';

/** A headline word counts as this many body words: headlines name what a story is about. */
export const TITLE_WEIGHT = 3;
/** A word inside a proper-noun run counts this much more: names tell one story from another about the same thing. */
export const ENTITY_WEIGHT = 2;
/** Entity features carry this prefix, so that "Reid" the name and "reid" the word stay two features. */
export const ENTITY_PREFIX = '@';

// Function words of English, and the calendar words that start sentences capitalised without naming anything.
const STOPWORDS = new Set(
  `a about above after again against all also am an and any are as at be because been before being below between both but
  by can could did do does doing down during each few for from further had has have having he her here hers herself him
  himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other
  our ours out over own same she should so some such than that the their theirs them then there these they this those
  through to too under until up very was we were what when where which while who whom why will with would you your yours
  said says say told new one two three four five six seven eight nine ten last next first week weeks year years day days
  monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september
  october november december today tonight yesterday morning evening night per cent would may might must shall its it's
  s t mr mrs ms dr`.split(/\s+/).filter(Boolean),
);

/** Capitalised words that open runs without being names (titles and roles are kept out of the entity itself). */
const NOT_NAMES = new Set(['the', 'a', 'an', 'this', 'that', 'these', 'those', 'his', 'her', 'their', 'its', 'our', 'mr', 'mrs', 'ms', 'dr', 'mayor', 'minister', 'chairman', 'chief', 'director', 'councillor', 'president', 'professor', 'police', 'but', 'and', 'or', 'when', 'after', 'before', 'while', 'as', 'at', 'in', 'on', 'for', 'from', 'a', 'it', 'he', 'she', 'they', 'we', 'i', 'some', 'about', 'no', 'just', 'several', 'until', 'once', 'what']);
/** Lower-case words a name may contain ("Port of Spain", "Leonardo da Vinci"). */
const NAME_JOINERS = new Set(['of', 'de', 'da', 'di', 'van', 'von', 'der', 'la', 'le', 'del', 'du']);

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word) || word.length < 2;
}

/**
 * Runs of capitalised words: "Harbour master Colm Aherne said" gives ["colm", "aherne"]. A capitalised word at
 * the start of a sentence counts only when the next word is capitalised too, since any word starts a sentence.
 */
export function properNounRuns(text: string): string[][] {
  const runs: string[][] = [];
  for (const sentence of text.normalize('NFKC').split(/(?<=[.!?:;])\s+|\n+/u)) {
    const tokens = sentence.match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? [];
    let run: string[] = [];
    let startsSentence = false;
    const close = () => {
      while (run.length && NAME_JOINERS.has(run[run.length - 1])) run.pop();
      // A lone capitalised word opening the sentence says nothing about names.
      if (run.length > 1 || (run.length === 1 && !startsSentence)) runs.push(run);
      run = [];
    };
    tokens.forEach((token, index) => {
      const bare = token.replace(/['’]s$/u, '');
      const lower = bare.toLowerCase();
      const capitalised = /^\p{Lu}/u.test(bare);
      if (capitalised && !NOT_NAMES.has(lower) && !STOPWORDS.has(lower)) {
        if (run.length === 0) startsSentence = index === 0;
        run.push(lower);
        return;
      }
      if (run.length && NAME_JOINERS.has(token)) {
        run.push(token);
        return;
      }
      if (run.length) close();
    });
    if (run.length) close();
  }
  return runs;
}

/** The words of a text worth comparing: no function words, no bare numbers shorter than three digits. */
export function contentWords(text: string): string[] {
  return words(text).filter((w) => !isStopword(w) && !/^\d{1,2}$/.test(w));
}

/** Raw feature counts of one article: terms (headline weighted up) and entity words. */
export function storyFeatures(headline: string, text: string): Map<string, number> {
  const counts = new Map<string, number>();
  const add = (feature: string, by: number) => counts.set(feature, (counts.get(feature) ?? 0) + by);
  for (const w of contentWords(headline)) add(w, TITLE_WEIGHT);
  for (const w of contentWords(text)) add(w, 1);
  // Names from the body only: headlines are often in title case, where every word looks like a name.
  for (const run of properNounRuns(text)) {
    for (const w of run) if (!NAME_JOINERS.has(w) && !isStopword(w)) add(ENTITY_PREFIX + w, ENTITY_WEIGHT);
  }
  return counts;
}
