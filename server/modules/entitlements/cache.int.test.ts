import {
  SelectQueryNode,
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
  type Compilable,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { subscriptionRow } from '../../testing/subscription-rows.test-kit';
import { seedDemoCatalog, type DemoCatalog } from '../catalog';
import { can, invalidateEntitlements, invalidateTenantEntitlements, limit } from './index';

let world: TestWorld;
let demo: DemoCatalog;
let customerId: string;
beforeEach(async () => {
  world = await createTestWorld();
  demo = await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
  customerId = (
    await world.as('billingA').customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' })
  ).id;
});
afterEach(async () => {
  await world.close();
});

const tenantA = () => world.tenants.A.id;
/** A subscription row written straight to the table, as the subscription service would write it. */
async function insertProSubscription(status: 'active' | 'trialing') {
  const row = subscriptionRow({
    tenantId: tenantA(),
    customerId,
    planId: demo.plans.pro,
    priceId: demo.prices.proMonthlyUsd,
    status,
    periodEnd: START + 1,
  });
  await world.database.db.insertInto('subscriptions').values(row).execute();
  return row.id;
}

/**
 * Runs a write while a gated reader may hold the database: on PostgreSQL through the pool (another
 * connection); on SQLite straight on the handle, since Kysely's one SQLite connection stays held by
 * the frozen reader until its result is released.
 */
async function writeBeside(query: Compilable): Promise<void> {
  const { sql, parameters } = query.compile();
  if (world.database.dialect === 'sqlite') world.database.sqlite.prepare(sql).run(...parameters);
  else await world.database.db.executeQuery(query.compile());
}

/** Cancels a subscription behind the services' backs: no invalidation follows. */
async function cancelRow(id: string) {
  await writeBeside(
    world.database.db.updateTable('subscriptions').set({ status: 'canceled' }).where('id', '=', id),
  );
}

/** Sets a plan's feature value behind the services' backs: no invalidation follows. */
async function setFeatureRow(planId: string, featureKey: string, value: number) {
  await writeBeside(
    world.database.db
      .updateTable('plan_features')
      .set({ value })
      .where('plan_id', '=', planId)
      .where('feature_key', '=', featureKey),
  );
}

function readsTable(node: RootOperationNode, table: string): boolean {
  return (
    SelectQueryNode.is(node) &&
    (node.from?.froms ?? []).some((from) => TableNode.is(from) && from.table.identifier.name === table)
  );
}

/** Holds the first read of `table` after it returned rows, until released: a reader frozen mid-flight. */
class ReadGate implements KyselyPlugin {
  readonly #watched = new WeakSet<object>();
  #armed = true;
  #arrive = () => {};
  #release = () => {};
  readonly reached = new Promise<void>((resolve) => (this.#arrive = resolve));
  readonly #released = new Promise<void>((resolve) => (this.#release = resolve));

  constructor(readonly table: string) {}

  transformQuery({ node, queryId }: PluginTransformQueryArgs): RootOperationNode {
    if (this.#armed && readsTable(node, this.table)) {
      this.#armed = false;
      this.#watched.add(queryId);
    }
    return node;
  }

  async transformResult({ result, queryId }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    if (this.#watched.has(queryId)) {
      this.#arrive();
      await this.#released;
    }
    return result;
  }

  release(): void {
    this.#release();
  }
}

describe('the entitlements cache', () => {
  it('serves repeated checks from memory until the subscription service invalidates the customer', async () => {
    const subscription = await insertProSubscription('active');
    const db = world.services.db;
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(true);
    await cancelRow(subscription);
    // Without an invalidation the cached answer stands: proof the cache is in use.
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(true);
    invalidateEntitlements(tenantA(), customerId);
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(false);
  });

  it('is invalidated for the whole tenant by a catalog change, and only that tenant', async () => {
    const db = world.services.db;
    const asB = world.as('owner', world.tenants.B.id);
    const demoB = await seedDemoCatalog(db, world.tenants.B.id, START);
    const bertha = await asB.customers.create({ name: 'Bertha', email: 'b@b.example', country: 'DE' });
    expect(await limit(db, tenantA(), customerId, 'courses.max')).toBe(3);
    expect(await limit(db, world.tenants.B.id, bertha.id, 'courses.max')).toBe(3);
    await setFeatureRow(demoB.plans.free, 'courses.max', 4);

    await world.as('billingA').catalog.updatePlan({
      id: demo.plans.free,
      expectedVersion: 1,
      patch: { features: { 'courses.max': 5, 'api.access': true } },
    });
    expect(await limit(db, tenantA(), customerId, 'courses.max')).toBe(5);
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(true);
    // B's entry was not touched by A's change: it still holds what it read.
    expect(await limit(db, world.tenants.B.id, bertha.id, 'courses.max')).toBe(3);
  });

  it('does not keep what a reader read before a subscription change it finished after', async () => {
    const subscription = await insertProSubscription('active');
    const gate = new ReadGate('subscriptions');
    const gated = world.services.db.withPlugin(gate);
    const reader = can(gated, tenantA(), customerId, 'analytics.advanced');
    await gate.reached;
    await cancelRow(subscription);
    invalidateEntitlements(tenantA(), customerId);
    gate.release();
    expect(await reader).toBe(true);
    expect(await can(gated, tenantA(), customerId, 'analytics.advanced')).toBe(false);
  });

  it('does not keep what a reader read before a catalog change it finished after', async () => {
    await insertProSubscription('active');
    const gate = new ReadGate('plan_features');
    const gated = world.services.db.withPlugin(gate);
    const reader = limit(gated, tenantA(), customerId, 'courses.max');
    await gate.reached;
    await setFeatureRow(demo.plans.pro, 'courses.max', 70);
    invalidateTenantEntitlements(tenantA());
    gate.release();
    expect(await reader).toBe(50);
    expect(await limit(gated, tenantA(), customerId, 'courses.max')).toBe(70);
  });

  it('reads a transaction’s own uncommitted rows without caching them', async () => {
    const subscription = await insertProSubscription('active');
    const db = world.services.db;
    const rolledBack = new Error('roll back');
    await expect(
      db.transaction().execute(async (trx) => {
        await trx
          .updateTable('subscriptions')
          .set({ status: 'paused' })
          .where('id', '=', subscription)
          .execute();
        expect(await can(trx, tenantA(), customerId, 'api.access')).toBe(false);
        throw rolledBack;
      }),
    ).rejects.toBe(rolledBack);
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(true);
  });
});
