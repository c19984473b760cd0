// Online story clustering, pure: which recent articles of other sources tell the same story as this one, and
// which are plain copies of its text. Articles are compared as TF-IDF vectors of their story features
// (story-terms.ts: headline weighted up, named entities) against the document frequencies of the articles in
// the same time window, so that the words every story of the week shares ("council", "harbour") weigh little
// and the names and specifics of one event weigh much. Each arriving article is ranked against the window; the
// refresh job (related-refresh.ts) stores the result and re-ranks the articles it touches.
import { createHash } from 'node:crypto';
import { similarity, COPY_THRESHOLD } from './fingerprint.js';
import { ENTITY_PREFIX, storyFeatures } from './story-terms.js';

/** An article as the clustering sees it. */
export interface StoryDoc<Id = number> {
  id: Id;
  /** Articles of one source are never "the same story from other sources". */
  sourceKey: string | number;
  /** ISO 8601. */
  publishedAt: string;
  headline: string;
  text: string;
  /** The MinHash fingerprint (fingerprint.ts), or null for texts too short to have one. */
  fingerprint: string | null;
}

export interface Scored<Id = number> {
  id: Id;
  score: number;
}

export interface SameStoryResult<Id = number> {
  /** Other sources' tellings of the story, best first, copies of one another collapsed to the first. */
  sameStory: Scored<Id>[];
  /** Near-duplicates of this article's text by other sources ("also published by …"). */
  copies: Scored<Id>[];
}

/** Tellings of one event run within this many days of each other; later ones are follow-ups, not the story. */
export const STORY_WINDOW_DAYS = 4;
/** Cosine similarity at or above which two articles tell the same story. */
export const SAME_STORY_MIN_SCORE = 0.2;
/** Two tellings of one event share at least this many named-entity words. */
export const SAME_STORY_MIN_SHARED_ENTITIES = 2;

/** Articles a window is assumed to hold besides its own, none with the feature (see `FeatureStats.idf`). */
export const PRIOR_DOCS = 50;

export type Vector = Map<string, number>;

/** Document frequencies of the features of a set of articles (the time window). */
export class FeatureStats {
  private readonly df = new Map<string, number>();
  private docs = 0;

  add(features: Map<string, number>): void {
    this.docs++;
    for (const f of features.keys()) this.df.set(f, (this.df.get(f) ?? 0) + 1);
  }

  /**
   * Smoothed inverse document frequency: a feature in every article still weighs a little, and a small window
   * (a new site, a quiet week) counts as if `PRIOR_DOCS` articles without the feature were in it too, so that
   * the words of the one story it holds do not all weigh nothing.
   */
  idf(feature: string): number {
    return Math.log((this.docs + PRIOR_DOCS + 1) / ((this.df.get(feature) ?? 0) + 1)) + 1;
  }
}

/** The unit-length TF-IDF vector of an article's features (sub-linear term frequency). */
export function tfidf(features: Map<string, number>, stats: FeatureStats): Vector {
  const vector: Vector = new Map();
  let norm = 0;
  for (const [f, count] of features) {
    const w = (1 + Math.log(count)) * stats.idf(f);
    vector.set(f, w);
    norm += w * w;
  }
  norm = Math.sqrt(norm);
  if (norm > 0) for (const [f, w] of vector) vector.set(f, w / norm);
  return vector;
}

export function cosine(a: Vector, b: Vector): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [f, w] of small) {
    const other = large.get(f);
    if (other !== undefined) dot += w * other;
  }
  return dot;
}

function sharedEntities(a: Vector, b: Vector): number {
  let shared = 0;
  for (const f of a.keys()) if (f.startsWith(ENTITY_PREFIX) && b.has(f)) shared++;
  return shared;
}

export function isCopy(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && similarity(a, b) >= COPY_THRESHOLD;
}

function withinDays(a: string, b: string, days: number): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= days * 86_400_000;
}

/**
 * Each refresh builds the window again from up to POOL_LIMIT stories, and reading a story's words is what costs:
 * the features of a text are remembered by its hash (a text that changes is read anew), for the few thousand
 * stories a window holds. Measured: without it, ingesting 181 pages spent 68 % of the worker's time here.
 */
const REMEMBERED_TEXTS = 4096;
const remembered = new Map<string, Map<string, number>>();

function rememberedFeatures(headline: string, text: string): Map<string, number> {
  const key = createHash('sha1').update(headline).update('\u0000').update(text).digest('base64');
  const known = remembered.get(key);
  if (known) {
    remembered.delete(key); // most recently used last, so the oldest goes first
    remembered.set(key, known);
    return known;
  }
  const features = storyFeatures(headline, text);
  remembered.set(key, features);
  if (remembered.size > REMEMBERED_TEXTS) remembered.delete(remembered.keys().next().value!);
  return features;
}

