import { describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword, type ScryptParams } from './passwords';

// Cheap parameters keep the unit tests fast; the format and checks are the same.
const FAST: ScryptParams = { logN: 10, r: 8, p: 1 };

describe('password hashing', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple', FAST);
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('salts every hash, and never stores the password', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    expect(a).not.toContain('same password');
    expect(a).toMatch(/^scrypt\$10\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  });

  it('treats canonically equal Unicode as the same password', async () => {
    const stored = await hashPassword('caf\u00e9 au lait', FAST);
    expect(await verifyPassword('cafe\u0301 au lait', stored)).toBe(true);
  });

  it('refuses malformed or tampered hashes instead of throwing', async () => {
    const stored = await hashPassword('pw-for-tamper-test', FAST);
    const parts = stored.split('$');
    const flipped = [...parts.slice(0, 5), Buffer.alloc(32, 1).toString('base64url')].join('$');
    for (const bad of ['', 'bcrypt$x', 'scrypt$99$8$1$aa$bb', flipped, stored.slice(0, -4)]) {
      expect(await verifyPassword('pw-for-tamper-test', bad)).toBe(false);
    }
  });

  it('asks for a rehash when the stored parameters are weaker than today’s', async () => {
    const stored = await hashPassword('pw', FAST);
    expect(needsRehash(stored, FAST)).toBe(false);
    expect(needsRehash(stored, { ...FAST, logN: 11 })).toBe(true);
  });
});
