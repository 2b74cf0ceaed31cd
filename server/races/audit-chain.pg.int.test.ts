import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { insertAuditEntry } from '../commands/audit-entries';
import { verifyAuditChain } from '../modules/audit';
import { raceOn, twoInstances, type TwoInstances } from './instances.test-kit';

/**
 * Decision 109: the audit chain of a tenant is read (its head) and extended in each command's
 * transaction under an advisory lock on the chain, so commands committed at once by two
 * instances still make one chain: no two entries at one position (a fork), none skipped.
 */

let race: TwoInstances;
beforeEach(async () => {
  race = await twoInstances();
});
afterEach(async () => {
  await race.close();
});

describe('commands in one tenant on two instances at once', () => {
  it('extend one audit chain that verifies, with no gap and no fork', async () => {
    const tenantId = race.world.tenants.A.id;
    const before = await verifyAuditChain(race.one.database.db, tenantId);
    const N = 40;
    const results = await raceOn(race.both, N, (instance, i) =>
      instance
        .as('adminA')
        .customers.create({ name: `Chained ${i}`, email: `chain-${i}@example.com`, country: 'US' }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    for (const instance of race.both) {
      const report = await verifyAuditChain(instance.database.db, tenantId);
      expect(report.problems).toEqual([]);
      expect(report).toMatchObject({ ok: true, checked: before.checked + N });
    }
    const seqs = await race.one.database.db
      .selectFrom('audit_log')
      .select('seq')
      .where('tenant_id', '=', tenantId)
      .orderBy('seq')
      .execute();
    expect(seqs.map((r) => r.seq)).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
  });
});

describe('audit entries written by transactions on two instances at once', () => {
  it('take consecutive positions of one chain', async () => {
    // The chain's own lock alone: a whole command also takes other locks that would hide its race.
    const tenantId = race.world.tenants.B.id;
    const before = await verifyAuditChain(race.one.database.db, tenantId);
    const N = 60;
    const results = await raceOn(race.both, N, (instance, i) =>
      instance.database.db.transaction().execute(async (trx) => {
        await insertAuditEntry(trx, {
          tenantId,
          actorId: null,
          actorName: instance.name,
          client: 'test',
          action: 'race.step',
          entityType: 'race',
          entityId: `race_${i}`,
          before: null,
          after: { i },
          at: race.world.clock.now(),
        });
        // Held a moment, so other writers queue behind this one's lock.
        await new Promise((resolve) => setTimeout(resolve, i % 3));
      }),
    );
    expect(results.filter((r) => r.status === 'rejected')).toEqual([]);
    const report = await verifyAuditChain(race.two.database.db, tenantId);
    expect(report.problems).toEqual([]);
    expect(report).toMatchObject({ ok: true, checked: before.checked + N });
  });
});
