import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { expectDomainError } from '../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';

describe('the audit log procedures', () => {
  let world: TestWorld;
  const admin = () => world.as('adminA').audit;

  beforeEach(async () => {
    world = await createTestWorld();
    const a = world.as('adminA');
    const ada = await a.customers.create({ name: 'Ada', email: 'ada@a.example', country: 'GB' });
    world.clock.advance(60_000);
    await world.as('billingA').customers.create({ name: 'Grace', email: 'grace@a.example', country: 'US' });
    world.clock.advance(60_000);
    await a.customers.update({ id: ada.id, expectedVersion: ada.version, patch: { name: 'Ada L.' } });
    await a.customers.archive({ id: ada.id });
  });
  afterEach(async () => {
    await world.close();
  });

  it('lists newest first with what changed', async () => {
    const page = await admin().list({});
    expect(page.items.map((e) => e.action)).toEqual([
      'customer.archived',
      'customer.updated',
      'customer.created',
      'customer.created',
    ]);
    expect(page.items[1]?.changes).toEqual([{ field: 'name', before: 'Ada', after: 'Ada L.' }]);
    expect(page.items.map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(page.nextCursor).toBeNull();
  });

  it('filters by actor, entity, action prefix and time, and pages by chain position', async () => {
    expect((await admin().list({ actor: 'billingA' })).items.map((e) => e.action)).toEqual([
      'customer.created',
    ]);
    const ada = (await admin().list({ action: 'customer.archived' })).items[0];
    expect((await admin().list({ entityType: 'customer', entityId: ada?.entityId })).items).toHaveLength(3);
    expect((await admin().list({ action: 'customer.' })).items).toHaveLength(4);
    expect((await admin().list({ action: 'invoice.' })).items).toHaveLength(0);
    const start = world.clock.now() - 120_000;
    expect((await admin().list({ from: start + 60_000 })).items).toHaveLength(3);
    expect((await admin().list({ from: start, to: start + 1 })).items).toHaveLength(1);
    const first = await admin().list({ limit: 3 });
    const second = await admin().list({ limit: 3, cursor: first.nextCursor });
    expect([...first.items, ...second.items].map((e) => e.seq)).toEqual([4, 3, 2, 1]);
    expect(second.nextCursor).toBeNull();
  });

  it('offers the actors, entity types and actions present as filter choices', async () => {
    expect(await admin().facets()).toEqual({
      actors: ['adminA', 'billingA'],
      entityTypes: ['customer'],
      actions: ['customer.archived', 'customer.created', 'customer.updated'],
    });
  });

  it('verifies the chain, and reports tampering', async () => {
    expect(await admin().verify()).toMatchObject({ ok: true, checked: 4, head: { seq: 4 } });
    await world.database.db
      .updateTable('audit_log')
      .set({ actor_name: 'someone else' })
      .where('seq', '=', 2)
      .where('tenant_id', '=', world.tenants.A.id)
      .execute();
    const report = await admin().verify();
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ kind: 'altered', seq: 2 });
  });

  it('is for those who may read the audit trail', async () => {
    await expectDomainError(() => world.as('viewerA').audit.list({}), 'FORBIDDEN');
    await expectDomainError(() => world.as('platformSupport').audit.verify(), 'FORBIDDEN');
    expect((await world.as('platformAnalyst').audit.list({})).items).toHaveLength(4);
  });

  it('names the bad filter', async () => {
    for (const [input, field] of [
      [{ entityType: 'Customer; DROP' }, 'entityType'],
      [{ action: 'x'.repeat(81) }, 'action'],
      [{ from: 10, to: 5 }, 'from'],
      [{ limit: 0 }, 'limit'],
      [{ cursor: 'garbage' }, 'cursor'],
    ] as const) {
      const seen = await expectDomainError(() => admin().list(input), 'INVALID_INPUT');
      expect(Object.keys(seen.data.fieldErrors ?? {})).toContain(field);
    }
  });
});
