import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { tableRowCounts } from '../../testing/table-contents.test-kit';

/**
 * Every catalog and entitlements procedure refuses bad input with an error naming the
 * field and writes nothing; every write is refused to roles without billing.write.
 */

let world: TestWorld;
const ids = { product: '', plan: '', price: '', customer: '' };

beforeAll(async () => {
  world = await createTestWorld();
  const catalog = world.as('billingA').catalog;
  await catalog.createFeature({ key: 'courses.max', name: 'Courses', kind: 'limit' });
  await catalog.createFeature({ key: 'api.access', name: 'API access', kind: 'flag' });
  ids.product = (await catalog.createProduct({ name: 'Lumen Courses' })).id;
  ids.plan = (await catalog.createPlan({ productId: ids.product, name: 'Pro' })).id;
  ids.price = (
    await catalog.createPrice({ planId: ids.plan, amount: 999, currency: 'USD', interval: 'month' })
  ).id;
  ids.customer = (
    await world.as('billingA').customers.create({ name: 'Ada', email: 'ada@example.com', country: 'GB' })
  ).id;
});
afterAll(async () => {
  await world?.close();
});

type Caller = ReturnType<TestWorld['as']>;
type Call = (c: Caller, input: Record<string, unknown>) => Promise<unknown>;

/** Each procedure with a valid input, so a case below changes one thing about it. */
const PROCEDURES: Record<string, { call: Call; valid: () => Record<string, unknown>; writes: boolean }> = {
  'catalog.overview': { call: (c, i) => c.catalog.overview(i), valid: () => ({}), writes: false },
  'catalog.createFeature': {
    call: (c, i) => c.catalog.createFeature(i as never),
    valid: () => ({ key: 'students.max', name: 'Students', kind: 'limit' }),
    writes: true,
  },
  'catalog.createProduct': {
    call: (c, i) => c.catalog.createProduct(i as never),
    valid: () => ({ name: 'Lumen Live' }),
    writes: true,
  },
  'catalog.updateProduct': {
    call: (c, i) => c.catalog.updateProduct(i as never),
    valid: () => ({ id: ids.product, patch: { name: 'Lumen' } }),
    writes: true,
  },
  'catalog.archiveProduct': {
    call: (c, i) => c.catalog.archiveProduct(i as never),
    valid: () => ({ id: ids.product }),
    writes: true,
  },
  'catalog.createPlan': {
    call: (c, i) => c.catalog.createPlan(i as never),
    valid: () => ({
      productId: ids.product,
      name: 'Team',
      features: { 'courses.max': 10, 'api.access': true },
    }),
    writes: true,
  },
  'catalog.updatePlan': {
    call: (c, i) => c.catalog.updatePlan(i as never),
    valid: () => ({ id: ids.plan, expectedVersion: 1, patch: { features: { 'courses.max': 20 } } }),
    writes: true,
  },
  'catalog.archivePlan': {
    call: (c, i) => c.catalog.archivePlan(i as never),
    valid: () => ({ id: ids.plan }),
    writes: true,
  },
  'catalog.setDefaultPlan': {
    call: (c, i) => c.catalog.setDefaultPlan(i as never),
    valid: () => ({ id: ids.plan }),
    writes: true,
  },
  'catalog.createPrice': {
    call: (c, i) => c.catalog.createPrice(i as never),
    valid: () => ({ planId: ids.plan, amount: 999, currency: 'USD', interval: 'month', trialDays: 14 }),
    writes: true,
  },
  'catalog.archivePrice': {
    call: (c, i) => c.catalog.archivePrice(i as never),
    valid: () => ({ id: ids.price }),
    writes: true,
  },
  'entitlements.forCustomer': {
    call: (c, i) => c.entitlements.forCustomer(i as never),
    valid: () => ({ customerId: ids.customer }),
    writes: false,
  },
  'entitlements.check': {
    call: (c, i) => c.entitlements.check(i as never),
    valid: () => ({ customerId: ids.customer, featureKey: 'courses.max' }),
    writes: false,
  },
};

const TEN_KB = 'x'.repeat(10_240);

