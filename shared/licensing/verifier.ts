import { dearmor } from './armor';
import { fromBase64url, isRecord, parseJsonBytes, subtle } from './encoding';
import {
  additionalData,
  FILE_ALGORITHMS,
  fileKey,
  IV_BYTES,
  signingInput,
  type Branding,
  type Envelope,
  type FileContent,
  type FileKind,
  type FileLicense,
  type FileMachine,
} from './files';
import { keyCovers, KID_PATTERN, verifyBytes, type KeySet } from './keys';
import { EXPIRATION_STRATEGIES, type Policy } from './policy';

/**
 * The offline verifier the platform's apps embed (docs/licensing.md, "The verifier"): one call
 * checks a license file or machine file and answers what it says or why it is refused. It uses
 * only Web Crypto and runs in Node 20+ and browsers. Checks, in order (the first failure is the
 * reason): the text → MALFORMED; the key id → UNKNOWN_KEY; the signature → BAD_SIGNATURE; the
 * decryption → DECRYPTION_FAILED; the content → MALFORMED; the key's rotation → RETIRED_KEY;
 * the clocks → NOT_YET_VALID, EXPIRED; the machine → FINGERPRINT_MISMATCH.
 */

export const VERIFY_REASONS = [
  'MALFORMED',
  'UNKNOWN_KEY',
  'BAD_SIGNATURE',
  'DECRYPTION_FAILED',
  'RETIRED_KEY',
  'NOT_YET_VALID',
  'EXPIRED',
  'FINGERPRINT_MISMATCH',
] as const;
export type VerifyReason = (typeof VERIFY_REASONS)[number];

/** How far ahead of `now` an issue time may be: clocks differ by a few minutes, not more. */
export const CLOCK_SKEW_MS = 5 * 60_000;

export interface VerifyOptions {
  keySet: KeySet;
  now: number;
  /** The machine's fingerprint: required for a machine file. */
  fingerprint?: string;
  /** The license key: required to open an encrypted file. */
  licenseKey?: string;
  /** Refuse the other kind (MALFORMED) when the caller knows which it wants. */
  expect?: FileKind;
}

export type VerifiedFile = {
  ok: true;
  kind: FileKind;
  kid: string;
  issuedAt: number;
  /** When the file stops verifying (its TTL); null: it lasts as long as the license. */
  validUntil: number | null;
  /** True when the license has expired but its policy keeps access (MAINTAIN or ALLOW). */
  licenseExpired: boolean;
  license: FileLicense;
  policy: Policy;
  branding: Branding;
  machine: FileMachine | null;
};

export type VerifyResult = VerifiedFile | { ok: false; reason: VerifyReason; detail: string };

const refuse = (reason: VerifyReason, detail: string): VerifyResult => ({ ok: false, reason, detail });
/** Epoch ms a Date can hold (±8.64e15), so printing one never throws. */
const isTime = (value: unknown): value is number =>
  Number.isSafeInteger(value) && Math.abs(value as number) <= 8_640_000_000_000_000;
const isText = (value: unknown): value is string => typeof value === 'string';

function envelopeOf(bytes: Uint8Array): Envelope | null {
  const value = parseJsonBytes(bytes);
  if (!isRecord(value)) return null;
  const { enc, sig, alg, kid } = value;
  if (!isText(enc) || !isText(sig) || !isText(kid) || !KID_PATTERN.test(kid)) return null;
  if (!FILE_ALGORITHMS.includes(alg as Envelope['alg'])) return null;
  return { enc, sig, alg: alg as Envelope['alg'], kid };
}

/** The fields the verifier and its callers read, checked for shape (the signature vouches for the rest). */
function contentOf(value: unknown, kind: FileKind): FileContent | null {
  if (!isRecord(value) || value.version !== 1 || value.kind !== kind || !isTime(value.issuedAt)) return null;
  if (value.ttlSeconds !== null && !isTime(value.ttlSeconds)) return null;
  const { license, policy, branding, machine } = value;
  if (!isRecord(license) || !isText(license.id) || !Array.isArray(license.entitlements)) return null;
  if (license.expiresAt !== null && !isTime(license.expiresAt)) return null;
  if (!isRecord(policy) || !EXPIRATION_STRATEGIES.includes(policy.expirationStrategy as never)) return null;
  if (!isRecord(branding) || !isText(branding.productName)) return null;
  if (kind === 'machine' ? !isRecord(machine) || !isText(machine.fingerprint) : machine !== null) return null;
  return value as unknown as FileContent;
}

