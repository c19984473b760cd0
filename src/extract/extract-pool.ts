// Extraction on worker threads, so that parsing a page never blocks the event loop that fetches, writes and
// serves, and a worker process uses more than one core. The same threads run the ingest's fidelity check (pure
// work on two texts, a few milliseconds a story). A task that runs past its time limit has its thread stopped
// (the in-thread time budget cannot interrupt a runaway regular expression; terminating the thread can), and a
// new thread takes the next task.
import { Worker } from 'node:worker_threads';
import { extractArticle, type ExtractedArticle, type ExtractOptions } from './extract-article.js';
import { compareTexts, type FidelityOptions } from '../fidelity/index.js';
import type { FidelityReport } from '../fidelity/report.js';
// The ingest's reading of a fetched page (extraction, content, hash and fidelity check) is one task here.
import { pageStory, type PageStory, type PageStoryInput } from '../ingest/page-story.js';

export type PoolWork =
  | { kind: 'extract'; input: Uint8Array | string; url: string; options: ExtractOptions }
  | { kind: 'compare'; source: string; copy: string; options: FidelityOptions }
  | { kind: 'story'; input: PageStoryInput };

export interface PoolRequest {
  id: number;
  work: PoolWork;
}

export type PoolAnswer =
  | { id: number; article: ExtractedArticle }
  | { id: number; report: FidelityReport }
  | { id: number; story: PageStory }
  | { id: number; error: string };

/** Extracts one page, wherever that runs. */
export type PageExtractor = (input: Uint8Array | string, url: string, options: ExtractOptions) => Promise<ExtractedArticle>;

/** Compares a copy with its source (`compareTexts`), wherever that runs. */
export type TextComparer = (source: string, copy: string, options: FidelityOptions) => Promise<FidelityReport>;

/** Reads a fetched page into the story the ingest stores (`pageStory`), wherever that runs. */
export type PageStoryReader = (input: PageStoryInput) => Promise<PageStory>;

/** In the calling thread: for one-off commands and where threads are turned off. */
export const extractInProcess: PageExtractor = async (input, url, options) => extractArticle(input, url, options);
export const compareInProcess: TextComparer = async (source, copy, options) => compareTexts(source, copy, options);
export const readStoryInProcess: PageStoryReader = async (input) => pageStory(input);

