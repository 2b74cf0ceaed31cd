import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { gatewayErrorOf } from '../gateways.test-kit';
import type { PaymentGateway } from '../types';
import { createSandboxGateway } from './sandbox-gateway';

let database: AppDatabase;
let gateway: PaymentGateway;
let customer: string;
let keys = 0;
const key = () => `key-${++keys}`;

async function chargeCard(number: string, amount: number, currency = 'USD'): Promise<string> {
  const { gatewayRef } = await gateway.attachPaymentMethod(
    { gatewayCustomerId: customer, source: number },
    key(),
  );
  const outcome = await gateway.charge(
    {
      gatewayCustomerId: customer,
      paymentMethodRef: gatewayRef,
      amount: money(amount, currency),
      description: 'x',
      metadata: {},
    },
    key(),
  );
  if (!outcome.gatewayRef) throw new Error('the sandbox always records a charge');
  return outcome.gatewayRef;
}
const refund = (chargeRef: string, amount: number, idempotencyKey = key(), currency = 'USD') =>
  gateway.refund(
    { chargeRef, amount: money(amount, currency), reason: 'requested_by_customer' },
    idempotencyKey,
  );
const refunded = async (ref: string) =>
  (
    await database.db
      .selectFrom('sandbox_charges')
      .select('amount_refunded')
      .where('ref', '=', ref)
      .executeTakeFirstOrThrow()
  ).amount_refunded;

beforeEach(async () => {
  database = openDatabase({ path: ':memory:' });
  gateway = createSandboxGateway({
    db: database.db,
    tenantId: 'ten_A',
    clock: new ManualClock(Date.UTC(2026, 4, 1)),
  });
  ({ gatewayCustomerId: customer } = await gateway.createCustomer(
    { customerId: 'cus_1', email: 'a@example.com', name: 'A' },
    key(),
  ));
});
afterEach(() => database.close());

describe('sandbox refunds', () => {
  it('refund in parts up to what was charged, then refuse more', async () => {
    const charge = await chargeCard('4242424242424242', 2000);
    const first = await refund(charge, 500);
    expect(first).toEqual({
      gatewayRef: expect.stringMatching(/^re_sbx_[0-9a-f]+$/) as string,
      status: 'succeeded',
    });
    expect(await refunded(charge)).toBe(500);

    const over = await gatewayErrorOf(refund(charge, 1501));
    expect(over).toMatchObject({ kind: 'invalid_request', retryable: false });
    expect(over.message).toBe(
      `Refund amount ($15.01) is greater than the $15.00 left to refund on charge ${charge}`,
    );
    expect(await refunded(charge)).toBe(500);

    await refund(charge, 1500);
    expect(await refunded(charge)).toBe(2000);
    expect((await gatewayErrorOf(refund(charge, 1))).message).toContain('already been refunded in full');
  });

  it('refund once per idempotency key', async () => {
    const charge = await chargeCard('4242424242424242', 2000);
    const first = await refund(charge, 800, 'refund-1');
    expect(await refund(charge, 800, 'refund-1')).toEqual(first);
    expect(await refunded(charge)).toBe(800);
  });

  it('refuse a refund in another currency than the charge', async () => {
    const charge = await chargeCard('4242424242424242', 2000, 'EUR');
    const error = await gatewayErrorOf(refund(charge, 100, key(), 'USD'));
    expect(error.message).toBe(`The refund is in USD but charge ${charge} was in EUR`);
  });

  it('refuse to refund a declined charge, a zero amount, or a charge that does not exist', async () => {
    const declined = await chargeCard('4000000000009995', 2000);
    expect((await gatewayErrorOf(refund(declined, 100))).message).toContain('did not succeed');
    const charge = await chargeCard('4242424242424242', 2000);
    expect((await gatewayErrorOf(refund(charge, 0))).kind).toBe('invalid_request');
    expect((await gatewayErrorOf(refund('ch_sbx_0000', 100))).message).toContain('No such sandbox charge');
  });

  it("never reach another tenant's charge", async () => {
    const charge = await chargeCard('4242424242424242', 2000);
    const otherTenant = createSandboxGateway({
      db: database.db,
      tenantId: 'ten_B',
      clock: new ManualClock(0),
    });
    const error = await gatewayErrorOf(
      otherTenant.refund({ chargeRef: charge, amount: money(100, 'USD'), reason: 'duplicate' }, key()),
    );
    expect(error.message).toContain('No such sandbox charge');
    expect(await refunded(charge)).toBe(0);
  });
});
