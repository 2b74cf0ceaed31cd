/**
 * The little the licensing code needs from its runtime: Web Crypto, TextEncoder/TextDecoder and
 * base64url. Node 20+ and every current browser expose all three on globalThis; shared/ may not
 * name either runtime (tsconfig.shared.json has no DOM or Node types), so the shapes used are
 * declared here, narrowly. No atob/btoa: they work on "binary strings" and differ in what they
 * accept; the codec below is strict and the same everywhere.
 */

/** A key as Web Crypto hands it out: opaque here, passed back to `subtle` unchanged. */
export interface CryptoKeyHandle {
  readonly type: string;
  readonly algorithm: unknown;
}

/** The JWK members Ed25519 keys use (RFC 8037). */
export interface OkpJwk {
  kty: 'OKP';
  crv: 'Ed25519';
  x: string;
  d?: string;
}

type Bytes = Uint8Array;
type Algorithm = string | { name: string; [member: string]: unknown };

export interface SubtleLike {
  importKey(
    format: 'raw' | 'pkcs8' | 'spki' | 'jwk',
    key: Bytes | OkpJwk,
    algorithm: Algorithm,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyHandle>;
  exportKey(format: 'jwk', key: CryptoKeyHandle): Promise<OkpJwk>;
  exportKey(format: 'pkcs8' | 'raw', key: CryptoKeyHandle): Promise<ArrayBuffer>;
  generateKey(
    algorithm: Algorithm,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<{ publicKey: CryptoKeyHandle; privateKey: CryptoKeyHandle }>;
  sign(algorithm: Algorithm, key: CryptoKeyHandle, data: Bytes): Promise<ArrayBuffer>;
  verify(algorithm: Algorithm, key: CryptoKeyHandle, signature: Bytes, data: Bytes): Promise<boolean>;
  encrypt(algorithm: Algorithm, key: CryptoKeyHandle, data: Bytes): Promise<ArrayBuffer>;
  decrypt(algorithm: Algorithm, key: CryptoKeyHandle, data: Bytes): Promise<ArrayBuffer>;
  deriveKey(
    algorithm: Algorithm,
    baseKey: CryptoKeyHandle,
    derivedKeyType: Algorithm,
    extractable: boolean,
    usages: readonly string[],
  ): Promise<CryptoKeyHandle>;
}

const runtime = globalThis as unknown as {
  crypto: { subtle: SubtleLike; getRandomValues<T extends Bytes>(array: T): T };
  TextEncoder: new () => { encode(text: string): Bytes };
  TextDecoder: new (label: string, options: { fatal: boolean }) => { decode(bytes: Bytes): string };
};

/** Web Crypto's `subtle`, looked up when used so a missing one fails with a message, not at import. */
export function subtle(): SubtleLike {
  const found = runtime.crypto?.subtle;
  if (!found) throw new Error('Tollgate licensing needs Web Crypto (globalThis.crypto.subtle)');
  return found;
}

export function randomBytes(length: number): Bytes {
  return runtime.crypto.getRandomValues(new Uint8Array(length));
}

const encoder = new runtime.TextEncoder();
const decoder = new runtime.TextDecoder('utf-8', { fatal: true });

export function utf8(text: string): Bytes {
  return encoder.encode(text);
}

/** UTF-8 bytes to text; invalid UTF-8 throws rather than turning into U+FFFD. */
export function fromUtf8(bytes: Bytes): string {
  return decoder.decode(bytes);
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** Each character code's 6-bit value, -1 for a character outside the alphabet (a table: this is the hot loop). */
const VALUES = new Int8Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) VALUES[ALPHABET.charCodeAt(i)] = i;
export const BASE64URL = /^[A-Za-z0-9_-]*$/;

/** base64url without padding (RFC 4648 §5). */
export function toBase64url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) out += ALPHABET[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

/**
 * Strict base64url: no padding, no other characters, and the unused low bits of the last
 * character must be zero, so every byte string has exactly one text form (a changed character
 * always changes the bytes, which the tamper tests rely on). Null when the text is not one.
 */
export function fromBase64url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    const value = code < 128 ? (VALUES[code] as number) : -1;
    if (value < 0) return null;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[index++] = (buffer >> bits) & 0xff;
    }
  }
  if ((buffer & ((1 << bits) - 1)) !== 0) return null;
  return out;
}

/** The bytes of a JSON value, and back; `parseJsonBytes` answers null for anything but valid UTF-8 JSON. */
export function jsonBytes(value: unknown): Bytes {
  return utf8(JSON.stringify(value));
}

export function parseJsonBytes(bytes: Bytes): unknown {
  try {
    return JSON.parse(fromUtf8(bytes)) as unknown;
  } catch {
    return null;
  }
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
