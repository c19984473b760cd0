// The comment block lists as stored, on each backend: one row per entry however it was typed, removal, and each
// rule (email address, email domain, network, word) matching a comment from the entries read back.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from './test-backends.js';
import type { Store } from './database.js';
import { addCommentBlock, listCommentBlocks, removeCommentBlock } from './comment-blocks.js';
import { findBlock, normaliseBlockValue, type BlockKind } from '../comments/block-list.js';
import { ipBucket } from '../comments/client-ip.js';

const now = new Date('2026-12-02T09:00:00Z');

for (const backend of testBackends()) describe(`comment block lists (${backend.name})`, () => {
  let store: Store;
  let dispose: () => Promise<void>;
  beforeEach(async () => ({ store, dispose } = await backend.open()));
  afterEach(async () => dispose());

  /** Adds an entry as a moderator would type it. */
  async function block(kind: BlockKind, typed: string): Promise<boolean> {
    const normalised = normaliseBlockValue(kind, typed);
    if (!normalised.ok) throw new Error(normalised.error);
    return addCommentBlock(store.db, { kind, value: normalised.value, note: null, addedBy: 'mod@desk.test' }, now);
  }

  const comment = (fields: { email?: string | null; ip?: string; body?: string; name?: string }) => ({
    email: fields.email ?? null,
    ipBucket: fields.ip ? ipBucket(fields.ip) : null,
    texts: [fields.name ?? 'Reader', fields.email ?? '', '', fields.body ?? 'A fair point about the harbour.'],
  });

  it('keeps one row per entry however it is typed, and removes an entry by id', async () => {
    expect(await block('email', 'Spammer@Example.TEST')).toBe(true);
    expect(await block('email', ' spammer@example.test ')).toBe(false);
    expect(await block('ip', '203.0.113.9')).toBe(true);
    expect(await block('ip', '203.0.113.0/24')).toBe(false);
    expect(await block('word', 'ＣＨＥＡＰ   Pills')).toBe(true);
    expect(await block('word', 'cheap pills')).toBe(false);
    const listed = await listCommentBlocks(store.db);
    expect(listed.map((b) => [b.kind, b.value])).toEqual([['email', 'spammer@example.test'], ['ip', '203.0.113.0/24'], ['word', 'cheap pills']]);
    expect(listed[0]).toMatchObject({ addedBy: 'mod@desk.test', createdAt: now.toISOString(), note: null });
    const removed = await removeCommentBlock(store.db, listed[1].id);
    expect(removed).toMatchObject({ kind: 'ip', value: '203.0.113.0/24' });
    expect(await removeCommentBlock(store.db, listed[1].id)).toBeNull();
    expect((await listCommentBlocks(store.db)).map((b) => b.kind)).toEqual(['email', 'word']);
  });

  it('blocks an email address, whatever its case, and not its neighbours', async () => {
    await block('email', 'spammer@example.test');
    const entries = await listCommentBlocks(store.db);
    expect(findBlock(comment({ email: 'SPAMMER@example.test' }), entries)).toMatchObject({ kind: 'email' });
    expect(findBlock(comment({ email: 'other@example.test' }), entries)).toBeNull();
    expect(findBlock(comment({ email: null }), entries)).toBeNull();
  });

  it('blocks a whole email domain, and not a longer one that ends the same way', async () => {
    await block('email', '@spam.example');
    const entries = await listCommentBlocks(store.db);
    expect(findBlock(comment({ email: 'anyone@spam.example' }), entries)).toMatchObject({ kind: 'email', value: '@spam.example' });
    expect(findBlock(comment({ email: 'anyone@notspam.example' }), entries)).toBeNull();
  });

  it('blocks the network of an address: IPv4 by /24, IPv6 by /48', async () => {
    await block('ip', '198.51.100.77');
    await block('ip', '2001:db8:abcd:12::1');
    const entries = await listCommentBlocks(store.db);
    expect(findBlock(comment({ ip: '198.51.100.3' }), entries)).toMatchObject({ kind: 'ip', value: '198.51.100.0/24' });
    expect(findBlock(comment({ ip: '198.51.101.3' }), entries)).toBeNull();
    expect(findBlock(comment({ ip: '2001:db8:abcd:ffff::9' }), entries)).toMatchObject({ kind: 'ip', value: '2001:db8:abcd::/48' });
    expect(findBlock(comment({ ip: '2001:db8:abce::9' }), entries)).toBeNull();
  });

  it('blocks a word as a whole word, folded: full-width and upper case match, a longer word does not', async () => {
    await block('word', 'casino');
    const entries = await listCommentBlocks(store.db);
    expect(findBlock(comment({ body: 'Visit the best ＣＡＳＩＮＯ tonight!' }), entries)).toMatchObject({ kind: 'word', value: 'casino' });
    expect(findBlock(comment({ name: 'Casino Bob' }), entries)).toMatchObject({ kind: 'word' });
    expect(findBlock(comment({ body: 'The casinos on the pier closed in 1990.' }), entries)).toBeNull();
  });
});
