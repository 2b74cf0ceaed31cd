import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RELEASES_PER_LICENSE_PER_DAY } from '../../../../shared/licensing/account-schema';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { asXavier, seedAccounts, type AccountFixture } from '../../../app/isolation-accounts.test-kit';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { createTestWorld, type TestWorld } from '../../../testing/world.test-kit';
import { ACCOUNT_POLICY, seedLicense, seedPolicy, type MachineSeed } from '../licensing.test-kit';

/**
 * An account admin's own licenses (decision 145): Xavier, admin of customer X, reads X's
 * licenses with their seats, machines, usage and validations (never the key's hash or sealed
 * text), gives and removes named seats within the policy's ceiling (each seat holder emailed,
 * nothing secret in it), and releases dead machines within the daily allowance — all audited.
 */

let world: TestWorld;
let f: AccountFixture;
beforeAll(async () => {
  world = await createTestWorld();
  f = await seedAccounts(world);
});
afterAll(async () => {
  await world?.close();
});

const x = () => asXavier(world, f);

/** Another license of customer X, on a policy of its own, of the product X's licenses are of. */
async function licenseOfX(name: string, more: { maxMachines?: number; machines?: MachineSeed[] } = {}) {
  const db = world.database.db;
  const now = world.clock.now();
  const { product_id } = await db
    .selectFrom('license_policies')
    .select('product_id')
    .executeTakeFirstOrThrow();
  const policy = await seedPolicy(db, {
    tenantId: world.tenants.A.id,
    productId: product_id,
    name: `${name} policy`,
    now,
    ...ACCOUNT_POLICY,
    ...(more.maxMachines !== undefined && { max_machines: more.maxMachines }),
  });
  const seeded = await seedLicense(db, {
    policy,
    customerId: f.xCustomerId,
    name,
    now,
    machines: more.machines,
  });
  return { licenseId: seeded.license.id, machineIds: seeded.machineIds };
}

async function auditActions(entityId: string) {
  const rows = await world.database.db
    .selectFrom('audit_log')
    .select(['action', 'actor_id'])
    .where('entity_id', '=', entityId)
    // The test clock stands still between commands: the chain's order tells which came first.
    .orderBy('at')
    .orderBy('seq')
    .execute();
  return rows.map((r) => `${r.action} by ${r.actor_id === f.xavier.userId ? 'xavier' : r.actor_id}`);
}

