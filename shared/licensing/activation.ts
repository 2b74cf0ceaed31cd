import { armor, dearmor } from './armor';
import {
  fromBase64url,
  isRecord,
  jsonBytes,
  parseJsonBytes,
  randomBytes,
  subtle,
  toBase64url,
  utf8,
} from './encoding';
import { parseLicenseKey } from './signing';

/**
 * Offline activation (docs/licensing.md, "Offline activation"): an app on a machine that never
 * goes online writes a request file; an account admin or staff uploads it in the console and
 * downloads the machine file for it. The request names the license by id, not by key, since it
 * travels by USB stick and email; `proof` (HMAC-SHA256 keyed with the license key over the other
 * fields) shows the server that whoever wrote it holds the key, and the nonce makes each request
 * one of a kind, so an upload of the same file twice is recognisably the same request.
 */

export const MAX_FINGERPRINT_LENGTH = 256;
export const MAX_MACHINE_NAME_LENGTH = 200;
export const MAX_PLATFORM_LENGTH = 100;

export interface ActivationRequest {
  licenseId: string;
  fingerprint: string;
  name: string;
  platform: string;
  nonce: string;
  createdAt: number;
  proof: string;
}

export type ActivationRequestRead = { ok: true; request: ActivationRequest } | { ok: false; detail: string };

const HMAC = { name: 'HMAC', hash: 'SHA-256' };

/** The signed text of the fields, in one fixed order. */
function proofInput(r: Omit<ActivationRequest, 'proof'>): Uint8Array {
  return jsonBytes([1, r.licenseId, r.fingerprint, r.name, r.platform, r.nonce, r.createdAt]);
}

async function hmacKey(licenseKey: string, usage: 'sign' | 'verify') {
  return subtle().importKey('raw', utf8(licenseKey.trim()), HMAC, false, [usage]);
}

function fieldProblem(r: Omit<ActivationRequest, 'proof' | 'nonce' | 'licenseId'>): string | null {
  if (r.fingerprint.length < 1 || r.fingerprint.length > MAX_FINGERPRINT_LENGTH) {
    return `the fingerprint must be 1–${MAX_FINGERPRINT_LENGTH} characters`;
  }
  if (r.name.length > MAX_MACHINE_NAME_LENGTH)
    return `the machine name is over ${MAX_MACHINE_NAME_LENGTH} characters`;
  if (r.platform.length > MAX_PLATFORM_LENGTH)
    return `the platform is over ${MAX_PLATFORM_LENGTH} characters`;
  if (!Number.isSafeInteger(r.createdAt)) return 'createdAt must be epoch milliseconds';
  return null;
}

/** The request file an offline app writes (what it shows the user to save and carry). */
export async function writeActivationRequest(input: {
  licenseKey: string;
  fingerprint: string;
  name: string;
  platform: string;
  createdAt: number;
}): Promise<string> {
  const parsed = parseLicenseKey(input.licenseKey);
  if (!parsed) throw new Error('that is not a Tollgate license key');
  const problem = fieldProblem(input);
  if (problem) throw new Error(problem);
  const fields = {
    licenseId: parsed.payload.licenseId,
    fingerprint: input.fingerprint,
    name: input.name,
    platform: input.platform,
    nonce: toBase64url(randomBytes(16)),
    createdAt: input.createdAt,
  };
  const mac = await subtle().sign(HMAC, await hmacKey(input.licenseKey, 'sign'), proofInput(fields));
  return armor('activation', jsonBytes({ v: 1, ...fields, proof: toBase64url(new Uint8Array(mac)) }));
}

/** Reads an uploaded request file, checking its form (not its proof: that needs the license's key). */
export function readActivationRequest(text: string): ActivationRequestRead {
  const block = dearmor(text);
  if (!block || block.kind !== 'activation')
    return { ok: false, detail: 'not a Tollgate activation request' };
  const value = parseJsonBytes(block.bytes);
  if (!isRecord(value) || value.v !== 1)
    return { ok: false, detail: 'an activation request of an unknown version' };
  const { licenseId, fingerprint, name, platform, nonce, createdAt, proof } = value;
  const texts = [licenseId, fingerprint, name, platform, nonce, proof];
  if (!texts.every((t) => typeof t === 'string') || typeof createdAt !== 'number') {
    return { ok: false, detail: 'the activation request is missing fields' };
  }
  const request = { licenseId, fingerprint, name, platform, nonce, createdAt, proof } as ActivationRequest;
  const problem = fieldProblem(request);
  return problem ? { ok: false, detail: problem } : { ok: true, request };
}

/** Whether the request was written by someone holding `licenseKey` (the license it names). */
export async function checkActivationProof(request: ActivationRequest, licenseKey: string): Promise<boolean> {
  const mac = fromBase64url(request.proof);
  if (!mac || mac.length !== 32) return false;
  return subtle().verify(HMAC, await hmacKey(licenseKey, 'verify'), mac, proofInput(request));
}
