// A job queued by this process, told to this process's workers: a worker with nothing to do sleeps between
// claims, and would otherwise notice a job queued just after its last claim only when that sleep ends (up to
// a second for every poll's entries). Other processes still find the job at their next claim.

export class EnqueuedSignal {
  private readonly listeners = new Set<(queue: string) => void>();

  /** Calls `listener` with the queue's name after each job queued here that is due now; returns the way to stop. */
  subscribe(listener: (queue: string) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A job was queued, due at `runAt`; a job due later wakes nobody (the worker's sleep is shorter than that). */
  queued(queue: string, runAt: Date | undefined, now: Date): void {
    if (runAt && runAt.getTime() > now.getTime()) return;
    for (const listener of this.listeners) listener(queue);
  }
}
