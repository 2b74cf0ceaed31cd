import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeActivationRequest } from '../../../../shared/licensing/activation';
import { armor, dearmor } from '../../../../shared/licensing/armor';
import { DAY_MS } from '../../../../shared/licensing/policy';
import { verifyFile } from '../../../../shared/licensing/verifier';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { publishedKeySet } from '../keys/service';
import {
  auditText,
  createLicensingWorld,
  fixedPolicy,
  type LicensingWorld,
} from '../licensing-world.test-kit';

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const admin = () => lw.world.as('adminA');
const now = () => lw.world.clock.now();
const keySet = () => publishedKeySet(lw.world.database.db, lw.world.tenants.A.id);

async function issued(over: Parameters<typeof fixedPolicy>[1] = {}) {
  const policy = await admin().licensePolicies.create(fixedPolicy(lw.productId, over));
  return admin().licenses.issue({
    customerId: lw.ada,
    policyId: policy.id,
    name: 'Campus',
    entitlements: ['exams'],
  });
}

const request = (licenseKey: string, fingerprint: string) =>
  writeActivationRequest({ licenseKey, fingerprint, name: 'Lab PC', platform: 'windows', createdAt: now() });

describe('license files', () => {
  it('are signed with the tenant’s key, carry license, policy, entitlements and the workspace’s name', async () => {
    const { license, key } = await issued();
    const file = await admin().licenses.downloadFile({ id: license.id });
    expect(file.fileName).toBe(`${license.id}.lic`);
    expect(file.text).toContain('-----BEGIN TOLLGATE LICENSE FILE-----');
    const read = await verifyFile(file.text, { keySet: await keySet(), now: now(), expect: 'license' });
    expect(read).toMatchObject({
      ok: true,
      license: {
        id: license.id,
        customerId: lw.ada,
        expiresAt: now() + 30 * DAY_MS,
        productId: lw.productId,
      },
      branding: { productName: 'Tenant A' },
    });
    if (!read.ok) return;
    expect(read.license.entitlements).toEqual(['courses', 'exams', 'reports']);
    expect(read.policy.usageLimits).toHaveLength(2);
    const sealed = await admin().licenses.downloadFile({ id: license.id, encrypt: true });
    expect(await verifyFile(sealed.text, { keySet: await keySet(), now: now() })).toMatchObject({
      ok: false,
      reason: 'DECRYPTION_FAILED',
    });
    expect(
      await verifyFile(sealed.text, { keySet: await keySet(), now: now(), licenseKey: key }),
    ).toMatchObject({
      ok: true,
    });
    expect(await auditText(lw.world)).not.toContain(file.text.slice(40, 80));
  });

  it('carry the account’s published branding, signed', async () => {
    const { license } = await issued();
    const colors = { primary: '#1f4e79', accent: '#1864ab', background: '#ffffff', text: '#1a1a1a' };
    const branding = {
      productName: 'Ada Academy',
      logo: null,
      colors,
      customDomain: 'learn.ada.example',
      senderName: null,
      replyTo: null,
    };
    const saved = await admin().branding.saveDraft({ customerId: lw.ada, branding });
    await admin().branding.publish({ customerId: lw.ada, draftId: saved.draft.id });
    const file = await admin().licenses.downloadFile({ id: license.id });
    const read = await verifyFile(file.text, { keySet: await keySet(), now: now() });
    expect(read).toMatchObject({
      ok: true,
      branding: { productName: 'Ada Academy', colors, customDomain: 'learn.ada.example', logo: null },
    });
  });

  it('are refused for a suspended license and to another tenant', async () => {
    const { license } = await issued();
    await expectDomainError(
      () => lw.world.as('adminB').licenses.downloadFile({ id: license.id }),
      'NOT_FOUND',
    );
    await admin().licenses.suspend({ id: license.id, expectedVersion: 1, reason: 'Unpaid' });
    const seen = await expectDomainError(
      () => admin().licenses.downloadFile({ id: license.id }),
      'INVALID_STATE',
    );
    expect(seen.message).toContain('suspended');
  });
});

describe('offline activation', () => {
  it('activates the machine of a request file once and returns its machine file, bound to its fingerprint', async () => {
    const { license, key } = await issued();
    const text = await request(key, 'lab-pc-7');
    const first = await admin().licenses.activateOffline({ request: text, encrypt: true });
    expect(first.machine).toMatchObject({ fingerprint: 'lab-pc-7', name: 'Lab PC', platform: 'windows' });
    const again = await admin().licenses.activateOffline({ request: text });
    expect(again.machine.id).toBe(first.machine.id);
    const rows = await lw.world.database.db.selectFrom('license_machines').selectAll().execute();
    expect(rows).toEqual([expect.objectContaining({ license_id: license.id, activated_via: 'offline' })]);
    const opened = await verifyFile(first.text, {
      keySet: await keySet(),
      now: now(),
      fingerprint: 'lab-pc-7',
      licenseKey: key,
      expect: 'machine',
    });
    expect(opened).toMatchObject({ ok: true, machine: { id: first.machine.id, fingerprint: 'lab-pc-7' } });
    const elsewhere = await verifyFile(first.text, {
      keySet: await keySet(),
      now: now(),
      fingerprint: 'x',
      licenseKey: key,
    });
    expect(elsewhere).toMatchObject({ ok: false });
    const machineFile = await admin().licenses.machineFile({ machineId: first.machine.id });
    expect(
      await verifyFile(machineFile.text, { keySet: await keySet(), now: now(), fingerprint: 'lab-pc-7' }),
    ).toMatchObject({ ok: true });
  });

  it('refuses a request proved with another key, a malformed one, too many machines, and another tenant', async () => {
    const { license, key } = await issued({ machineMode: 'NODE_LOCKED', maxMachines: 1 });
    const other = await issued();
    // Names this license but is proved with the other license's key.
    const block = dearmor(await request(other.key, 'pc'));
    const fields = JSON.parse(new TextDecoder().decode(block?.bytes)) as Record<string, unknown>;
    const swapped = armor(
      'activation',
      new TextEncoder().encode(JSON.stringify({ ...fields, licenseId: license.id })),
    );
    const proof = await expectDomainError(
      () => admin().licenses.activateOffline({ request: swapped }),
      'INVALID_INPUT',
    );
    expect(proof.message).toBe('This request was not written with the license’s key');
    const malformed = await expectDomainError(
      () => admin().licenses.activateOffline({ request: 'not a request' }),
      'INVALID_INPUT',
    );
    expect(malformed.message).toContain('not a Tollgate activation request');
    await admin().licenses.activateOffline({ request: await request(key, 'first-pc') });
    const second = await request(key, 'second-pc');
    const full = await expectDomainError(
      () => admin().licenses.activateOffline({ request: second }),
      'CONFLICT',
    );
    expect(full.message).toContain('at most 1');
    await expectDomainError(
      () => lw.world.as('adminB').licenses.activateOffline({ request: second }),
      'NOT_FOUND',
    );
    const machines = await lw.world.database.db
      .selectFrom('license_machines')
      .select('fingerprint')
      .execute();
    expect(machines).toEqual([{ fingerprint: 'first-pc' }]);
  });
});
