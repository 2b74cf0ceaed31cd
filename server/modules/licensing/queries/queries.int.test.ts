import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { clientError, expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { seedLicense, seedPolicy, seedUsage, seedValidations } from './licenses.test-kit';

/**
 * The staff's reads of licenses (licenses.list|get|usage|validations) over rows written
 * directly: paging and filters, the detail without the key, usage beside the policy's
 * limits, the validation ring newest first, and nothing of another tenant.
 */

let world: TestWorld;
let ids: {
  ada: string;
  bob: string;
  gold: string;
  silver: string;
  /** Tenant B's policy and customer. */
  bPolicy: string;
  bertha: string;
  /** In creation order: l0 oldest. */
  l: string[];
  other: string;
};
const T0 = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  world = await createTestWorld();
  const db = world.database.db;
  const a = world.as('adminA');
  const tenantId = world.tenants.A.id;
  const ada = await a.customers.create({ name: 'Ada Lovelace', email: 'ada@a.example', country: 'GB' });
  const bob = await a.customers.create({ name: 'Bob Builder', email: 'bob@a.example', country: 'GB' });
  const product = await world.as('owner', tenantId).catalog.createProduct({ name: 'Academy' });
  const gold = await seedPolicy(db, {
    tenantId,
    productId: product.id,
    name: 'Gold',
    now: T0,
    usageLimits: [
      { metric: 'course_hours', limit: 100, rule: { kind: 'BLOCK' } },
      { metric: 'api_calls', limit: 1000, rule: { kind: 'BILL', unitPrice: 2, currency: 'EUR' } },
    ],
  });
  const silver = await seedPolicy(db, { tenantId, productId: product.id, name: 'Silver', now: T0 });
  const seeded = [
    { customerId: ada.id, policyId: gold, expiresAt: T0 + 30 * DAY_MS, machines: 2, seats: 3 },
    { customerId: bob.id, policyId: silver, expiresAt: null },
    { customerId: ada.id, policyId: silver, expiresAt: T0 + 10 * DAY_MS, status: 'SUSPENDED' as const },
    { customerId: bob.id, policyId: gold, expiresAt: T0 + 20 * DAY_MS },
    { customerId: ada.id, policyId: gold, expiresAt: null, status: 'REVOKED' as const },
  ];
  const l: string[] = [];
  for (const [i, s] of seeded.entries())
    l.push(await seedLicense(db, { tenantId, name: `License ${i}`, now: T0 + i * 1000, ...s }));

  // Tenant B's license, which A must never see.
  const b = world.as('adminB');
  const bertha = await b.customers.create({ name: 'Bertha Benz', email: 'bertha@b.example', country: 'DE' });
  const bProduct = await world
    .as('owner', world.tenants.B.id)
    .catalog.createProduct({ name: 'Bertha Academy' });
  const bPolicy = await seedPolicy(db, {
    tenantId: world.tenants.B.id,
    productId: bProduct.id,
    name: 'B',
    now: T0,
  });
  const other = await seedLicense(db, {
    tenantId: world.tenants.B.id,
    customerId: bertha.id,
    policyId: bPolicy,
    name: 'Bertha license',
    now: T0,
  });
  ids = { ada: ada.id, bob: bob.id, gold, silver, bPolicy, bertha: bertha.id, l, other };
});
afterAll(async () => {
  await world?.close();
});

/** The i-th seeded license of A (0 the oldest). */
const lic = (i: number) => ids.l[i] ?? 'missing';
const names = (page: { items: { name: string }[] }) => page.items.map((r) => r.name);

