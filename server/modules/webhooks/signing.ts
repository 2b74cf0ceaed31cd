import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret, `whsec_` and 32 random characters: shown once, kept only to sign. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

const macOf = (secret: string, body: string, timestamp: number) =>
  createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');

/**
 * The `Tollgate-Signature` header for `body` signed at `timestamp` (unix seconds), as Stripe
 * signs: one `v1` per live secret, the current one first (`t=…,v1=<new>,v1=<old>` while a
 * rolled secret expires), so a receiver holding either secret accepts it.
 */
export function signatureFor(secrets: string | readonly string[], body: string, timestamp: number): string {
  const all = typeof secrets === 'string' ? [secrets] : secrets;
  if (all.length === 0) throw new Error('A delivery needs at least one signing secret');
  return [`t=${timestamp}`, ...all.map((secret) => `v1=${macOf(secret, body, timestamp)}`)].join(',');
}
