/**
 * The events outgoing webhooks announce: a closed list, so an endpoint's choice is checked
 * and the docs can name each one. Later modules add theirs here (and a capture for it).
 */
export const WEBHOOK_EVENT_TYPES = [
  'subscription.created',
  'subscription.updated',
  'subscription.canceled',
  'invoice.finalized',
  'invoice.paid',
  'invoice.payment_failed',
  'entitlements.updated',
] as const;

export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** What each event means, for the console's checkboxes and the docs. */
export const WEBHOOK_EVENT_DESCRIPTIONS: Record<WebhookEventType, string> = {
  'subscription.created': 'A subscription started (also one mirrored from Stripe Billing).',
  'subscription.updated':
    'A subscription changed status, plan, price, quantity, pause or cancel-at-period-end.',
  'subscription.canceled': 'A subscription ended.',
  'invoice.finalized': 'An invoice left draft and was numbered.',
  'invoice.paid': 'An invoice was paid in full.',
  'invoice.payment_failed': 'A charge for an invoice failed.',
  'entitlements.updated':
    "A customer's access changed: a subscription started or stopped granting it or changed plan, a plan's features were edited, or the default plan changed.",
};

/** The header that carries a delivery's signature. */
export const SIGNATURE_HEADER = 'Tollgate-Signature';

/** What every delivery's body looks like (JSON). Times are epoch milliseconds. */
export interface WebhookEventBody {
  id: string;
  object: 'event';
  type: WebhookEventType;
  /** When the change happened. */
  created: number;
  /** The object the event is about (a subscription, an invoice, a customer for entitlements). */
  object_id: string;
  /** 1, 2, 3… per object: a receiver that sees a lower number than it has applied can drop it. */
  sequence: number;
  data: { object: Record<string, unknown>; previous_attributes?: Record<string, unknown> };
}
