import { randomBytes } from 'node:crypto';
import {
  buildEvent,
  type EmitOptions,
  type EventListener,
  type EventRequest,
  type StripeEvent,
} from './events';
import type { Invoice, Price, Product, Subscription } from './billing-objects';
import type { TestCardBehaviour } from './test-payment-methods';

/**
 * The fake's in-memory account: Stripe objects in Stripe's shapes (id prefixes, an
 * `object` field, `created` in seconds, `livemode: false`, amounts in minor units,
 * lowercase currencies), holding only the fields Tollgate and its tests read.
 */

export interface Customer {
  id: string;
  object: 'customer';
  created: number;
  livemode: false;
  email: string | null;
  name: string | null;
  description: string | null;
  metadata: Record<string, string>;
  invoice_settings: { default_payment_method: string | null };
}

export interface SetupIntent {
  id: string;
  object: 'setup_intent';
  created: number;
  livemode: false;
  client_secret: string;
  customer: string | null;
  usage: 'on_session' | 'off_session';
  allowed_payment_method_types: string[] | null;
  payment_method_types: string[];
  payment_method: string | null;
  last_setup_error: object | null;
  status: 'requires_payment_method' | 'succeeded';
}

export interface PaymentMethod {
  id: string;
  object: 'payment_method';
  created: number;
  livemode: false;
  type: 'card';
  customer: string | null;
  metadata: Record<string, string>;
  card: {
    brand: string;
    last4: string;
    exp_month: number;
    exp_year: number;
    funding: 'credit';
    country: 'US';
  };
}

/** A dispute (chargeback) in Stripe's shape, with the fields Tollgate reads. */
export interface Dispute {
  id: string;
  object: 'dispute';
  created: number;
  livemode: false;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  reason: string;
  status: 'warning_needs_response' | 'needs_response' | 'under_review' | 'won' | 'lost';
  metadata: Record<string, string>;
}

export interface Charge {
  id: string;
  object: 'charge';
  created: number;
  livemode: false;
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  currency: string;
  customer: string | null;
  payment_intent: string;
  payment_method: string;
  status: 'succeeded' | 'failed';
  paid: boolean;
  captured: boolean;
  refunded: boolean;
  disputed: boolean;
  failure_code: string | null;
  failure_message: string | null;
}

export interface PaymentIntent {
  id: string;
  object: 'payment_intent';
  created: number;
  livemode: false;
  amount: number;
  amount_received: number;
  currency: string;
  customer: string | null;
  description: string | null;
  metadata: Record<string, string>;
  payment_method: string | null;
  client_secret: string;
  status: 'requires_payment_method' | 'requires_confirmation' | 'requires_action' | 'succeeded';
  latest_charge: string | null;
  last_payment_error: object | null;
  next_action: object | null;
}

export interface Refund {
  id: string;
  object: 'refund';
  created: number;
  amount: number;
  currency: string;
  charge: string;
  payment_intent: string;
  customer: string | null;
  payment_method: string;
  reason: string | null;
  status: 'succeeded';
  metadata: Record<string, string>;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export class FakeStripeStore {
  readonly customers = new Map<string, Customer>();
  readonly setupIntents = new Map<string, SetupIntent>();
  readonly paymentMethods = new Map<string, PaymentMethod>();
  /** What each PaymentMethod does when charged; not part of the object Stripe shows. */
  readonly behaviours = new Map<string, TestCardBehaviour>();
  /** PaymentMethods once attached and then detached: Stripe never lets them be used again. */
  readonly detached = new Set<string>();
  readonly paymentIntents = new Map<string, PaymentIntent>();
  readonly charges = new Map<string, Charge>();
  readonly refunds = new Map<string, Refund>();
  readonly disputes = new Map<string, Dispute>();
  readonly products = new Map<string, Product>();
  readonly prices = new Map<string, Price>();
  readonly subscriptions = new Map<string, Subscription>();
  readonly invoices = new Map<string, Invoice>();
  /** Every event the account emitted, oldest first (GET /v1/events lists them newest first). */
  readonly events: StripeEvent[] = [];
  /** The API request being answered (set by the server around each route); null for automatic changes. */
  currentRequest: EventRequest | null = null;
  private readonly eventListeners = new Set<EventListener>();

  /** Records that `object` (snapshotted now) went through `type`, and tells the listeners. */
  emitEvent(type: string, object: object, options: EmitOptions = {}): StripeEvent {
    const event = buildEvent(
      this.newId('evt'),
      this.now(),
      type,
      object,
      this.currentRequest,
      this.eventListeners.size,
      options,
    );
    this.events.push(event);
    for (const listener of this.eventListeners) listener(event);
    return event;
  }

  /** Calls `listener` with every event emitted from now on (webhook delivery); returns the way to stop. */
  onEvent(listener: EventListener): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** A Stripe-looking id: the prefix, then 24 random letters and digits. */
  newId(prefix: string): string {
    const bytes = randomBytes(24);
    return `${prefix}_${Array.from(bytes, (b) => ALPHANUMERIC.charAt(b % ALPHANUMERIC.length)).join('')}`;
  }

  /** Stripe's `created`: Unix seconds. */
  now(): number {
    return Math.floor(Date.now() / 1000);
  }
}
