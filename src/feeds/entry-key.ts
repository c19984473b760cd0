// Entry identity within one feed (DESIGN.md §3): the entry's own id, else its resolved link, else a hash of
// title and content. Feeds do repeat ids; later copies are told apart deterministically (by link, then by
// position among the copies), so the first copy keeps the key it would have had alone and re-polling the
// same document gives the same keys.
import { createHash } from 'node:crypto';

export interface KeySource {
  guid: string | null;
  /** The id as written in the document, when it differs from the resolved `guid`. */
  idText?: string | null;
  link: string | null;
  title: string | null;
  contentText: string;
}

export function baseKey(entry: KeySource): string {
  const id = entry.idText?.trim() || entry.guid;
  if (id) return id;
  if (entry.link) return entry.link;
  const digest = createHash('sha256').update(`${entry.title ?? ''}\n${entry.contentText.replace(/\s+/g, ' ').trim()}`).digest('hex');
  return `sha256:${digest}`;
}

export function assignEntryKeys(entries: KeySource[]): string[] {
  const used = new Set<string>();
  const copies = new Map<string, number>();
  return entries.map((entry) => {
    const key = baseKey(entry);
    if (!used.has(key)) {
      used.add(key);
      return key;
    }
    const n = (copies.get(key) ?? 1) + 1;
    copies.set(key, n);
    let candidate = entry.link && entry.link !== key ? `${key}|${entry.link}` : `${key}|#${n}`;
    for (let i = n; used.has(candidate); i++) candidate = `${key}|#${i + 1}`;
    used.add(candidate);
    return candidate;
  });
}
