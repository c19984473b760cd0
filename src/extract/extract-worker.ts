// The body of an extraction thread: one page at a time, from the pool's messages to its answers. Pure work: the
// thread opens nothing and keeps nothing between pages.
import { parentPort } from 'node:worker_threads';
import { extractArticle } from './extract-article.js';
import type { ExtractRequest, ExtractAnswer } from './extract-pool.js';

if (!parentPort) throw new Error('extract-worker runs only as a worker thread of the extraction pool');
const port = parentPort;

port.on('message', (request: ExtractRequest) => {
  let answer: ExtractAnswer;
  try {
    answer = { id: request.id, article: extractArticle(request.input, request.url, request.options) };
  } catch (error) {
    answer = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  port.postMessage(answer);
});
port.postMessage('ready');
