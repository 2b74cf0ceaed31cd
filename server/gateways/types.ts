import type Stripe from 'stripe';
import type { Money } from '../../shared/money';

/**
 * What Tollgate asks of a payment gateway. Tollgate owns the billing logic (invoices,
 * proration, retries); the gateway only holds customers and cards and moves money.
 * Every write takes an idempotency key: asking twice with the same key has the effect
 * of asking once, and returns the first answer.
 */

export type GatewayName = 'sandbox' | 'stripe';

export interface CardDetails {
  brand: string;
  last4: string;
  expMonth: number;
  expYear: number;
}

export interface AttachedPaymentMethod extends CardDetails {
  /** The gateway's id for the saved method (Stripe pm_…, sandbox pm_sbx_…). */
  gatewayRef: string;
}

/** Why a charge failed, in Stripe's vocabulary. */
export const PAYMENT_FAILURE_CODES = [
  'card_declined',
  'insufficient_funds',
  'expired_card',
  'incorrect_cvc',
  'processing_error',
  'authentication_required',
  'lost_card',
  'stolen_card',
  'fraudulent',
] as const;
export type PaymentFailureCode = (typeof PAYMENT_FAILURE_CODES)[number];

/** Declines where retrying the same card is pointless (and, for fraud, unwise). */
export const HARD_DECLINES: readonly PaymentFailureCode[] = ['lost_card', 'stolen_card', 'fraudulent'];

/** A charge's result. Declines are outcomes to record, not exceptions. */
export type ChargeOutcome =
  | { status: 'succeeded'; gatewayRef: string }
  | {
      status: 'requires_action' | 'failed';
      /** Null when the gateway refused before creating anything. */
      gatewayRef: string | null;
      failureCode: PaymentFailureCode;
      /** A sentence a staff member can read, e.g. "The card has insufficient funds." */
      failureMessage: string;
    };

export const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'] as const;
export type RefundReason = (typeof REFUND_REASONS)[number];

export interface RefundOutcome {
  gatewayRef: string;
  status: 'succeeded' | 'pending' | 'failed';
  failureMessage?: string;
}

export interface PaymentGateway {
  readonly name: GatewayName;

  /** Creates the customer at the gateway (once per Tollgate customer). */
  createCustomer(
    input: { customerId: string; email: string; name: string },
    idempotencyKey: string,
  ): Promise<{ gatewayCustomerId: string }>;

  /** Starts saving a card for off-session use; the client secret goes to a card form. */
  createSetupIntent(
    input: { gatewayCustomerId: string },
    idempotencyKey: string,
  ): Promise<{ gatewayRef: string; clientSecret: string }>;

  /**
   * Saves a payment method on the customer. `source` is what the card form produced:
   * a Stripe PaymentMethod id (pm_…) for Stripe, a test card number for the sandbox.
   * A card refused at this point throws a GatewayError with kind 'card'.
   */
  attachPaymentMethod(
    input: { gatewayCustomerId: string; source: string },
    idempotencyKey: string,
  ): Promise<AttachedPaymentMethod>;

  detachPaymentMethod(input: { gatewayRef: string }, idempotencyKey: string): Promise<void>;

  /** Charges a saved method off-session (the customer is not present). */
  charge(
    input: {
      gatewayCustomerId: string;
      paymentMethodRef: string;
      amount: Money;
      description: string;
      metadata: Record<string, string>;
    },
    idempotencyKey: string,
  ): Promise<ChargeOutcome>;

  /** Refunds part or all of a succeeded charge. */
  refund(
    input: { chargeRef: string; amount: Money; reason: RefundReason },
    idempotencyKey: string,
  ): Promise<RefundOutcome>;
}

/**
 * A gateway call that did not produce an outcome: the card was refused while saving it,
 * the request was invalid, the gateway was unreachable or rate-limited. `message` is safe
 * to show (never a key, never raw card data); `retryable` says whether trying the same
 * request again later can succeed.
 */
export class GatewayError extends Error {
  override readonly name = 'GatewayError';

  constructor(
    readonly kind:
      'card' | 'invalid_request' | 'rate_limited' | 'unavailable' | 'authentication' | 'idempotency',
    message: string,
    readonly retryable: boolean,
    readonly failureCode?: PaymentFailureCode,
  ) {
    super(message);
  }
}

/** The payment gateway of each tenant (Stripe with a configured key, else the sandbox). */
export interface GatewayProvider {
  readonly name: GatewayName;
  forTenant(tenantId: string): PaymentGateway;
  /**
   * The tenant's Stripe API client, or null when the tenant is on the sandbox. For what the
   * gateway interface does not cover: the Stripe Billing mirror, the events list, webhook
   * checks. Never log or serialise it: it holds the secret key.
   */
  stripeApi(tenantId: string): Stripe | null;
}
