import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { money } from '../../../shared/money';
import { openDatabase, type AppDatabase } from '../../db/connection';
import { ManualClock } from '../../lib/clock';
import { gatewayErrorOf } from '../gateways.test-kit';
import type { PaymentGateway } from '../types';
import { createSandboxGateway } from './sandbox-gateway';

let database: AppDatabase;
let clock: ManualClock;
let gateway: PaymentGateway;
let customer: string;
let card: string;

const gatewayFor = (tenantId: string) => createSandboxGateway({ db: database.db, tenantId, clock });
const chargeInput = (amount = 2000) => ({
  gatewayCustomerId: customer,
  paymentMethodRef: card,
  amount: money(amount, 'USD'),
  description: 'Invoice 7',
  metadata: { invoice: 'inv_7', attempt: '1' },
});
const countCharges = async () =>
  (
    await database.db
      .selectFrom('sandbox_charges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

beforeEach(async () => {
  database = openDatabase({ path: ':memory:' });
  clock = new ManualClock(Date.UTC(2026, 4, 1));
  gateway = gatewayFor('ten_A');
  ({ gatewayCustomerId: customer } = await gateway.createCustomer(
    { customerId: 'cus_1', email: 'a@example.com', name: 'A' },
    'c1',
  ));
  ({ gatewayRef: card } = await gateway.attachPaymentMethod(
    { gatewayCustomerId: customer, source: '4242424242424242' },
    'pm1',
  ));
});
afterEach(() => database.close());

describe('sandbox idempotency', () => {
  it('answers a repeated charge with the first answer and charges once', async () => {
    const first = await gateway.charge(chargeInput(), 'charge-1');
    clock.advance(60_000);
    const again = await gateway.charge(chargeInput(), 'charge-1');
    expect(again).toEqual(first);
    expect(await countCharges()).toBe(1);
  });

  it('does not care about the order of metadata keys', async () => {
    const first = await gateway.charge(chargeInput(), 'charge-1');
    const reordered = { ...chargeInput(), metadata: { attempt: '1', invoice: 'inv_7' } };
    expect(await gateway.charge(reordered, 'charge-1')).toEqual(first);
  });

  it('refuses the same key with different parameters, and acts on neither', async () => {
    await gateway.charge(chargeInput(2000), 'charge-1');
    const error = await gatewayErrorOf(gateway.charge(chargeInput(2500), 'charge-1'));
    expect(error).toMatchObject({ kind: 'idempotency', retryable: false });
    expect(error.message).toContain('charge-1');
    expect(await countCharges()).toBe(1);
  });

  it('refuses a key reused for another kind of request', async () => {
    await gateway.createCustomer({ customerId: 'cus_2', email: 'b@example.com', name: 'B' }, 'shared-key');
    const error = await gatewayErrorOf(
      gateway.createSetupIntent({ gatewayCustomerId: customer }, 'shared-key'),
    );
    expect(error.kind).toBe('idempotency');
  });

  it('replays customers, setup intents and saved cards with the same refs', async () => {
    const input = { customerId: 'cus_9', email: 'z@example.com', name: 'Z' };
    expect(await gateway.createCustomer(input, 'c9')).toEqual(await gateway.createCustomer(input, 'c9'));
    const intent = { gatewayCustomerId: customer };
    expect(await gateway.createSetupIntent(intent, 's9')).toEqual(
      await gateway.createSetupIntent(intent, 's9'),
    );
    const attach = { gatewayCustomerId: customer, source: '5555 5555 5555 4444' };
    expect(await gateway.attachPaymentMethod(attach, 'p9')).toEqual(
      await gateway.attachPaymentMethod({ ...attach, source: '5555-5555-5555-4444' }, 'p9'),
    );
  });

  it('tells a different card under the same key apart, even with the same last four digits', async () => {
    const attach = (source: string) =>
      gateway.attachPaymentMethod({ gatewayCustomerId: customer, source }, 'p-same');
    await attach('4000 0000 0000 0341');
    // Same first six and last four as the declining card, but an ordinary (succeeding) card.
    expect((await gatewayErrorOf(attach('4000 0010 0008 0341'))).kind).toBe('idempotency');
  });

  it('stores nothing for a refused request, so trying again refuses again rather than replaying', async () => {
    const attachDeclined = () =>
      gateway.attachPaymentMethod({ gatewayCustomerId: customer, source: '4000000000000002' }, 'declined-1');
    expect((await gatewayErrorOf(attachDeclined())).kind).toBe('card');
    expect((await gatewayErrorOf(attachDeclined())).kind).toBe('card');
    const stored = await database.db.selectFrom('sandbox_requests').select('idempotency_key').execute();
    expect(stored.map((r) => r.idempotency_key)).not.toContain('declined-1');
  });

  it('keeps each tenant’s keys apart', async () => {
    await gateway.charge(chargeInput(2000), 'shared');
    const other = gatewayFor('ten_B');
    const outcome = await other.charge(chargeInput(2500), 'shared');
    expect(outcome.status).toBe('succeeded');
    expect(await countCharges()).toBe(2);
  });

  it('requires a key', async () => {
    expect((await gatewayErrorOf(gateway.charge(chargeInput(), ''))).kind).toBe('invalid_request');
    expect(await countCharges()).toBe(0);
  });
});