/** [procedure, what is wrong, how to spoil the valid input, the field the error must name]. */
const BAD: [string, string, (valid: Record<string, unknown>) => Record<string, unknown>, string][] = [
  [
    'catalog.overview',
    'a non-boolean includeArchived',
    () => ({ includeArchived: 'yes' }),
    'includeArchived',
  ],
  ['catalog.overview', 'an unknown field', () => ({ status: 'all' }), 'status'],
  ['catalog.createFeature', 'an empty name', (v) => ({ ...v, name: '  ' }), 'name'],
  ['catalog.createFeature', 'a key with capitals and spaces', (v) => ({ ...v, key: 'Students Max' }), 'key'],
  ['catalog.createFeature', 'a key without a dot', (v) => ({ ...v, key: 'students' }), 'key'],
  ['catalog.createFeature', 'a 10 kB key', (v) => ({ ...v, key: `a.${TEN_KB}` }), 'key'],
  ['catalog.createFeature', 'an unknown kind', (v) => ({ ...v, kind: 'toggle' }), 'kind'],
  ['catalog.createFeature', 'a 10 kB name', (v) => ({ ...v, name: TEN_KB }), 'name'],
  ['catalog.createFeature', 'a 10 kB description', (v) => ({ ...v, description: TEN_KB }), 'description'],
  ['catalog.createFeature', 'an unknown field', (v) => ({ ...v, default: 5 }), 'default'],
  ['catalog.createProduct', 'an empty name', () => ({ name: '' }), 'name'],
  ['catalog.createProduct', 'a number for a name', () => ({ name: 42 }), 'name'],
  ['catalog.createProduct', 'a 10 kB name', () => ({ name: TEN_KB }), 'name'],
  ['catalog.createProduct', 'an unknown field', (v) => ({ ...v, status: 'archived' }), 'status'],
  ['catalog.updateProduct', 'a malformed id', (v) => ({ ...v, id: 'prd_1' }), 'id'],
  ['catalog.updateProduct', 'an empty patch', (v) => ({ ...v, patch: {} }), 'patch'],
  ['catalog.updateProduct', 'an empty name', (v) => ({ ...v, patch: { name: ' ' } }), 'patch.name'],
  [
    'catalog.updateProduct',
    'a 10 kB description',
    (v) => ({ ...v, patch: { description: TEN_KB } }),
    'patch.description',
  ],
  [
    'catalog.updateProduct',
    'a status in the patch',
    (v) => ({ ...v, patch: { status: 'archived' } }),
    'patch.status',
  ],
  ['catalog.archiveProduct', 'a plan id for a product id', () => ({ id: ids.plan }), 'id'],
  ['catalog.archiveProduct', 'no id', () => ({}), 'id'],
  ['catalog.createPlan', 'an empty name', (v) => ({ ...v, name: '' }), 'name'],
  ['catalog.createPlan', 'a 10 kB name', (v) => ({ ...v, name: TEN_KB }), 'name'],
  ['catalog.createPlan', 'a malformed product id', (v) => ({ ...v, productId: 'lumen' }), 'productId'],
  [
    'catalog.createPlan',
    'a badly formed feature key',
    (v) => ({ ...v, features: { 'Courses Max': 3 } }),
    'features.Courses Max',
  ],
  [
    'catalog.createPlan',
    'a negative limit',
    (v) => ({ ...v, features: { 'courses.max': -1 } }),
    'features.courses.max',
  ],
  [
    'catalog.createPlan',
    'a fractional limit',
    (v) => ({ ...v, features: { 'courses.max': 2.5 } }),
    'features.courses.max',
  ],
  [
    'catalog.createPlan',
    'text for a value',
    (v) => ({ ...v, features: { 'courses.max': 'lots' } }),
    'features.courses.max',
  ],
  [
    'catalog.createPlan',
    'a number for a flag',
    (v) => ({ ...v, features: { 'api.access': 1 } }),
    'features.api.access',
  ],
  [
    'catalog.createPlan',
    'true for a limit',
    (v) => ({ ...v, features: { 'courses.max': true } }),
    'features.courses.max',
  ],
  ['catalog.createPlan', 'a negative sort order', (v) => ({ ...v, sortOrder: -1 }), 'sortOrder'],
  ['catalog.createPlan', 'a string for isDefault', (v) => ({ ...v, isDefault: 'yes' }), 'isDefault'],
  ['catalog.createPlan', 'an unknown field', (v) => ({ ...v, version: 3 }), 'version'],
  ['catalog.updatePlan', 'a version of 0', (v) => ({ ...v, expectedVersion: 0 }), 'expectedVersion'],
  ['catalog.updatePlan', 'an empty patch', (v) => ({ ...v, patch: {} }), 'patch'],
  ['catalog.updatePlan', 'an empty name', (v) => ({ ...v, patch: { name: '' } }), 'patch.name'],
  [
    'catalog.updatePlan',
    'a limit for a flag',
    (v) => ({ ...v, patch: { features: { 'api.access': null } } }),
    'patch.features.api.access',
  ],
  [
    'catalog.updatePlan',
    'isDefault in the patch',
    (v) => ({ ...v, patch: { isDefault: true } }),
    'patch.isDefault',
  ],
  ['catalog.archivePlan', 'a price id for a plan id', () => ({ id: ids.price }), 'id'],
  ['catalog.setDefaultPlan', 'a malformed id', () => ({ id: 'pln_' }), 'id'],
  ['catalog.createPrice', 'a negative amount', (v) => ({ ...v, amount: -100 }), 'amount'],
  ['catalog.createPrice', 'fractional minor units', (v) => ({ ...v, amount: 9.99 }), 'amount'],
  ['catalog.createPrice', 'an amount as text', (v) => ({ ...v, amount: '999' }), 'amount'],
  ['catalog.createPrice', 'an amount beyond Stripe’s', (v) => ({ ...v, amount: 100_000_000 }), 'amount'],
  ['catalog.createPrice', 'the made-up currency XYZ', (v) => ({ ...v, currency: 'XYZ' }), 'currency'],
  ['catalog.createPrice', 'a two-letter currency', (v) => ({ ...v, currency: 'US' }), 'currency'],
  ['catalog.createPrice', 'a weekly interval', (v) => ({ ...v, interval: 'week' }), 'interval'],
  ['catalog.createPrice', 'a 731-day trial', (v) => ({ ...v, trialDays: 731 }), 'trialDays'],
  ['catalog.createPrice', 'a negative trial', (v) => ({ ...v, trialDays: -1 }), 'trialDays'],
  ['catalog.createPrice', 'an unknown field', (v) => ({ ...v, nickname: 'Pro monthly' }), 'nickname'],
  ['catalog.archivePrice', 'a malformed id', () => ({ id: TEN_KB }), 'id'],
  ['entitlements.forCustomer', 'a malformed customer id', () => ({ customerId: 'ada' }), 'customerId'],
  [
    'entitlements.forCustomer',
    'an unknown field',
    (v) => ({ ...v, featureKey: 'courses.max' }),
    'featureKey',
  ],
  [
    'entitlements.check',
    'a badly formed feature key',
    (v) => ({ ...v, featureKey: 'COURSES' }),
    'featureKey',
  ],
  ['entitlements.check', 'no customer', (v) => ({ featureKey: v.featureKey }), 'customerId'],
];

