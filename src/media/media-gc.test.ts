import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { createSource } from '../store/sources.js';
import { deleteArticle, insertArticle } from '../store/articles.js';
import { linkArticleImages, markMediaStored, setMediaHash } from '../store/media.js';
import { createFsStorage } from './storage/fs-storage.js';
import { collectMediaGarbage, copyMediaObjects } from './media-gc.js';
import { variantKey } from './process-image.js';
import { testContent } from '../../test/support/fixtures.js';

const content = testContent;
const now = new Date('2026-12-01T12:00:00Z');
const hash = (c: string) => c.repeat(64);

for (const backend of testBackends()) {
  describe(`media gc (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('removes the files of images no article shows and keeps the rest, including one being processed', async () => {
      const storage = createFsStorage(mkdtempSync(join(tmpdir(), 'convey-gc-')));
      const source = await createSource(store.db, { slug: 's', name: 'S', homeUrl: 'https://s.test/' });
      const article = async (slug: string) => insertArticle(store.db, { ...content, originalUrl: `https://s.test/${slug}`, sourceId: source.id, feedId: null, entryKey: slug, slug, pubStatus: 'usable', holdReason: null }, now);
      const kept = await article('kept');
      const gone = await article('gone');
      const [keptImage] = await linkArticleImages(store.db, { articleId: kept.id, versionId: null, sourceId: source.id, images: [{ url: 'https://s.test/k.jpg', role: 'lead' }], status: 'pending' }, now);
      const [goneImage] = await linkArticleImages(store.db, { articleId: gone.id, versionId: null, sourceId: source.id, images: [{ url: 'https://s.test/g.jpg', role: 'lead' }], status: 'pending' }, now);
      const [busyImage] = await linkArticleImages(store.db, { articleId: kept.id, versionId: null, sourceId: source.id, images: [{ url: 'https://s.test/b.jpg', role: 'body' }], status: 'pending' }, now);
      const files = (sha: string) => [variantKey(sha, 320, 'webp'), variantKey(sha, 320, 'jpeg')];
      for (const [image, sha] of [[keptImage, hash('a')], [goneImage, hash('b')]] as const) {
        for (const key of files(sha)) await storage.put(key, Buffer.from(key), 'image/webp');
        const variants = files(sha).map((key) => ({ key, width: 320, height: 200, format: 'webp' as const, contentType: 'image/webp', bytes: 1 }));
        await markMediaStored(store.db, image.id, { sha256: sha, contentType: 'image/jpeg', width: 320, height: 200, variants, credit: null, copyright: null }, now);
      }
      // A job is writing this one's files: its hash is recorded, its row not yet marked stored.
      await setMediaHash(store.db, busyImage.id, hash('c'), now);
      await storage.put(files(hash('c'))[0], Buffer.from('busy'), 'image/webp');
      await storage.put('zz/zz/stray.webp', Buffer.from('x'), 'image/webp');
      await deleteArticle(store.db, gone.id);

      expect(await collectMediaGarbage(store.db, storage, { dryRun: true })).toEqual({ forgottenImages: 0, removedFiles: 3, keptFiles: 3 });
      expect(await collectMediaGarbage(store.db, storage)).toEqual({ forgottenImages: 1, removedFiles: 3, keptFiles: 3 });
      const left: string[] = [];
      for await (const key of storage.list()) left.push(key);
      expect(left.sort()).toEqual([...files(hash('a')), files(hash('c'))[0]].sort());

      // A backup copies every file once; a second run adds nothing.
      const backup = createFsStorage(mkdtempSync(join(tmpdir(), 'convey-gc-backup-')));
      expect(await copyMediaObjects(storage, backup)).toEqual({ copied: 3, present: 0 });
      expect(await copyMediaObjects(storage, backup)).toEqual({ copied: 0, present: 3 });
    });
  });
}
