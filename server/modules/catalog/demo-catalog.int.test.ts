import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { formatMoney, money } from '../../../shared/money';
import { can, limit } from '../entitlements';
import { tableRowCounts } from '../../testing/table-contents.test-kit';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { seedDemoCatalog } from './index';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

describe('seedDemoCatalog', () => {
  it('creates Lumen Courses with Free (default), Pro and Enterprise, and returns their ids', async () => {
    const demo = await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
    const overview = await world.as('viewerA').catalog.overview();
    expect(overview.features.map((f) => `${f.key}:${f.kind}`)).toEqual([
      'analytics.advanced:flag',
      'api.access:flag',
      'branding.white_label:flag',
      'certificates.custom:flag',
      'courses.max:limit',
      'students.max:limit',
      'support.priority:flag',
    ]);
    const [product] = overview.products;
    expect(product).toMatchObject({ id: demo.productId, name: 'Lumen Courses' });
    const plans = product?.plans ?? [];
    expect(plans.map((p) => [p.name, p.id, p.isDefault])).toEqual([
      ['Free', demo.plans.free, true],
      ['Pro', demo.plans.pro, false],
      ['Enterprise', demo.plans.enterprise, false],
    ]);
    const priceList = (name: string) =>
      plans
        .find((p) => p.name === name)
        ?.prices.map(
          (p) => `${formatMoney(money(p.amount, p.currency))}/${p.interval}, ${p.trialDays}d trial`,
        );
    expect(priceList('Free')).toEqual(['€0.00/month, 0d trial', '$0.00/month, 0d trial']);
    expect(priceList('Pro')).toEqual([
      '€9.49/month, 14d trial',
      '$9.99/month, 14d trial',
      '€94.90/year, 14d trial',
      '$99.90/year, 14d trial',
    ]);
    expect(priceList('Enterprise')).toEqual([
      '€94.00/month, 14d trial',
      '$99.00/month, 14d trial',
      '€940.00/year, 14d trial',
      '$990.00/year, 14d trial',
    ]);
    const proMonthly = plans
      .find((p) => p.name === 'Pro')
      ?.prices.find((p) => p.id === demo.prices.proMonthlyUsd);
    expect(proMonthly).toMatchObject({ amount: 999, currency: 'USD', interval: 'month' });
    expect(plans.find((p) => p.name === 'Enterprise')?.features).toMatchObject({
      'courses.max': null,
      'branding.white_label': true,
      'support.priority': true,
    });
  });

  it('audits every entity it wrote, as the demo data actor', async () => {
    await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select((eb) => ['entity_type', eb.fn.countAll<number>().as('n')])
      .where('actor_name', '=', 'Demo data')
      .groupBy('entity_type')
      .orderBy('entity_type')
      .execute();
    expect(audit.map((a) => ({ ...a, n: Number(a.n) }))).toEqual([
      { entity_type: 'feature', n: 7 },
      { entity_type: 'plan', n: 3 },
      { entity_type: 'price', n: 10 },
      { entity_type: 'product', n: 1 },
    ]);
    expect((await tableRowCounts(world.database)).change_log).toBe(21);
  });

  it('gives customers without a subscription the Free plan', async () => {
    await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
    const customer = await world
      .as('billingA')
      .customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' });
    const db = world.services.db;
    expect(await limit(db, world.tenants.A.id, customer.id, 'courses.max')).toBe(3);
    expect(await can(db, world.tenants.A.id, customer.id, 'branding.white_label')).toBe(false);
  });

  it('refuses a workspace that already has a catalog, writing nothing', async () => {
    await seedDemoCatalog(world.services.db, world.tenants.A.id, START);
    const before = (await tableRowCounts(world.database)).audit_log;
    await expect(seedDemoCatalog(world.services.db, world.tenants.A.id, START)).rejects.toThrow(
      'This workspace already has a catalog; the demo catalog is for new ones',
    );
    expect((await tableRowCounts(world.database)).audit_log).toBe(before);
    await expect(seedDemoCatalog(world.services.db, world.tenants.B.id, START)).resolves.toBeDefined();
  });
});
