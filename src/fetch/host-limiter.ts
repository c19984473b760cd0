/** At most N requests in flight per host name; the others wait in a first-in, first-out queue. */
export class HostLimiter {
  private readonly hosts = new Map<string, { active: number; waiting: (() => void)[] }>();

  constructor(private readonly perHost: number) {
    if (!Number.isInteger(perHost) || perHost < 1) throw new Error(`perHostConcurrency must be ≥ 1, got ${perHost}`);
  }

  /** Resolves once a slot for `host` is free; call the returned function (once) to free it. */
  async acquire(host: string): Promise<() => void> {
    const key = host.toLowerCase();
    let state = this.hosts.get(key);
    if (!state) {
      state = { active: 0, waiting: [] };
      this.hosts.set(key, state);
    }
    if (state.active >= this.perHost) {
      await new Promise<void>((resolve) => state!.waiting.push(resolve));
    } else {
      state.active += 1;
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.release(key);
    };
  }

  /** Requests in flight for a host (for tests and diagnostics). */
  activeFor(host: string): number {
    return this.hosts.get(host.toLowerCase())?.active ?? 0;
  }

  private release(key: string): void {
    const state = this.hosts.get(key);
    if (!state) return;
    const next = state.waiting.shift();
    // The slot passes straight to the next waiter, so `active` stays the same.
    if (next) next();
    else {
      state.active -= 1;
      if (state.active === 0) this.hosts.delete(key);
    }
  }
}
