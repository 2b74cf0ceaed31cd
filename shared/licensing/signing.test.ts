import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { fromBase64url, toBase64url, type CryptoKeyHandle } from './encoding';
import {
  generateSigningKey,
  importSigningKey,
  parseKeySet,
  type KeySet,
  type PublicKeyEntry,
  type SigningKey,
} from './keys';
import { NOW } from './licensing.test-kit';
import { parseLicenseKey, signLicenseKey, verifyLicenseKey, type LicenseKeyPayload } from './signing';

const payload: LicenseKeyPayload = { licenseId: 'lic_01JABCDEF', tenantId: 'ten_acme', issuedAt: NOW };

let current: { signingKey: SigningKey; publicKey: PublicKeyEntry; pkcs8: string };
let older: { signingKey: SigningKey; publicKey: PublicKeyEntry; pkcs8: string };
let keySet: KeySet;

beforeAll(async () => {
  current = await generateSigningKey('k2026b');
  older = await generateSigningKey('k2026a');
  keySet = { keys: [{ ...older.publicKey, status: 'retired', retiredAt: NOW }, current.publicKey] };
});

describe('base64url', () => {
  it('round-trips any bytes, and has one text form per byte string', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        const text = toBase64url(bytes);
        expect(text).toMatch(/^[A-Za-z0-9_-]*$/);
        expect(fromBase64url(text)).toEqual(bytes);
      }),
    );
    expect(toBase64url(new Uint8Array([251, 255]))).toBe('-_8');
    // 'AB' holds one byte and four spare bits, which must be zero: 'AB' is not the canonical 'AA'.
    expect(fromBase64url('AA')).toEqual(new Uint8Array([0]));
    expect(fromBase64url('AB')).toBeNull();
    expect(fromBase64url('AAA=')).toBeNull();
    expect(fromBase64url('A')).toBeNull();
  });
});

