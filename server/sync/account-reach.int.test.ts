import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { asXavier, seedAccounts, type AccountFixture } from '../app/isolation-accounts.test-kit';
import { seedTenantB } from '../app/isolation-fixture.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import { ACCOUNT_CUSTOMER_TABLES } from './account-reach';
import type { RowChange } from './pull';

/**
 * An account admin's replica (decision 145): Xavier, admin of customer X of tenant A, pulls
 * the whole log and receives X's rows only — tenant A's row, X without staff's notes, X's
 * billing rows, the lines of X's invoices, the catalog X's subscription bills, his own
 * user and binding — and nothing of customer Y, of A's other catalog, or of tenant B.
 */

let world: TestWorld;
let f: AccountFixture;
beforeAll(async () => {
  world = await createTestWorld();
  await seedTenantB(world);
  f = await seedAccounts(world);
  await world.as('owner', world.tenants.A.id).customers.update({
    id: f.xCustomerId,
    expectedVersion: 1,
    patch: { notes: 'Staff only: negotiating a discount' },
  });
});
afterAll(async () => {
  await world?.close();
});

async function pullAll(): Promise<{ changes: RowChange[]; scope: string }> {
  const page = await asXavier(world, f).sync.pull({ cursor: 0, limit: 5000 });
  expect(page.more).toBe(false);
  return page;
}

const rowsOf = (changes: RowChange[], table: string) =>
  changes.filter((c) => c.table === table).map((c) => JSON.parse(c.row ?? '{}') as Record<string, unknown>);

describe('an account admin’s pull', () => {
  it('holds exactly X’s rows, tenant A’s row and his own account', async () => {
    const { changes } = await pullAll();
    const text = JSON.stringify(changes);
    for (const secret of [
      f.yCustomerId,
      f.ySubscriptionId,
      f.yInvoiceId,
      f.yPaymentMethodId,
      'Yolanda',
      'Bertha',
    ]) {
      expect(text).not.toContain(secret);
    }
    expect(rowsOf(changes, 'tenants').map((t) => t.id)).toEqual([world.tenants.A.id]);
    expect(rowsOf(changes, 'customers').map((c) => c.id)).toEqual([f.xCustomerId]);
    for (const table of ACCOUNT_CUSTOMER_TABLES) {
      for (const row of rowsOf(changes, table)) expect(row.customer_id, table).toBe(f.xCustomerId);
    }
    expect(rowsOf(changes, 'invoices').map((i) => i.id)).toEqual([f.xInvoiceId]);
    expect(rowsOf(changes, 'invoice_lines').every((l) => l.invoice_id === f.xInvoiceId)).toBe(true);
    expect(rowsOf(changes, 'invoice_lines').length).toBeGreaterThan(0);
    expect(rowsOf(changes, 'users').map((u) => u.id)).toEqual([f.xavier.userId]);
    expect(rowsOf(changes, 'account_members').map((m) => m.user_id)).toEqual([f.xavier.userId]);
    // No staff's rows: memberships, audit trail, emails, settings, webhooks, analytics.
    const tables = new Set(changes.map((c) => c.table));
    for (const table of [
      'memberships',
      'audit_log',
      'email_outbox',
      'email_settings',
      'webhook_endpoints',
      'mrr_movements',
      'features',
    ]) {
      expect(tables.has(table), table).toBe(false);
    }
  });

  it('carries only the catalog X’s subscription bills, and never staff’s notes', async () => {
    const { changes } = await pullAll();
    const [sub] = rowsOf(changes, 'subscriptions');
    expect(rowsOf(changes, 'prices').map((p) => p.id)).toEqual([sub?.price_id]);
    expect(rowsOf(changes, 'plans').map((p) => p.id)).toEqual([sub?.plan_id]);
    expect(rowsOf(changes, 'products')).toHaveLength(1);
    const [customer] = rowsOf(changes, 'customers');
    expect(customer?.notes).toBeNull();
    expect(JSON.stringify(changes)).not.toContain('negotiating');
  });

  it('starts over when the account changes plan, and reaches nothing once removed', async () => {
    const before = (await pullAll()).scope;
    const owner = world.as('owner', world.tenants.A.id);
    const catalog = await owner.catalog.overview({ includeArchived: false });
    const product = catalog.products.find((p) => p.plans.some((plan) => plan.name === 'A Team'));
    const plan = await owner.catalog.createPlan({ productId: product?.id ?? '', name: 'A Enterprise' });
    const price = await owner.catalog.createPrice({
      planId: plan.id,
      amount: 19900,
      currency: 'EUR',
      interval: 'month',
    });
    const [sub] = (await owner.billing.customer({ customerId: f.xCustomerId })).subscriptions;
    await owner.subscriptions.changePlan({
      id: sub?.id ?? '',
      priceId: price.id,
      quantity: 1,
      expectedVersion: sub?.version ?? 0,
    });
    const after = await pullAll();
    expect(after.scope).not.toBe(before);
    expect(rowsOf(after.changes, 'prices').map((p) => p.id)).toContain(price.id);
  });

  it('holds X’s licensing rows and their policy, never Y’s and never a key', async () => {
    const { changes } = await pullAll();
    for (const table of [
      'licenses',
      'license_machines',
      'license_seats',
      'license_usage',
      'license_validations',
    ]) {
      const rows = rowsOf(changes, table);
      expect(rows.length, table).toBeGreaterThan(0);
      for (const row of rows) expect(row.customer_id, table).toBe(f.xCustomerId);
    }
    expect(rowsOf(changes, 'licenses').map((l) => l.id)).toEqual([f.xLicenseId]);
    const [license] = rowsOf(changes, 'licenses');
    expect(rowsOf(changes, 'license_policies').map((p) => p.id)).toEqual([license?.policy_id]);
    const text = JSON.stringify(changes);
    for (const secret of [
      f.yLicenseId,
      f.yMachineId,
      f.ySeatId,
      'yfp-',
      'key_hash',
      'key_sealed',
      'test-sealed',
    ]) {
      expect(text).not.toContain(secret);
    }
    const tables = new Set(changes.map((c) => c.table));
    expect(tables.has('license_usage_events')).toBe(false);
    expect(tables.has('license_signing_keys')).toBe(false);
  });

  it('starts over when a machine of X is released, so the replica drops it', async () => {
    const before = await pullAll();
    expect(rowsOf(before.changes, 'license_machines').map((m) => m.id)).toEqual([f.xMachineId]);
    await asXavier(world, f).accountLicenses.releaseMachine({
      licenseId: f.xLicenseId,
      machineId: f.xMachineId,
    });
    const after = await pullAll();
    expect(after.scope).not.toBe(before.scope);
    expect(rowsOf(after.changes, 'license_machines')).toEqual([]);
  });
});
