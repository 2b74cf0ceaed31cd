import { afterEach, describe, expect, it } from 'vitest';
import { startFakeStripe, type FakeStripe } from '../../tests/fakes/stripe';
import type { AppDatabase } from '../db/connection';
import { openTestDatabase } from '../testing/test-database.test-kit';
import { ManualClock } from '../lib/clock';
import { gatewayFromConfig } from './index';

let database: AppDatabase | undefined;
let fake: FakeStripe | undefined;
afterEach(async () => {
  await database?.close();
  await fake?.close();
});

describe('gatewayFromConfig', () => {
  it('is the sandbox, on this database and tenant, when no Stripe key is configured', async () => {
    database = await openTestDatabase();
    const gateway = gatewayFromConfig({}, { db: database.db, tenantId: 'ten_A', clock: new ManualClock(0) });
    expect(gateway.name).toBe('sandbox');
    await gateway.createCustomer({ customerId: 'c', email: 'a@example.com', name: 'A' }, 'k');
    const stored = await database.db
      .selectFrom('sandbox_requests')
      .select(['tenant_id', 'idempotency_key'])
      .execute();
    expect(stored).toEqual([{ tenant_id: 'ten_A', idempotency_key: 'k' }]);
  });

  it('is Stripe, at the configured address, when a key is configured', async () => {
    database = await openTestDatabase();
    fake = await startFakeStripe();
    const gateway = gatewayFromConfig(
      {
        stripeSecretKey: fake.secretKey,
        stripeHost: fake.host,
        stripePort: fake.port,
        stripeProtocol: 'http',
      },
      { db: database.db, tenantId: 'ten_A', clock: new ManualClock(0) },
    );
    expect(gateway.name).toBe('stripe');
    const { gatewayCustomerId } = await gateway.createCustomer(
      { customerId: 'c', email: 'a@example.com', name: 'A' },
      'k',
    );
    expect(fake.store.customers.has(gatewayCustomerId)).toBe(true);
  });
});