/**
 * The vectors of a window of articles, weighted against that same window. Built once per refresh and shared by
 * every article ranked in it.
 */
export class StoryWindow<Id = number> {
  readonly vectors = new Map<Id, Vector>();
  readonly docs = new Map<Id, StoryDoc<Id>>();

  constructor(docs: StoryDoc<Id>[]) {
    const stats = new FeatureStats();
    const features = docs.map((d) => rememberedFeatures(d.headline, d.text));
    for (const f of features) stats.add(f);
    docs.forEach((d, i) => {
      this.docs.set(d.id, d);
      this.vectors.set(d.id, tfidf(features[i], stats));
    });
  }

  /**
   * The article's strongest words (a name's words count with the weight of the name): what to search its
   * topical neighbours by.
   */
  topTerms(id: Id, count: number): string[] {
    const vector = this.vectors.get(id);
    if (!vector) return [];
    const weights = new Map<string, number>();
    for (const [f, w] of vector) {
      const word = f.startsWith(ENTITY_PREFIX) ? f.slice(ENTITY_PREFIX.length) : f;
      weights.set(word, (weights.get(word) ?? 0) + w);
    }
    return [...weights]
      .sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1))
      .slice(0, count)
      .map(([f]) => f);
  }

  /**
   * Every article of another source that tells the same story as `id` (unordered, copies included as such):
   * the raw matches, before the page's list is cut and collapsed.
   */
  matches(id: Id): SameStoryResult<Id> {
    const target = this.docs.get(id);
    const vector = this.vectors.get(id);
    if (!target || !vector) return { sameStory: [], copies: [] };
    const copies: Scored<Id>[] = [];
    const sameStory: Scored<Id>[] = [];
    for (const [otherId, other] of this.docs) {
      if (otherId === id || other.sourceKey === target.sourceKey) continue;
      if (isCopy(target.fingerprint, other.fingerprint)) {
        copies.push({ id: otherId, score: similarity(target.fingerprint!, other.fingerprint!) });
        continue;
      }
      if (!withinDays(target.publishedAt, other.publishedAt, STORY_WINDOW_DAYS)) continue;
      const otherVector = this.vectors.get(otherId)!;
      const score = cosine(vector, otherVector);
      if (score >= SAME_STORY_MIN_SCORE && sharedEntities(vector, otherVector) >= SAME_STORY_MIN_SHARED_ENTITIES) {
        sameStory.push({ id: otherId, score });
      }
    }
    return { sameStory, copies };
  }

  /** Same story (best first, at most `limit`) and copies (earliest first) of article `id` among other sources. */
  rank(id: Id, limit: number): SameStoryResult<Id> {
    const { sameStory: candidates, copies } = this.matches(id);
    candidates.sort((x, y) => y.score - x.score || this.earlier(x.id, y.id));
    // One telling per text: a syndicated copy of a story already listed adds nothing.
    const sameStory: Scored<Id>[] = [];
    for (const c of candidates) {
      if (sameStory.length >= limit) break;
      const print = this.docs.get(c.id)!.fingerprint;
      if (sameStory.some((s) => isCopy(this.docs.get(s.id)!.fingerprint, print))) continue;
      sameStory.push(c);
    }
    copies.sort((x, y) => this.earlier(x.id, y.id));
    return { sameStory, copies };
  }

  private earlier(a: Id, b: Id): number {
    return Date.parse(this.docs.get(a)!.publishedAt) - Date.parse(this.docs.get(b)!.publishedAt);
  }
}

/**
 * Online clustering over articles in the order they arrive: each joins the story of its best-scoring earlier
 * article of another source in the window, or starts a story. Returns a story number per article id.
 */
export function clusterStories<Id>(docs: StoryDoc<Id>[]): Map<Id, number> {
  const ordered = [...docs].sort((a, b) => Date.parse(a.publishedAt) - Date.parse(b.publishedAt));
  const window = new StoryWindow(ordered);
  const story = new Map<Id, number>();
  let next = 0;
  const seen = new Set<Id>();
  for (const doc of ordered) {
    const found = window.matches(doc.id);
    // A copy belongs with its original; otherwise the best-scoring earlier telling decides.
    const copy = found.copies.find((s) => seen.has(s.id));
    const match = copy ?? found.sameStory.filter((s) => seen.has(s.id)).sort((x, y) => y.score - x.score)[0];
    story.set(doc.id, match ? story.get(match.id)! : next++);
    seen.add(doc.id);
  }
  return story;
}
