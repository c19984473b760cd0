// The `proxy` policy's cache: images fetched for a reader, kept in memory for a while and never written to
// storage (the source forbids copies). Bounded by total bytes; the least recently used go first.
export interface CachedImage {
  body: Buffer;
  contentType: string;
  expiresAt: number;
}

export class ProxyCache {
  private readonly entries = new Map<number, CachedImage>();
  private bytes = 0;

  constructor(private readonly maxBytes = 64 * 1024 * 1024, readonly ttlMs = 60 * 60_000) {}

  get(id: number, now = Date.now()): CachedImage | null {
    const entry = this.entries.get(id);
    if (!entry) return null;
    this.entries.delete(id);
    if (entry.expiresAt <= now) {
      this.bytes -= entry.body.length;
      return null;
    }
    this.entries.set(id, entry); // most recently used last
    return entry;
  }

  set(id: number, body: Buffer, contentType: string, now = Date.now()): void {
    if (body.length > this.maxBytes) return;
    const old = this.entries.get(id);
    if (old) {
      this.bytes -= old.body.length;
      this.entries.delete(id);
    }
    this.entries.set(id, { body, contentType, expiresAt: now + this.ttlMs });
    this.bytes += body.length;
    for (const [key, entry] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(key);
      this.bytes -= entry.body.length;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
