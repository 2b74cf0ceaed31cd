/**
 * Roles and what each may do. Platform roles act across every tenant; tenant roles act
 * inside their own tenant only. Every procedure names one permission from this list, and
 * every permission here is named by a procedure (analytics, reports, licenses, support,
 * marketplace and rewards add theirs with their modules); stored API key scopes naming a
 * permission no longer listed grant nothing (parseScopes drops them).
 */

export const PLATFORM_ROLES = ['owner', 'admin', 'billing', 'support', 'analyst'] as const;
export const TENANT_ROLES = ['admin', 'billing', 'viewer'] as const;

export type PlatformRole = (typeof PLATFORM_ROLES)[number];
export type TenantRole = (typeof TENANT_ROLES)[number];

export const PERMISSIONS = [
  'tenants.read',
  'customers.read',
  'customers.write',
  'customers.archive',
  'audit.read',
  'billing.read',
  'billing.write',
  'payments.refund',
  'recovery.manage',
  'branding.write',
  'users.manage',
  'tenants.manage',
  'settings.write',
  'licensing.read',
  'licensing.manage',
  'marketplace.read',
  'marketplace.manage',
  'marketplace.moderate',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

const READ_ONLY: readonly Permission[] = PERMISSIONS.filter((p) => p.endsWith('.read') && p !== 'audit.read');

function all(except: readonly Permission[] = []): readonly Permission[] {
  return PERMISSIONS.filter((p) => !except.includes(p));
}

export const PLATFORM_GRANTS: Record<PlatformRole, readonly Permission[]> = {
  owner: all(),
  // Admins run the platform but cannot take ownership-level settings.
  admin: all(['settings.write']),
  billing: [
    ...READ_ONLY,
    'audit.read',
    'customers.write',
    'customers.archive',
    'billing.write',
    'payments.refund',
    'recovery.manage',
    'licensing.manage',
    'marketplace.manage',
  ],
  // Support moderates the marketplace's courses and reviews; the money side is billing's.
  support: [...READ_ONLY, 'customers.write', 'marketplace.moderate'],
  // Analysts read, and change nothing.
  analyst: [...READ_ONLY, 'audit.read'],
};

export const TENANT_GRANTS: Record<TenantRole, readonly Permission[]> = {
  admin: [
    'tenants.read',
    'customers.read',
    'customers.write',
    'customers.archive',
    'audit.read',
    'billing.read',
    'branding.write',
    'users.manage',
    'licensing.read',
    'licensing.manage',
    'marketplace.read',
    'marketplace.manage',
    'marketplace.moderate',
  ],
  billing: [
    'tenants.read',
    'customers.read',
    'customers.write',
    'billing.read',
    'billing.write',
    'licensing.read',
    'licensing.manage',
    'marketplace.read',
    'marketplace.manage',
  ],
  viewer: ['tenants.read', 'customers.read', 'billing.read', 'licensing.read', 'marketplace.read'],
};

/** Who is acting: one platform role at most, and a role per tenant they belong to. */
export interface Grants {
  platformRole: PlatformRole | null;
  tenantRoles: Readonly<Record<string, TenantRole>>;
  /**
   * An API key's scopes: when present, only these of the roles' permissions hold. Narrowing
   * the grants themselves means every check (`can`, the platform checks, a replica's reach)
   * enforces scopes, with no second mechanism to forget.
   */
  scopes?: readonly Permission[];
  /**
   * Account admins (decision 145): per tenant, the one customer whose account the person
   * administers. Never a tenant role: `can` and `canEnterTenant` ignore it, so every staff
   * procedure refuses an account admin; only account procedures read it (`accountOf`).
   */
  accounts?: Readonly<Record<string, string>>;
}

function inScope(grants: Grants, permission: Permission): boolean {
  return grants.scopes === undefined || grants.scopes.includes(permission);
}

/** True when the grants' platform role allows `permission` (in every tenant, and on the platform itself). */
export function platformCan(grants: Grants, permission: Permission): boolean {
  return (
    grants.platformRole !== null &&
    PLATFORM_GRANTS[grants.platformRole].includes(permission) &&
    inScope(grants, permission)
  );
}

/** True when the grants allow `permission` inside `tenantId`. */
export function can(grants: Grants, permission: Permission, tenantId: string): boolean {
  if (platformCan(grants, permission)) return true;
  const tenantRole = grants.tenantRoles[tenantId];
  return (
    tenantRole !== undefined && TENANT_GRANTS[tenantRole].includes(permission) && inScope(grants, permission)
  );
}

/** True when the grants reach `tenantId` at all (platform roles reach every tenant). */
export function canEnterTenant(grants: Grants, tenantId: string): boolean {
  return grants.platformRole !== null || grants.tenantRoles[tenantId] !== undefined;
}

/** Every permission the grants allow in a tenant, for the console to hide what it cannot do. */
export function permissionsIn(grants: Grants, tenantId: string): Permission[] {
  return PERMISSIONS.filter((p) => can(grants, p, tenantId));
}

/**
 * What an account admin may do inside their own customer's account. Kept apart from
 * PERMISSIONS: no role, API key scope or replica rule of staff can ever name one, and an
 * account procedure checks one of these only (server/trpc/base.ts, accountProcedure).
 * account.read: what they see; account.manage: what they change (seats, machines). Every
 * account admin holds both today; the two are named apart so each procedure says which it
 * is, and a read-only account member can be added without revisiting every procedure.
 */
export const ACCOUNT_PERMISSIONS = ['account.read', 'account.manage'] as const;
export type AccountPermission = (typeof ACCOUNT_PERMISSIONS)[number];

export function isAccountPermission(value: string): value is AccountPermission {
  return (ACCOUNT_PERMISSIONS as readonly string[]).includes(value);
}

/**
 * The customer whose account the grants administer in `tenantId`, or null. An API key
 * (scoped grants) never acts as an account admin.
 */
export function accountOf(grants: Grants, tenantId: string): string | null {
  if (grants.scopes !== undefined) return null;
  const accounts = grants.accounts ?? {};
  return Object.hasOwn(accounts, tenantId) ? (accounts[tenantId] ?? null) : null;
}
