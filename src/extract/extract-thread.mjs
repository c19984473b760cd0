// Entry of an extraction thread when Convey runs from its TypeScript sources: a worker thread does not inherit
// the loader of the thread that starts it, so it registers tsx itself before loading the worker module.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.module);
