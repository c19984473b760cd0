// Builds the visible reply tree from a flat list of approved comments, and pages through its top-level threads.
//
// Choices, each tested:
// - Order: oldest first at every level (by `createdAt`, then id), as a conversation reads.
// - Depth: top-level comments are depth 1. A reply that would sit deeper than `maxDepth` is shown at `maxDepth`,
//   after its parent, with `inReplyTo` naming whom it answers (the indentation no longer says it).
// - Missing parents: a reply whose parent is not in the list (pending, spam, trashed or erased) stays visible under
//   a placeholder node (`comment: null`, shown as "[removed]") so the conversation still reads as a reply. One
//   placeholder per missing parent; it sits at the top level, ordered by its first reply.
// - Corrupt data (a comment that is its own ancestor) cannot loop: the cycle is cut and shown at the top level.
import type { Comment } from '../model/types.js';

export interface ThreadNode {
  /** The comment id, or the id of the missing parent for a placeholder. */
  id: number;
  /** The comment; null for the placeholder of a parent that is not shown. */
  comment: Comment | null;
  /** 1 for top-level nodes. */
  depth: number;
  /** Set when the node is shown under someone other than its real parent (flattened at maxDepth). */
  inReplyTo: { id: number; authorName: string | null } | null;
  children: ThreadNode[];
}

export interface ThreadOptions {
  /** Levels shown, ≥ 1 (1 = flat). Default 5. */
  maxDepth?: number;
}

export function buildThread(comments: readonly Comment[], options: ThreadOptions = {}): ThreadNode[] {
  const maxDepth = Math.max(1, Math.floor(options.maxDepth ?? 5));
  const byId = new Map<number, Comment>();
  for (const c of [...comments].sort(byDate)) if (!byId.has(c.id)) byId.set(c.id, c);
  const ordered = [...byId.values()];

  const childrenOf = new Map<number, Comment[]>();
  const roots: Comment[] = [];
  const orphansOf = new Map<number, Comment[]>();
  for (const c of ordered) {
    const parent = c.parentId;
    if (parent === null || parent === c.id) roots.push(c);
    else if (byId.has(parent)) push(childrenOf, parent, c);
    else push(orphansOf, parent, c);
  }

  const placed = new Set<number>();
  const top: ThreadNode[] = [];
  for (const c of roots) top.push(...place(c, 1));
  for (const [missingId, orphans] of orphansOf) {
    if (maxDepth === 1) {
      // A flat list has no room for a placeholder: the replies say whom they answered instead.
      for (const c of orphans) top.push(...place(c, 1, { id: missingId, authorName: null }));
      continue;
    }
    const placeholder: ThreadNode = { id: missingId, comment: null, depth: 1, inReplyTo: null, children: [] };
    for (const c of orphans) placeholder.children.push(...place(c, 2));
    placeholder.children.sort(byNodeDate);
    top.push(placeholder);
  }
  // Whatever is still unplaced hangs off a cycle (corrupt parent ids): cut it at its oldest comment.
  for (const c of ordered) if (!placed.has(c.id)) top.push(...place(c, 1));
  return top.sort(byNodeDate);

  /**
   * The node of `c` at `depth` with its replies. At maxDepth the replies cannot go deeper, so the whole subtree is
   * returned after the node as siblings (collected without recursion: a reply chain can be arbitrarily long).
   */
  function place(c: Comment, depth: number, inReplyTo: ThreadNode['inReplyTo'] = null): ThreadNode[] {
    placed.add(c.id);
    const node: ThreadNode = { id: c.id, comment: c, depth, inReplyTo, children: [] };
    const replies = (childrenOf.get(c.id) ?? []).filter((r) => !placed.has(r.id));
    if (depth < maxDepth) {
      for (const reply of replies) node.children.push(...place(reply, depth + 1));
      node.children.sort(byNodeDate);
      return [node];
    }
    const flattened: ThreadNode[] = [];
    const stack = replies.map((reply) => ({ reply, parent: c })).reverse();
    while (stack.length) {
      const { reply, parent } = stack.pop()!;
      if (placed.has(reply.id)) continue;
      placed.add(reply.id);
      flattened.push({ id: reply.id, comment: reply, depth, inReplyTo: { id: parent.id, authorName: parent.authorName }, children: [] });
      const next = childrenOf.get(reply.id) ?? [];
      for (let k = next.length - 1; k >= 0; k--) stack.push({ reply: next[k], parent: reply });
    }
    return [node, ...flattened.sort(byNodeDate)];
  }
}

