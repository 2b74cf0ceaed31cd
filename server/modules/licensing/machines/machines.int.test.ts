import type { Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DB } from '../../../db/schema';
import { createTestWorld, START, type TestWorld } from '../../../testing/world.test-kit';
import { seedLicense, seedPolicy } from '../licensing.test-kit';
import type { LicenseRow, PolicyRow } from '../rows';
import { activateMachine, deactivateMachine, type ActivateMachineInput } from './machines';
import { LicenseRefusal } from './refusal';

let world: TestWorld;
let db: Kysely<DB>;
let customerId: string;
let productId: string;

beforeEach(async () => {
  world = await createTestWorld();
  db = world.database.db;
  const staff = world.as('adminA');
  customerId = (await staff.customers.create({ name: 'Uni', email: 'it@uni.test', country: 'GB' })).id;
  productId = (await world.as('billingA').catalog.createProduct({ name: 'Academy' })).id;
});
afterEach(() => world.close());

async function licenseWith(policy: Partial<PolicyRow>, license: Partial<LicenseRow> = {}) {
  const row = await seedPolicy(db, { tenantId: world.tenants.A.id, productId, now: START, ...policy });
  return (await seedLicense(db, { policy: row, customerId, now: START, ...license })).license;
}

function activate(license: LicenseRow, fingerprint: string, extra: Partial<ActivateMachineInput> = {}) {
  return db.transaction().execute((trx) =>
    activateMachine(trx, {
      tenantId: world.tenants.A.id,
      license,
      fingerprint,
      name: `pc ${fingerprint}`,
      platform: 'linux',
      via: 'api',
      by: null,
      now: START + 1000,
      ...extra,
    }),
  );
}

async function refusal(promise: Promise<unknown>): Promise<LicenseRefusal> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LicenseRefusal);
  return error as LicenseRefusal;
}

const machineCount = async (licenseId: string) =>
  (await db.selectFrom('license_machines').select('id').where('license_id', '=', licenseId).execute()).length;

describe('activateMachine', () => {
  it('activates up to the ceiling, answers an active fingerprint with its machine, refuses one more', async () => {
    const license = await licenseWith({ machine_mode: 'FLOATING', max_machines: 2 });
    const first = await activate(license, 'fp-1');
    expect(first).toMatchObject({ changed: true, machine: { fingerprint: 'fp-1', activated_via: 'api' } });
    expect(first.change).toMatchObject({ entityType: 'license_machine', before: null });
    const again = await activate(license, 'fp-1');
    expect(again).toMatchObject({ changed: false, change: null, machine: { id: first.machine.id } });
    await activate(license, 'fp-2');
    const refused = await refusal(activate(license, 'fp-3'));
    expect(refused).toMatchObject({ reason: 'TOO_MANY_MACHINES', code: 'CONFLICT' });
    expect(refused.message).toContain('at most 2');
    expect(await machineCount(license.id)).toBe(2);
  });

  it('allows one machine when node-locked, more under an overage strategy', async () => {
    const locked = await licenseWith({ machine_mode: 'NODE_LOCKED', max_machines: 5 });
    await activate(locked, 'a');
    expect((await refusal(activate(locked, 'b'))).reason).toBe('TOO_MANY_MACHINES');
    const doubled = await licenseWith({ machine_mode: 'FLOATING', max_machines: 1, overage_strategy: 'X2' });
    await activate(doubled, 'a');
    await activate(doubled, 'b');
    expect((await refusal(activate(doubled, 'c'))).reason).toBe('TOO_MANY_MACHINES');
  });

  it('refuses a license in bad standing, a policy without machines, another tenant and bad text', async () => {
    const suspended = await licenseWith({}, { status: 'SUSPENDED' });
    expect((await refusal(activate(suspended, 'a'))).reason).toBe('SUSPENDED');
    const revoked = await licenseWith({}, { status: 'REVOKED' });
    expect(await refusal(activate(revoked, 'a'))).toMatchObject({ reason: 'NOT_FOUND', code: 'NOT_FOUND' });
    const expired = await licenseWith({}, { expires_at: START });
    expect((await refusal(activate(expired, 'a'))).reason).toBe('EXPIRED');
    const maintained = await licenseWith({ expiration_strategy: 'MAINTAIN' }, { expires_at: START });
    expect((await activate(maintained, 'a')).changed).toBe(true);
    const unbound = await licenseWith({ machine_mode: 'NONE' });
    expect((await refusal(activate(unbound, 'a'))).reason).toBe('MACHINES_NOT_USED');
    const ofA = await licenseWith({});
    const other = activate(ofA, 'a', { tenantId: world.tenants.B.id });
    expect((await refusal(other)).reason).toBe('NOT_FOUND');
    await expect(activate(ofA, 'x'.repeat(1_000_000))).rejects.toMatchObject({
      code: 'INVALID_INPUT',
      fieldErrors: { fingerprint: ['1–256 characters'] },
    });
    expect(await machineCount(ofA.id)).toBe(0);
  });
});

describe('deactivateMachine', () => {
  it('frees the place by fingerprint or id and refuses an unknown machine', async () => {
    const license = await licenseWith({ machine_mode: 'NODE_LOCKED' });
    const { machine } = await activate(license, 'fp-1');
    const scope = { tenantId: world.tenants.A.id, license, by: null, now: START + 2000 };
    const gone = await db
      .transaction()
      .execute((trx) => deactivateMachine(trx, { ...scope, machine: { fingerprint: 'fp-1' } }));
    expect(gone.change).toMatchObject({ entityId: machine.id, after: null });
    expect(await machineCount(license.id)).toBe(0);
    const next = await activate(license, 'fp-2');
    const byId = await db
      .transaction()
      .execute((trx) => deactivateMachine(trx, { ...scope, machine: { id: next.machine.id } }));
    expect(byId.machine.fingerprint).toBe('fp-2');
    const missing = db
      .transaction()
      .execute((trx) => deactivateMachine(trx, { ...scope, machine: { fingerprint: 'fp-1' } }));
    expect(await refusal(missing)).toMatchObject({ reason: 'MACHINE_NOT_FOUND', code: 'NOT_FOUND' });
    const elsewhere = db
      .transaction()
      .execute((trx) =>
        deactivateMachine(trx, { ...scope, tenantId: world.tenants.B.id, machine: { fingerprint: 'x' } }),
      );
    expect((await refusal(elsewhere)).reason).toBe('NOT_FOUND');
  });
});
