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
export type Features = Map<string, number>;

/**
 * Document frequencies of the features of a set of articles (the time window), and which articles name each
 * entity. Articles join and leave one by one, so that a window that moves by a few stories is updated by those
 * few instead of being counted again.
 */
export class FeatureStats<Id = number> {
  private readonly df = new Map<string, number>();
  private readonly named = new Map<string, Set<Id>>();
  readonly members = new Map<Id, Features>();

  get size(): number {
    return this.members.size;
  }

  add(id: Id, features: Features): void {
    if (this.members.has(id)) this.remove(id);
    this.members.set(id, features);
    for (const f of features.keys()) {
      this.df.set(f, (this.df.get(f) ?? 0) + 1);
      if (f.startsWith(ENTITY_PREFIX)) {
        let ids = this.named.get(f);
        if (!ids) this.named.set(f, (ids = new Set()));
        ids.add(id);
      }
    }
  }

  remove(id: Id): void {
    const features = this.members.get(id);
    if (!features) return;
    this.members.delete(id);
    for (const f of features.keys()) {
      const n = (this.df.get(f) ?? 1) - 1;
      if (n > 0) this.df.set(f, n);
      else this.df.delete(f);
      if (f.startsWith(ENTITY_PREFIX)) {
        const ids = this.named.get(f);
        ids?.delete(id);
        if (ids?.size === 0) this.named.delete(f);
      }
    }
  }

  /**
   * Smoothed inverse document frequency: a feature in every article still weighs a little, and a small window
   * (a new site, a quiet week) counts as if `PRIOR_DOCS` articles without the feature were in it too, so that
   * the words of the one story it holds do not all weigh nothing.
   */
  idf(feature: string): number {
    return Math.log((this.members.size + PRIOR_DOCS + 1) / ((this.df.get(feature) ?? 0) + 1)) + 1;
  }

  /** The other members naming at least `min` of the entities in `features`, with how many they share. */
  sharingEntities(id: Id, features: Features, min: number): Map<Id, number> {
    const shared = new Map<Id, number>();
    for (const f of features.keys()) {
      if (!f.startsWith(ENTITY_PREFIX)) continue;
      for (const other of this.named.get(f) ?? []) if (other !== id) shared.set(other, (shared.get(other) ?? 0) + 1);
    }
    for (const [other, n] of shared) if (n < min) shared.delete(other);
    return shared;
  }
}

/** The unit-length TF-IDF vector of an article's features (sub-linear term frequency). */
export function tfidf(features: Features, stats: FeatureStats<unknown>): Vector {
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

export function isCopy(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && similarity(a, b) >= COPY_THRESHOLD;
}

function withinDays(a: string, b: string, days: number): boolean {
  return Math.abs(Date.parse(a) - Date.parse(b)) <= days * 86_400_000;
}

/**
 * Windows built from whole texts (tests, the evaluation) read a story's words once per text: the features of a
 * text are remembered by its hash (a text that changes is read anew), for the few thousand stories a window holds.
 */
const REMEMBERED_TEXTS = 4096;
const remembered = new Map<string, Features>();

function rememberedFeatures(headline: string, text: string): Features {
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

/** What the window keeps of an article besides its features. */
export type StoryMeta<Id = number> = Omit<StoryDoc<Id>, 'headline' | 'text'>;

/**
 * A window of articles, each weighted against the whole window. Vectors are computed when an article is ranked
 * or is a candidate (it shares names with the ranked one), not for every member: a refresh compares one article
 * with the few that could tell its story.
 *
 * A window made with `over` reads stats that its owner updates later: use it before the next update.
 */
export class StoryWindow<Id = number> {
  readonly docs = new Map<Id, StoryMeta<Id>>();
  private readonly vectors = new Map<Id, Vector>();
  private readonly stats: FeatureStats<Id>;

  constructor(docs: StoryDoc<Id>[]);
  constructor(docs: StoryMeta<Id>[], stats: FeatureStats<Id>);
  constructor(docs: (StoryDoc<Id> | StoryMeta<Id>)[], stats?: FeatureStats<Id>) {
    if (stats) this.stats = stats;
    else {
      this.stats = new FeatureStats<Id>();
      for (const d of docs as StoryDoc<Id>[]) this.stats.add(d.id, rememberedFeatures(d.headline, d.text));
    }
    for (const d of docs) this.docs.set(d.id, { id: d.id, sourceKey: d.sourceKey, publishedAt: d.publishedAt, fingerprint: d.fingerprint });
  }

  vector(id: Id): Vector | undefined {
    let vector = this.vectors.get(id);
    if (!vector) {
      const features = this.stats.members.get(id);
      if (!features) return undefined;
      this.vectors.set(id, (vector = tfidf(features, this.stats)));
    }
    return vector;
  }

  /**
   * The article's strongest words (a name's words count with the weight of the name): what to search its
   * topical neighbours by.
   */
  topTerms(id: Id, count: number): string[] {
    const vector = this.vector(id);
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
    const features = this.stats.members.get(id);
    if (!target || !features) return { sameStory: [], copies: [] };
    const copies: Scored<Id>[] = [];
    const copyIds = new Set<Id>();
    for (const [otherId, other] of this.docs) {
      if (otherId === id || other.sourceKey === target.sourceKey || !isCopy(target.fingerprint, other.fingerprint)) continue;
      copies.push({ id: otherId, score: similarity(target.fingerprint!, other.fingerprint!) });
      copyIds.add(otherId);
    }
    // Two tellings share names, so only the articles sharing enough of them are compared at all.
    const sameStory: Scored<Id>[] = [];
    const vector = this.vector(id)!;
    for (const otherId of this.stats.sharingEntities(id, features, SAME_STORY_MIN_SHARED_ENTITIES).keys()) {
      const other = this.docs.get(otherId);
      if (!other || other.sourceKey === target.sourceKey || copyIds.has(otherId)) continue;
      if (!withinDays(target.publishedAt, other.publishedAt, STORY_WINDOW_DAYS)) continue;
      const score = cosine(vector, this.vector(otherId)!);
      if (score >= SAME_STORY_MIN_SCORE) sameStory.push({ id: otherId, score });
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
