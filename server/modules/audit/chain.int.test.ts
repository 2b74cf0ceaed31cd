import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { sql } from 'kysely';
import { verifyAuditChain } from './verify';

describe('the audit hash chain', () => {
  let world: TestWorld;
  const db = () => world.database.db;
  const tenantA = () => world.tenants.A.id;

  beforeEach(async () => {
    world = await createTestWorld();
    for (const name of ['Ada', 'Grace', 'Edsger', 'Barbara']) {
      await world
        .as('adminA')
        .customers.create({ name, email: `${name.toLowerCase()}@a.example`, country: 'GB' });
    }
    await world.as('adminB').customers.create({ name: 'Bea', email: 'bea@b.example', country: 'FR' });
  });
  afterEach(async () => {
    await world.close();
  });

  const entries = () =>
    db()
      .selectFrom('audit_log')
      .select(['id', 'seq'])
      .where('tenant_id', '=', tenantA())
      .orderBy('seq')
      .execute();
  const remove = (id: string | undefined) =>
    db()
      .deleteFrom('audit_log')
      .where('id', '=', id ?? '')
      .execute();

  it('links every command’s entries, one chain per tenant', async () => {
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report).toMatchObject({ ok: true, checked: 4, problems: [] });
    expect(report.head.seq).toBe(4);
    expect((await entries()).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditChain(world.services.db, world.tenants.B.id)).toMatchObject({
      ok: true,
      checked: 1,
    });
  });

  it('detects an edited entry', async () => {
    const [, second] = await entries();
    await db()
      .updateTable('audit_log')
      .set({ after: sql<string>`replace(after, 'Grace', 'Mallory')` })
      .where('id', '=', second?.id ?? '')
      .execute();
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'altered', seq: 2, entryId: second?.id }]);
  });

  it('detects a removed entry in the middle and at the end', async () => {
    const [, second, , fourth] = await entries();
    await remove(second?.id);
    const middle = await verifyAuditChain(world.services.db, tenantA());
    expect(middle.problems.map((p) => p.kind)).toEqual(['missing_entries', 'broken_link']);
    expect(middle.problems[0]?.seq).toBe(3);

    await remove(fourth?.id);
    const end = await verifyAuditChain(world.services.db, tenantA());
    expect(end.problems.map((p) => p.kind)).toContain('truncated');
  });

  it('detects an entry slipped in outside the chain, and another tenant’s chain is unaffected', async () => {
    await db()
      .insertInto('audit_log')
      .values({
        id: 'aud_forged',
        tenant_id: tenantA(),
        actor_id: null,
        actor_name: 'nobody',
        client: 'sql',
        action: 'customer.created',
        entity_type: 'customer',
        entity_id: 'cus_x',
        before: null,
        after: '{}',
        at: 0,
      })
      .execute();
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report.problems).toEqual([{ kind: 'unlinked_entry', seq: null, entryId: 'aud_forged' }]);
    expect((await verifyAuditChain(world.services.db, world.tenants.B.id)).ok).toBe(true);
  });
});
