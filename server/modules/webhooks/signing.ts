import { createHmac, randomBytes } from 'node:crypto';

/** A new signing secret, `whsec_` and 32 random characters: shown once, kept only to sign. */
export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString('base64url')}`;
}

/** The `Tollgate-Signature` header for `body` signed at `timestamp` (unix seconds), as Stripe signs. */
export function signatureFor(secret: string, body: string, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.${body}`, 'utf8').digest('hex');
  return `t=${timestamp},v1=${mac}`;
}
