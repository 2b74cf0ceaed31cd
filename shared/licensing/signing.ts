import { fromBase64url, isRecord, jsonBytes, parseJsonBytes, toBase64url, utf8 } from './encoding';
import {
  keyCovers,
  KID_PATTERN,
  signBytes,
  verifyBytes,
  type KeySet,
  type KeyRefusal,
  type SigningKey,
} from './keys';

/**
 * License keys (docs/licensing.md, "License keys"):
 *
 *   TG1.<kid>.<base64url(payload JSON)>.<base64url(Ed25519 signature)>
 *
 * The signature covers the ASCII text `TG1.<kid>.<payload>`, so neither the version nor the kid
 * can be swapped. Dots never occur in base64url or a kid, so the key splits unambiguously, and
 * the whole key is one token of URL-safe characters: it survives copy and paste, query strings
 * and HTTP headers. The payload names the license and when the key was issued; it carries no
 * expiry, entitlements or limits, which change with renewals and plan changes while the key a
 * customer typed in stays the same.
 */

export const LICENSE_KEY_PREFIX = 'TG1';
/** Longer input is refused before any parsing. */
export const MAX_LICENSE_KEY_LENGTH = 512;

export interface LicenseKeyPayload {
  licenseId: string;
  tenantId: string;
  /** Epoch ms; decides which keys may vouch for it after a rotation. */
  issuedAt: number;
}

export interface ParsedLicenseKey {
  kid: string;
  payload: LicenseKeyPayload;
  signingInput: Uint8Array;
  signature: Uint8Array;
}

export type LicenseKeyCheck =
  { ok: true; kid: string; payload: LicenseKeyPayload } | { ok: false; reason: 'MALFORMED' | KeyRefusal };

/** Signs a new license key for `payload` under `key`. */
export async function signLicenseKey(payload: LicenseKeyPayload, key: SigningKey): Promise<string> {
  const body = toBase64url(
    jsonBytes({ v: 1, lic: payload.licenseId, ten: payload.tenantId, iat: payload.issuedAt }),
  );
  const signingInput = `${LICENSE_KEY_PREFIX}.${key.kid}.${body}`;
  return `${signingInput}.${toBase64url(await signBytes(key, utf8(signingInput)))}`;
}

function payloadOf(value: unknown): LicenseKeyPayload | null {
  if (!isRecord(value) || value.v !== 1) return null;
  const { lic, ten, iat } = value;
  if (typeof lic !== 'string' || typeof ten !== 'string' || !Number.isSafeInteger(iat)) return null;
  return { licenseId: lic, tenantId: ten, issuedAt: iat as number };
}

/**
 * A license key's shape (prefix, key id, base64url payload, a 64-byte signature), without
 * decoding it: what the API checks on every call. Decoding and parsing the payload costs more
 * than the rest of a validation, and a key that has the shape but no license (its hash found
 * nothing) is NOT_FOUND either way.
 */
const LICENSE_KEY_SHAPE = new RegExp(
  `^${LICENSE_KEY_PREFIX}\\.[A-Za-z0-9_-]{1,32}\\.[A-Za-z0-9_-]{2,${MAX_LICENSE_KEY_LENGTH}}\\.[A-Za-z0-9_-]{86}$`,
);

export function looksLikeLicenseKey(text: string): boolean {
  return text.length <= MAX_LICENSE_KEY_LENGTH && LICENSE_KEY_SHAPE.test(text.trim());
}

/** The parts of a license key, without checking its signature; null when it is not one. */
export function parseLicenseKey(text: string): ParsedLicenseKey | null {
  const key = text.trim();
  if (key.length > MAX_LICENSE_KEY_LENGTH) return null;
  const parts = key.split('.');
  if (parts.length !== 4) return null;
  const [prefix, kid, body, sig] = parts as [string, string, string, string];
  if (prefix !== LICENSE_KEY_PREFIX || !KID_PATTERN.test(kid)) return null;
  const payloadBytes = fromBase64url(body);
  const signature = fromBase64url(sig);
  const payload = payloadBytes && payloadOf(parseJsonBytes(payloadBytes));
  if (!payload || !signature) return null;
  return { kid, payload, signingInput: utf8(`${prefix}.${kid}.${body}`), signature };
}

/** Verifies a license key offline against a key set. */
export async function verifyLicenseKey(text: string, keySet: KeySet): Promise<LicenseKeyCheck> {
  const parsed = parseLicenseKey(text);
  if (!parsed) return { ok: false, reason: 'MALFORMED' };
  const checked = await verifyBytes(keySet, parsed.kid, parsed.signingInput, parsed.signature);
  if (!checked.ok) return checked;
  if (!keyCovers(checked.entry, parsed.payload.issuedAt)) return { ok: false, reason: 'RETIRED_KEY' };
  return { ok: true, kid: parsed.kid, payload: parsed.payload };
}