/** Number of comments (not placeholders) in the trees. */
export function countComments(nodes: readonly ThreadNode[]): number {
  let n = 0;
  const stack = [...nodes];
  while (stack.length) {
    const node = stack.pop()!;
    if (node.comment) n++;
    stack.push(...node.children);
  }
  return n;
}

export type ThreadSort = 'oldest' | 'newest';

/** The query parameter value of a sort, or null when it names none (the caller keeps the default, oldest). */
export function parseThreadSort(text: string | undefined | null): ThreadSort | null {
  return text === 'oldest' || text === 'newest' ? text : null;
}

/**
 * Orders the top-level threads: oldest first (a conversation as it happened) or newest first (what is new since
 * the last visit). Replies inside a thread stay oldest first either way: they answer each other in order.
 */
export function sortThreads(threads: readonly ThreadNode[], sort: ThreadSort): ThreadNode[] {
  const ordered = [...threads].sort(byNodeDate);
  return sort === 'newest' ? ordered.reverse() : ordered;
}

export interface ThreadPage {
  threads: ThreadNode[];
  /** 1-based, clamped into range. */
  page: number;
  totalPages: number;
  hasMore: boolean;
  /** Top-level threads across all pages. */
  totalThreads: number;
}

/**
 * Pages through top-level threads (a thread never splits across pages). A page holds at most `perPage` threads
 * and, when `maxCommentsPerPage` is given, stops before the thread that would take it past that many comments,
 * so a page of busy threads stays a readable size; a thread larger than the budget has a page to itself.
 */
export function paginateThreads(threads: readonly ThreadNode[], options: { page?: number; perPage: number; maxCommentsPerPage?: number }): ThreadPage {
  const starts = pageStarts(threads, options.perPage, options.maxCommentsPerPage);
  const totalPages = starts.length;
  const requested = Number.isFinite(options.page) ? Math.floor(options.page as number) : 1;
  const page = Math.min(Math.max(1, requested), totalPages);
  const end = page < totalPages ? starts[page] : threads.length;
  return { threads: threads.slice(starts[page - 1], end), page, totalPages, hasMore: page < totalPages, totalThreads: threads.length };
}

/** The page on which a comment appears (to send its author there after posting); null when not in the trees. */
export function pageOfComment(threads: readonly ThreadNode[], commentId: number, perPage: number, maxCommentsPerPage?: number): number | null {
  const starts = pageStarts(threads, perPage, maxCommentsPerPage);
  for (let i = 0; i < threads.length; i++) {
    const stack = [threads[i]];
    while (stack.length) {
      const node = stack.pop()!;
      if (node.comment && node.comment.id === commentId) {
        let page = 0;
        while (page + 1 < starts.length && starts[page + 1] <= i) page++;
        return page + 1;
      }
      stack.push(...node.children);
    }
  }
  return null;
}

/** The index of the first thread of each page (always at least one page, starting at 0). */
function pageStarts(threads: readonly ThreadNode[], perPage: number, maxCommentsPerPage?: number): number[] {
  const size = Math.max(1, Math.floor(perPage));
  const budget = maxCommentsPerPage !== undefined && maxCommentsPerPage > 0 ? Math.floor(maxCommentsPerPage) : Infinity;
  const starts = [0];
  let inPage = 0;
  let commentsInPage = 0;
  for (let i = 0; i < threads.length; i++) {
    const weight = Math.max(1, countComments([threads[i]]));
    if (inPage > 0 && (inPage >= size || commentsInPage + weight > budget)) {
      starts.push(i);
      inPage = 0;
      commentsInPage = 0;
    }
    inPage++;
    commentsInPage += weight;
  }
  return starts;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Date order of nodes; a placeholder takes the place of its first reply. */
function byNodeDate(a: ThreadNode, b: ThreadNode): number {
  return byDate(firstComment(a), firstComment(b));
}

function firstComment(node: ThreadNode): Comment {
  // Placeholder children are sorted and are never placeholders themselves.
  return node.comment ?? node.children[0].comment!;
}

const parsedDates = new WeakMap<Comment, number>();

function timeOf(c: Comment): number {
  let t = parsedDates.get(c);
  if (t === undefined) {
    t = Date.parse(c.createdAt);
    parsedDates.set(c, t);
  }
  return t;
}

function byDate(a: Comment, b: Comment): number {
  const ta = timeOf(a);
  const tb = timeOf(b);
  if (ta !== tb && !Number.isNaN(ta) && !Number.isNaN(tb)) return ta - tb;
  return a.id - b.id;
}
