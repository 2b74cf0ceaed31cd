import { beforeAll, describe, expect, it } from 'vitest';
import { dearmor } from './armor';
import { issueFile } from './files';
import { generateSigningKey, type KeySet, type SigningKey } from './keys';
import { fileContent, HOUR_MS, machineFileContent, NOW } from './licensing.test-kit';
import { CLOCK_SKEW_MS, verifyFile } from './verifier';

const LICENSE_KEY = 'TG1.k1.eyJ2IjoxfQ.c2ln';

let signer: SigningKey;
let retired: SigningKey;
let keySet: KeySet;

beforeAll(async () => {
  const current = await generateSigningKey('k1');
  const old = await generateSigningKey('k0');
  signer = current.signingKey;
  retired = old.signingKey;
  keySet = {
    keys: [current.publicKey, { ...old.publicKey, status: 'retired', retiredAt: NOW - 10 * HOUR_MS }],
  };
});

describe('verifyFile, round trips', () => {
  it('a license file verifies and gives back what was signed', async () => {
    const content = fileContent();
    const text = await issueFile(content, signer);
    expect(text).toMatch(
      /^-----BEGIN TOLLGATE LICENSE FILE-----\n([A-Za-z0-9_-]{1,64}\n)+-----END TOLLGATE LICENSE FILE-----\n$/,
    );
    expect(await verifyFile(text, { keySet, now: NOW })).toEqual({
      ok: true,
      kind: 'license',
      kid: 'k1',
      issuedAt: content.issuedAt,
      validUntil: content.issuedAt + 24 * HOUR_MS,
      licenseExpired: false,
      license: content.license,
      policy: content.policy,
      branding: content.branding,
      machine: null,
    });
  });

  it('an encrypted machine file opens with the license key on its own machine', async () => {
    const text = await issueFile(machineFileContent('fp-7'), signer, { encryptWith: LICENSE_KEY });
    expect(text).not.toContain('Northwind');
    const result = await verifyFile(text, { keySet, now: NOW, licenseKey: LICENSE_KEY, fingerprint: 'fp-7' });
    expect(result).toMatchObject({ ok: true, kind: 'machine', machine: { fingerprint: 'fp-7' } });
  });

  it('reads a file pasted with Windows line ends, indentation and text around it', async () => {
    const text = await issueFile(fileContent(), signer);
    const pasted = `Your license file:\r\n\r\n${text.replace(/\n/g, '\r\n    ')}\r\nThanks!`;
    expect(await verifyFile(pasted, { keySet, now: NOW })).toMatchObject({ ok: true });
  });
});

