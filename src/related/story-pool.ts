// The windows of the related-news refresh, kept between refreshes. A burst of arriving stories refreshes one
// article after another against nearly the same window of a few hundred stories: reading every text and
// weighting every word again each time cost most of ingest (a 724-entry burst: 181 ms of CPU per entry, most of
// it here). The pool keeps each story's features by its text key, and the window's statistics, moved to each new
// window by the stories that joined or left it.
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import { loadStoryTexts, type StoryPoolEntry, type StoryText } from '../store/related.js';
import { FeatureStats, StoryWindow, type Features } from './story-cluster.js';
import { storyFeatures } from './story-terms.js';
import { yieldToIo } from '../jobs/worker.js';

/** Stories weighed between two turns of the event loop when a window's missing features are computed. */
const REMEMBERED_PER_TURN = 32;

/** Features kept per store: several windows' worth, so that refreshes of older articles find theirs too. */
const KEPT_FEATURES = 4096;

/** What the pool keeps of a story's text, read for one text key. */
interface Known {
  key: string;
  features: Features;
  fingerprint: string | null;
}

export class StoryPool {
  private readonly features = new Map<number, Known>();
  private readonly stats = new FeatureStats<number>();
  private readonly statsKeys = new Map<number, string>();

  /** The entries whose features (for their current text) are not known. */
  missing(entries: StoryPoolEntry[]): number[] {
    return entries.filter((e) => !this.knows(e)).map((e) => e.id);
  }

  /** Whether the features of the entry's current text are known. */
  knows(entry: StoryPoolEntry): boolean {
    return this.features.get(entry.id)?.key === entry.textKey;
  }

  remember(entry: StoryPoolEntry, text: StoryText): void {
    this.features.delete(entry.id);
    this.features.set(entry.id, { key: entry.textKey, features: storyFeatures(text.headline, text.text), fingerprint: text.fingerprint });
    if (this.features.size > KEPT_FEATURES) this.features.delete(this.features.keys().next().value!);
  }

  /**
   * A window over exactly these entries, or null when a feature is missing (read them and ask again). The window
   * reads statistics the next call moves: use it before anything else asks for one (no await in between).
   */
  window(entries: StoryPoolEntry[]): StoryWindow | null {
    const wanted = new Map<number, Known>();
    for (const e of entries) {
      const known = this.features.get(e.id);
      if (known?.key !== e.textKey) return null;
      wanted.set(e.id, known);
      // Recently used last, so that the features of a live window are not the first to go.
      this.features.delete(e.id);
      this.features.set(e.id, known);
    }
    for (const [id, key] of this.statsKeys) {
      if (wanted.get(id)?.key === key) continue;
      this.stats.remove(id);
      this.statsKeys.delete(id);
    }
    for (const [id, known] of wanted) {
      if (this.statsKeys.has(id)) continue;
      this.stats.add(id, known.features);
      this.statsKeys.set(id, known.key);
    }
    return new StoryWindow(
      entries.map((e) => ({ id: e.id, sourceKey: e.sourceId, publishedAt: e.publishedAt, fingerprint: wanted.get(e.id)!.fingerprint })),
      this.stats,
    );
  }
}

const pools = new WeakMap<Kysely<Schema>, StoryPool>();

/** The pool of a store in this process. */
export function storyPoolOf(db: Kysely<Schema>): StoryPool {
  let pool = pools.get(db);
  if (!pool) pools.set(db, (pool = new StoryPool()));
  return pool;
}

/**
 * Reads the texts the pool lacks, then returns the window. Another refresh may move the pool while the texts are
 * read; the loop reads what that left missing (it ends: each round remembers every entry still missing).
 */
export async function openStoryWindow(db: Kysely<Schema>, entries: StoryPoolEntry[]): Promise<StoryWindow> {
  // A window larger than what the pool keeps would evict its own stories while they are read, and never be whole.
  if (entries.length > KEPT_FEATURES) throw new Error(`a story window of ${entries.length} is more than the ${KEPT_FEATURES} the pool keeps`);
  const pool = storyPoolOf(db);
  for (;;) {
    const window = pool.window(entries);
    if (window) return window;
    const missing = new Set(pool.missing(entries));
    const texts = await loadStoryTexts(db, [...missing]);
    let remembered = 0;
    for (const e of entries) {
      // Another refresh may have remembered it while this one gave the event loop its turn.
      if (!missing.has(e.id) || pool.knows(e)) continue;
      // Deleted since the list was read: an empty text keeps the window whole, and the next refresh drops it.
      pool.remember(e, texts.get(e.id) ?? { headline: '', text: '', fingerprint: null });
      // A first window of a few hundred stories takes about a second to weigh: not in one stretch of the event loop.
      if (++remembered % REMEMBERED_PER_TURN === 0) await yieldToIo();
    }
  }
}
