import fc from 'fast-check';
import type Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../lib/errors';
import {
  INVOICE_FIELDS,
  lineFields,
  readInvoiceWithLines,
  readSubscription,
  SUBSCRIPTION_FIELDS,
} from './mapping';
import { CHARGE_FIELDS, DISPUTE_FIELDS, REFUND_FIELDS } from './payments/fields';
import { IncompleteStripeObjectError, requiredField, requiredFields, type FieldSpec } from './stripe-fields';

/** A subscription with every field the mirror needs, as Stripe sends it. */
const subscription = () =>
  ({
    id: 'sub_123',
    object: 'subscription',
    customer: 'cus_1',
    status: 'active',
    currency: 'usd',
    billing_cycle_anchor: 1_700_000_000,
    created: 1_700_000_000,
    cancel_at_period_end: false,
    items: {
      data: [
        {
          id: 'si_1',
          price: { id: 'price_1' },
          current_period_start: 1_700_000_000,
          current_period_end: 1_702_592_000,
        },
      ],
    },
  }) as unknown as Stripe.Subscription;

const invoice = () =>
  ({
    id: 'in_123',
    object: 'invoice',
    customer: { id: 'cus_1' },
    status: 'paid',
    currency: 'usd',
    created: 1_700_000_000,
    subtotal: 2900,
    total: 2900,
    amount_due: 2900,
    amount_paid: 2900,
    attempt_count: 1,
    period_start: 1_700_000_000,
    period_end: 1_700_000_000,
    status_transitions: { finalized_at: 1_700_000_000, paid_at: null },
    lines: { data: [{ amount: 2900, period: { start: 1_700_000_000, end: 1_702_592_000 } }] },
  }) as unknown as Stripe.Invoice;

/** Removes the field at `path` ("items.data[0].current_period_start") from a plain object. */
function without(object: object, path: string, replacement?: unknown): object {
  const steps = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const last = steps.pop() as string;
  let here = object as Record<string, unknown>;
  for (const step of steps) here = here[step] as Record<string, unknown>;
  if (arguments.length > 2) here[last] = replacement;
  else if (Array.isArray(here)) here.splice(Number(last), 1);
  else delete here[last];
  return object;
}

const subscriptionPaths = Object.values(SUBSCRIPTION_FIELDS).map(([path]) => path);
const invoicePaths = [...Object.values(INVOICE_FIELDS), ...Object.values(lineFields(0))].map(
  ([path]) => path,
);

describe('required fields of Stripe objects', () => {
  it('reads complete objects', () => {
    expect(readSubscription(subscription())).toMatchObject({ priceRef: 'price_1', periodEnd: 1_702_592_000 });
    expect(readInvoiceWithLines(invoice())).toMatchObject({ customerRef: 'cus_1', amountDue: 2900 });
  });

  it.each(subscriptionPaths)('names a subscription lacking %s, its id and the field', (path) => {
    for (const broken of [without(subscription(), path), without(subscription(), path, null)]) {
      expect(() => readSubscription(broken as Stripe.Subscription)).toThrow(
        new IncompleteStripeObjectError('subscription', 'sub_123', path, `has no ${path}`),
      );
    }
  });

  it.each(invoicePaths)('names an invoice lacking %s, its id and the field', (path) => {
    for (const broken of [without(invoice(), path), without(invoice(), path, null)]) {
      expect(() => readInvoiceWithLines(broken as Stripe.Invoice)).toThrow(
        `Stripe invoice in_123 has no ${path}`,
      );
    }
  });

  const payments: [string, Record<string, unknown>, FieldSpec][] = [
    [
      'dispute',
      {
        id: 'du_1',
        amount: 500,
        currency: 'usd',
        reason: 'fraudulent',
        status: 'needs_response',
        created: 1,
      },
      DISPUTE_FIELDS,
    ],
    ['charge', { id: 'ch_1', amount: 500, currency: 'usd' }, CHARGE_FIELDS],
    ['refund', { id: 're_1', amount: 100, currency: 'usd' }, REFUND_FIELDS],
  ];
  it.each(payments)('names a %s lacking any field the payment handlers need', (type, complete, spec) => {
    expect(() => requiredFields(type, complete, spec)).not.toThrow();
    for (const [path] of Object.values(spec)) {
      const { [path]: _dropped, ...broken } = complete;
      expect(() => requiredFields(type, broken, spec)).toThrow(
        `Stripe ${type} ${String(complete.id)} has no ${path}`,
      );
    }
  });

  it('answers as invalid input the server can show, not an internal error', () => {
    const broken = without(subscription(), 'items.data[0].current_period_start');
    expect(() => readSubscription(broken as Stripe.Subscription)).toThrow(
      'Stripe subscription sub_123 has no items.data[0].current_period_start',
    );
    try {
      readSubscription(broken as Stripe.Subscription);
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ code: 'INVALID_INPUT', objectType: 'subscription', objectId: 'sub_123' });
    }
  });

  it('refuses a number field holding anything but a safe whole number', () => {
    const notWhole = fc.oneof(
      fc.double().filter((n) => !Number.isSafeInteger(n)),
      fc.string(),
      fc.constant(2 ** 53),
      fc.boolean(),
      fc.object(),
    );
    fc.assert(
      fc.property(notWhole, (value) => {
        const broken = without(subscription(), 'billing_cycle_anchor', value);
        expect(() => readSubscription(broken as Stripe.Subscription)).toThrow(
          /^Stripe subscription sub_123 has (no billing_cycle_anchor|billing_cycle_anchor that is not a whole number)$/,
        );
      }),
    );
  });

  it('walks own properties only, so an inherited or __proto__ key never passes for a field', () => {
    const hostile = JSON.parse('{"id":"x_1","__proto__":{"amount":5}}') as unknown;
    expect(() => requiredField('charge', hostile, 'amount', 'number')).toThrow(
      'Stripe charge x_1 has no amount',
    );
    expect(() => requiredField('charge', {}, 'constructor', 'object')).toThrow(
      'Stripe charge (without id) has no constructor',
    );
    expect(requiredField('charge', { id: 'x', customer: { id: 'cus_9' } }, 'customer', 'ref')).toBe('cus_9');
  });
});
