// Runs parseFeed in a worker thread so the harness can stop a file that hangs (a synchronous parser
// cannot be interrupted from the thread it runs on).
import { parentPort } from 'node:worker_threads';
import { FeedParseError, parseFeed } from '../../src/feeds/parse-feed.js';

export interface ParseRequest {
  id: number;
  bytes: Uint8Array;
  contentType: string | null;
  url: string;
  headers: Record<string, string>;
}

export type ParseResponse =
  | { id: number; ok: true; feed: ReturnType<typeof parseFeed>; ms: number }
  | { id: number; ok: false; rejected: boolean; message: string; ms: number };

parentPort?.on('message', (request: ParseRequest) => {
  const started = performance.now();
  try {
    const feed = parseFeed(request.bytes, request.contentType, request.url, request.headers);
    parentPort!.postMessage({ id: request.id, ok: true, feed, ms: performance.now() - started } satisfies ParseResponse);
  } catch (error) {
    const rejected = error instanceof FeedParseError;
    const message = rejected ? (error as Error).message : ((error as Error).stack ?? String(error)).split('\n').slice(0, 4).join(' | ');
    parentPort!.postMessage({ id: request.id, ok: false, rejected, message, ms: performance.now() - started } satisfies ParseResponse);
  }
});
