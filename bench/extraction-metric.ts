// The article-body metric of the extraction benchmark (see its README): 4-gram shingles of \w+ tokens
// (Unicode-aware), per-page tp/fp/fn normalised to weight every page equally, macro-averaged precision and
// recall, F1 from the two means, and accuracy as the share of pages whose token lists are identical.

const TOKEN = /[\p{L}\p{N}_]+/gu;

export function tokenize(text: string | null | undefined): string[] {
  return text ? text.match(TOKEN) ?? [] : [];
}

export function shingles(tokens: string[], size = 4): Map<string, number> {
  const out = new Map<string, number>();
  if (!tokens.length) return out;
  if (tokens.length < size) {
    out.set(tokens.join('\u0001'), 1);
    return out;
  }
  for (let i = 0; i + size <= tokens.length; i++) {
    const key = tokens.slice(i, i + size).join('\u0001');
    out.set(key, (out.get(key) ?? 0) + 1);
  }
  return out;
}

export interface PageScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  exact: boolean;
}

export function scorePage(expected: string, predicted: string): PageScore {
  const expectedTokens = tokenize(expected);
  const predictedTokens = tokenize(predicted);
  const truth = shingles(expectedTokens);
  const guess = shingles(predictedTokens);
  let tp = 0, fp = 0, fn = 0;
  for (const [key, t] of truth) {
    const p = guess.get(key) ?? 0;
    tp += Math.min(t, p);
    fn += Math.max(0, t - p);
  }
  for (const [key, p] of guess) fp += Math.max(0, p - (truth.get(key) ?? 0));
  const total = tp + fp + fn;
  if (total > 0) {
    tp /= total;
    fp /= total;
    fn /= total;
  }
  const perfect = fp === 0 && fn === 0;
  const precision = perfect ? 1 : tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
  const recall = perfect ? 1 : tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
  const exact = expectedTokens.length === predictedTokens.length && expectedTokens.every((token, i) => token === predictedTokens[i]);
  return { tp, fp, fn, precision, recall, exact };
}

export interface AggregateScore {
  precision: number;
  recall: number;
  f1: number;
  accuracy: number;
  pages: number;
}

export function aggregate(pages: PageScore[]): AggregateScore {
  const withPrediction = pages.filter((page) => page.tp + page.fp > 0);
  const withTruth = pages.filter((page) => page.tp + page.fn > 0);
  const mean = (list: number[]): number => (list.length ? list.reduce((a, b) => a + b, 0) / list.length : 0);
  const precision = mean(withPrediction.map((page) => page.precision));
  const recall = mean(withTruth.map((page) => page.recall));
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  const accuracy = pages.length ? pages.filter((page) => page.exact).length / pages.length : 0;
  return { precision, recall, f1, accuracy, pages: pages.length };
}
