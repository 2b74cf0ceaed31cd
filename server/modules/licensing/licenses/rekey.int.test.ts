import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyLicenseKey } from '../../../../shared/licensing/signing';
import { silentLogger } from '../../../lib/logger';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { validateLicense } from '../api/validate';
import { publishedKeySet } from '../keys/service';
import {
  auditText,
  createLicensingWorld,
  fixedPolicy,
  type LicensingWorld,
} from './licensing-world.test-kit';

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const admin = () => lw.world.as('adminA');
const db = () => lw.world.database.db;

async function issued() {
  // No machines to activate, so a good key answers VALID outright.
  const policy = await admin().licensePolicies.create(
    fixedPolicy(lw.productId, { machineMode: 'NONE', maxMachines: null }),
  );
  return admin().licenses.issue({ customerId: lw.ada, policyId: policy.id, name: 'Ada’s campus' });
}

/** What the validation API answers for `key`, as an app holding it would ask. */
async function validate(key: string) {
  const answer = await validateLicense(
    { db: db(), logger: silentLogger },
    { key },
    { kind: 'license-key', address: null },
    lw.world.clock.now(),
  );
  return answer.code;
}

describe('licenses.rekey', () => {
  it('replaces a leaked key at once: the old one is NOT_FOUND, the new one VALID, audited without either', async () => {
    const { license, key: old } = await issued();
    // Validated first, so the API holds the license's view: the re-key must drop it.
    expect(await validate(old)).toBe('VALID');
    const { license: after, key } = await admin().licenses.rekey({ id: license.id, expectedVersion: 1 });
    expect(key).not.toBe(old);
    expect(after).toMatchObject({ id: license.id, keyHint: key.slice(-4), version: 2, status: 'ACTIVE' });
    expect(await validate(old)).toBe('NOT_FOUND');
    expect(await validate(key)).toBe('VALID');
    const check = await verifyLicenseKey(key, await publishedKeySet(db(), lw.world.tenants.A.id));
    expect(check).toMatchObject({ ok: true, payload: { licenseId: license.id } });
    expect(await admin().licenses.revealKey({ id: license.id })).toEqual({ key });

    const entries = await db()
      .selectFrom('audit_log')
      .select(['action', 'entity_id'])
      .where('action', '=', 'license.rekeyed')
      .execute();
    expect(entries).toEqual([{ action: 'license.rekeyed', entity_id: license.id }]);
    const audit = await auditText(lw.world);
    expect(audit).not.toContain(key);
    expect(audit).not.toContain(old);
  });

  it('starts from the version the caller saw, refuses a revoked license, a viewer and another tenant', async () => {
    const { license, key } = await issued();
    await expectDomainError(() => admin().licenses.rekey({ id: license.id, expectedVersion: 2 }), 'CONFLICT');
    await expectDomainError(
      () => lw.world.as('viewerA').licenses.rekey({ id: license.id, expectedVersion: 1 }),
      'FORBIDDEN',
    );
    await expectDomainError(
      () => lw.world.as('adminB').licenses.rekey({ id: license.id, expectedVersion: 1 }),
      'NOT_FOUND',
    );
    expect(await validate(key)).toBe('VALID');
    await admin().licenses.revoke({ id: license.id, expectedVersion: 1 });
    const revoked = await expectDomainError(
      () => admin().licenses.rekey({ id: license.id, expectedVersion: 2 }),
      'INVALID_STATE',
    );
    expect(revoked.message).toContain('revoked');
  });

  it('hands the new key to a desktop’s push once and keeps it out of the stored result', async () => {
    const { license } = await issued();
    const clientId = 'desk-rekey-01';
    const pushed = await admin().sync.push({
      clientId,
      mutations: [
        {
          id: 1,
          tenantId: lw.world.tenants.A.id,
          path: 'licenses.rekey',
          input: { id: license.id, expectedVersion: 1 },
        },
      ],
    });
    const outcome = pushed.results[0];
    expect(outcome?.status).toBe('ok');
    const { key } = (outcome?.status === 'ok' ? outcome.result : null) as { key: string };
    expect(await validate(key)).toBe('VALID');
    const stored = await db()
      .selectFrom('sync_mutations')
      .select('result')
      .where('client_id', '=', clientId)
      .executeTakeFirstOrThrow();
    expect(stored.result).not.toContain(key);
    expect(JSON.parse(stored.result ?? '{}')).toMatchObject({ key: null, withheld: { paths: ['key'] } });
  });
});
