import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBillingWorld, type BillingWorld } from '../testing/billing.test-kit';
import { expectDomainError } from '../testing/errors.test-kit';

/**
 * Every value that must be unique ignoring case, tried with non-ASCII capitals: SQLite's
 * lower() and NOCASE fold ASCII only, so a check folding one way and an index another turned
 * a duplicate into a UNIQUE-constraint 500. Each must answer CONFLICT or a clear refusal.
 */

let world: BillingWorld;
beforeEach(async () => {
  world = await createBillingWorld();
});
afterEach(async () => {
  await world.close();
});

const owner = () => world.as('owner', world.tenants.A.id);
const count = async (table: 'plans') => {
  const { n } = await world.database.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(n);
};

describe('plan names', () => {
  const plan = (name: string) => owner().catalog.createPlan({ productId: world.catalog.productId, name });

  it('"ÉCOLE Plan" twice is a CONFLICT, not a UNIQUE-constraint 500', async () => {
    await plan('ÉCOLE Plan');
    const plans = await count('plans');
    const seen = await expectDomainError(() => plan('ÉCOLE Plan'), 'CONFLICT');
    expect(seen.data.fieldErrors?.name).toEqual(['Another plan already uses this name']);
    expect(await count('plans')).toBe(plans);
  });

  it('differ by more than the case of any letter, in either order and any composition', async () => {
    await plan('école plan');
    await expectDomainError(() => plan('ÉCOLE Plan'), 'CONFLICT');
    await plan('ÜBER');
    await expectDomainError(() => plan('über'), 'CONFLICT');
    // É typed as E followed by a combining acute accent is the same É.
    await expectDomainError(() => plan('E\u0301COLE PLAN'), 'CONFLICT');
    await plan('Straße');
    await plan('Strasse');
  });

  it('hold when renaming too', async () => {
    await plan('ÉCOLE Plan');
    const other = await plan('Lycée');
    const seen = await expectDomainError(
      () =>
        owner().catalog.updatePlan({
          id: other.id,
          expectedVersion: other.version,
          patch: { name: 'école PLAN' },
        }),
      'CONFLICT',
    );
    expect(seen.message).toBe('A plan named école PLAN already exists');
  });
});

describe('the other unique values ignoring case', () => {
  it('feature keys are lowercase ASCII by rule, so no capital of any alphabet reaches the index', async () => {
    await owner().catalog.createFeature({ key: 'seats.max', name: 'Seats', kind: 'limit' });
    for (const key of ['SEATS.max', 'sièges.max', 'SIÈGES.MAX']) {
      const seen = await expectDomainError(
        () => owner().catalog.createFeature({ key, name: 'Seats', kind: 'limit' }),
        'INVALID_INPUT',
      );
      expect(seen.data.fieldErrors?.key).toEqual([
        'Feature key must be lowercase words joined by dots, like courses.max',
      ]);
    }
    await expectDomainError(
      () => owner().catalog.createFeature({ key: 'seats.max', name: 'Seats', kind: 'limit' }),
      'CONFLICT',
    );
  });

  it('customer emails are lowercased before the NOCASE index sees them, so any capitals are one customer', async () => {
    await owner().customers.create({ name: 'Zoë', email: 'ZOE@Example.COM', country: 'FR' });
    const seen = await expectDomainError(
      () => owner().customers.create({ name: 'Zoë again', email: 'zoe@example.com', country: 'FR' }),
      'CONFLICT',
    );
    expect(seen.data.fieldErrors?.email).toEqual(['Another customer already uses this email']);
    // An address with a non-ASCII letter is refused as an address, before any index.
    await expectDomainError(
      () => owner().customers.create({ name: 'Élodie', email: 'ÉLODIE@example.com', country: 'FR' }),
      'INVALID_INPUT',
    );
  });

  it('tenant slugs are lowercase ASCII by rule: capitals of any alphabet are refused, a taken slug is a CONFLICT', async () => {
    await owner().tenants.create({ name: 'École', slug: 'ecole' });
    for (const slug of ['ECOLE', 'École', 'ÉCOLE']) {
      const seen = await expectDomainError(
        () => owner().tenants.create({ name: 'École', slug }),
        'INVALID_INPUT',
      );
      expect(Object.keys(seen.data.fieldErrors ?? {})).toEqual(['slug']);
    }
    await expectDomainError(() => owner().tenants.create({ name: 'École 2', slug: 'ecole' }), 'CONFLICT');
  });

  it('user emails are lowercased before the NOCASE index sees them: inviting in capitals reaches the same person', async () => {
    const first = await owner().admin.invitations.create({
      scope: 'tenant',
      email: 'ADA@Example.COM',
      role: 'viewer',
    });
    const again = await owner().admin.invitations.create({
      scope: 'tenant',
      email: 'ada@example.com',
      role: 'admin',
    });
    const open = await owner().admin.invitations.list({ scope: 'tenant' });
    expect(open.map((i) => i.email)).toEqual(['ada@example.com']);
    expect(again.invitation.id).not.toBe(first.invitation.id);
    await expectDomainError(
      () => owner().admin.invitations.create({ scope: 'tenant', email: 'ÅDA@example.com', role: 'viewer' }),
      'INVALID_INPUT',
    );
  });
});
