import { describe, it, expect } from 'vitest';
import type { Comment } from '../model/types.js';
import { buildThread, countComments, paginateThreads, pageOfComment, parseThreadSort, sortThreads, type ThreadNode } from './thread.js';

function comment(id: number, parentId: number | null, minute: number, authorName = `author${id}`): Comment {
  return {
    id,
    articleId: 1,
    parentId,
    authorName,
    authorEmail: null,
    authorUrl: null,
    bodySource: `body ${id}`,
    bodyHtml: `<p>body ${id}</p>`,
    status: 'approved',
    ipBucket: null,
    holdReason: null,
    createdAt: new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString(),
  };
}

/** A compact picture of a tree: `id(child,child)`; placeholders as `[removed:id]`, flattened as `id>parent`. */
function shape(nodes: ThreadNode[]): string {
  return nodes
    .map((n) => {
      const label = n.comment ? `${n.id}${n.inReplyTo ? `>${n.inReplyTo.id}` : ''}` : `[removed:${n.id}]`;
      return n.children.length ? `${label}(${shape(n.children)})` : label;
    })
    .join(',');
}

function depths(nodes: ThreadNode[], out: Record<number, number> = {}): Record<number, number> {
  for (const n of nodes) {
    out[n.id] = n.depth;
    depths(n.children, out);
  }
  return out;
}

describe('buildThread', () => {
  it('nests replies and orders each level by date, whatever the input order', () => {
    const list = [comment(4, 1, 40), comment(2, null, 20), comment(3, 1, 30), comment(1, null, 10), comment(5, 3, 50)];
    const tree = buildThread(list, { maxDepth: 5 });
    expect(shape(tree)).toBe('1(3(5),4),2');
    expect(depths(tree)).toEqual({ 1: 1, 3: 2, 5: 3, 4: 2, 2: 1 });
  });

  it('orders equal dates by id', () => {
    expect(shape(buildThread([comment(9, null, 0), comment(3, null, 0)]))).toBe('3,9');
  });

  it('returns nothing for nothing', () => {
    expect(buildThread([])).toEqual([]);
  });

  it('attaches replies deeper than maxDepth at maxDepth, after their parent, saying whom they answer', () => {
    // 1 ← 2 ← 3 ← 4 ← 5, plus 6 replying to 2 later than 3's chain
    const list = [comment(1, null, 1), comment(2, 1, 2), comment(3, 2, 3), comment(4, 3, 4), comment(5, 4, 5), comment(6, 2, 6)];
    const tree = buildThread(list, { maxDepth: 3 });
    expect(shape(tree)).toBe('1(2(3,4>3,5>4,6))');
    expect(Math.max(...Object.values(depths(tree)))).toBe(3);
    const flattened = tree[0].children[0].children[1];
    expect(flattened.inReplyTo).toEqual({ id: 3, authorName: 'author3' });
  });

  it('maxDepth 1 gives a flat, dated list', () => {
    const list = [comment(1, null, 1), comment(2, 1, 3), comment(3, null, 2), comment(4, 2, 4)];
    expect(shape(buildThread(list, { maxDepth: 1 }))).toBe('1,3,2>1,4>2');
  });

  it('handles a reply chain 20,000 long without deep recursion', () => {
    const list = Array.from({ length: 20_000 }, (_, i) => comment(i + 1, i === 0 ? null : i, i));
    const tree = buildThread(list, { maxDepth: 5 });
    expect(countComments(tree)).toBe(20_000);
    expect(Math.max(...Object.values(depths(tree)))).toBe(5);
  });

  it('keeps orphans visible under one "[removed]" placeholder per missing parent', () => {
    // 7 and 8 answer hidden comment 100; 9 answers hidden 200; 10 answers 7.
    const list = [comment(1, null, 1), comment(7, 100, 2), comment(9, 200, 3), comment(8, 100, 4), comment(10, 7, 5)];
    const tree = buildThread(list, { maxDepth: 5 });
    expect(shape(tree)).toBe('1,[removed:100](7(10),8),[removed:200](9)');
    expect(tree[1].comment).toBeNull();
    expect(tree[1].depth).toBe(1);
    expect(tree[1].children[0].depth).toBe(2);
  });

  it('places a placeholder by the date of its first reply', () => {
    const list = [comment(1, null, 10), comment(2, 99, 5)];
    expect(shape(buildThread(list))).toBe('[removed:99](2),1');
  });

  it('in a flat list, orphans say whom they answered instead of a placeholder', () => {
    const tree = buildThread([comment(2, 99, 5)], { maxDepth: 1 });
    expect(shape(tree)).toBe('2>99');
    expect(tree[0].inReplyTo).toEqual({ id: 99, authorName: null });
  });

  it('cuts a cycle instead of looping, and loses no comment', () => {
    const list = [comment(1, 2, 1), comment(2, 3, 2), comment(3, 1, 3), comment(4, 3, 4), comment(5, 5, 5)];
    const tree = buildThread(list, { maxDepth: 10 });
    expect(countComments(tree)).toBe(5);
    expect(shape(tree)).toBe('1(3(2,4)),5');
  });

  it('ignores duplicate ids', () => {
    expect(countComments(buildThread([comment(1, null, 1), comment(1, null, 1)]))).toBe(1);
  });
});

