// Password hashing: salted, parameters kept with the hash, wrong or tampered input never verifies.
import { describe, it, expect } from 'vitest';
import { hashPassword, verifyPassword, parsePasswordHash, passwordProblem, DEFAULT_SCRYPT } from './passwords.js';

const FAST = { N: 2 ** 10, r: 8, p: 1 };

describe('password hashes', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('a long enough passphrase', FAST);
    expect(await verifyPassword('a long enough passphrase', stored)).toBe(true);
    expect(await verifyPassword('a long enough passphrasE', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash and stores its parameters with it', async () => {
    const a = await hashPassword('same password here', FAST);
    const b = await hashPassword('same password here', FAST);
    expect(a).not.toBe(b);
    expect(parsePasswordHash(a)?.params).toEqual(FAST);
    // Verification reads the parameters from the hash, so hashes made at another cost keep working.
    const strong = await hashPassword('same password here');
    expect(parsePasswordHash(strong)?.params).toEqual(DEFAULT_SCRYPT);
    expect(await verifyPassword('same password here', strong)).toBe(true);
  });

  it('treats the same characters in another Unicode form as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait, please', FAST);
    expect(await verifyPassword('cafe\u0301 au lait, please', stored)).toBe(true);
  });

  it('refuses a tampered or unreadable hash instead of throwing or accepting', async () => {
    const stored = await hashPassword('a long enough passphrase', FAST);
    const parts = stored.split('$');
    const key = Buffer.from(parts[5], 'base64url');
    key[0] ^= 1;
    const flipped = [...parts.slice(0, 5), key.toString('base64url')].join('$');
    expect(await verifyPassword('a long enough passphrase', flipped)).toBe(false);
    expect(await verifyPassword('a long enough passphrase', null)).toBe(false);
    expect(await verifyPassword('x', 'plain-text')).toBe(false);
    // A stored cost that would take gigabytes, or one that is not a power of two, is not attempted.
    expect(parsePasswordHash(['scrypt', 2 ** 24, 8, 1, parts[4], parts[5]].join('$'))).toBeNull();
    expect(parsePasswordHash(['scrypt', 1000, 8, 1, parts[4], parts[5]].join('$'))).toBeNull();
  });

  it('says why a new password is refused', () => {
    expect(passwordProblem('short')).toMatch(/at least 12/);
    expect(passwordProblem('aaaaaaaaaaaaaaaa')).toMatch(/too few characters/);
    expect(passwordProblem('Owner@Example.org', 'owner@example.org')).toMatch(/email/);
    expect(passwordProblem('x'.repeat(200) + 'abcd'.repeat(100))).toMatch(/at most 512/);
    expect(passwordProblem('harbour budget vote')).toBeNull();
  });
});
