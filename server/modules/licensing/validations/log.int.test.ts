import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../lib/logger';
import { createTestWorld, START, type TestWorld } from '../../../testing/world.test-kit';
import { seedLicense, seedPolicy } from '../licensing.test-kit';
import type { LicenseRow } from '../rows';
import { flushValidationLog, validationLogFor } from './log';

/**
 * The validation log's flush: notes of several licenses written in statements of 100 rows,
 * each license's ring continued where it stood, and at most 100 notes a license kept between
 * flushes (the ring could hold no more).
 */

let world: TestWorld;
let licenses: LicenseRow[];

beforeEach(async () => {
  world = await createTestWorld();
  const { db } = world.database;
  const customerId = (
    await world.as('adminA').customers.create({ name: 'Uni', email: 'it@uni.test', country: 'GB' })
  ).id;
  const productId = (await world.as('billingA').catalog.createProduct({ name: 'Academy' })).id;
  const policy = await seedPolicy(db, { tenantId: world.tenants.A.id, productId, now: START });
  licenses = [];
  for (let i = 0; i < 3; i++)
    licenses.push((await seedLicense(db, { policy, customerId, now: START })).license);
});
afterEach(() => world.close());

function note(license: LicenseRow, count: number, from = 0) {
  const log = validationLogFor(world.database.db, silentLogger);
  for (let i = from; i < from + count; i++) {
    log.note({
      tenant_id: license.tenant_id,
      customer_id: license.customer_id,
      license_id: license.id,
      validated_at: START + i,
      valid: 1,
      code: 'VALID',
      fingerprint: `fp-${i}`,
      user_ref: null,
      client: 'license-key',
      address: '127.0.0.1',
    });
  }
}

async function ring(license: LicenseRow) {
  const rows = await world.database.db
    .selectFrom('license_validations')
    .select(['slot', 'fingerprint'])
    .where('license_id', '=', license.id)
    .orderBy('slot')
    .execute();
  return rows.map((r) => `${r.slot}:${r.fingerprint}`);
}

const slots = (from: number, to: number, fingerprint: (slot: number) => number) =>
  Array.from({ length: to - from }, (_, k) => `${from + k}:fp-${fingerprint(from + k)}`);

describe('the validation log', () => {
  it('writes a flush of several licenses in statements of 100 rows, keeping each one’s last 100', async () => {
    const [a, b, c] = licenses as [LicenseRow, LicenseRow, LicenseRow];
    note(a, 120);
    note(b, 80);
    note(c, 50);
    await flushValidationLog(world.database.db);
    expect(await ring(a)).toEqual(slots(0, 100, (slot) => slot + 20));
    expect(await ring(b)).toEqual(slots(0, 80, (slot) => slot));
    expect(await ring(c)).toEqual(slots(0, 50, (slot) => slot));
  });

  it('continues each ring after its newest slot, rewriting the oldest in place', async () => {
    const [, b] = licenses as [LicenseRow, LicenseRow];
    note(b, 80);
    await flushValidationLog(world.database.db);
    note(b, 30, 80);
    await flushValidationLog(world.database.db);
    expect(await ring(b)).toEqual([...slots(0, 10, (slot) => slot + 100), ...slots(10, 100, (slot) => slot)]);
  });
});