describe('an account admin’s licenses', () => {
  it('lists X’s licenses only, with seats and machines against their maximums', async () => {
    const licenses = await x().accountLicenses.list();
    expect(licenses.map((l) => l.id)).toEqual([f.xLicenseId]);
    expect(licenses[0]).toMatchObject({
      name: 'Xander campus',
      status: 'ACTIVE',
      productName: 'A Courses',
      seats: { used: 1, max: 5, ceiling: 5 },
      machines: { used: 1, max: 3, ceiling: 3 },
    });
  });

  it('shows a license with machines, seats, usage per metric and validations, never its key', async () => {
    const detail = await x().accountLicenses.get({ id: f.xLicenseId });
    expect(detail.machines.map((m) => m.id)).toEqual([f.xMachineId]);
    expect(detail.seats.map((s) => s.id)).toEqual([f.xSeatId]);
    expect(detail.usage).toEqual([
      {
        metric: 'course_hours',
        limit: 100,
        rule: 'BLOCK',
        period: '2026-01',
        used: 12,
        history: [{ period: '2026-01', quantity: 12 }],
      },
    ]);
    expect(detail.validations).toMatchObject([{ code: 'VALID', valid: true }]);
    const stored = await world.database.db
      .selectFrom('licenses')
      .select(['key_hash', 'key_sealed'])
      .where('id', '=', f.xLicenseId)
      .executeTakeFirstOrThrow();
    const text = JSON.stringify(detail);
    expect(text).not.toContain(stored.key_hash);
    expect(text).not.toContain('test-sealed');
    expect(text).not.toMatch(/key_?(hash|sealed)/i);
  });

  it('gives a named seat, emails its holder (no secret), audits it, and refuses the same user twice', async () => {
    const seat = await x().accountLicenses.assignSeat({
      licenseId: f.xLicenseId,
      email: ' Grace@X.example ',
      name: 'Grace',
    });
    expect(seat).toMatchObject({ userRef: 'grace@x.example', email: 'grace@x.example', name: 'Grace' });
    const email = await world.database.db
      .selectFrom('email_outbox')
      .select(['template', 'subject', 'text'])
      .where('recipient', '=', 'grace@x.example')
      .executeTakeFirstOrThrow();
    expect(email.template).toBe('license_seat_invitation');
    expect(email.subject).toBe("You have a seat on Xander Corp's Xander campus license");
    expect(email.text).toContain('Signed in as: grace@x.example');
    expect(email.text).not.toMatch(/TG1\.|test-sealed|«/);
    expect(await auditActions(seat.id)).toEqual(['license_seat.assigned by xavier']);

    const again = await expectDomainError(
      () => x().accountLicenses.assignSeat({ licenseId: f.xLicenseId, email: 'grace@x.example' }),
      'CONFLICT',
    );
    expect(again.message).toBe('grace@x.example already holds a seat on Xander campus');
  });

  it('enforces the policy’s seat limit, and frees a seat on removal', async () => {
    const before = (await x().accountLicenses.get({ id: f.xLicenseId })).seats.length;
    const added = [];
    for (let i = before; i < 5; i++) {
      added.push(await x().accountLicenses.assignSeat({ licenseId: f.xLicenseId, email: `p${i}@x.example` }));
    }
    const full = await expectDomainError(
      () => x().accountLicenses.assignSeat({ licenseId: f.xLicenseId, email: 'sixth@x.example' }),
      'INVALID_STATE',
    );
    expect(full.message).toBe(
      'All 5 seats of Xander campus are taken; remove a seat before assigning another',
    );
    const removed = await x().accountLicenses.removeSeat({
      licenseId: f.xLicenseId,
      seatId: added[0]?.id ?? '',
    });
    expect(await auditActions(removed.id)).toEqual([
      'license_seat.assigned by xavier',
      'license_seat.removed by xavier',
    ]);
    await x().accountLicenses.assignSeat({ licenseId: f.xLicenseId, email: 'sixth@x.example' });
    expect((await x().accountLicenses.list())[0]?.seats.used).toBe(5);
  });

  it('sends a seat invitation in the account’s published branding (white-label)', async () => {
    const admin = world.as('adminA');
    const saved = await admin.branding.saveDraft({
      customerId: f.xCustomerId,
      branding: {
        productName: 'Xander Learning',
        logo: null,
        colors: { primary: '#5f3dc4', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' },
        customDomain: 'learn.xander.example',
        senderName: 'Xander Learning Team',
        replyTo: 'help@xander.example',
      },
    });
    await admin.branding.publish({ customerId: f.xCustomerId, draftId: saved.draft.id });
    // A license of its own: the file's other tests fill Xander campus's seats.
    const { licenseId } = await licenseOfX('Xander studio');
    await x().accountLicenses.assignSeat({ licenseId, email: 'xeno@x.example' });
    const email = await world.database.db
      .selectFrom('email_outbox')
      .select(['from_name', 'reply_to', 'html'])
      .where('recipient', '=', 'xeno@x.example')
      .executeTakeFirstOrThrow();
    expect(email).toMatchObject({ from_name: 'Xander Learning Team', reply_to: 'help@xander.example' });
    expect(email.html).toContain('background:#5f3dc4');
  });

  it('refuses bad input by name', async () => {
    const bad = await expectDomainError(
      () => x().accountLicenses.assignSeat({ licenseId: f.xLicenseId, email: 'not an email' }),
      'INVALID_INPUT',
    );
    expect(bad.message).toContain('Email must be a valid address');
    await expectDomainError(() => x().accountLicenses.get({ id: 'lic_x' }), 'INVALID_INPUT');
  });
});

describe('releasing machines', () => {
  it(`allows ${RELEASES_PER_LICENSE_PER_DAY} releases per license in 24 hours, then says when the next frees up`, async () => {
    const fleet = await licenseOfX('Xander lab', {
      maxMachines: 10,
      machines: Array.from({ length: 7 }, (_, i) => ({ fingerprint: `lab-${i}`, lastHeartbeatAt: null })),
    });
    const firstAt = world.clock.now();
    for (const machineId of fleet.machineIds.slice(0, RELEASES_PER_LICENSE_PER_DAY)) {
      await x().accountLicenses.releaseMachine({ licenseId: fleet.licenseId, machineId });
      world.clock.advance(60_000);
    }
    const next = fleet.machineIds[RELEASES_PER_LICENSE_PER_DAY] ?? '';
    const limited = await expectDomainError(
      () => x().accountLicenses.releaseMachine({ licenseId: fleet.licenseId, machineId: next }),
      'RATE_LIMITED',
    );
    const freesAt = new Date(firstAt + DAY_MS).toISOString().slice(0, 16).replace('T', ' ');
    expect(limited.message).toBe(
      `5 machines of Xander lab were released in the last 24 hours; the next release is possible at ${freesAt} UTC`,
    );
    expect((await x().accountLicenses.get({ id: fleet.licenseId })).machines).toHaveLength(2);

    world.clock.set(firstAt + DAY_MS + 1);
    await x().accountLicenses.releaseMachine({ licenseId: fleet.licenseId, machineId: next });
    expect((await x().accountLicenses.get({ id: fleet.licenseId })).machines).toHaveLength(1);
    expect(await auditActions(next)).toEqual(['license_machine.released_by_account by xavier']);
    expect(await auditActions(fleet.licenseId)).toHaveLength(RELEASES_PER_LICENSE_PER_DAY + 1);
  });

  it('finds no machine of another license, and no license of another customer', async () => {
    const seen = await expectDomainError(
      () => x().accountLicenses.releaseMachine({ licenseId: f.xLicenseId, machineId: f.yMachineId }),
      'NOT_FOUND',
    );
    expect(seen.message).toBe('Machine was not found');
    const other = await expectDomainError(
      () => x().accountLicenses.releaseMachine({ licenseId: f.yLicenseId, machineId: f.yMachineId }),
      'NOT_FOUND',
    );
    expect(other.message).toBe('License was not found');
  });
});

describe('offline activation', () => {
  it('refuses a request naming another customer’s license as not found, and an unreadable one by name', async () => {
    const { requestNaming } = await import('../../../app/isolation-accounts.test-kit');
    const other = await expectDomainError(
      () => x().accountLicenses.activateOffline({ request: requestNaming(f.yLicenseId) }),
      'NOT_FOUND',
    );
    expect(other.message).toBe('License was not found');
    const junk = await expectDomainError(
      () => x().accountLicenses.activateOffline({ request: 'hello' }),
      'INVALID_INPUT',
    );
    expect(junk.message).toBe('The request file cannot be read: not a Tollgate activation request');
  });
});
