// Media on the local filesystem: one file per key under a root directory (`./data/media` by default).
// A write goes to a temporary file in the same directory and is renamed into place, so a reader never sees half
// an image and a crash mid-write leaves only a stray temporary file, never a truncated object.
import { randomUUID } from 'node:crypto';
import { mkdir, readFile, readdir, rename, rm, stat, unlink, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import type { MediaStorage, StoredObject } from './storage.js';

/** A key is a relative path of safe segments (`ab/cd/<sha256>-640.webp`): nothing that could leave the root. */
const KEY_PATTERN = /^[a-z0-9][a-z0-9._-]*(\/[a-z0-9][a-z0-9._-]*)*$/;

export function assertMediaKey(key: string): void {
  if (!KEY_PATTERN.test(key) || key.includes('..')) throw new Error(`not a media key: "${key}"`);
}

const TEMP_SUFFIX = '.partial';

/** The content type of a stored file, read from its extension (the storage keeps no side files). */
export function contentTypeOfKey(key: string): string {
  const extension = key.slice(key.lastIndexOf('.') + 1);
  return (
    { webp: 'image/webp', avif: 'image/avif', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif' }[extension] ??
    'application/octet-stream'
  );
}

export function createFsStorage(root: string): MediaStorage {
  const base = resolve(root);
  const pathOf = (key: string) => {
    assertMediaKey(key);
    return join(base, ...key.split('/'));
  };

  async function* walk(directory: string): AsyncGenerator<string> {
    let entries;
    try {
      entries = await readdir(directory, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const path = join(directory, entry.name);
      if (entry.isDirectory()) yield* walk(path);
      else if (entry.isFile() && !entry.name.endsWith(TEMP_SUFFIX)) yield relative(base, path).split(sep).join('/');
    }
  }

  return {
    kind: 'file',
    async put(key, body, _contentType) {
      const path = pathOf(key);
      if (await exists(path)) return; // content-addressed: the same key always holds the same bytes
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomUUID()}${TEMP_SUFFIX}`;
      try {
        await writeFile(temp, body);
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async get(key): Promise<StoredObject | null> {
      try {
        return { body: await readFile(pathOf(key)), contentType: contentTypeOfKey(key) };
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
    async has(key) {
      return exists(pathOf(key));
    },
    async delete(key) {
      try {
        await unlink(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    },
    list: () => walk(base),
    async close() {},
  };
}

async function exists(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isFile();
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}