describe('verifyFile, each refusal with its reason', () => {
  const reasonOf = async (text: string, options: Partial<Parameters<typeof verifyFile>[1]> = {}) => {
    const result = await verifyFile(text, { keySet, now: NOW, ...options });
    return result.ok ? 'ok' : result.reason;
  };

  it('MALFORMED: not a file, two files, an activation request, the other kind when one is expected', async () => {
    const text = await issueFile(fileContent(), signer);
    expect(await reasonOf('hello')).toBe('MALFORMED');
    expect(await reasonOf(text + text)).toBe('MALFORMED');
    expect(await reasonOf(text.replace('END TOLLGATE LICENSE', 'END TOLLGATE MACHINE'))).toBe('MALFORMED');
    expect(await reasonOf(text, { expect: 'machine' })).toBe('MALFORMED');
    expect(await reasonOf('x'.repeat(1_000_001))).toBe('MALFORMED');
    // Signed, but a date no clock can show: refused, never thrown.
    const license = { ...fileContent().license, expiresAt: 9_000_000_000_000_000 };
    expect(await reasonOf(await issueFile(fileContent({ license }), signer))).toBe('MALFORMED');
  });

  it('BAD_SIGNATURE: a license file relabelled as a machine file', async () => {
    const text = await issueFile(machineFileContent(), signer);
    const relabelled = text.replace(/MACHINE FILE/g, 'LICENSE FILE');
    expect(await reasonOf(relabelled, { fingerprint: 'fp-0' })).toBe('BAD_SIGNATURE');
  });

  it('UNKNOWN_KEY and RETIRED_KEY', async () => {
    const text = await issueFile(fileContent(), signer);
    expect(await reasonOf(text, { keySet: { keys: [] } })).toBe('UNKNOWN_KEY');
    const afterRetirement = await issueFile(fileContent(), retired);
    expect(await reasonOf(afterRetirement)).toBe('RETIRED_KEY');
    const beforeRetirement = await issueFile(fileContent({ issuedAt: NOW - 11 * HOUR_MS }), retired);
    expect(await reasonOf(beforeRetirement)).toBe('ok');
  });

  it('EXPIRED: past the file TTL, or past the license expiry unless the policy keeps access', async () => {
    const text = await issueFile(fileContent(), signer);
    expect(await reasonOf(text, { now: NOW + 23 * HOUR_MS - 1 })).toBe('ok');
    expect(await reasonOf(text, { now: NOW + 23 * HOUR_MS })).toBe('EXPIRED');
    const license = { ...fileContent().license, expiresAt: NOW - 1 };
    expect(await reasonOf(await issueFile(fileContent({ license }), signer))).toBe('EXPIRED');
    const maintained = fileContent({
      license,
      policy: { ...fileContent().policy, expirationStrategy: 'MAINTAIN' },
    });
    const result = await verifyFile(await issueFile(maintained, signer), { keySet, now: NOW });
    expect(result).toMatchObject({ ok: true, licenseExpired: true });
    const forever = await issueFile(
      fileContent({ ttlSeconds: null, license: { ...license, expiresAt: null } }),
      signer,
    );
    expect(await reasonOf(forever, { now: NOW + 10_000 * 24 * HOUR_MS })).toBe('ok');
  });

  it('NOT_YET_VALID: a file issued further ahead than clocks drift', async () => {
    const ahead = await issueFile(fileContent({ issuedAt: NOW + CLOCK_SKEW_MS + 1 }), signer);
    expect(await reasonOf(ahead)).toBe('NOT_YET_VALID');
    const drift = await issueFile(fileContent({ issuedAt: NOW + CLOCK_SKEW_MS }), signer);
    expect(await reasonOf(drift)).toBe('ok');
  });

  it('FINGERPRINT_MISMATCH: a machine file for another machine, or without a fingerprint', async () => {
    const text = await issueFile(machineFileContent('fp-0'), signer);
    expect(await reasonOf(text, { fingerprint: 'fp-0' })).toBe('ok');
    expect(await reasonOf(text, { fingerprint: 'fp-1' })).toBe('FINGERPRINT_MISMATCH');
    expect(await reasonOf(text)).toBe('FINGERPRINT_MISMATCH');
  });

  it('DECRYPTION_FAILED: no key, the wrong key, or (encrypted) another machine', async () => {
    const license = await issueFile(fileContent(), signer, { encryptWith: LICENSE_KEY });
    expect(await reasonOf(license)).toBe('DECRYPTION_FAILED');
    expect(await reasonOf(license, { licenseKey: `${LICENSE_KEY}x` })).toBe('DECRYPTION_FAILED');
    expect(await reasonOf(license, { licenseKey: LICENSE_KEY })).toBe('ok');
    const machine = await issueFile(machineFileContent('fp-0'), signer, { encryptWith: LICENSE_KEY });
    expect(await reasonOf(machine, { licenseKey: LICENSE_KEY, fingerprint: 'fp-1' })).toBe(
      'DECRYPTION_FAILED',
    );
    expect(await reasonOf(machine, { licenseKey: LICENSE_KEY })).toBe('DECRYPTION_FAILED');
  });
});

describe('issueFile refuses what it cannot sign soundly', () => {
  it('a machine file without its machine, a license file with one, a TTL that is not whole seconds', async () => {
    await expect(issueFile(fileContent({ kind: 'machine' }), signer)).rejects.toThrow(/names its machine/);
    await expect(issueFile({ ...machineFileContent(), kind: 'license' }, signer)).rejects.toThrow(
      /names its machine/,
    );
    await expect(issueFile(fileContent({ ttlSeconds: 0.5 }), signer)).rejects.toThrow(/ttlSeconds/);
  });

  it('dearmor gives back exactly the bytes armored', async () => {
    const text = await issueFile(fileContent(), signer);
    const block = dearmor(text);
    expect(block?.kind).toBe('license');
    expect(JSON.parse(new TextDecoder().decode(block?.bytes))).toMatchObject({ alg: 'ed25519', kid: 'k1' });
  });
});
