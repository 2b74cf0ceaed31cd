import {
  SelectQueryNode,
  TableNode,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { newId } from '../../../shared/ids';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
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
const sql = (text: string, ...params: unknown[]) => world.database.sqlite.prepare(text).run(...params);

function insertProSubscription(status: string) {
  const id = newId('sub', START);
  sql(
    `INSERT INTO subscriptions (id, tenant_id, customer_id, plan_id, price_id, quantity, currency, status,
       billing_anchor, current_period_start, current_period_end, trial_end_behavior, version, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, 1, 'USD', ?, ?, ?, ?, 'cancel', 1, ?, ?)`,
    id,
    tenantA(),
    customerId,
    demo.plans.pro,
    demo.prices.proMonthlyUsd,
    status,
    START,
    START,
    START + 1,
    START,
    START,
  );
  return id;
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
    const subscription = insertProSubscription('active');
    const db = world.services.db;
    expect(await can(db, tenantA(), customerId, 'api.access')).toBe(true);
    sql("UPDATE subscriptions SET status = 'canceled' WHERE id = ?", subscription);
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
    sql(
      'UPDATE plan_features SET value = 4 WHERE plan_id = ? AND feature_key = ?',
      demoB.plans.free,
      'courses.max',
    );

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
    const subscription = insertProSubscription('active');
    const gate = new ReadGate('subscriptions');
    const gated = world.services.db.withPlugin(gate);
    const reader = can(gated, tenantA(), customerId, 'analytics.advanced');
    await gate.reached;
    sql("UPDATE subscriptions SET status = 'canceled' WHERE id = ?", subscription);
    invalidateEntitlements(tenantA(), customerId);
    gate.release();
    expect(await reader).toBe(true);
    expect(await can(gated, tenantA(), customerId, 'analytics.advanced')).toBe(false);
  });

  it('does not keep what a reader read before a catalog change it finished after', async () => {
    insertProSubscription('active');
    const gate = new ReadGate('plan_features');
    const gated = world.services.db.withPlugin(gate);
    const reader = limit(gated, tenantA(), customerId, 'courses.max');
    await gate.reached;
    sql(
      'UPDATE plan_features SET value = 70 WHERE plan_id = ? AND feature_key = ?',
      demo.plans.pro,
      'courses.max',
    );
    invalidateTenantEntitlements(tenantA());
    gate.release();
    expect(await reader).toBe(50);
    expect(await limit(gated, tenantA(), customerId, 'courses.max')).toBe(70);
  });

  it('reads a transaction’s own uncommitted rows without caching them', async () => {
    const subscription = insertProSubscription('active');
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