describe('licenses.list', () => {
  it('pages newest first with the total on the first page, and each row counts machines and seats', async () => {
    const a = world.as('viewerA');
    const first = await a.licenses.list({ limit: 2 });
    expect(names(first)).toEqual(['License 4', 'License 3']);
    expect(first.total).toBe(5);
    const second = await a.licenses.list({ limit: 2, cursor: first.nextCursor });
    expect(names(second)).toEqual(['License 2', 'License 1']);
    expect(second.total).toBeNull();
    const third = await a.licenses.list({ limit: 2, cursor: second.nextCursor });
    expect(names(third)).toEqual(['License 0']);
    expect(third.nextCursor).toBeNull();
    expect(third.items[0]).toMatchObject({
      customerName: 'Ada Lovelace',
      policyName: 'Gold',
      status: 'ACTIVE',
      machines: 2,
      seats: 3,
      expiresAt: T0 + 30 * DAY_MS,
    });
    expect(JSON.stringify([first, second, third])).not.toMatch(/hash-|sealed-|Bertha/);
  });

  it('sorts by expiry both ways across pages, licenses that never expire last when ascending', async () => {
    const a = world.as('viewerA');
    const sort = { field: 'expiresAt', direction: 'asc' } as const;
    const first = await a.licenses.list({ sort, limit: 3 });
    const rest = await a.licenses.list({ sort, limit: 3, cursor: first.nextCursor });
    expect([...names(first), ...names(rest)]).toEqual([
      'License 2',
      'License 3',
      'License 0',
      'License 1',
      'License 4',
    ]);
    const desc = await a.licenses.list({ sort: { field: 'expiresAt', direction: 'desc' }, limit: 2 });
    const descRest = await a.licenses.list({
      sort: { field: 'expiresAt', direction: 'desc' },
      limit: 10,
      cursor: desc.nextCursor,
    });
    expect([...names(desc), ...names(descRest)]).toEqual([
      'License 4',
      'License 1',
      'License 0',
      'License 3',
      'License 2',
    ]);
  });

  it('filters by status, policy, customer and expiry, counting only the matches', async () => {
    const a = world.as('viewerA');
    expect(names(await a.licenses.list({ status: 'SUSPENDED' }))).toEqual(['License 2']);
    const gold = await a.licenses.list({ policyId: ids.gold });
    expect(names(gold)).toEqual(['License 4', 'License 3', 'License 0']);
    expect(gold.total).toBe(3);
    expect(names(await a.licenses.list({ customerId: ids.bob }))).toEqual(['License 3', 'License 1']);
    expect(names(await a.licenses.list({ expiringBefore: T0 + 25 * DAY_MS }))).toEqual([
      'License 3',
      'License 2',
    ]);
    expect(names(await a.licenses.list({ customerId: ids.ada, policyId: ids.silver }))).toEqual([
      'License 2',
    ]);
  });

  it('finds nothing under another workspace’s policy or customer, as under one that does not exist', async () => {
    const a = world.as('viewerA');
    for (const filter of [{ policyId: ids.bPolicy }, { customerId: ids.bertha }]) {
      const page = await a.licenses.list(filter);
      expect(page).toMatchObject({ items: [], total: 0, nextCursor: null });
    }
    expect((await world.as('adminB').licenses.list({ policyId: ids.bPolicy })).total).toBe(1);
  });

  it('refuses bad input by name, never with a 500', async () => {
    const a = world.as('viewerA');
    const policy = await clientError(() => a.licenses.list({ policyId: 'gold' }));
    expect(policy.message).toContain('Policy id must look like an id from the policies list');
    const bad = await clientError(() => a.licenses.list({ status: 'LOST' as never }));
    expect(bad.message).toContain('Status must be one of ACTIVE, SUSPENDED, REVOKED');
    await expectDomainError(() => a.licenses.list({ cursor: 'nonsense' }), 'INVALID_INPUT');
    const sort = await clientError(() =>
      a.licenses.list({ sort: { field: 'name' as never, direction: 'asc' } }),
    );
    expect(sort.message).toContain('Sort must be one of createdAt, expiresAt');
  });
});

