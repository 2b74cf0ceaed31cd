import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seenByClient } from '../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../testing/world.test-kit';
import {
  ACCOUNT_ATTEMPTS,
  WRITES_OWN_ACCOUNT,
  asXavier,
  rowsOfYOrB,
  secretsOfY,
  seedAccounts,
  type AccountFixture,
} from './isolation-accounts.test-kit';
import { ATTEMPTS, type Fixture } from './isolation-attempts.test-kit';
import { seedTenantB, snapshotTables } from './isolation-fixture.test-kit';

/**
 * Account isolation (decision 145): Xavier, the account admin of customer X of tenant A,
 * tries every account procedure against customer Y of A and against tenant B, and every
 * staff procedure in A and in B. Nothing of Y's or B's may come back, and nothing may be
 * written. Staff, in turn, are not account admins: account procedures refuse them.
 */

let world: TestWorld;
let b: Fixture;
let f: AccountFixture;
beforeAll(async () => {
  world = await createTestWorld();
  b = await seedTenantB(world);
  f = await seedAccounts(world);
});
afterAll(async () => {
  await world?.close();
});

async function outcomeOf(attempt: () => Promise<unknown>) {
  return attempt().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
}

function expectNothingOfY(value: unknown) {
  const seen = JSON.stringify(value) ?? '';
  for (const secret of [...secretsOfY(world, f), b.bCustomerId, 'Bertha']) expect(seen).not.toContain(secret);
}

describe('an account admin of customer X', () => {
  it('reads X’s own account', async () => {
    const x = asXavier(world, f);
    const overview = await x.account.overview();
    expect(overview.customer.id).toBe(f.xCustomerId);
    expect(overview.subscriptions).toHaveLength(1);
    expect(overview.paymentMethods).toHaveLength(1);
    const invoices = await x.account.invoices({ limit: 50 });
    expect(invoices.items.map((i) => i.id)).toEqual([f.xInvoiceId]);
    const invoice = await x.account.invoice({ id: f.xInvoiceId });
    expect(invoice.lines.length).toBeGreaterThan(0);
    const receipt = await x.account.receipt({ id: f.xInvoiceId, format: 'html' });
    expect(receipt.filename).toMatch(/^receipt-/);
  });

  for (const [path, attempt] of Object.entries(ACCOUNT_ATTEMPTS)) {
    it(`cannot reach customer Y through ${path} by naming Y's ids`, async () => {
      const before = await snapshotTables(world);
      const outcome = await outcomeOf(() => attempt(asXavier(world, f), f));
      if (outcome.ok) expectNothingOfY(outcome.value);
      else expect(seenByClient(outcome.error).data.domainCode).toBe('NOT_FOUND');
      const after = await snapshotTables(world);
      if (WRITES_OWN_ACCOUNT.has(path))
        expect(rowsOfYOrB(world, f, after)).toEqual(rowsOfYOrB(world, f, before));
      else expect(after).toEqual(before);
    });

    it(`cannot enter tenant B through ${path}`, async () => {
      const outcome = await outcomeOf(() => attempt(asXavier(world, f, world.tenants.B.id), f));
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) {
        expect(seenByClient(outcome.error).data.domainCode).toBe('FORBIDDEN');
        expect(seenByClient(outcome.error).message).toBe('You administer no account in this workspace');
      }
    });

    it(`is refused to staff: ${path} is for account admins only`, async () => {
      for (const persona of ['owner', 'adminA'] as const) {
        const outcome = await outcomeOf(() => attempt(world.as(persona), f));
        expect(outcome.ok, persona).toBe(false);
        if (!outcome.ok) expect(seenByClient(outcome.error).data.domainCode).toBe('FORBIDDEN');
      }
    });
  }

  for (const [path, attempt] of Object.entries(ATTEMPTS)) {
    if (attempt === 'no tenant data') continue;
    for (const where of ['A', 'B'] as const) {
      it(`is refused every staff procedure: ${path} in tenant ${where}`, async () => {
        const before = await snapshotTables(world);
        const outcome = await outcomeOf(() => attempt(asXavier(world, f, world.tenants[where].id), b));
        if (outcome.ok) {
          // Only the signed-in sync procedures answer: with nothing of any tenant's.
          expect(path.startsWith('sync.'), path).toBe(true);
          expectNothingOfY(outcome.value);
        } else {
          expect(seenByClient(outcome.error).data.domainCode).toBe('FORBIDDEN');
        }
        expect(await snapshotTables(world)).toEqual(before);
      });
    }
  }
});
