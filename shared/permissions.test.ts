import { describe, expect, it } from 'vitest';
import {
  can,
  canEnterTenant,
  PERMISSIONS,
  PLATFORM_GRANTS,
  permissionsIn,
  platformCan,
  TENANT_GRANTS,
  type Grants,
} from './permissions';

const A = 'ten_A';
const B = 'ten_B';
const platform = (role: Grants['platformRole']): Grants => ({ platformRole: role, tenantRoles: {} });
const tenant = (role: 'admin' | 'billing' | 'viewer'): Grants => ({
  platformRole: null,
  tenantRoles: { [A]: role },
});

describe('permission matrix', () => {
  it('gives the platform owner everything, in every tenant', () => {
    for (const p of PERMISSIONS) expect(can(platform('owner'), p, B)).toBe(true);
  });

  it('keeps analysts read-only', () => {
    const writes = PLATFORM_GRANTS.analyst.filter((p) => !p.endsWith('.read'));
    expect(writes).toEqual([]);
    expect(can(platform('analyst'), 'customers.write', A)).toBe(false);
    expect(can(platform('analyst'), 'audit.read', A)).toBe(true);
  });

  it('lets billing refund and support not', () => {
    expect(can(platform('billing'), 'payments.refund', A)).toBe(true);
    expect(can(platform('support'), 'payments.refund', A)).toBe(false);
    expect(can(platform('support'), 'customers.write', A)).toBe(true);
  });

  it('confines tenant roles to their own tenant', () => {
    expect(can(tenant('admin'), 'customers.read', A)).toBe(true);
    expect(can(tenant('admin'), 'customers.read', B)).toBe(false);
    expect(canEnterTenant(tenant('viewer'), B)).toBe(false);
    expect(canEnterTenant(platform('analyst'), B)).toBe(true);
  });

  it('never lets a tenant role manage tenants or refund', () => {
    for (const grants of Object.values(TENANT_GRANTS)) {
      expect(grants).not.toContain('tenants.manage');
      expect(grants).not.toContain('payments.refund');
    }
  });

  it('keeps tenant viewers read-only', () => {
    expect(permissionsIn(tenant('viewer'), A).every((p) => p.endsWith('.read'))).toBe(true);
    expect(permissionsIn(tenant('viewer'), B)).toEqual([]);
  });

  it('lets every role read the marketplace, billing manage its money, and support and admins moderate it', () => {
    for (const role of ['viewer', 'billing', 'admin'] as const) {
      expect(can(tenant(role), 'marketplace.read', A)).toBe(true);
    }
    expect(can(platform('analyst'), 'marketplace.read', A)).toBe(true);
    expect(can(tenant('viewer'), 'marketplace.manage', A)).toBe(false);
    expect(can(platform('analyst'), 'marketplace.manage', A)).toBe(false);
    expect(can(tenant('billing'), 'marketplace.manage', A)).toBe(true);
    expect(can(platform('billing'), 'marketplace.manage', A)).toBe(true);
    // Moderating courses and reviews is a judgement on content, not on money.
    expect(can(tenant('billing'), 'marketplace.moderate', A)).toBe(false);
    expect(can(platform('billing'), 'marketplace.moderate', A)).toBe(false);
    expect(can(platform('support'), 'marketplace.moderate', A)).toBe(true);
    expect(can(platform('support'), 'marketplace.manage', A)).toBe(false);
    expect(can(tenant('admin'), 'marketplace.moderate', A)).toBe(true);
    expect(can(tenant('admin'), 'marketplace.moderate', B)).toBe(false);
  });

  it('grants only permissions that exist', () => {
    const known = new Set<string>(PERMISSIONS);
    for (const list of [...Object.values(PLATFORM_GRANTS), ...Object.values(TENANT_GRANTS)]) {
      for (const p of list) expect(known.has(p)).toBe(true);
    }
  });

  it('narrows any grants to their scopes, never widens them', () => {
    const scoped = { ...tenant('billing'), scopes: ['customers.read', 'users.manage'] as const };
    expect(permissionsIn(scoped, A)).toEqual(['customers.read']);
    expect(can(scoped, 'customers.write', A)).toBe(false);
    const staff = { ...platform('owner'), scopes: ['customers.read'] as const };
    expect(platformCan(staff, 'customers.read')).toBe(true);
    expect(platformCan(staff, 'tenants.manage')).toBe(false);
    expect(permissionsIn(staff, B)).toEqual(['customers.read']);
  });
});
