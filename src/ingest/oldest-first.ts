// The order in which a poll takes a feed's entries in: oldest first, so that a story's identity and slug follow
// publication order and a backlog capped per poll drains from its oldest end. Pure.
import type { FeedEntry } from '../feeds/parse-feed.js';

const dateOf = (entry: FeedEntry): number => Date.parse(entry.published ?? entry.updated ?? '');

/**
 * By date (published, else updated) when every entry has one; else the reverse of the feed's own order, since
 * feeds list their newest entries first. Entries of the same date keep that reversed order.
 */
export function oldestFirst(entries: readonly FeedEntry[]): FeedEntry[] {
  const reversed = [...entries].reverse();
  const dates = new Map(reversed.map((entry) => [entry, dateOf(entry)]));
  if ([...dates.values()].some(Number.isNaN)) return reversed;
  return reversed.sort((a, b) => dates.get(a)! - dates.get(b)!);
}
