import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import { openStore, type Store } from './database.js';
import { claimFormToken, pruneUsedFormTokens } from './form-tokens.js';

for (const backend of testBackends()) {
  describe(`spent form tokens on ${backend.name}`, () => {
    let store: Store;
    let url: string;
    let dispose: () => Promise<void>;
    beforeEach(async () => {
      ({ store, url, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    const expires = new Date('2026-11-02T00:00:00Z');

    it('lets a token be claimed once', async () => {
      expect(await claimFormToken(store.db, 'f1.1.100.abc', expires)).toBe(true);
      expect(await claimFormToken(store.db, 'f1.1.100.abc', expires)).toBe(false);
      expect(await claimFormToken(store.db, 'f1.1.100.abd', expires)).toBe(true);
    });

    it('gives a token racing on two connections to exactly one of them', async () => {
      const second = await openStore(url);
      try {
        const claims = await Promise.all(Array.from({ length: 10 }, (_, i) => claimFormToken((i % 2 ? store : second).db, 'f1.1.100.race', expires)));
        expect(claims.filter(Boolean)).toHaveLength(1);
      } finally {
        await second.close();
      }
    });

    it('forgets tokens once they have expired', async () => {
      await claimFormToken(store.db, 'old', new Date('2026-11-01T00:00:00Z'));
      await claimFormToken(store.db, 'new', expires);
      expect(await pruneUsedFormTokens(store.db, new Date('2026-11-01T12:00:00Z'))).toBe(1);
      expect(await claimFormToken(store.db, 'new', expires)).toBe(false);
    });
  });
}
