import { describe, it, expect } from 'vitest';
import { mkdtempSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createFsStorage } from './fs-storage.js';
import { fileStoragePath, openMediaStorage } from './open-media-storage.js';
import { describeMediaStorage } from './storage-contract.js';

// The same behaviour tests as every other backend.
describeMediaStorage('filesystem', async () => createFsStorage(mkdtempSync(join(tmpdir(), 'convey-media-contract-'))));

const key = 'ab/cd/abcd0123-640.webp';

describe('filesystem media storage', () => {
  it('stores, reads, lists and deletes objects by key, with the type from the extension', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convey-media-'));
    const storage = createFsStorage(root);
    expect(await storage.get(key)).toBeNull();
    await storage.put(key, Buffer.from('first'), 'image/webp');
    // Content-addressed: a second put of the same key leaves the first bytes.
    await storage.put(key, Buffer.from('second'), 'image/webp');
    expect(await storage.get(key)).toEqual({ body: Buffer.from('first'), contentType: 'image/webp' });
    expect(await storage.has(key)).toBe(true);
    await storage.put('ab/ef/x-320.jpg', Buffer.from('j'), 'image/jpeg');
    const keys: string[] = [];
    for await (const k of storage.list()) keys.push(k);
    expect(keys.sort()).toEqual(['ab/cd/abcd0123-640.webp', 'ab/ef/x-320.jpg']);
    await storage.delete(key);
    await storage.delete(key); // deleting a missing key is no error
    expect(await storage.has(key)).toBe(false);
    // No temporary file is left behind by the atomic write.
    expect(readdirSync(join(root, 'ab', 'ef'))).toEqual(['x-320.jpg']);
  });

  it('never lists a half-written temporary file and refuses keys that would leave the root', async () => {
    const root = mkdtempSync(join(tmpdir(), 'convey-media-'));
    mkdirSync(join(root, 'ab'), { recursive: true });
    writeFileSync(join(root, 'ab', 'y.webp.1234.partial'), 'half');
    const storage = createFsStorage(root);
    const keys: string[] = [];
    for await (const k of storage.list()) keys.push(k);
    expect(keys).toEqual([]);
    await expect(storage.put('../escape.webp', Buffer.from('x'), 'image/webp')).rejects.toThrow(/not a media key/);
    await expect(storage.get('/etc/passwd')).rejects.toThrow(/not a media key/);
  });

  it('opens file: URLs and bare paths on the filesystem', async () => {
    expect(fileStoragePath('file:./data/media', '/srv/site')).toBe('/srv/site/data/media');
    expect(fileStoragePath('file:///var/media')).toBe('/var/media');
    expect(fileStoragePath('media', '/srv/site')).toBe('/srv/site/media');
    expect(() => fileStoragePath('http://example.com/media')).toThrow(/unsupported media storage URL/);
    expect((await openMediaStorage('file:./m', mkdtempSync(join(tmpdir(), 'convey-media-')))).kind).toBe('file');
  });
});
