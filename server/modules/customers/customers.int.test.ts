import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, START, type TestWorld } from '../../testing/world.test-kit';
import { expectDomainError } from '../../testing/errors.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(async () => {
  await world.close();
});

const ada = { name: 'Ada Lovelace', email: 'Ada@Example.com', country: 'gb', company: 'Analytical Engines' };

async function counts() {
  const count = async (table: 'customers' | 'audit_log' | 'change_log') =>
    (
      await world.database.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow()
    ).n;
  return {
    customers: await count('customers'),
    audit: await count('audit_log'),
    changes: await count('change_log'),
  };
}

describe('customers.create', () => {
  it('creates a normalised customer and records audit and change-log rows with it', async () => {
    const created = await world.as('adminA').customers.create(ada);
    expect(created).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@example.com',
      country: 'GB',
      company: 'Analytical Engines',
      notes: null,
      status: 'active',
      version: 1,
      createdAt: START,
    });
    expect(created.id).toMatch(/^cus_/);
    expect(await world.as('adminA').customers.get({ id: created.id })).toEqual(created);
    const audit = await world.database.db
      .selectFrom('audit_log')
      .select(['tenant_id', 'actor_name', 'client', 'action', 'entity_id', 'before', 'after', 'at'])
      .execute();
    expect(audit).toEqual([
      {
        tenant_id: world.tenants.A.id,
        actor_name: 'adminA',
        client: 'test:adminA',
        action: 'customer.created',
        entity_id: created.id,
        before: null,
        after: JSON.stringify(created),
        at: START,
      },
    ]);
    const change = await world.database.db
      .selectFrom('change_log')
      .select(['tenant_id', 'entity_id', 'op', 'data'])
      .executeTakeFirst();
    expect(change).toEqual({
      tenant_id: world.tenants.A.id,
      entity_id: created.id,
      op: 'upsert',
      data: JSON.stringify(created),
    });
  });

  const bad: [string, Record<string, unknown>, string][] = [
    ['an empty name', { ...ada, name: '   ' }, 'name'],
    ['a malformed email', { ...ada, email: 'ada-at-example' }, 'email'],
    ['a 10 kB name', { ...ada, name: 'x'.repeat(10_240) }, 'name'],
    ['a 10 kB company', { ...ada, company: 'y'.repeat(10_240) }, 'company'],
    ['an unknown field', { ...ada, plan: 'pro' }, 'plan'],
    ['a number for a name', { ...ada, name: 42 }, 'name'],
    ['an unknown country', { ...ada, country: 'XX' }, 'country'],
    ['a missing email', { name: 'Ada', country: 'GB' }, 'email'],
  ];
  for (const [what, input, field] of bad) {
    it(`refuses ${what}, naming the field, and writes nothing`, async () => {
      const before = await counts();
      const seen = await expectDomainError(
        () => world.as('adminA').customers.create(input as never),
        'INVALID_INPUT',
      );
      expect(seen.code).toBe('BAD_REQUEST');
      expect(Object.keys(seen.data.fieldErrors ?? {})).toContain(field);
      expect(seen.message).toContain(field);
      expect(await counts()).toEqual(before);
    });
  }

  it('refuses a second customer with the same email, case-insensitively', async () => {
    await world.as('adminA').customers.create(ada);
    const before = await counts();
    const seen = await expectDomainError(
      () => world.as('adminA').customers.create({ ...ada, name: 'Someone else', email: 'ADA@example.COM' }),
      'CONFLICT',
    );
    expect(seen.data.fieldErrors?.email).toEqual(['Another customer already uses this email']);
    expect(await counts()).toEqual(before);
  });

  it('lets the same email exist in two tenants', async () => {
    await world.as('adminA').customers.create(ada);
    await expect(world.as('adminB').customers.create(ada)).resolves.toMatchObject({
      email: 'ada@example.com',
    });
  });
});

