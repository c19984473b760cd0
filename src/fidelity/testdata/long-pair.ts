// A generated 2,000-sentence article and a copy with known edits, for the long-text test and the benchmark.
// Words are made of random syllables so that unrelated sentences share few words, as in real prose.

export interface LongPair {
  source: string;
  copy: string;
  expected: { omitted: number; altered: number; added: number; moved: number };
}

function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

const SYLLABLES = ['ka', 'lo', 'mi', 'ne', 'ru', 'sa', 'ti', 'vo', 'pe', 'da', 'gu', 'ho', 'ji', 'fe', 'zo', 'bi', 'ma', 'te', 'lu', 'no'];

export function generateLongPair(sentences = 2000, perParagraph = 5): LongPair {
  const next = random(20260301);
  const word = () => Array.from({ length: 2 + Math.floor(next() * 2) }, () => SYLLABLES[Math.floor(next() * SYLLABLES.length)]).join('');
  const sentence = (k: number) => {
    const words = Array.from({ length: 8 + Math.floor(next() * 8) }, word);
    words.splice(3, 0, String(100 + k));
    const text = words.join(' ');
    return text[0].toUpperCase() + text.slice(1) + '.';
  };
  const source = Array.from({ length: sentences }, (_, k) => sentence(k));
  const paragraphs: string[][] = [];
  for (let k = 0; k < source.length; k += perParagraph) paragraphs.push(source.slice(k, k + perParagraph));

  // Edits, each far from the others: one omitted and one altered sentence per 200, one added, one moved paragraph.
  const copyParagraphs = paragraphs.map((p) => [...p]);
  let omitted = 0;
  let altered = 0;
  let added = 0;
  for (let p = 0; p < copyParagraphs.length; p += 40) {
    const para = copyParagraphs[p + 1];
    if (!para) break;
    para.splice(2, 1); // omitted
    omitted++;
    const target = copyParagraphs[p + 10];
    if (target) {
      target[1] = target[1].replace(/ (\d+) /, (_, n: string) => ` ${Number(n) + 7} `); // altered: a number
      altered++;
    }
    const host = copyParagraphs[p + 20];
    if (host) {
      host.splice(3, 0, sentence(sentences + p)); // added
      added++;
    }
  }
  const [movedParagraph] = copyParagraphs.splice(5, 1);
  copyParagraphs.splice(300, 0, movedParagraph);
  const join = (ps: string[][]) => ps.map((p) => p.join(' ')).join('\n\n') + '\n';
  return { source: join(paragraphs), copy: join(copyParagraphs), expected: { omitted, altered, added, moved: movedParagraph.length } };
}
