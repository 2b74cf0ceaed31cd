import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { subscriptionRow } from '../../testing/subscription-rows.test-kit';
import { seedDemoCatalog, type DemoCatalog } from '../../modules/catalog';
import { can } from '../../modules/entitlements';
import { sequenceCommittedChanges } from '../sequencer';
import { Replica } from './replica';

/**
 * A desktop's console answers entitlements from its replica, whose cache lives until
 * invalidated: pulled rows that change a customer's subscriptions or the tenant's plans must
 * make it forget, or the desktop keeps answering from before the change.
 */

let world: TestWorld;
let demo: DemoCatalog;
let customerId: string;
let dir: string;
let replica: Replica;
let cursor = 0;

beforeEach(async () => {
  world = await createTestWorld();
  demo = await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
  customerId = (
    await world.as('billingA').customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' })
  ).id;
  dir = mkdtempSync(join(tmpdir(), 'tollgate-entitlement-changes-'));
  replica = Replica.open(join(dir, 'replica.sqlite'));
  cursor = 0;
  await pullEverything();
});

afterEach(async () => {
  await replica.close();
  await world.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Applies the server's row log after the replica's cursor, as one page (what a pull would bring). */
async function pullEverything(): Promise<void> {
  // PostgreSQL numbers committed changes when a pull asks (decision 108); SQLite has numbered them.
  await sequenceCommittedChanges(world.database.db);
  const rows = await world.database.db
    .selectFrom('sync_rows')
    .select(['seq', 'tbl as table', 'pk as key', 'op', 'row'])
    .where('seq', '>', cursor)
    .orderBy('seq')
    .execute();
  cursor = rows.at(-1)?.seq ?? cursor;
  replica.applyPage({ changes: rows, cursor, scope: 'test' }, START);
}

const tenantA = () => world.tenants.A.id;
const apiAccess = () => can(replica.database.db, tenantA(), customerId, 'api.access');

describe("the replica's entitlements cache", () => {
  it('forgets a customer whose subscription a pull brings, starts or ends', async () => {
    expect(await apiAccess()).toBe(false);
    const row = subscriptionRow({
      tenantId: tenantA(),
      customerId,
      planId: demo.plans.pro,
      priceId: demo.prices.proMonthlyUsd,
      status: 'active',
      periodEnd: START + 86_400_000,
    });
    await world.database.db.insertInto('subscriptions').values(row).execute();
    await pullEverything();
    expect(await apiAccess()).toBe(true);

    await world.database.db.deleteFrom('subscriptions').where('id', '=', row.id).execute();
    await pullEverything();
    expect(await apiAccess()).toBe(false);
  });

  it("forgets the tenant when a pull changes a plan's features", async () => {
    const row = subscriptionRow({
      tenantId: tenantA(),
      customerId,
      planId: demo.plans.pro,
      priceId: demo.prices.proMonthlyUsd,
      status: 'active',
      periodEnd: START + 86_400_000,
    });
    await world.database.db.insertInto('subscriptions').values(row).execute();
    await pullEverything();
    expect(await apiAccess()).toBe(true);

    await world.database.db
      .deleteFrom('plan_features')
      .where('plan_id', '=', demo.plans.pro)
      .where('feature_key', '=', 'api.access')
      .execute();
    await pullEverything();
    expect(await apiAccess()).toBe(false);
  });
});
