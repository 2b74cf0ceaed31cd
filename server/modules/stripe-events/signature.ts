import Stripe from 'stripe';

/**
 * Stripe's own default: a delivery signed more than five minutes ago may be a replay. The
 * same bound applies ahead of our clock (the SDK bounds only the past): a timestamp further
 * ahead than clock skew explains was not made by Stripe now, and would stay "fresh" for days.
 */
export const SIGNATURE_TOLERANCE_SECONDS = 300;

export type Verification = { ok: true; event: Stripe.Event } | { ok: false; reason: string };

/**
 * The short reason a delivery was refused, for the 400 answer (Stripe's dashboard shows it
 * to whoever configured the endpoint). Says what failed, never what was expected.
 */
function refusal(error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (error instanceof Stripe.errors.StripeSignatureVerificationError) {
    if (message.startsWith('Timestamp outside the tolerance zone')) {
      return `signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s old`;
    }
    if (message.startsWith('Unable to extract') || message.startsWith('No signatures found with expected')) {
      return 'Stripe-Signature header is malformed';
    }
    return 'signature does not match';
  }
  return 'body is not a Stripe event';
}

/**
 * The timestamp the SDK checked the signature over, read as the SDK reads it (the last
 * `t=` item, through parseInt), so it is exactly the signed one.
 */
function signedAtSeconds(header: string): number {
  let timestamp = Number.NaN;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = Number.parseInt(value ?? '', 10);
  }
  return timestamp;
}

/** Why a verified signature's timestamp is still refused, or null when it is recent. */
function timestampRefusal(signature: string, nowMs: number): string | null {
  const signedAt = signedAtSeconds(signature);
  // The SDK accepts `t=NaN` when it is what was signed; Stripe never signs that.
  if (!Number.isSafeInteger(signedAt)) return 'Stripe-Signature header is malformed';
  if (signedAt - Math.floor(nowMs / 1000) > SIGNATURE_TOLERANCE_SECONDS) {
    return `signature timestamp is more than ${SIGNATURE_TOLERANCE_SECONDS} s in the future`;
  }
  return null;
}

function isEvent(value: Stripe.Event): boolean {
  const data = value.data as { object?: unknown } | undefined;
  return (
    typeof value.id === 'string' &&
    value.id.startsWith('evt_') &&
    typeof value.type === 'string' &&
    Number.isSafeInteger(value.created) &&
    typeof data?.object === 'object' &&
    data.object !== null
  );
}

/**
 * Checks a delivery's Stripe-Signature on the raw body with the SDK (HMAC-SHA256 and the
 * tolerance against `nowMs`, so test clocks apply), that it was not signed ahead of `nowMs`
 * by more than the tolerance, and that what was signed is an event.
 */
export function verifyDelivery(
  rawBody: Buffer,
  signature: string | undefined,
  secret: string,
  nowMs: number,
): Verification {
  if (!signature) return { ok: false, reason: 'Stripe-Signature header is missing' };
  try {
    const event = Stripe.webhooks.constructEvent(
      rawBody,
      signature,
      secret,
      SIGNATURE_TOLERANCE_SECONDS,
      undefined,
      nowMs,
    );
    const tooNew = timestampRefusal(signature, nowMs);
    if (tooNew) return { ok: false, reason: tooNew };
    return isEvent(event) ? { ok: true, event } : { ok: false, reason: 'body is not a Stripe event' };
  } catch (error) {
    return { ok: false, reason: refusal(error) };
  }
}
