// Opens the media storage named by CONVEY_MEDIA_URL: `file:<path>` or a bare path (the filesystem), or
// `s3://bucket/prefix?endpoint=…` (any S3-compatible bucket, for several web nodes sharing one copy).
import { fileURLToPath } from 'node:url';
import { resolve } from 'node:path';
import type { MediaStorage } from './storage.js';
import { createFsStorage } from './fs-storage.js';

export async function openMediaStorage(url: string, cwd = process.cwd()): Promise<MediaStorage> {
  if (url.startsWith('s3://')) {
    // Loaded only when asked for: a site on the filesystem never loads the S3 client. Opening checks the bucket
    // and the credentials once, so a wrong URL fails at start with one line, not at the first image.
    const { openS3Storage } = await import('./s3-storage.js');
    return openS3Storage(url);
  }
  return createFsStorage(fileStoragePath(url, cwd));
}

/** `file:///abs`, `file:./rel`, `file:rel` and a bare path, resolved against the working directory. */
export function fileStoragePath(url: string, cwd = process.cwd()): string {
  if (url.startsWith('file://')) return fileURLToPath(url);
  if (url.startsWith('file:')) return resolve(cwd, url.slice('file:'.length));
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) throw new Error(`unsupported media storage URL "${url}": use file:<path> or s3://bucket`);
  return resolve(cwd, url);
}

/**
 * The storage opened on first use, so that code building its parts synchronously (the ingest context) can hold
 * one; a process that never touches an image never opens it.
 */
export function lazyMediaStorage(url: string, cwd = process.cwd()): MediaStorage {
  let opened: Promise<MediaStorage> | null = null;
  const storage = () => (opened ??= openMediaStorage(url, cwd));
  return {
    get kind() {
      return url.startsWith('s3://') ? 's3' : 'file';
    },
    put: async (key, body, contentType) => (await storage()).put(key, body, contentType),
    get: async (key) => (await storage()).get(key),
    has: async (key) => (await storage()).has(key),
    delete: async (key) => (await storage()).delete(key),
    async *list() {
      yield* (await storage()).list();
    },
    async close() {
      if (opened) await (await opened).close();
    },
  };
}
