import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../lib/logger';
import { createTestWorld, START, type TestWorld } from '../../../testing/world.test-kit';
import { seedLicense, seedPolicy, seedValidations } from '../licensing.test-kit';
import type { LicenseRow } from '../rows';
import { flushValidationLog, validationLogFor } from './log';

/**
 * The validation log's flush: notes of several licenses written in statements of 25 rows,
 * each license's ring continued where it stood, and at most 100 notes a license kept between
 * flushes (the ring could hold no more); a run of identical validations in a row takes one slot.
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

function noteOne(license: LicenseRow, at: number, fingerprint: string, code = 'VALID') {
  validationLogFor(world.database.db, silentLogger).note({
    tenant_id: license.tenant_id,
    customer_id: license.customer_id,
    license_id: license.id,
    validated_at: at,
    valid: code === 'VALID' ? 1 : 0,
    code,
    fingerprint,
    user_ref: null,
    client: 'license-key',
    address: '127.0.0.1',
  });
}

function note(license: LicenseRow, count: number, from = 0) {
  for (let i = from; i < from + count; i++) noteOne(license, START + i, `fp-${i}`);
}

async function runs(license: LicenseRow) {
  const rows = await world.database.db
    .selectFrom('license_validations')
    .select(['slot', 'fingerprint', 'code', 'repeats', 'first_validated_at', 'validated_at'])
    .where('license_id', '=', license.id)
    .orderBy('slot')
    .execute();
  return rows.map(
    (r) =>
      `${r.slot}:${r.fingerprint}:${r.code}×${r.repeats} ${r.first_validated_at - START}–${r.validated_at - START}`,
  );
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
  it('writes a flush of several licenses in statements of 25 rows, keeping each one’s last 100', async () => {
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

  it('writes a run of identical validations in a row as one slot with its count and first and latest time', async () => {
    const [a] = licenses as [LicenseRow];
    for (const [at, fingerprint, code] of [
      [1, 'fp-a', 'VALID'],
      [2, 'fp-a', 'VALID'],
      [3, 'fp-a', 'VALID'],
      [4, 'fp-b', 'VALID'],
      [5, 'fp-a', 'VALID'],
      [6, 'fp-a', 'TOO_MANY_MACHINES'],
    ] as const)
      noteOne(a, START + at, fingerprint, code);
    await flushValidationLog(world.database.db);
    expect(await runs(a)).toEqual([
      '0:fp-a:VALID×3 1–3',
      '1:fp-b:VALID×1 4–4',
      '2:fp-a:VALID×1 5–5',
      '3:fp-a:TOO_MANY_MACHINES×1 6–6',
    ]);
  });

  it('continues the newest slot’s run across flushes, and from a ring this process has not written', async () => {
    const [a, b] = licenses as [LicenseRow, LicenseRow];
    noteOne(a, START + 1, 'fp-a');
    noteOne(a, START + 2, 'fp-a');
    await flushValidationLog(world.database.db);
    noteOne(a, START + 3, 'fp-a');
    await flushValidationLog(world.database.db);
    noteOne(a, START + 4, 'fp-b');
    await flushValidationLog(world.database.db);
    expect(await runs(a)).toEqual(['0:fp-a:VALID×3 1–3', '1:fp-b:VALID×1 4–4']);

    const owner = { tenantId: b.tenant_id, customerId: b.customer_id, licenseId: b.id };
    await seedValidations(world.database.db, owner, [
      { slot: 40, at: START + 9, valid: true, code: 'VALID', fingerprint: 'fp-a', address: '127.0.0.1' },
      { slot: 41, at: START + 10, valid: true, code: 'VALID', fingerprint: 'fp-b', address: '127.0.0.1' },
    ]);
    noteOne(b, START + 11, 'fp-b');
    await flushValidationLog(world.database.db);
    expect(await runs(b)).toEqual(['40:fp-a:VALID×1 9–9', '41:fp-b:VALID×2 10–11']);
  });
});
