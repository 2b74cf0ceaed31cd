import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestWorld, type TestWorld } from '../../testing/world.test-kit';
import { chainUnlinkedEntries } from '../../commands/audit-chain';
import { verifyAuditChain } from './verify';

describe('the audit hash chain', () => {
  let world: TestWorld;
  const sqlite = () => world.database.sqlite;
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
    sqlite().prepare('SELECT id, seq FROM audit_log WHERE tenant_id = ? ORDER BY seq').all(tenantA()) as {
      id: string;
      seq: number;
    }[];

  it('links every command’s entries, one chain per tenant', async () => {
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report).toMatchObject({ ok: true, checked: 4, problems: [] });
    expect(report.head.seq).toBe(4);
    expect(entries().map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    expect(await verifyAuditChain(world.services.db, world.tenants.B.id)).toMatchObject({
      ok: true,
      checked: 1,
    });
  });

  it('detects an edited entry', async () => {
    const [, second] = entries();
    sqlite()
      .prepare(`UPDATE audit_log SET after = replace(after, 'Grace', 'Mallory') WHERE id = ?`)
      .run(second?.id);
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([{ kind: 'altered', seq: 2, entryId: second?.id }]);
  });

  it('detects a removed entry in the middle and at the end', async () => {
    const [, second, , fourth] = entries();
    sqlite().prepare('DELETE FROM audit_log WHERE id = ?').run(second?.id);
    const middle = await verifyAuditChain(world.services.db, tenantA());
    expect(middle.problems.map((p) => p.kind)).toEqual(['missing_entries', 'broken_link']);
    expect(middle.problems[0]?.seq).toBe(3);

    sqlite().prepare('DELETE FROM audit_log WHERE id = ?').run(fourth?.id);
    const end = await verifyAuditChain(world.services.db, tenantA());
    expect(end.problems.map((p) => p.kind)).toContain('truncated');
  });

  it('detects an entry slipped in outside the chain, and another tenant’s chain is unaffected', async () => {
    sqlite()
      .prepare(
        `INSERT INTO audit_log (id, tenant_id, actor_id, actor_name, client, action, entity_type, entity_id, before, after, at)
         VALUES ('aud_forged', ?, NULL, 'nobody', 'sql', 'customer.created', 'customer', 'cus_x', NULL, '{}', 0)`,
      )
      .run(tenantA());
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report.problems).toEqual([{ kind: 'unlinked_entry', seq: null, entryId: 'aud_forged' }]);
    expect((await verifyAuditChain(world.services.db, world.tenants.B.id)).ok).toBe(true);
  });

  it('links entries written without a position (pre-chain data, bulk loads) onto the end', async () => {
    const insert = sqlite().prepare(
      `INSERT INTO audit_log (id, tenant_id, actor_id, actor_name, client, action, entity_type, entity_id, before, after, at)
       VALUES (?, ?, NULL, 'loader', 'bulk', 'customer.created', 'customer', ?, NULL, '{}', 1)`,
    );
    insert.run('aud_bulk1', tenantA(), 'cus_1');
    insert.run('aud_bulk2', tenantA(), 'cus_2');
    expect(chainUnlinkedEntries(sqlite())).toBe(2);
    expect(chainUnlinkedEntries(sqlite())).toBe(0);
    const report = await verifyAuditChain(world.services.db, tenantA());
    expect(report).toMatchObject({ ok: true, checked: 6 });
    // New commands continue the chain after the linked entries.
    await world.as('adminA').customers.create({ name: 'Linus', email: 'linus@a.example', country: 'FI' });
    expect(await verifyAuditChain(world.services.db, tenantA())).toMatchObject({ ok: true, checked: 7 });
  });
});