describe('license keys', () => {
  it('round-trip: a signed key verifies and gives back its payload and kid', async () => {
    const key = await signLicenseKey(payload, current.signingKey);
    expect(key).toMatch(/^TG1\.k2026b\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(await verifyLicenseKey(key, keySet)).toEqual({ ok: true, kid: 'k2026b', payload });
    expect(await verifyLicenseKey(`  ${key}\n`, keySet)).toMatchObject({ ok: true });
  });

  it('signs with a key imported from its stored PKCS#8 or JWK form alike', async () => {
    const fromPkcs8 = await importSigningKey('k2026b', { pkcs8: current.pkcs8 });
    expect(await verifyLicenseKey(await signLicenseKey(payload, fromPkcs8), keySet)).toMatchObject({
      ok: true,
    });
  });

  it('signs with a private JWK, and with a CryptoKey straight from Web Crypto', async () => {
    const generated: unknown = await crypto.subtle.generateKey('Ed25519', true, ['sign', 'verify']);
    const pair = generated as { privateKey: CryptoKeyHandle & Parameters<typeof crypto.subtle.exportKey>[1] };
    const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as { x: string; d: string };
    const published: KeySet = {
      keys: [{ kid: 'kj', kty: 'OKP', crv: 'Ed25519', x: jwk.x, status: 'active' }],
    };
    const fromJwk = await importSigningKey('kj', { jwk: { kty: 'OKP', crv: 'Ed25519', x: jwk.x, d: jwk.d } });
    expect(await verifyLicenseKey(await signLicenseKey(payload, fromJwk), published)).toMatchObject({
      ok: true,
    });
    const direct = { kid: 'kj', privateKey: pair.privateKey };
    expect(await verifyLicenseKey(await signLicenseKey(payload, direct), published)).toMatchObject({
      ok: true,
    });
  });

  it('refuses any changed character with a reason', async () => {
    const key = await signLicenseKey(payload, current.signingKey);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.';
    await fc.assert(
      fc.asyncProperty(fc.nat(key.length - 1), fc.constantFrom(...alphabet), async (at, char) => {
        fc.pre(key[at] !== char);
        const changed = key.slice(0, at) + char + key.slice(at + 1);
        const result = await verifyLicenseKey(changed, keySet);
        expect(result.ok).toBe(false);
      }),
      { numRuns: 200 },
    );
  });

  it('names why: malformed, unknown key, bad signature', async () => {
    const key = await signLicenseKey(payload, current.signingKey);
    const [prefix, kid, body, sig] = key.split('.') as [string, string, string, string];
    const otherBody = toBase64url(
      new TextEncoder().encode(JSON.stringify({ v: 1, lic: 'lic_X', ten: 'ten_acme', iat: NOW })),
    );
    expect(await verifyLicenseKey('not a key', keySet)).toEqual({ ok: false, reason: 'MALFORMED' });
    expect(await verifyLicenseKey(`${prefix}.${kid}.${body}`, keySet)).toEqual({
      ok: false,
      reason: 'MALFORMED',
    });
    expect(await verifyLicenseKey(`${prefix}.k9.${body}.${sig}`, keySet)).toEqual({
      ok: false,
      reason: 'UNKNOWN_KEY',
    });
    expect(await verifyLicenseKey(`${prefix}.${kid}.${otherBody}.${sig}`, keySet)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    // The kid is signed: the same signature under another (published) kid does not verify.
    expect(await verifyLicenseKey(`${prefix}.k2026a.${body}.${sig}`, keySet)).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(parseLicenseKey('TG1.k.' + 'A'.repeat(600) + '.x')).toBeNull();
  });
});

describe('rotation', () => {
  it('a retired key verifies keys issued before its retirement, and refuses later ones', async () => {
    const before = await signLicenseKey({ ...payload, issuedAt: NOW - 1 }, older.signingKey);
    const after = await signLicenseKey({ ...payload, issuedAt: NOW }, older.signingKey);
    expect(await verifyLicenseKey(before, keySet)).toMatchObject({ ok: true, kid: 'k2026a' });
    expect(await verifyLicenseKey(after, keySet)).toEqual({ ok: false, reason: 'RETIRED_KEY' });
  });

  it('a retired key without a retirement time verifies nothing; a removed key is unknown', async () => {
    const before = await signLicenseKey({ ...payload, issuedAt: NOW - 1 }, older.signingKey);
    const undated: KeySet = { keys: [{ ...older.publicKey, status: 'retired' }, current.publicKey] };
    expect(await verifyLicenseKey(before, undated)).toEqual({ ok: false, reason: 'RETIRED_KEY' });
    expect(await verifyLicenseKey(before, { keys: [current.publicKey] })).toEqual({
      ok: false,
      reason: 'UNKNOWN_KEY',
    });
  });

  it('a key set entry with another key under the same kid does not verify', async () => {
    const key = await signLicenseKey(payload, current.signingKey);
    const swapped: KeySet = { keys: [{ ...current.publicKey, x: older.publicKey.x }] };
    expect(await verifyLicenseKey(key, swapped)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    const broken: KeySet = { keys: [{ ...current.publicKey, x: 'AAAA' }] };
    expect(await verifyLicenseKey(key, broken)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('refuses to make a key under an id that would break the format', async () => {
    await expect(generateSigningKey('k.1')).rejects.toThrow(/not a key id/);
  });
});

describe('parseKeySet', () => {
  it('keeps well-formed Ed25519 entries of a fetched set and leaves the rest out', () => {
    const fetched = JSON.parse(JSON.stringify(keySet)) as { keys: unknown[] };
    fetched.keys.push(
      { kid: 'rsa', kty: 'RSA', n: 'x', e: 'AQAB', status: 'active' },
      { ...current.publicKey, kid: 'short', x: 'AAAA' },
      { ...current.publicKey, kid: 'odd', status: 'revoked' },
      { ...older.publicKey, kid: 'undated', status: 'retired', retiredAt: 'yesterday' },
      null,
    );
    expect(parseKeySet(fetched)).toEqual({
      keys: [...keySet.keys, { ...older.publicKey, kid: 'undated', status: 'retired' }],
    });
    expect(parseKeySet({ keys: 'all' })).toBeNull();
    expect(parseKeySet(null)).toBeNull();
  });
});
