import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBillingWorld, GOOD_CARD, type BillingWorld } from '../../testing/billing.test-kit';
import { clientError } from '../../testing/errors.test-kit';
import { tableRowCounts } from '../../testing/table-contents.test-kit';

/** Bad input to every billing procedure: refused with the field named, and nothing written anywhere. */

let world: BillingWorld;
let ids: {
  customerId: string;
  subscriptionId: string;
  invoiceId: string;
  paymentId: string;
  clockId: string;
  cardId: string;
};

beforeAll(async () => {
  world = await createBillingWorld();
  const { customerId, clockId, cardId } = await world.customerOnClock('Valid Val', GOOD_CARD);
  const started = await world
    .as('billingA')
    .subscriptions.create({ customerId, priceId: world.catalog.prices.proMonthlyUsd, trialDays: 0 });
  const payment = started.payment && 'payment' in started.payment ? started.payment.payment : null;
  ids = {
    customerId,
    subscriptionId: started.subscription.id,
    invoiceId: started.invoice?.id ?? '',
    paymentId: payment?.id ?? '',
    clockId,
    cardId: cardId ?? '',
  };
});
afterAll(async () => {
  await world?.close();
});

const TEN_KB = 'x'.repeat(10_240);
type Caller = ReturnType<BillingWorld['as']>;