/** What a thread does with a request (the thread's whole body, in extract-worker.ts). */
export function answerRequest(request: PoolRequest): PoolAnswer {
  try {
    const { work } = request;
    if (work.kind === 'compare') return { id: request.id, report: compareTexts(work.source, work.copy, work.options) };
    if (work.kind === 'story') return { id: request.id, story: pageStory(work.input) };
    return { id: request.id, article: extractArticle(work.input, work.url, work.options) };
  } catch (error) {
    return { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
}

export interface ExtractPoolOptions {
  threads: number;
  /** A page still running after this long has its thread stopped and fails with a clear reason. */
  hardLimitMs?: number;
}

interface Task extends PoolRequest {
  resolve: (answer: PoolAnswer) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  /** The tasks posted to the thread, in the order it runs them: the first is running, the rest wait there. */
  tasks: Task[];
  timer: NodeJS.Timeout | null;
  /** Set once the thread has loaded its modules: the hard limit counts from then, not from the thread's start. */
  ready: boolean;
}

/**
 * Tasks posted to a thread ahead of the one it runs: the thread starts the next as soon as it answers, instead
 * of waiting for this thread's event loop (busy with a transaction, say) to hear the answer and send more.
 */
const TASKS_PER_THREAD = 2;

const DEFAULT_HARD_LIMIT_MS = 15_000;

/**
 * How a thread starts: the compiled worker module next to this one, or, when Convey runs from its TypeScript
 * sources, a small entry that registers tsx in the thread and then loads the source module.
 */
function workerEntry(): { file: URL; workerData?: { module: string } } {
  const fromSource = import.meta.url.endsWith('.ts');
  if (!fromSource) return { file: new URL('./extract-worker.js', import.meta.url) };
  return { file: new URL('./extract-thread.mjs', import.meta.url), workerData: { module: new URL('./extract-worker.ts', import.meta.url).href } };
}

export class ExtractPool {
  private readonly slots: Slot[] = [];
  private readonly queue: Task[] = [];
  private nextId = 1;
  private closed = false;
  private readonly hardLimitMs: number;
  private entry: ReturnType<typeof workerEntry> | null = null;

  constructor(private readonly options: ExtractPoolOptions) {
    if (!Number.isInteger(options.threads) || options.threads < 1) throw new RangeError('an extraction pool needs at least one thread');
    this.hardLimitMs = options.hardLimitMs ?? DEFAULT_HARD_LIMIT_MS;
  }

  /** Threads started so far (they start on demand, up to the pool's size). */
  get threads(): number {
    return this.slots.length;
  }

  /**
   * Starts every thread now rather than on the first pages: a thread loads its modules before its first task,
   * and a worker that starts this way reads its first pages at full speed. Idle threads keep no process alive.
   */
  warm(): void {
    while (!this.closed && this.slots.length < this.options.threads) this.start();
  }

  readonly extract: PageExtractor = async (input, url, options) => {
    const answer = await this.run({ kind: 'extract', input, url, options: { ...options } });
    if ('article' in answer) return answer.article;
    throw new Error('error' in answer ? answer.error : 'the extraction thread gave no article');
  };

  readonly compare: TextComparer = async (source, copy, options) => {
    const answer = await this.run({ kind: 'compare', source, copy, options });
    if ('report' in answer) return answer.report;
    throw new Error('error' in answer ? answer.error : 'the extraction thread gave no report');
  };

  readonly readStory: PageStoryReader = async (input) => {
    const answer = await this.run({ kind: 'story', input });
    if ('story' in answer) return answer.story;
    throw new Error('error' in answer ? answer.error : 'the extraction thread gave no story');
  };

  private run(work: PoolWork): Promise<PoolAnswer> {
    return new Promise<PoolAnswer>((resolve, reject) => {
      if (this.closed) return reject(new Error('the extraction pool is closed'));
      this.queue.push({ id: this.nextId++, work, resolve, reject });
      this.dispatch();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    // Stopping a thread puts the tasks waiting in its line back in the queue: stop them all, then empty it.
    const stopping = this.slots.splice(0).map((slot) => this.stop(slot, new Error('the extraction pool is closed')));
    for (const task of this.queue.splice(0)) task.reject(new Error('the extraction pool is closed'));
    await Promise.all(stopping);
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.freeSlot();
      if (!slot) return;
      const task = this.queue.shift()!;
      slot.tasks.push(task);
      slot.worker.ref();
      if (slot.ready && slot.tasks.length === 1) this.startClock(slot);
      const { resolve: _resolve, reject: _reject, ...request } = task;
      slot.worker.postMessage(request satisfies PoolRequest);
    }
  }

  /** An idle thread, else a new one while the pool has room, else a busy one with room in its line. */
  private freeSlot(): Slot | null {
    const idle = this.slots.find((s) => s.tasks.length === 0);
    if (idle) return idle;
    if (this.slots.length < this.options.threads) return this.start();
    let best: Slot | null = null;
    for (const slot of this.slots) if (slot.tasks.length < TASKS_PER_THREAD && (!best || slot.tasks.length < best.tasks.length)) best = slot;
    return best;
  }

  /** The hard limit of the task the thread runs now (the first of its line). */
  private startClock(slot: Slot): void {
    const kind = slot.tasks[0]?.work.kind;
    const what = kind === 'compare' ? 'the fidelity check stopped' : 'extraction stopped';
    const why = kind === 'compare' ? 'the texts took too long to compare' : 'the page took too long to read';
    slot.timer = setTimeout(() => {
      void this.stop(slot, new Error(`${what} after ${this.hardLimitMs} ms: ${why}`));
      this.dispatch();
    }, this.hardLimitMs);
  }

  private start(): Slot {
    this.entry ??= workerEntry();
    const worker = new Worker(this.entry.file, { workerData: this.entry.workerData, name: 'convey-extract' });
    const slot: Slot = { worker, tasks: [], timer: null, ready: false };
    worker.unref(); // an idle thread never keeps the process alive; a busy one is ref'd while it works
    worker.on('message', (answer: PoolAnswer | 'ready') => {
      if (answer === 'ready') {
        slot.ready = true;
        if (slot.tasks.length) this.startClock(slot);
        return;
      }
      const task = slot.tasks[0];
      if (!task || task.id !== answer.id) return;
      this.finishFirst(slot);
      if ('error' in answer) task.reject(new Error(answer.error));
      else task.resolve(answer);
      this.dispatch();
    });
    worker.on('error', (error) => {
      void this.stop(slot, new Error(`the extraction thread failed: ${error.message}`));
      this.dispatch();
    });
    worker.on('exit', () => {
      if (this.slots.includes(slot)) {
        this.remove(slot);
        this.failFirst(slot, new Error('the extraction thread stopped'));
        this.dispatch();
      }
    });
    this.slots.push(slot);
    return slot;
  }

  /** The thread answered its first task: the next in its line is running now, on its own clock. */
  private finishFirst(slot: Slot): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    slot.tasks.shift();
    if (slot.tasks.length) this.startClock(slot);
    else slot.worker.unref();
  }

  /** The thread is gone: its running task fails with `reason`, the ones waiting in its line go back to the queue. */
  private failFirst(slot: Slot, reason: Error): void {
    if (slot.timer) clearTimeout(slot.timer);
    slot.timer = null;
    const [running, ...waiting] = slot.tasks.splice(0);
    this.queue.unshift(...waiting);
    running?.reject(reason);
  }

  private remove(slot: Slot): void {
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
  }

  /** Ends a thread; its running task, if any, fails with `reason`. The next task starts a new thread. */
  private async stop(slot: Slot, reason: Error): Promise<void> {
    this.remove(slot);
    this.failFirst(slot, reason);
    await slot.worker.terminate();
  }
}
