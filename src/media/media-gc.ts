// `convey media gc`: forgets images no article shows any more and removes every stored file whose image no
// article shows (files are named by the SHA-256 of the source's bytes, so one hash covers all its variants).
import type { Kysely } from 'kysely';
import type { Schema } from '../store/schema.js';
import { deleteUnlinkedMedia, referencedMediaHashes } from '../store/media.js';
import type { MediaStorage } from './storage/storage.js';

const HASH_IN_KEY = /([0-9a-f]{64})-\d+\.[a-z]+$/;

export interface GcReport {
  forgottenImages: number;
  removedFiles: number;
  keptFiles: number;
}

export async function collectMediaGarbage(db: Kysely<Schema>, storage: MediaStorage, options: { dryRun?: boolean } = {}): Promise<GcReport> {
  const forgottenImages = options.dryRun ? 0 : await deleteUnlinkedMedia(db);
  const referenced = await referencedMediaHashes(db);
  let removedFiles = 0;
  let keptFiles = 0;
  const doomed: string[] = [];
  for await (const key of storage.list()) {
    const hash = HASH_IN_KEY.exec(key)?.[1];
    if (hash && referenced.has(hash)) keptFiles++;
    else doomed.push(key);
  }
  for (const key of doomed) {
    if (!options.dryRun) await storage.delete(key);
    removedFiles++;
  }
  return { forgottenImages, removedFiles, keptFiles };
}

/** Copies every object of `from` into `to` (content-addressed: objects already there are left). */
export async function copyMediaObjects(from: MediaStorage, to: MediaStorage): Promise<{ copied: number; present: number }> {
  let copied = 0;
  let present = 0;
  for await (const key of from.list()) {
    if (await to.has(key)) {
      present++;
      continue;
    }
    const object = await from.get(key);
    if (!object) continue; // removed meanwhile (a gc): nothing to copy
    await to.put(key, object.body, object.contentType);
    copied++;
  }
  return { copied, present };
}