describe('paginateThreads and pageOfComment', () => {
  const threads = buildThread(Array.from({ length: 25 }, (_, i) => comment(i + 1, null, i)).concat([comment(100, 25, 99)]));

  it.each([
    [1, 10, [1, 10], 1, 3, true],
    [3, 10, [21, 25], 3, 3, false],
    [9, 10, [21, 25], 3, 3, false],
    [0, 10, [1, 10], 1, 3, true],
    [Number.NaN, 10, [1, 10], 1, 3, true],
    [1, 100, [1, 25], 1, 1, false],
  ])('page %s of %s per page', (page, perPage, [first, last], expectedPage, totalPages, hasMore) => {
    const result = paginateThreads(threads, { page, perPage });
    expect(result.threads[0].id).toBe(first);
    expect(result.threads[result.threads.length - 1].id).toBe(last);
    expect(result).toMatchObject({ page: expectedPage, totalPages, hasMore, totalThreads: 25 });
  });

  it('never splits a thread: a reply travels with its top-level comment', () => {
    const last = paginateThreads(threads, { page: 3, perPage: 10 }).threads;
    expect(last[last.length - 1].children.map((c) => c.id)).toEqual([100]);
  });

  it('finds the page of a comment, replies included', () => {
    expect(pageOfComment(threads, 1, 10)).toBe(1);
    expect(pageOfComment(threads, 11, 10)).toBe(2);
    expect(pageOfComment(threads, 100, 10)).toBe(3);
    expect(pageOfComment(threads, 12345, 10)).toBeNull();
  });

  it('a page stops before the thread that would take it past its comment budget; a huge thread has a page of its own', () => {
    // Threads of 1, 3, 1, 6 and 1 comments, a budget of 4 comments and at most 10 threads a page.
    const busy = buildThread([
      comment(1, null, 0),
      comment(2, null, 1), comment(21, 2, 2), comment(22, 2, 3),
      comment(3, null, 4),
      comment(4, null, 5), ...[41, 42, 43, 44, 45].map((id, k) => comment(id, 4, 6 + k)),
      comment(5, null, 20),
    ]);
    const pages = [1, 2, 3, 4].map((page) => paginateThreads(busy, { page, perPage: 10, maxCommentsPerPage: 4 }));
    expect(pages.map((p) => p.threads.map((t) => t.id))).toEqual([[1, 2], [3], [4], [5]]);
    expect(pages[0]).toMatchObject({ totalPages: 4, hasMore: true });
    expect(pages[3].hasMore).toBe(false);
    expect(pageOfComment(busy, 45, 10, 4)).toBe(3);
    expect(pageOfComment(busy, 5, 10, 4)).toBe(4);
    // Without a budget, the thread count alone decides.
    expect(paginateThreads(busy, { page: 1, perPage: 10 }).threads).toHaveLength(5);
  });

  it('an empty list has one empty page', () => {
    expect(paginateThreads([], { perPage: 10 })).toEqual({ threads: [], page: 1, totalPages: 1, hasMore: false, totalThreads: 0 });
  });
});

describe('sortThreads', () => {
  const threads = buildThread([comment(1, null, 0), comment(2, null, 5), comment(3, 1, 6), comment(4, 1, 7), comment(5, null, 8)]);

  it('oldest first keeps the order of the conversation', () => {
    expect(shape(sortThreads(threads, 'oldest'))).toBe('1(3,4),2,5');
  });
  it('newest first turns the top-level threads around, replies still in order', () => {
    expect(shape(sortThreads(threads, 'newest'))).toBe('5,2,1(3,4)');
  });
  it('pages through the newest first: the first page holds the latest threads', () => {
    expect(paginateThreads(sortThreads(threads, 'newest'), { page: 1, perPage: 2 }).threads.map((t) => t.id)).toEqual([5, 2]);
  });
  it('reads only the two names of a sort', () => {
    expect(parseThreadSort('newest')).toBe('newest');
    expect(parseThreadSort('oldest')).toBe('oldest');
    expect(parseThreadSort('NEWEST')).toBeNull();
    expect(parseThreadSort(undefined)).toBeNull();
  });
});