describe('bad input', () => {
  it('has cases for every catalog and entitlements procedure', () => {
    expect(new Set(BAD.map(([path]) => path))).toEqual(new Set(Object.keys(PROCEDURES)));
  });

  for (const [path, what, spoil, field] of BAD) {
    it(`${path} refuses ${what}, naming ${field}, and writes nothing`, async () => {
      const procedure = PROCEDURES[path];
      if (!procedure) throw new Error(`no procedure ${path}`);
      const before = await tableRowCounts(world.database);
      const seen = await expectDomainError(
        () => procedure.call(world.as('billingA'), spoil(procedure.valid())),
        'INVALID_INPUT',
      );
      expect(seen.code).toBe('BAD_REQUEST');
      expect(Object.keys(seen.data.fieldErrors ?? {})).toContain(field);
      expect(await tableRowCounts(world.database)).toEqual(before);
    });
  }
});

describe('permissions', () => {
  for (const [path, procedure] of Object.entries(PROCEDURES)) {
    if (procedure.writes) {
      it(`${path} is refused to viewers, tenant admins and analysts, writing nothing`, async () => {
        const before = await tableRowCounts(world.database);
        for (const persona of ['viewerA', 'adminA', 'platformAnalyst'] as const) {
          const seen = await expectDomainError(
            () => procedure.call(world.as(persona), procedure.valid()),
            'FORBIDDEN',
          );
          expect(seen.message).toBe('Your role does not allow billing.write');
        }
        expect(await tableRowCounts(world.database)).toEqual(before);
      });
    } else {
      it(`${path} is open to viewers and analysts`, async () => {
        for (const persona of ['viewerA', 'platformAnalyst'] as const) {
          await expect(procedure.call(world.as(persona), procedure.valid())).resolves.toBeDefined();
        }
      });
    }
  }
});
