import { beforeAll, describe, expect, it } from 'vitest';
import { armor, dearmor } from './armor';
import { checkActivationProof, readActivationRequest, writeActivationRequest } from './activation';
import { jsonBytes, parseJsonBytes } from './encoding';
import { generateSigningKey } from './keys';
import { NOW } from './licensing.test-kit';
import { signLicenseKey } from './signing';

let licenseKey: string;
let otherKey: string;
beforeAll(async () => {
  const { signingKey } = await generateSigningKey('k1');
  licenseKey = await signLicenseKey({ licenseId: 'lic_7', tenantId: 'ten_a', issuedAt: NOW }, signingKey);
  otherKey = await signLicenseKey({ licenseId: 'lic_7', tenantId: 'ten_a', issuedAt: NOW + 1 }, signingKey);
});

const machine = { fingerprint: 'a1b2c3', name: 'Exam room PC', platform: 'linux-x64', createdAt: NOW };

describe('activation requests', () => {
  it('round-trip: the request names the license, not its key, and proves the key is held', async () => {
    const text = await writeActivationRequest({ licenseKey, ...machine });
    expect(text).toMatch(/^-----BEGIN TOLLGATE ACTIVATION REQUEST-----\n/);
    expect(text).not.toContain(licenseKey.split('.')[3]);
    const read = readActivationRequest(text);
    if (!read.ok) throw new Error(read.detail);
    expect(read.request).toMatchObject({ licenseId: 'lic_7', ...machine });
    expect(read.request.nonce).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(await checkActivationProof(read.request, licenseKey)).toBe(true);
    expect(await checkActivationProof(read.request, otherKey)).toBe(false);
  });

  it('two requests from one machine differ by their nonce', async () => {
    const [a, b] = await Promise.all([1, 2].map(() => writeActivationRequest({ licenseKey, ...machine })));
    expect(a).not.toBe(b);
  });

  it('a changed field no longer matches its proof', async () => {
    const text = await writeActivationRequest({ licenseKey, ...machine });
    const fields = parseJsonBytes((dearmor(text) as { bytes: Uint8Array }).bytes) as Record<string, unknown>;
    for (const change of [
      { fingerprint: 'zzz' },
      { licenseId: 'lic_8' },
      { createdAt: NOW + 1 },
      { nonce: 'AAAA' },
    ]) {
      const read = readActivationRequest(armor('activation', jsonBytes({ ...fields, ...change })));
      if (!read.ok) throw new Error(read.detail);
      expect(await checkActivationProof(read.request, licenseKey), JSON.stringify(change)).toBe(false);
    }
  });

  it('refuses a 1 MB fingerprint, a missing field, another kind of file and a bad key', async () => {
    await expect(
      writeActivationRequest({ licenseKey, ...machine, fingerprint: 'f'.repeat(300) }),
    ).rejects.toThrow(/fingerprint/);
    await expect(writeActivationRequest({ licenseKey: 'nope', ...machine })).rejects.toThrow(/license key/);
    const huge = armor(
      'activation',
      jsonBytes({
        v: 1,
        ...machine,
        licenseId: 'l',
        nonce: 'n',
        proof: 'p',
        fingerprint: 'f'.repeat(500_000),
      }),
    );
    expect(readActivationRequest(huge)).toEqual({
      ok: false,
      detail: 'the fingerprint must be 1–256 characters',
    });
    const missing = armor('activation', jsonBytes({ v: 1, ...machine }));
    expect(readActivationRequest(missing)).toEqual({
      ok: false,
      detail: 'the activation request is missing fields',
    });
    expect(readActivationRequest(armor('license', jsonBytes({})))).toMatchObject({ ok: false });
  });
});
