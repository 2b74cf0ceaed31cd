import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signLicenseKey, verifyLicenseKey } from '../../../../shared/licensing/signing';
import { expectDomainError } from '../../../testing/errors.test-kit';
import { auditText, createLicensingWorld, type LicensingWorld } from '../licensing-world.test-kit';
import { publishedKeySet, signingKeyFor } from './service';

let lw: LicensingWorld;
beforeEach(async () => {
  lw = await createLicensingWorld();
});
afterEach(() => lw.world.close());

const tenantA = () => lw.world.tenants.A.id;
const db = () => lw.world.database.db;
const payload = (issuedAt: number) => ({ licenseId: 'lic_X', tenantId: tenantA(), issuedAt });

describe('signing keys', () => {
  it('are made on first need, once, sealed, and audited without their private half', async () => {
    expect(await lw.world.as('adminA').licensingKeys.list()).toEqual([]);
    const first = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    const again = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    expect(again.kid).toBe(first.kid);
    const listed = await lw.world.as('viewerA').licensingKeys.list();
    expect(listed).toEqual([expect.objectContaining({ kid: first.kid, status: 'active', retiredAt: null })]);
    expect(Object.keys(listed[0] ?? {}).sort()).toEqual(
      ['createdAt', 'kid', 'removedAt', 'retiredAt', 'status', 'x'].sort(),
    );
    const stored = await db().selectFrom('license_signing_keys').selectAll().executeTakeFirstOrThrow();
    expect(stored.private_key_sealed).toMatch(/^sb1:/);
    const audit = await auditText(lw.world);
    expect(audit).toContain(first.kid);
    expect(audit).not.toContain(stored.private_key_sealed);
    expect(audit).not.toContain('sb1:');
    const key = await signLicenseKey(payload(lw.world.clock.now()), first);
    expect(await verifyLicenseKey(key, await publishedKeySet(db(), tenantA()))).toMatchObject({ ok: true });
  });

  it('rotate: the old key retires and still verifies what it signed before; the new one signs', async () => {
    const old = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    const before = await signLicenseKey(payload(lw.world.clock.now()), old);
    lw.world.clock.advance(1000);
    const rotated = await lw.world.as('billingA').licensingKeys.rotate();
    expect(rotated.retired).toEqual([old.kid]);
    expect(rotated.active.kid).not.toBe(old.kid);
    const set = await publishedKeySet(db(), tenantA());
    expect(set.keys.map((k) => [k.kid, k.status, k.retiredAt])).toEqual([
      [rotated.active.kid, 'active', undefined],
      [old.kid, 'retired', lw.world.clock.now()],
    ]);
    expect(await verifyLicenseKey(before, set)).toMatchObject({ ok: true, kid: old.kid });
    const late = await signLicenseKey(payload(lw.world.clock.now()), old);
    expect(await verifyLicenseKey(late, set)).toEqual({ ok: false, reason: 'RETIRED_KEY' });
    expect((await signingKeyFor(db(), tenantA())).kid).toBe(rotated.active.kid);
    const retiredRow = await db()
      .selectFrom('license_signing_keys')
      .select('private_key_sealed')
      .where('kid', '=', old.kid)
      .executeTakeFirstOrThrow();
    expect(retiredRow.private_key_sealed).toBe('');
  });

  it('remove: a leaked key leaves the set and what it signed is refused; the next signing makes a new key', async () => {
    const leaked = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    const key = await signLicenseKey(payload(lw.world.clock.now()), leaked);
    const removed = await lw.world.as('adminA').licensingKeys.remove({ kid: leaked.kid });
    expect(removed).toMatchObject({ kid: leaked.kid, status: 'removed', removedAt: lw.world.clock.now() });
    const set = await publishedKeySet(db(), tenantA());
    expect(set.keys).toEqual([]);
    expect(await verifyLicenseKey(key, set)).toEqual({ ok: false, reason: 'UNKNOWN_KEY' });
    await expectDomainError(
      () => lw.world.as('adminA').licensingKeys.remove({ kid: leaked.kid }),
      'INVALID_STATE',
    );
    const next = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    expect(next.kid).not.toBe(leaked.kid);
    const listed = await lw.world.as('adminA').licensingKeys.list();
    expect(listed.map((k) => k.status)).toEqual(['active', 'removed']);
  });

  it('refuses a viewer changes, another tenant the key, and a malformed kid', async () => {
    const a = await signingKeyFor(db(), tenantA(), lw.world.clock.now());
    await expectDomainError(() => lw.world.as('viewerA').licensingKeys.rotate(), 'FORBIDDEN');
    await expectDomainError(() => lw.world.as('adminB').licensingKeys.remove({ kid: a.kid }), 'NOT_FOUND');
    expect(await lw.world.as('adminB').licensingKeys.list()).toEqual([]);
    const bad = await expectDomainError(
      () => lw.world.as('adminA').licensingKeys.remove({ kid: 'a.b' }),
      'INVALID_INPUT',
    );
    expect(bad.message).toContain('Key id');
    expect((await publishedKeySet(db(), lw.world.tenants.B.id)).keys).toEqual([]);
  });
});