async function decrypt(envelope: Envelope, kind: FileKind, data: Uint8Array, options: VerifyOptions) {
  if (options.licenseKey === undefined) return null;
  if (kind === 'machine' && options.fingerprint === undefined) return null;
  try {
    const key = await fileKey(kind, options.licenseKey, options.fingerprint ?? null, 'decrypt');
    const params = {
      name: 'AES-GCM',
      iv: data.subarray(0, IV_BYTES),
      additionalData: additionalData(kind, envelope.kid),
    };
    return new Uint8Array(await subtle().decrypt(params, key, data.subarray(IV_BYTES)));
  } catch {
    return null;
  }
}

function checkTimes(content: FileContent, now: number): VerifyResult | null {
  if (content.issuedAt > now + CLOCK_SKEW_MS) {
    return refuse('NOT_YET_VALID', 'the file is issued in the future: this clock is behind, or was set back');
  }
  if (content.ttlSeconds !== null && now >= content.issuedAt + content.ttlSeconds * 1000) {
    return refuse('EXPIRED', 'the file is past its time to live: download a fresh one');
  }
  const { expiresAt } = content.license;
  const keepsAccess = ['MAINTAIN', 'ALLOW'].includes(content.policy.expirationStrategy);
  if (expiresAt !== null && now >= expiresAt && !keepsAccess) {
    return refuse('EXPIRED', `the license expired at ${new Date(expiresAt).toISOString()}`);
  }
  return null;
}

/** Verifies a license file or machine file (text as downloaded); never throws for bad input. */
export async function verifyFile(text: string, options: VerifyOptions): Promise<VerifyResult> {
  const block = dearmor(text);
  if (!block || block.kind === 'activation') return refuse('MALFORMED', 'no license or machine file block');
  const kind = block.kind;
  if (options.expect && options.expect !== kind) {
    return refuse('MALFORMED', `a ${kind} file, not a ${options.expect} file`);
  }
  const envelope = envelopeOf(block.bytes);
  const data = envelope && fromBase64url(envelope.enc);
  const signature = envelope && fromBase64url(envelope.sig);
  if (!envelope || !data || !signature) return refuse('MALFORMED', 'the file is damaged');
  const input = signingInput(kind, envelope.alg, envelope.kid, envelope.enc);
  const signed = await verifyBytes(options.keySet, envelope.kid, input, signature);
  if (!signed.ok) return refuse(signed.reason, `not signed by key ${envelope.kid} of this key set`);
  const plain = envelope.alg === 'ed25519' ? data : await decrypt(envelope, kind, data, options);
  if (!plain) return refuse('DECRYPTION_FAILED', decryptionHint(kind, options));
  const content = contentOf(parseJsonBytes(plain), kind);
  if (!content) return refuse('MALFORMED', 'the signed content is not a Tollgate file of this version');
  if (!keyCovers(signed.entry, content.issuedAt))
    return refuse('RETIRED_KEY', `key ${envelope.kid} is retired`);
  const late = checkTimes(content, options.now);
  if (late) return late;
  if (content.machine && content.machine.fingerprint !== options.fingerprint) {
    return refuse('FINGERPRINT_MISMATCH', 'the machine file belongs to another machine');
  }
  return {
    ok: true,
    kind,
    kid: envelope.kid,
    issuedAt: content.issuedAt,
    validUntil: content.ttlSeconds === null ? null : content.issuedAt + content.ttlSeconds * 1000,
    licenseExpired: content.license.expiresAt !== null && options.now >= content.license.expiresAt,
    license: content.license,
    policy: content.policy,
    branding: content.branding,
    machine: content.machine,
  };
}

function decryptionHint(kind: FileKind, options: VerifyOptions): string {
  if (options.licenseKey === undefined) return 'the file is encrypted: pass the license key';
  if (kind === 'machine' && options.fingerprint === undefined) return 'a machine file needs the fingerprint';
  return kind === 'machine' ? 'wrong license key, or another machine' : 'wrong license key';
}