describe('customers.update', () => {
  it('applies a patch, bumps the version and tells the timeline what changed', async () => {
    const created = await world.as('adminA').customers.create(ada);
    world.clock.advance(60_000);
    const updated = await world.as('billingA').customers.update({
      id: created.id,
      expectedVersion: 1,
      patch: { company: 'Babbage & Co', notes: 'VIP' },
    });
    expect(updated).toMatchObject({
      company: 'Babbage & Co',
      notes: 'VIP',
      version: 2,
      updatedAt: START + 60_000,
      createdAt: START,
    });
    const { items: timeline } = await world.as('viewerA').timeline.customer({ customerId: created.id });
    expect(timeline.map((e) => e.kind)).toEqual(['customer.updated', 'customer.created']);
    expect(timeline[0]).toMatchObject({
      actorName: 'billingA',
      at: START + 60_000,
      changes: [
        { field: 'company', before: 'Analytical Engines', after: 'Babbage & Co' },
        { field: 'notes', before: null, after: 'VIP' },
      ],
    });
  });

  it('refuses a stale version so one editor never silently overwrites another', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world
      .as('adminA')
      .customers.update({ id: created.id, expectedVersion: 1, patch: { name: 'A. Lovelace' } });
    const before = await counts();
    const seen = await expectDomainError(
      () =>
        world
          .as('adminA')
          .customers.update({ id: created.id, expectedVersion: 1, patch: { name: 'Ada King' } }),
      'CONFLICT',
    );
    expect(seen.message).toMatch(/changed by someone else/);
    expect(await counts()).toEqual(before);
    expect((await world.as('adminA').customers.get({ id: created.id })).name).toBe('A. Lovelace');
  });

  it('refuses an empty patch, a taken email and a bad field', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await world.as('adminA').customers.create({ ...ada, email: 'grace@example.com', name: 'Grace Hopper' });
    const update = (patch: Record<string, unknown>) =>
      world.as('adminA').customers.update({ id: created.id, expectedVersion: 1, patch });
    expect((await expectDomainError(() => update({}), 'INVALID_INPUT')).message).toMatch(/Nothing to change/);
    await expectDomainError(() => update({ email: 'grace@example.com' }), 'CONFLICT');
    expect(
      (await expectDomainError(() => update({ email: 'nope' }), 'INVALID_INPUT')).data.fieldErrors,
    ).toHaveProperty(['patch.email']);
    expect(
      (await expectDomainError(() => update({ status: 'archived' }), 'INVALID_INPUT')).data.fieldErrors,
    ).toHaveProperty(['patch.status']);
  });
});

describe('customers.archive / unarchive', () => {
  it('archives and unarchives, refusing the same move twice with the current status', async () => {
    const created = await world.as('adminA').customers.create(ada);
    world.clock.advance(1000);
    const archived = await world.as('adminA').customers.archive({ id: created.id });
    expect(archived).toMatchObject({ status: 'archived', archivedAt: START + 1000, version: 2 });
    const again = await expectDomainError(
      () => world.as('adminA').customers.archive({ id: created.id }),
      'INVALID_STATE',
    );
    expect(again.message).toBe('This customer is already archived');
    await expectDomainError(
      () => world.as('adminA').customers.update({ id: created.id, expectedVersion: 2, patch: { name: 'X' } }),
      'INVALID_STATE',
    );
    const restored = await world.as('adminA').customers.unarchive({ id: created.id });
    expect(restored).toMatchObject({ status: 'active', archivedAt: null, version: 3 });
    await expectDomainError(
      () => world.as('adminA').customers.unarchive({ id: created.id }),
      'INVALID_STATE',
    );
    const { items } = await world.as('adminA').timeline.customer({ customerId: created.id });
    const actions = items.map((e) => e.kind);
    expect(actions).toEqual(['customer.unarchived', 'customer.archived', 'customer.created']);
  });

  it('is refused to roles without customers.archive', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await expectDomainError(() => world.as('billingA').customers.archive({ id: created.id }), 'FORBIDDEN');
    await expectDomainError(() => world.as('viewerA').customers.archive({ id: created.id }), 'FORBIDDEN');
    await expectDomainError(
      () => world.as('platformAnalyst').customers.archive({ id: created.id }),
      'FORBIDDEN',
    );
  });
});

describe('permissions on reads and writes', () => {
  it('lets viewers and analysts read but not write', async () => {
    const created = await world.as('adminA').customers.create(ada);
    await expect(world.as('viewerA').customers.get({ id: created.id })).resolves.toMatchObject({
      id: created.id,
    });
    await expect(world.as('platformAnalyst').customers.get({ id: created.id })).resolves.toMatchObject({
      id: created.id,
    });
    const seen = await expectDomainError(
      () => world.as('viewerA').customers.create({ ...ada, email: 'v@x.io' }),
      'FORBIDDEN',
    );
    expect(seen.message).toBe('Your role does not allow customers.write');
    await expectDomainError(
      () => world.as('platformAnalyst').customers.create({ ...ada, email: 'a@x.io' }),
      'FORBIDDEN',
    );
  });

  it('refuses a caller with no principal', async () => {
    const { createCallerFactory } = await import('../../trpc/base');
    const { appRouter } = await import('../../app/router');
    const { createContext } = await import('../../trpc/context');
    const anonymous = createCallerFactory(appRouter)(
      createContext({ services: world.services, principal: null, client: { kind: 'test', id: 'anon' } }),
    );
    const seen = await expectDomainError(() => anonymous.customers.list({}), 'UNAUTHENTICATED');
    expect(seen.code).toBe('UNAUTHORIZED');
  });
});
