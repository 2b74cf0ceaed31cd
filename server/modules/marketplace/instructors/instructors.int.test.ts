import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { instructorInput } from '../marketplace.test-kit';

let world: TestWorld;
beforeEach(async () => {
  world = await createTestWorld();
});
afterEach(() => world.close());

const admin = () => world.as('adminA');

describe('instructors', () => {
  it('are created, read, listed and edited with their version, every change audited', async () => {
    const customer = await admin().customers.create({
      name: 'Ada Lovelace',
      email: 'ada@a.example',
      country: 'GB',
    });
    const created = await admin().marketplace.instructors.create({
      name: 'Ada Lovelace',
      email: ' Ada@Teach.Example ',
      customerId: customer.id,
      shareBps: 8000,
    });
    expect(created).toMatchObject({
      name: 'Ada Lovelace',
      email: 'ada@teach.example',
      customerId: customer.id,
      payoutAccountId: null,
      payoutDetailsComplete: false,
      shareBps: 8000,
      payoutHold: false,
      // Nothing is paid out until the payout details are complete.
      payoutsHeld: true,
      version: 1,
    });
    expect(await world.as('viewerA').marketplace.instructors.get({ id: created.id })).toEqual(created);

    const edited = await admin().marketplace.instructors.update({
      id: created.id,
      expectedVersion: 1,
      patch: { payoutAccountId: 'acct_1NvAda', payoutDetailsComplete: true, shareBps: null },
    });
    expect(edited).toMatchObject({
      payoutAccountId: 'acct_1NvAda',
      shareBps: null,
      payoutsHeld: false,
      version: 2,
    });
    const held = await admin().marketplace.instructors.update({
      id: created.id,
      expectedVersion: 2,
      patch: { payoutHold: true },
    });
    expect(held.payoutsHeld).toBe(true);

    const stale = await expectDomainError(
      () =>
        admin().marketplace.instructors.update({
          id: created.id,
          expectedVersion: 1,
          patch: { name: 'Late' },
        }),
      'CONFLICT',
    );
    expect(stale.message).toContain('Reload');

    const audit = await world.database.db
      .selectFrom('audit_log')
      .select('action')
      .where('entity_id', '=', created.id)
      .orderBy('at')
      .orderBy('seq')
      .execute();
    expect(audit.map((r) => r.action)).toEqual([
      'instructor.created',
      'instructor.updated',
      'instructor.updated',
    ]);
  });

  it('keeps one instructor per email, case-insensitively, and refuses a customer of no one', async () => {
    await admin().marketplace.instructors.create(instructorInput({ email: 'alan@teach.example' }));
    const taken = await expectDomainError(
      () => admin().marketplace.instructors.create(instructorInput({ email: 'ALAN@teach.example' })),
      'CONFLICT',
    );
    expect(taken.data.fieldErrors).toEqual({ email: ['Another instructor already uses this email'] });
    const noCustomer = await expectDomainError(
      () =>
        admin().marketplace.instructors.create(
          instructorInput({ customerId: 'cus_01ARZ3NDEKTSV4RRFFQ69G5FAV' }),
        ),
      'NOT_FOUND',
    );
    expect(noCustomer.data.fieldErrors).toEqual({ customerId: ['No such customer'] });
  });

  it('refuses bad fields, naming each, and writes nothing', async () => {
    const seen = await expectDomainError(
      () =>
        admin().marketplace.instructors.create({
          name: ' ',
          email: 'not an email',
          shareBps: 10_001,
          payoutAccountId: 'acct 1; DROP',
        }),
      'INVALID_INPUT',
    );
    expect(Object.keys(seen.data.fieldErrors ?? {}).sort()).toEqual([
      'email',
      'name',
      'payoutAccountId',
      'shareBps',
    ]);
    expect(seen.data.fieldErrors?.shareBps).toEqual(['Share must be at most 10000 (100 %)']);
    expect(await world.database.db.selectFrom('instructors').selectAll().execute()).toEqual([]);
  });

  it('are listed by name in keyset pages, found by a part of the name or the email', async () => {
    for (const name of [
      'Edsger Dijkstra',
      'Barbara Liskov',
      'Donald Knuth',
      'Frances Allen',
      'Ken Thompson',
    ]) {
      await admin().marketplace.instructors.create(
        instructorInput({ name, email: `${name.split(' ')[1]?.toLowerCase()}@teach.example` }),
      );
    }
    const first = await admin().marketplace.instructors.list({ limit: 2 });
    expect(first.items.map((i) => i.name)).toEqual(['Barbara Liskov', 'Donald Knuth']);
    expect(first.total).toBe(5);
    const second = await admin().marketplace.instructors.list({ limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.name)).toEqual(['Edsger Dijkstra', 'Frances Allen']);
    const last = await admin().marketplace.instructors.list({ limit: 2, cursor: second.nextCursor });
    expect(last.items.map((i) => i.name)).toEqual(['Ken Thompson']);
    expect(last.nextCursor).toBeNull();

    const byName = await admin().marketplace.instructors.list({ search: 'KNU' });
    expect(byName.items.map((i) => i.name)).toEqual(['Donald Knuth']);
    const byEmail = await admin().marketplace.instructors.list({ search: 'liskov@' });
    expect(byEmail.items.map((i) => i.name)).toEqual(['Barbara Liskov']);
    // LIKE's wildcards are only text here.
    expect((await admin().marketplace.instructors.list({ search: '%' })).items).toEqual([]);
  });

  it('cannot be changed by a viewer', async () => {
    const created = await admin().marketplace.instructors.create(instructorInput());
    await expectDomainError(
      () => world.as('viewerA').marketplace.instructors.create(instructorInput()),
      'FORBIDDEN',
    );
    await expectDomainError(
      () =>
        world
          .as('viewerA')
          .marketplace.instructors.update({ id: created.id, expectedVersion: 1, patch: { name: 'Viewer' } }),
      'FORBIDDEN',
    );
    expect((await admin().marketplace.instructors.get({ id: created.id })).version).toBe(1);
  });
});
