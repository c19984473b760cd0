// The body of an extraction thread: one task at a time (a page to extract, or two texts to compare), from the
// pool's messages to its answers. Pure work: the thread opens nothing and keeps nothing between tasks.
import { parentPort } from 'node:worker_threads';
import { answerRequest, type PoolRequest } from './extract-pool.js';

if (!parentPort) throw new Error('extract-worker runs only as a worker thread of the extraction pool');
const port = parentPort;

port.on('message', (request: PoolRequest) => port.postMessage(answerRequest(request)));
port.postMessage('ready');
