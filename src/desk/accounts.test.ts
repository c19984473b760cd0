// Accounts on both stores: one-time links, the first owner, login with its lock-out, sessions ended at once.
import { describe, it, expect, beforeEach, afterEach } from 'vitest';
import { testBackends } from '../store/test-backends.js';
import type { Store } from '../store/database.js';
import { addUser, AccountError, CLI_ACTOR, describeLink, firstOwnerLink, firstOwnerNotice, issueResetLink, login, startSession, useLink } from './accounts.js';
import { countUsers, findUserByEmail } from '../store/users.js';
import { countSessionsOfUser, findLiveSession } from '../store/sessions.js';
import { listAudit } from '../store/audit-log.js';
import { tokenId } from './tokens.js';

const PASSWORD = 'harbour budget vote';
const MIN = 60_000;

for (const backend of testBackends()) {
  describe(`desk accounts (${backend.name})`, () => {
    let store: Store;
    let dispose: () => Promise<void>;
    const now = new Date('2026-12-02T10:00:00Z');
    const later = (ms: number) => new Date(now.getTime() + ms);

    beforeEach(async () => {
      ({ store, dispose } = await backend.open());
    });
    afterEach(async () => dispose());

    it('adds an account without a password; its link sets one, once', async () => {
      const { user, token } = await addUser(store, { email: ' Owner@Example.ORG ', role: 'owner' }, CLI_ACTOR, now);
      expect(user).toMatchObject({ email: 'owner@example.org', role: 'owner', hasPassword: false });
      // No password works before the link is used: there is none.
      expect(await login(store, { email: 'owner@example.org', password: '' }, '192.0.2.1', now)).toEqual({ ok: false, reason: 'wrong' });
      expect(await describeLink(store, token, now)).toEqual({ purpose: 'setup', email: 'owner@example.org' });
      await expect(useLink(store, token, { password: PASSWORD, confirm: 'something else!' }, null, now)).rejects.toThrow('differ');
      await expect(useLink(store, token, { password: 'short', confirm: 'short' }, null, now)).rejects.toThrow('at least 12');
      const set = await useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, '192.0.2.1', now);
      expect(set.hasPassword).toBe(true);
      await expect(useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, null, now)).rejects.toThrow(/expired or was already used/);
      expect(await login(store, { email: 'OWNER@example.org', password: PASSWORD }, '192.0.2.1', now)).toMatchObject({ ok: true, user: { id: user.id } });
      expect((await listAudit(store.db, { limit: 10 })).map((e) => e.action)).toEqual(['login', 'user.password-set', 'login.failed', 'user.add']);
    });

    it('refuses a second account for one address and an address that is not one', async () => {
      await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      await expect(addUser(store, { email: 'ED@example.org', role: 'moderator' }, CLI_ACTOR, now)).rejects.toThrow(AccountError);
      await expect(addUser(store, { email: 'not an address', role: 'editor' }, CLI_ACTOR, now)).rejects.toThrow('is not an email address');
      expect(await countUsers(store.db)).toBe(1);
    });

    it('lets a link expire', async () => {
      const { token } = await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      expect(await describeLink(store, token, later(73 * 60 * MIN))).toBeNull();
      await expect(useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, null, later(73 * 60 * MIN))).rejects.toThrow(AccountError);
    });

    it('makes the first owner from the start-up link only while the store has no account', async () => {
      const link = await firstOwnerLink(store, now);
      expect(link).not.toBeNull();
      const replaced = await firstOwnerLink(store, now);
      // The newer link voids the older one.
      expect(await describeLink(store, link!.token, now)).toBeNull();
      await expect(useLink(store, replaced!.token, { email: 'not-an-address', password: PASSWORD, confirm: PASSWORD }, null, now)).rejects.toThrow('not an email');
      const owner = await useLink(store, replaced!.token, { email: 'first@example.org', password: PASSWORD, confirm: PASSWORD }, null, now);
      expect(owner.role).toBe('owner');
      expect(await firstOwnerLink(store, now)).toBeNull();
      expect(await firstOwnerNotice(store, 'https://news.example', now)).toEqual([]);
    });

    it('voids a first-owner link once another account exists', async () => {
      const link = await firstOwnerLink(store, now);
      await addUser(store, { email: 'owner@example.org', role: 'owner' }, CLI_ACTOR, now);
      await expect(useLink(store, link!.token, { email: 'intruder@example.org', password: PASSWORD, confirm: PASSWORD }, null, now)).rejects.toThrow(AccountError);
      expect(await findUserByEmail(store.db, 'intruder@example.org')).toBeNull();
    });

    it('prints a first-owner link at start on an empty store', async () => {
      const lines = await firstOwnerNotice(store, 'https://news.example/', now);
      expect(lines[1]).toMatch(/^ {2}https:\/\/news\.example\/admin\/setup\/[A-Za-z0-9_-]{43}$/);
    });

    it('locks an account after five wrong passwords, with the time, and refuses even the right one meanwhile', async () => {
      const { token } = await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      await useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, null, now);
      for (let i = 0; i < 4; i++) expect(await login(store, { email: 'ed@example.org', password: `wrong ${i}` }, '192.0.2.1', later(i * 1000))).toEqual({ ok: false, reason: 'wrong' });
      const fifth = await login(store, { email: 'ed@example.org', password: 'wrong 5' }, '192.0.2.2', later(5000));
      expect(fifth).toEqual({ ok: false, reason: 'locked', scope: 'account', until: later(5000 + 15 * MIN) });
      expect(await login(store, { email: 'ed@example.org', password: PASSWORD }, '192.0.2.3', later(10 * MIN))).toMatchObject({ ok: false, reason: 'locked' });
      expect(await login(store, { email: 'ed@example.org', password: PASSWORD }, '192.0.2.3', later(16 * MIN))).toMatchObject({ ok: true });
      expect((await listAudit(store.db, { limit: 50 })).some((e) => e.action === 'login.locked')).toBe(true);
    });

    it('a success clears the account\'s failures', async () => {
      const { token } = await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      await useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, null, now);
      for (let i = 0; i < 4; i++) await login(store, { email: 'ed@example.org', password: 'wrong' }, '192.0.2.1', now);
      expect(await login(store, { email: 'ed@example.org', password: PASSWORD }, '192.0.2.1', now)).toMatchObject({ ok: true });
      expect(await login(store, { email: 'ed@example.org', password: 'wrong' }, '192.0.2.1', now)).toEqual({ ok: false, reason: 'wrong' });
    });

    it('locks an address that tries many accounts', async () => {
      for (let i = 0; i < 20; i++) await login(store, { email: `guess${i}@example.org`, password: 'wrong' }, '198.51.100.7', later(i));
      expect(await login(store, { email: 'another@example.org', password: 'wrong' }, '198.51.100.7', later(100))).toMatchObject({ ok: false, reason: 'locked', scope: 'address' });
      expect(await login(store, { email: 'another@example.org', password: 'wrong' }, '198.51.100.8', later(100))).toEqual({ ok: false, reason: 'wrong' });
    });

    it('a reset sets a new password and ends every session of the account', async () => {
      const { user, token } = await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      await useLink(store, token, { password: PASSWORD, confirm: PASSWORD }, null, now);
      const session = await startSession(store, user.id, 'test', now);
      expect(await findLiveSession(store.db, tokenId(session.token), now)).not.toBeNull();
      const reset = await issueResetLink(store, 'ed@example.org', CLI_ACTOR, now);
      expect(await describeLink(store, reset.token, now)).toEqual({ purpose: 'reset', email: 'ed@example.org' });
      // A reset link lasts an hour.
      expect(await describeLink(store, reset.token, later(61 * MIN))).toBeNull();
      await useLink(store, reset.token, { password: 'a brand new passphrase', confirm: 'a brand new passphrase' }, null, now);
      expect(await countSessionsOfUser(store.db, user.id, now)).toBe(0);
      expect(await login(store, { email: 'ed@example.org', password: PASSWORD }, '192.0.2.1', now)).toEqual({ ok: false, reason: 'wrong' });
      expect(await login(store, { email: 'ed@example.org', password: 'a brand new passphrase' }, '192.0.2.1', now)).toMatchObject({ ok: true });
      await expect(issueResetLink(store, 'nobody@example.org', CLI_ACTOR, now)).rejects.toThrow('no account');
    });

    it('stores only hashes of session and link tokens', async () => {
      const { user, token } = await addUser(store, { email: 'ed@example.org', role: 'editor' }, CLI_ACTOR, now);
      const session = await startSession(store, user.id, null, now);
      const links = await store.db.selectFrom('account_links').select('id').execute();
      const sessions = await store.db.selectFrom('sessions').select(['id', 'csrf_token']).execute();
      expect(links.map((l) => l.id)).toEqual([tokenId(token)]);
      expect(sessions[0].id).toBe(tokenId(session.token));
      expect(JSON.stringify([links, sessions])).not.toContain(token);
      expect(JSON.stringify([links, sessions])).not.toContain(session.token);
    });
  });
}
