// The behaviour every MediaStorage keeps, as one suite that each backend's test runs on itself:
// describeMediaStorage('s3', () => openOnLoopback()). Only test files import this module.
import { createHash, randomBytes } from 'node:crypto';
import { describe, it, expect, afterEach } from 'vitest';
import type { MediaStorage } from './storage.js';

/**
 * `open` gives a new, empty storage for each test; the suite closes it. A backend that pages its listing
 * should be opened with a page size below 7, so that `list` is tested across pages.
 */
export function describeMediaStorage(name: string, open: () => Promise<MediaStorage>): void {
  describe(`MediaStorage contract: ${name}`, () => {
    const opened: MediaStorage[] = [];
    const fresh = async (): Promise<MediaStorage> => {
      const storage = await open();
      opened.push(storage);
      return storage;
    };
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((storage) => storage.close()));
    });

    it('names its kind', async () => {
      const storage = await fresh();
      expect(storage.kind).toMatch(/^[a-z0-9]+$/);
    });

    it('gives back every byte value as stored, with its content type', async () => {
      const storage = await fresh();
      // All 256 byte values (NUL, CR, LF, invalid UTF-8 …) then noise: nothing may be decoded as text.
      const body = Buffer.concat([Buffer.from(Array.from({ length: 256 }, (_, i) => i)), randomBytes(4096)]);
      const key = contentKey(body, '640.webp');
      await storage.put(key, body, 'image/webp');
      const stored = await storage.get(key);
      expect(stored).not.toBeNull();
      expect(Buffer.isBuffer(stored!.body)).toBe(true);
      expect(stored!.body.equals(body)).toBe(true);
      expect(stored!.contentType).toBe('image/webp');
      expect(await storage.has(key)).toBe(true);
    });

    it('keeps a large object whole', async () => {
      const storage = await fresh();
      const body = randomBytes(3 * 1024 * 1024 + 17);
      const key = contentKey(body, 'original.png');
      await storage.put(key, body, 'image/png');
      const stored = await storage.get(key);
      expect(stored!.body.length).toBe(body.length);
      expect(stored!.body.equals(body)).toBe(true);
    });

    it('treats storing an existing key again as a no-op: the first bytes and type stay', async () => {
      const storage = await fresh();
      const first = Buffer.from('first bytes');
      const key = contentKey(first, '320.avif');
      await storage.put(key, first, 'image/avif');
      await storage.put(key, Buffer.from('other bytes'), 'image/jpeg');
      const stored = await storage.get(key);
      expect(stored!.body.toString()).toBe('first bytes');
      expect(stored!.contentType).toBe('image/avif');
      expect(await collect(storage.list())).toEqual([key]);
    });

    it('stores the same key put twice at once (two workers fetching one image)', async () => {
      const storage = await fresh();
      const body = randomBytes(64 * 1024);
      const key = contentKey(body, '1024.webp');
      await Promise.all([storage.put(key, body, 'image/webp'), storage.put(key, body, 'image/webp')]);
      expect((await storage.get(key))!.body.equals(body)).toBe(true);
    });

    it('answers null and false for a key it does not have', async () => {
      const storage = await fresh();
      const key = contentKey(Buffer.from('never stored'), '640.webp');
      expect(await storage.get(key)).toBeNull();
      expect(await storage.has(key)).toBe(false);
    });

    it('deletes a key, and deleting a missing key is not an error', async () => {
      const storage = await fresh();
      const kept = Buffer.from('kept');
      const removed = Buffer.from('removed');
      await storage.put(contentKey(kept, '640.webp'), kept, 'image/webp');
      await storage.put(contentKey(removed, '640.webp'), removed, 'image/webp');
      await storage.delete(contentKey(removed, '640.webp'));
      expect(await storage.get(contentKey(removed, '640.webp'))).toBeNull();
      expect(await storage.has(contentKey(removed, '640.webp'))).toBe(false);
      await expect(storage.delete(contentKey(removed, '640.webp'))).resolves.toBeUndefined();
      await expect(storage.delete(contentKey(Buffer.from('never stored'), '320.webp'))).resolves.toBeUndefined();
      expect(await collect(storage.list())).toEqual([contentKey(kept, '640.webp')]);
    });

    it('lists nothing when empty', async () => {
      const storage = await fresh();
      expect(await collect(storage.list())).toEqual([]);
    });

    it('lists every key exactly once, across pages, as it was given', async () => {
      const storage = await fresh();
      const keys: string[] = [];
      for (let i = 0; i < 7; i += 1) {
        const body = Buffer.from(`image ${i}`);
        for (const variant of ['320.webp', 'original.jpg']) {
          const key = contentKey(body, variant);
          await storage.put(key, body, variant.endsWith('.jpg') ? 'image/jpeg' : 'image/webp');
          keys.push(key);
        }
      }
      const listed = await collect(storage.list());
      expect(listed).toHaveLength(keys.length);
      expect(listed.sort()).toEqual([...keys].sort());
    });
  });
}

/** A key of the form media uses: `ab/cd/<sha256>-<variant>`. */
export function contentKey(body: Buffer, variant: string): string {
  const hash = createHash('sha256').update(body).digest('hex');
  return `${hash.slice(0, 2)}/${hash.slice(2, 4)}/${hash}-${variant}`;
}

async function collect(keys: AsyncIterable<string>): Promise<string[]> {
  const all: string[] = [];
  for await (const key of keys) all.push(key);
  return all;
}