describe('licenses.get', () => {
  it('shows the license with its hint, never its key, and its policy, customer, machines and seats', async () => {
    const detail = await world.as('viewerA').licenses.get({ id: lic(0) });
    expect(detail.license).toMatchObject({
      name: 'License 0',
      status: 'ACTIVE',
      keyHint: lic(0).slice(-4),
    });
    expect(detail.policy).toMatchObject({
      name: 'Gold',
      maxMachines: 5,
      maxUsers: 10,
      entitlements: ['courses'],
    });
    expect(detail.customer).toMatchObject({ name: 'Ada Lovelace' });
    expect(detail.subscription).toBeNull();
    expect(detail.machines.map((m) => m.fingerprint)).toEqual(['fp-1', 'fp-0']);
    expect(detail.seats).toHaveLength(3);
    expect(JSON.stringify(detail)).not.toMatch(/hash-|sealed-|key_hash|keySealed/);
  });

  it("finds nothing of another tenant's", async () => {
    await expectDomainError(() => world.as('adminA').licenses.get({ id: ids.other }), 'NOT_FOUND');
    await expectDomainError(() => world.as('adminA').licenses.usage({ id: ids.other }), 'NOT_FOUND');
    await expectDomainError(() => world.as('adminA').licenses.validations({ id: ids.other }), 'NOT_FOUND');
  });
});

describe('licenses.usage', () => {
  it('shows each limited metric with its rule, then unlimited ones, the latest periods oldest first', async () => {
    const db = world.database.db;
    const owner = { tenantId: world.tenants.A.id, customerId: ids.ada, licenseId: lic(0) };
    await seedUsage(
      db,
      owner,
      [
        { metric: 'api_calls', period: '2026-01', quantity: 900, alertedPercent: 80 },
        { metric: 'api_calls', period: '2026-02', quantity: 1200, alertedPercent: 100, billed: 200 },
        { metric: 'api_calls', period: '2026-03', quantity: 50 },
        { metric: 'storage_gb', period: '2026-03', quantity: 7 },
      ],
      T0,
    );
    const usage = await world.as('viewerA').licenses.usage({ id: lic(0), periods: 2 });
    expect(usage.map((m) => [m.metric, m.limit, m.rule?.kind ?? null])).toEqual([
      ['course_hours', 100, 'BLOCK'],
      ['api_calls', 1000, 'BILL'],
      ['storage_gb', null, null],
    ]);
    expect(usage[0]?.periods).toEqual([]);
    expect(usage[1]?.periods).toEqual([
      { period: '2026-02', quantity: 1200, alertedPercent: 100, billedQuantity: 200 },
      { period: '2026-03', quantity: 50, alertedPercent: null, billedQuantity: 0 },
    ]);
    const one = await world.as('viewerA').licenses.usage({ id: lic(0), metric: 'storage_gb' });
    expect(one).toEqual([
      {
        metric: 'storage_gb',
        limit: null,
        rule: null,
        periods: [{ period: '2026-03', quantity: 7, alertedPercent: null, billedQuantity: 0 }],
      },
    ]);
  });
});

describe('licenses.validations', () => {
  it('lists the ring newest first, whatever slot each landed in', async () => {
    const owner = { tenantId: world.tenants.A.id, customerId: ids.bob, licenseId: lic(1) };
    await seedValidations(world.database.db, owner, [
      { slot: 0, at: T0 + 5000, code: 'VALID', valid: true },
      { slot: 1, at: T0 + 1000, code: 'NO_MACHINE', valid: false, address: '10.0.0.1' },
      { slot: 2, at: T0 + 3000, code: 'EXPIRED', valid: true },
    ]);
    const log = await world.as('viewerA').licenses.validations({ id: lic(1) });
    expect(log.map((v) => [v.code, v.valid])).toEqual([
      ['VALID', true],
      ['EXPIRED', true],
      ['NO_MACHINE', false],
    ]);
    expect(log[2]).toMatchObject({ address: '10.0.0.1', client: 'license-key', validatedAt: T0 + 1000 });
    expect(await world.as('viewerA').licenses.validations({ id: lic(2) })).toEqual([]);
  });
});
