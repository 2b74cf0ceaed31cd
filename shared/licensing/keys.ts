import {
  BASE64URL,
  fromBase64url,
  isRecord,
  subtle,
  toBase64url,
  type CryptoKeyHandle,
  type OkpJwk,
} from './encoding';

/**
 * Signing keys and the published key set (docs/licensing.md, "Keys and rotation"). Ed25519
 * through Web Crypto. Each key has an id (kid) that every signed thing names, so keys rotate:
 * the newest active key signs; a retired key still verifies what was issued (signed `issuedAt`)
 * before its `retiredAt`, so license keys and offline files handed out earlier keep working;
 * anything it signed at or after retirement is refused (RETIRED_KEY). A key that may have leaked
 * is removed from the set instead: what it signed is then refused as UNKNOWN_KEY.
 */

/** A kid: letters, digits, '_' and '-' (never '.', the license key's separator), at most 32. */
export const KID_PATTERN = /^[A-Za-z0-9_-]{1,32}$/;

/** One public key as published (a JWK of RFC 8037 plus Tollgate's status). */
export interface PublicKeyEntry {
  kid: string;
  kty: 'OKP';
  crv: 'Ed25519';
  /** The 32-byte public key, base64url. */
  x: string;
  status: 'active' | 'retired';
  /** When it stopped signing, epoch ms; a retired key without it verifies nothing. */
  retiredAt?: number;
}

/** The set an app embeds or fetches (`GET /api/v1/licensing/keys`), JWKS-shaped. */
export interface KeySet {
  keys: readonly PublicKeyEntry[];
}

/**
 * A key set read from untrusted JSON (an app refreshing it from the endpoint): the entries that
 * are well-formed Ed25519 keys, the others left out; null when it is not a key set at all.
 */
export function parseKeySet(value: unknown): KeySet | null {
  if (!isRecord(value) || !Array.isArray(value.keys)) return null;
  const keys = value.keys.flatMap((entry: unknown): PublicKeyEntry[] => {
    if (!isRecord(entry) || entry.kty !== 'OKP' || entry.crv !== 'Ed25519') return [];
    const { kid, x, status, retiredAt } = entry;
    if (typeof kid !== 'string' || !KID_PATTERN.test(kid)) return [];
    if (typeof x !== 'string' || x.length !== 43 || !BASE64URL.test(x)) return [];
    if (status === 'active') return [{ kid, kty: 'OKP', crv: 'Ed25519', x, status }];
    if (status !== 'retired') return [];
    const when = Number.isSafeInteger(retiredAt) ? { retiredAt: retiredAt as number } : {};
    return [{ kid, kty: 'OKP', crv: 'Ed25519', x, status, ...when }];
  });
  return { keys };
}

/** A private key ready to sign, with the id it signs under. */
export interface SigningKey {
  kid: string;
  privateKey: CryptoKeyHandle;
}

export type KeyRefusal = 'UNKNOWN_KEY' | 'RETIRED_KEY' | 'BAD_SIGNATURE';

const ED25519 = { name: 'Ed25519' };

function assertKid(kid: string): void {
  if (!KID_PATTERN.test(kid)) throw new Error(`"${kid}" is not a key id: 1–32 of A–Z a–z 0–9 _ -`);
}

/** A new key pair: the signing key, its public entry (active) and its PKCS#8 form to store sealed. */
export async function generateSigningKey(
  kid: string,
): Promise<{ signingKey: SigningKey; publicKey: PublicKeyEntry; pkcs8: string }> {
  assertKid(kid);
  const pair = await subtle().generateKey(ED25519, true, ['sign', 'verify']);
  const jwk = await subtle().exportKey('jwk', pair.publicKey);
  const pkcs8 = new Uint8Array(await subtle().exportKey('pkcs8', pair.privateKey));
  return {
    signingKey: { kid, privateKey: pair.privateKey },
    publicKey: { kid, kty: 'OKP', crv: 'Ed25519', x: jwk.x, status: 'active' },
    pkcs8: toBase64url(pkcs8),
  };
}

/** A signing key from a stored private key: PKCS#8 (bytes or base64url) or a JWK with `d`. */
export async function importSigningKey(
  kid: string,
  material: { pkcs8: Uint8Array | string } | { jwk: OkpJwk },
): Promise<SigningKey> {
  assertKid(kid);
  if ('jwk' in material) {
    const privateKey = await subtle().importKey('jwk', material.jwk, ED25519, false, ['sign']);
    return { kid, privateKey };
  }
  const bytes = typeof material.pkcs8 === 'string' ? fromBase64url(material.pkcs8) : material.pkcs8;
  if (!bytes) throw new Error('the PKCS#8 key is not base64url');
  return { kid, privateKey: await subtle().importKey('pkcs8', bytes, ED25519, false, ['sign']) };
}

export async function signBytes(key: SigningKey, data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await subtle().sign(ED25519, key.privateKey, data));
}

/** Imported public keys, by kid and key, so a verification costs one `verify`, not an import too. */
const imported = new Map<string, Promise<CryptoKeyHandle>>();
const MAX_IMPORTED = 64;

function publicKeyOf(entry: PublicKeyEntry): Promise<CryptoKeyHandle> {
  const cacheKey = `${entry.kid}:${entry.x}`;
  let key = imported.get(cacheKey);
  if (!key) {
    if (imported.size >= MAX_IMPORTED) imported.clear();
    const jwk: OkpJwk = { kty: 'OKP', crv: 'Ed25519', x: entry.x };
    key = subtle().importKey('jwk', jwk, ED25519, false, ['verify']);
    imported.set(cacheKey, key);
    key.catch(() => imported.delete(cacheKey));
  }
  return key;
}

/** Whether a key may vouch for something it signed at `issuedAt` (the rotation rule above). */
export function keyCovers(entry: PublicKeyEntry, issuedAt: number): boolean {
  if (entry.status === 'active') return true;
  return entry.retiredAt !== undefined && issuedAt < entry.retiredAt;
}

/**
 * Checks a signature made under `kid` against the set. The key's rotation status is the caller's
 * next step (`keyCovers`), with the issue time it reads from the bytes once they are trusted.
 */
export async function verifyBytes(
  keySet: KeySet,
  kid: string,
  data: Uint8Array,
  signature: Uint8Array,
): Promise<{ ok: true; entry: PublicKeyEntry } | { ok: false; reason: KeyRefusal }> {
  const entry = keySet.keys.find((k) => k.kid === kid && k.kty === 'OKP' && k.crv === 'Ed25519');
  if (!entry) return { ok: false, reason: 'UNKNOWN_KEY' };
  if (signature.length !== 64) return { ok: false, reason: 'BAD_SIGNATURE' };
  let good: boolean;
  try {
    good = await subtle().verify(ED25519, await publicKeyOf(entry), signature, data);
  } catch {
    // A published `x` that is not a valid Ed25519 key: nothing can be signed under it.
    return { ok: false, reason: 'BAD_SIGNATURE' };
  }
  return good ? { ok: true, entry } : { ok: false, reason: 'BAD_SIGNATURE' };
}