const CASES: [string, (c: Caller) => Promise<unknown>, string][] = [
  [
    'subscriptions.create: malformed customer id',
    (c) => c.subscriptions.create({ customerId: 'cus_nope', priceId: world.catalog.prices.proMonthlyUsd }),
    'customerId',
  ],
  [
    'subscriptions.create: zero quantity',
    (c) =>
      c.subscriptions.create({
        customerId: ids.customerId,
        priceId: world.catalog.prices.proMonthlyUsd,
        quantity: 0,
      }),
    'quantity',
  ],
  [
    'subscriptions.create: fractional quantity',
    (c) =>
      c.subscriptions.create({
        customerId: ids.customerId,
        priceId: world.catalog.prices.proMonthlyUsd,
        quantity: 1.5,
      }),
    'quantity',
  ],
  [
    'subscriptions.create: negative trial',
    (c) =>
      c.subscriptions.create({
        customerId: ids.customerId,
        priceId: world.catalog.prices.proMonthlyUsd,
        trialDays: -1,
      }),
    'trialDays',
  ],
  [
    'subscriptions.create: unknown field',
    (c) =>
      c.subscriptions.create({
        customerId: ids.customerId,
        priceId: world.catalog.prices.proMonthlyUsd,
        coupon: 'FREE',
      } as never),
    'coupon',
  ],
  [
    'subscriptions.create: wrong trial behaviour',
    (c) =>
      c.subscriptions.create({
        customerId: ids.customerId,
        priceId: world.catalog.prices.proMonthlyUsd,
        trialEndBehavior: 'pause' as never,
      }),
    'trialEndBehavior',
  ],
  ['subscriptions.list: 10 kB search', (c) => c.subscriptions.list({ search: TEN_KB }), 'search'],
  [
    'subscriptions.list: unknown status',
    (c) => c.subscriptions.list({ status: 'zombie' as never }),
    'status',
  ],
  ['subscriptions.get: not an id', (c) => c.subscriptions.get({ id: 'sub_1' }), 'id'],
  [
    'subscriptions.previewChange: no quantity',
    (c) =>
      c.subscriptions.previewChange({
        id: ids.subscriptionId,
        priceId: world.catalog.prices.enterpriseMonthlyUsd,
      } as never),
    'quantity',
  ],
  [
    'subscriptions.changePlan: no version',
    (c) =>
      c.subscriptions.changePlan({
        id: ids.subscriptionId,
        priceId: world.catalog.prices.enterpriseMonthlyUsd,
        quantity: 1,
      } as never),
    'expectedVersion',
  ],
  [
    'subscriptions.changePlan: wrong timing',
    (c) =>
      c.subscriptions.changePlan({
        id: ids.subscriptionId,
        priceId: world.catalog.prices.enterpriseMonthlyUsd,
        quantity: 1,
        expectedVersion: 1,
        timing: 'tomorrow' as never,
      }),
    'timing',
  ],
  [
    'subscriptions.cancel: no when',
    (c) => c.subscriptions.cancel({ id: ids.subscriptionId } as never),
    'when',
  ],
  ['subscriptions.undoCancel: number id', (c) => c.subscriptions.undoCancel({ id: 42 as never }), 'id'],
  [
    'subscriptions.pause: text resume date',
    (c) => c.subscriptions.pause({ id: ids.subscriptionId, resumeAt: 'soon' as never }),
    'resumeAt',
  ],
  [
    'subscriptions.resume: extra field',
    (c) => c.subscriptions.resume({ id: ids.subscriptionId, force: true } as never),
    'force',
  ],
  ['invoices.list: 10 kB search', (c) => c.invoices.list({ search: TEN_KB }), 'search'],
  ['invoices.get: not an id', (c) => c.invoices.get({ id: 'INV-1' }), 'id'],
  [
    'receipts.get: unknown format',
    (c) => c.receipts.get({ id: ids.invoiceId, format: 'docx' as never }),
    'format',
  ],
  [
    'invoices.createManual: no lines',
    (c) => c.invoices.createManual({ customerId: ids.customerId, currency: 'USD', lines: [] }),
    'lines',
  ],
  [
    'invoices.createManual: fractional cents',
    (c) =>
      c.invoices.createManual({
        customerId: ids.customerId,
        currency: 'USD',
        lines: [{ description: 'Seat', unitAmount: 9.99 }],
      }),
    'lines.0.unitAmount',
  ],
  [
    'invoices.createManual: bad currency',
    (c) =>
      c.invoices.createManual({
        customerId: ids.customerId,
        currency: 'DOLLARS',
        lines: [{ description: 'Seat', unitAmount: 999 }],
      }),
    'currency',
  ],
  [
    'invoices.createManual: 10 kB description',
    (c) =>
      c.invoices.createManual({
        customerId: ids.customerId,
        currency: 'USD',
        lines: [{ description: TEN_KB, unitAmount: 999 }],
      }),
    'lines.0.description',
  ],
  ['invoices.pay: not an id', (c) => c.invoices.pay({ id: '' }), 'id'],
  ['invoices.void: not an id', (c) => c.invoices.void({ id: 'inv_x' }), 'id'],
  [
    'invoices.markUncollectible: extra field',
    (c) => c.invoices.markUncollectible({ id: ids.invoiceId, reason: 'x' } as never),
    'reason',
  ],
  ['payments.list: unknown status', (c) => c.payments.list({ status: 'lost' as never }), 'status'],
  [
    'payments.refund: negative amount',
    (c) => c.payments.refund({ paymentId: ids.paymentId, amount: -5, reason: 'duplicate' }),
    'amount',
  ],
  [
    'payments.refund: fractional amount',
    (c) => c.payments.refund({ paymentId: ids.paymentId, amount: 1.5, reason: 'duplicate' }),
    'amount',
  ],
  [
    'payments.refund: unknown reason',
    (c) => c.payments.refund({ paymentId: ids.paymentId, reason: 'changed mind' as never }),
    'reason',
  ],
  [
    'paymentMethods.add: empty source',
    (c) => c.paymentMethods.add({ customerId: ids.customerId, source: '  ' }),
    'source',
  ],
  [
    'paymentMethods.add: not a card number',
    (c) => c.paymentMethods.add({ customerId: ids.customerId, source: '1234 5678' }),
    'source',
  ],
  [
    'paymentMethods.add: 10 kB source',
    (c) => c.paymentMethods.add({ customerId: ids.customerId, source: TEN_KB }),
    'source',
  ],
  ['paymentMethods.setDefault: not an id', (c) => c.paymentMethods.setDefault({ id: 'card_1' }), 'id'],
  ['paymentMethods.remove: missing id', (c) => c.paymentMethods.remove({} as never), 'id'],
  ['billing.customer: not an id', (c) => c.billing.customer({ customerId: 'bob' }), 'customerId'],
  ['testClocks.create: empty name', (c) => c.testClocks.create({ name: ' ' }), 'name'],
  [
    'testClocks.create: text start',
    (c) => c.testClocks.create({ name: 'Clock', startAt: 'now' as never }),
    'startAt',
  ],
  [
    'testClocks.attach: not a clock id',
    (c) => c.testClocks.attach({ id: 'clock', customerId: ids.customerId }),
    'id',
  ],
  [
    'testClocks.create: a start past the year 9999 (2^53 − 1 ms)',
    (c) => c.testClocks.create({ name: 'Far future', startAt: 2 ** 53 - 1 }),
    'startAt',
  ],
  [
    'testClocks.advance: to 2^53 − 1 ms',
    (c) => c.testClocks.advance({ id: ids.clockId, to: 2 ** 53 - 1 }),
    'to',
  ],
  [
    'subscriptions.pause: resuming at 2^53 − 1 ms',
    (c) => c.subscriptions.pause({ id: ids.subscriptionId, resumeAt: 2 ** 53 - 1 }),
    'resumeAt',
  ],
  [
    'payments.refund: an amount past Stripe’s 8 digits',
    (c) => c.payments.refund({ paymentId: ids.paymentId, amount: 2 ** 53 - 1, reason: 'duplicate' }),
    'amount',
  ],
  ['testClocks.advance: backwards', (c) => c.testClocks.advance({ id: ids.clockId, to: 1 }), 'to'],
  [
    'testClocks.advance: three years',
    (c) => c.testClocks.advance({ id: ids.clockId, to: Date.UTC(2029, 6, 1) }),
    'to',
  ],
];

describe('bad input to billing procedures', () => {
  for (const [label, call, field] of CASES) {
    it(`${label} → an error naming ${field}, nothing written`, async () => {
      const before = await tableRowCounts(world.database);
      const seen = await clientError(() => call(world.as('owner', world.tenants.A.id)));
      expect(['INVALID_INPUT'], seen.message).toContain(seen.data.domainCode);
      expect(Object.keys(seen.data.fieldErrors ?? {}), seen.message).toContain(field);
      expect(await tableRowCounts(world.database)).toEqual(before);
    });
  }
});
