import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDueJobs } from '../../jobs/runner';
import { silentLogger } from '../../lib/logger';
import { clientError } from '../../testing/errors.test-kit';
import { stripeBillingJobHandlers } from './index';
import { createMirrorWorld, type MirrorWorld } from './stripe-billing.test-kit';
import { tableRowCounts } from '../../testing/table-contents.test-kit';

/** Bad input to the Stripe Billing procedures: refused naming the field, nothing written, nothing sent to Stripe. */

let m: MirrorWorld;
let stripeManagedId: string;
beforeAll(async () => {
  m = await createMirrorWorld();
  const customer = await m.customerWithCard('bad@example.com');
  const price = await m.monthlyPrice('Team', 2900);
  const subscription = await m.subscribe(customer.id, price.id);
  await m.world.as('billingA').stripeBilling.startImport({});
  await runDueJobs({
    db: m.world.database.db,
    clock: m.world.clock,
    logger: silentLogger,
    handlers: stripeBillingJobHandlers(m.world.services),
  });
  const row = await m.world.database.db
    .selectFrom('subscriptions')
    .select('id')
    .where('gateway_ref', '=', subscription.id)
    .executeTakeFirstOrThrow();
  stripeManagedId = row.id;
});
afterAll(() => m?.close());

type Caller = ReturnType<MirrorWorld['world']['as']>;

const CASES: [string, (c: Caller) => Promise<unknown>, string][] = [
  [
    'stripeBilling.startImport: an unknown field',
    (c) => c.stripeBilling.startImport({ pages: 3 } as never),
    'pages',
  ],
  [
    'stripeBilling.importProgress: an unknown field',
    (c) => c.stripeBilling.importProgress({ id: 'x' } as never),
    'id',
  ],
  [
    'subscriptions.list: an unknown kind of management',
    (c) => c.subscriptions.list({ managedBy: 'paypal' } as never),
    'managedBy',
  ],
  [
    'subscriptions.pause (Stripe-managed): a resume date that is not a time',
    (c) => c.subscriptions.pause({ id: stripeManagedId, resumeAt: -5 }),
    'resumeAt',
  ],
  [
    'subscriptions.changePlan (Stripe-managed): a price made in Tollgate',
    (c) =>
      c.subscriptions.changePlan({
        id: stripeManagedId,
        priceId: m.world.catalog.prices.proMonthlyUsd,
        quantity: 1,
        expectedVersion: 1,
      }),
    'priceId',
  ],
  [
    'subscriptions.changePlan (Stripe-managed): zero quantity',
    (c) =>
      c.subscriptions.changePlan({
        id: stripeManagedId,
        priceId: m.world.catalog.prices.proMonthlyUsd,
        quantity: 0,
        expectedVersion: 1,
      }),
    'quantity',
  ],
];

describe('bad input to the Stripe Billing procedures', () => {
  for (const [label, call, field] of CASES) {
    it(`${label} → an error naming ${field}, nothing written or sent`, async () => {
      const before = await tableRowCounts(m.world.database);
      const requests = m.fake.requests.filter((r) => r.method !== 'GET').length;
      const seen = await clientError(() => call(m.world.as('owner', m.world.tenants.A.id)));
      expect(seen.data.domainCode, seen.message).toBe('INVALID_INPUT');
      expect(Object.keys(seen.data.fieldErrors ?? {}), seen.message).toContain(field);
      expect(await tableRowCounts(m.world.database)).toEqual(before);
      expect(m.fake.requests.filter((r) => r.method !== 'GET').length).toBe(requests);
    });
  }
});
