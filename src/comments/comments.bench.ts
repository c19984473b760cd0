// How fast comments render: a typical comment, hostile comments at the maximum body size, and a whole section
// (run: npx tsx src/comments/comments.bench.ts). Not a test: vitest only collects *.test.ts.
import { performance } from 'node:perf_hooks';
import type { Comment } from '../model/types.js';
import { renderCommentMarkdown } from './markdown.js';
import { renderCommentsSection } from './comments-section.js';
import { buildThread } from './thread.js';
import { DEFAULT_COMMENT_LIMITS } from './validate.js';

const TYPICAL = [
  'Thanks for this report. I was at the council meeting and the **budget vote** was closer than the article says.',
  '',
  '> The harbour plan passed 7 to 2',
  '',
  'It was *actually* 5 to 4, see https://example.org/minutes/2026-03 for the minutes.',
  '',
  '- first point',
  '- second point with `code`',
].join('\n');

const MAX = DEFAULT_COMMENT_LIMITS.maxBodyChars;
const HOSTILE: Record<string, string> = {
  'short backtick runs': '``a`'.repeat(MAX / 4),
  'open brackets': '['.repeat(MAX),
  'unmatched emphasis': '*a _b '.repeat(Math.floor(MAX / 6)),
  'quote markers': Array.from({ length: 140 }, (_, k) => `${'>'.repeat(k)} x`).join('\n').slice(0, MAX),
  'closing parentheses after a url': `https://e.org/${')'.repeat(MAX - 14)}`,
  'script tags': '<script>alert(1)</script>'.repeat(Math.floor(MAX / 25)),
};

/** Average milliseconds per call over about `ms` milliseconds. */
function time(fn: () => unknown, ms = 1000): number {
  let runs = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    fn();
    runs++;
  }
  return (performance.now() - start) / runs;
}

const typical = time(() => renderCommentMarkdown(TYPICAL));
console.log(`typical comment (${TYPICAL.length} chars): ${typical.toFixed(3)} ms, ${Math.round(1000 / typical)} renders/s`);
for (const [name, source] of Object.entries(HOSTILE)) {
  console.log(`hostile, ${source.length} chars of ${name}: ${time(() => renderCommentMarkdown(source), 500).toFixed(2)} ms`);
}

const body = renderCommentMarkdown(TYPICAL);
const comments: Comment[] = Array.from({ length: 200 }, (_, i) => ({
  id: i + 1,
  articleId: 1,
  parentId: i % 3 === 0 ? null : i,
  authorName: `Reader ${i}`,
  authorEmail: null,
  authorUrl: i % 2 ? 'https://reader.example/' : null,
  bodySource: TYPICAL,
  bodyHtml: body,
  status: 'approved',
  ipBucket: null,
  holdReason: null,
  createdAt: new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString(),
}));
const section = time(() =>
  renderCommentsSection({
    articleId: 1,
    articlePath: '/articles/x',
    threads: buildThread(comments, { maxDepth: 5 }),
    formToken: 'token',
    postUrl: '/articles/x/comments',
    commentsOpen: true,
  }),
);
console.log(`section with ${comments.length} comments (buildThread + render): ${section.toFixed(2)} ms`);
