/**
 * Checking a Tollgate webhook as a receiver does: the `Tollgate-Signature` header is
 * `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" keyed with the endpoint's secret>`,
 * the same scheme Stripe signs its own webhooks with. Web Crypto only, so it runs in Node
 * 20+, browsers, Deno and workers; docs/webhooks.md has a synchronous node:crypto version.
 */

/** Why a delivery was refused. */
export class WebhookVerificationError extends Error {
  override readonly name = 'WebhookVerificationError';
}

/** How far a signature's time may be from now, by default: Stripe's five minutes. */
export const DEFAULT_TOLERANCE_SECONDS = 300;

interface SubtleLike {
  importKey(
    format: 'raw',
    key: Uint8Array,
    algorithm: { name: 'HMAC'; hash: 'SHA-256' },
    extractable: boolean,
    usages: readonly 'sign'[],
  ): Promise<unknown>;
  sign(algorithm: 'HMAC', key: unknown, data: Uint8Array): Promise<ArrayBuffer>;
}
// Node 20 and browsers both expose Web Crypto and TextEncoder on globalThis; shared/ may not name either runtime.
const runtime = globalThis as unknown as {
  crypto: { subtle: SubtleLike };
  TextEncoder: new () => { encode(text: string): Uint8Array };
};
const subtle = runtime.crypto.subtle;
const encoder = new runtime.TextEncoder();

async function hmacHex(secret: string, message: string): Promise<string> {
  const key = await subtle.importKey(
    'raw',
    encoder.encode(secret),
    { name: 'HMAC', hash: 'SHA-256' },
    false,
    ['sign'],
  );
  const mac = new Uint8Array(await subtle.sign('HMAC', key, encoder.encode(message)));
  return Array.from(mac, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Equal without an early exit, so timing tells an attacker nothing about how much matched. */
function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return difference === 0;
}

/** The header's timestamp and every v1 signature (during a secret's rotation there may be more). */
export function parseSignatureHeader(header: string): { timestamp: number; signatures: string[] } {
  let timestamp = Number.NaN;
  const signatures: string[] = [];
  for (const part of header.split(',')) {
    const [key, value] = part.trim().split('=', 2);
    if (key === 't' && value && /^\d{1,12}$/.test(value)) timestamp = Number(value);
    if (key === 'v1' && value && /^[0-9a-f]{64}$/.test(value)) signatures.push(value);
  }
  if (!Number.isFinite(timestamp))
    throw new WebhookVerificationError('The signature header has no timestamp');
  if (signatures.length === 0) throw new WebhookVerificationError('The signature header has no v1 signature');
  return { timestamp, signatures };
}

/** The header value for `rawBody` signed at `timestamp` (seconds): what Tollgate sends. */
export async function signatureHeader(secret: string, rawBody: string, timestamp: number): Promise<string> {
  return `t=${timestamp},v1=${await hmacHex(secret, `${timestamp}.${rawBody}`)}`;
}

/**
 * Verifies a delivery and returns its parsed body. `rawBody` must be the bytes as received
 * (as text), before any JSON parsing: re-serialised JSON does not match the signature.
 */
export async function verifyWebhook<T = unknown>(
  rawBody: string,
  header: string | null | undefined,
  secret: string,
  options: { toleranceSeconds?: number; nowSeconds?: number } = {},
): Promise<T> {
  if (!header) throw new WebhookVerificationError('The request has no Tollgate-Signature header');
  const { timestamp, signatures } = parseSignatureHeader(header);
  const expected = await hmacHex(secret, `${timestamp}.${rawBody}`);
  if (!signatures.some((signature) => constantTimeEqual(signature, expected))) {
    throw new WebhookVerificationError('No signature matches the body and the secret');
  }
  const now = options.nowSeconds ?? Math.floor(Date.now() / 1000);
  const tolerance = options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS;
  // Both ways: a signature dated in the future is as suspect as an old one (a replay).
  if (Math.abs(now - timestamp) > tolerance) {
    throw new WebhookVerificationError(
      'The signature is too old or too far ahead: a replay or a wrong clock',
    );
  }
  return JSON.parse(rawBody) as T;
}
