import { armor } from './armor';
import { jsonBytes, randomBytes, subtle, toBase64url, utf8, type CryptoKeyHandle } from './encoding';
import { signBytes, type SigningKey } from './keys';
import type { Policy } from './policy';

/**
 * Offline license files and machine files (docs/licensing.md, "License files"). Inside the
 * armor is an envelope, `{"enc","sig","alg","kid"}`:
 *   enc  base64url of the content JSON, or (encrypted) of iv ‖ AES-256-GCM ciphertext ‖ tag
 *   sig  Ed25519 over the ASCII text `<kind>.<alg>.<kid>.<enc>`: the kind, algorithm and key id
 *        are signed with the content, so none can be changed or a license file passed as a
 *        machine file. Encrypt-then-sign: a changed byte is refused before any decryption.
 *   alg  'ed25519' or 'aes-256-gcm+ed25519'
 * The encryption key is HKDF-SHA256 over the license key (salt: the machine's fingerprint for a
 * machine file, empty for a license file), so a machine file opens only on its machine with its key.
 */

export type FileKind = 'license' | 'machine';
export const FILE_ALGORITHMS = ['ed25519', 'aes-256-gcm+ed25519'] as const;
export type FileAlgorithm = (typeof FILE_ALGORITHMS)[number];

/** The account's published white-label branding, signed into its files so an app can show it. */
export interface Branding {
  productName: string;
  /** CSS hex colours, e.g. '#1f6feb'. */
  colors: { primary: string; accent: string; background: string; text: string };
  /** A logo by URL or as a data: URL (PNG or sanitized SVG); null for none. */
  logo: { url: string } | { dataUrl: string } | null;
  customDomain: string | null;
}

export interface FileLicense {
  id: string;
  tenantId: string;
  customerId: string;
  name: string;
  productId: string;
  /** null: does not expire. */
  expiresAt: number | null;
  entitlements: string[];
}

/** The machine a machine file is bound to. */
export interface FileMachine {
  id: string;
  fingerprint: string;
  name: string;
  platform: string;
}

/** What a file says; the policy carries the limits (machines, users, usage per metric). */
export interface FileContent {
  version: 1;
  kind: FileKind;
  issuedAt: number;
  /** The file is good for this long after `issuedAt`; null: until the license expires. */
  ttlSeconds: number | null;
  license: FileLicense;
  policy: Policy;
  branding: Branding;
  /** Set in a machine file, null in a license file. */
  machine: FileMachine | null;
}

export interface Envelope {
  enc: string;
  sig: string;
  alg: FileAlgorithm;
  kid: string;
}

export const IV_BYTES = 12;

export function signingInput(kind: FileKind, alg: string, kid: string, enc: string): Uint8Array {
  return utf8(`${kind}.${alg}.${kid}.${enc}`);
}

/**
 * Derived keys, by kind, use, license key and fingerprint: an app checks the same file again and
 * again, and deriving costs more than the rest of a verification. Bounded; the license key they
 * come from is in the app's memory anyway.
 */
const derived = new Map<string, Promise<CryptoKeyHandle>>();
const MAX_DERIVED = 16;

/** The AES-256-GCM key of a file: HKDF-SHA256 over the license key, salted with the fingerprint. */
export function fileKey(
  kind: FileKind,
  licenseKey: string,
  fingerprint: string | null,
  usage: 'encrypt' | 'decrypt',
): Promise<CryptoKeyHandle> {
  const salt = kind === 'machine' ? (fingerprint ?? '') : '';
  const cacheKey = JSON.stringify([kind, usage, licenseKey.trim(), salt]);
  let key = derived.get(cacheKey);
  if (!key) {
    if (derived.size >= MAX_DERIVED) derived.clear();
    key = deriveFileKey(kind, licenseKey.trim(), salt, usage);
    derived.set(cacheKey, key);
    key.catch(() => derived.delete(cacheKey));
  }
  return key;
}

async function deriveFileKey(kind: FileKind, licenseKey: string, salt: string, usage: 'encrypt' | 'decrypt') {
  const base = await subtle().importKey('raw', utf8(licenseKey), 'HKDF', false, ['deriveKey']);
  const hkdf = { name: 'HKDF', hash: 'SHA-256', salt: utf8(salt), info: utf8(`tollgate ${kind} file v1`) };
  return subtle().deriveKey(hkdf, base, { name: 'AES-GCM', length: 256 }, false, [usage]);
}

/** Additional data of the encryption: the kind and key id, bound to the ciphertext as well. */
export const additionalData = (kind: FileKind, kid: string) => utf8(`${kind}.${kid}`);

async function encrypt(content: FileContent, kid: string, licenseKey: string): Promise<Uint8Array> {
  const key = await fileKey(content.kind, licenseKey, content.machine?.fingerprint ?? null, 'encrypt');
  const iv = randomBytes(IV_BYTES);
  const params = { name: 'AES-GCM', iv, additionalData: additionalData(content.kind, kid) };
  const sealed = new Uint8Array(await subtle().encrypt(params, key, jsonBytes(content)));
  const out = new Uint8Array(IV_BYTES + sealed.length);
  out.set(iv);
  out.set(sealed, IV_BYTES);
  return out;
}

function assertIssuable(content: FileContent): void {
  if ((content.kind === 'machine') !== (content.machine !== null)) {
    throw new Error('a machine file names its machine, and only a machine file does');
  }
  if (content.ttlSeconds !== null && !(Number.isSafeInteger(content.ttlSeconds) && content.ttlSeconds > 0)) {
    throw new Error('ttlSeconds must be a whole number of seconds > 0, or null');
  }
}

/**
 * A signed license or machine file as text. With `encryptWith` (the license key) the content
 * is encrypted, so the file reveals nothing without the key (and, for a machine file, the fingerprint).
 */
export async function issueFile(
  content: FileContent,
  key: SigningKey,
  options: { encryptWith?: string } = {},
): Promise<string> {
  assertIssuable(content);
  const alg: FileAlgorithm = options.encryptWith === undefined ? 'ed25519' : 'aes-256-gcm+ed25519';
  const data =
    options.encryptWith === undefined
      ? jsonBytes(content)
      : await encrypt(content, key.kid, options.encryptWith);
  const enc = toBase64url(data);
  const sig = toBase64url(await signBytes(key, signingInput(content.kind, alg, key.kid, enc)));
  const envelope: Envelope = { enc, sig, alg, kid: key.kid };
  return armor(content.kind, jsonBytes(envelope));
}
