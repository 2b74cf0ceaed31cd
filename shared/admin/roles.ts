import {
  can,
  PLATFORM_GRANTS,
  PLATFORM_ROLES,
  platformCan,
  TENANT_GRANTS,
  TENANT_ROLES,
  type Grants,
  type Permission,
  type PlatformRole,
  type TenantRole,
} from '../permissions';

/** What each role is for, in a sentence, for the Roles page and the role pickers. */
export const PLATFORM_ROLE_INFO: Record<PlatformRole, { label: string; summary: string }> = {
  owner: { label: 'Owner', summary: 'Runs the platform: every permission, in every tenant.' },
  admin: {
    label: 'Admin',
    summary: 'Runs the platform in every tenant, except ownership-level settings.',
  },
  billing: {
    label: 'Billing',
    summary: 'Billing staff: invoices, payments, refunds and recovery in every tenant.',
  },
  support: { label: 'Support', summary: 'Support staff: reads everything, helps customers, moderates.' },
  analyst: { label: 'Analyst', summary: 'Reads and exports across tenants; changes nothing.' },
};

export const TENANT_ROLE_INFO: Record<TenantRole, { label: string; summary: string }> = {
  admin: { label: 'Admin', summary: 'Runs one tenant: its customers, members, API keys and branding.' },
  billing: { label: 'Billing', summary: 'Works the tenant’s billing: customers, subscriptions, invoices.' },
  viewer: { label: 'Viewer', summary: 'Reads the tenant’s customers and billing; changes nothing.' },
};

export interface RoleDescription {
  scope: 'platform' | 'tenant';
  role: string;
  label: string;
  summary: string;
  permissions: readonly Permission[];
}

/** Every role with what it may do, read from the grants in shared/permissions.ts. */
export function describeRoles(): RoleDescription[] {
  return [
    ...PLATFORM_ROLES.map((role) => ({
      scope: 'platform' as const,
      role,
      ...PLATFORM_ROLE_INFO[role],
      permissions: PLATFORM_GRANTS[role],
    })),
    ...TENANT_ROLES.map((role) => ({
      scope: 'tenant' as const,
      role,
      ...TENANT_ROLE_INFO[role],
      permissions: TENANT_GRANTS[role],
    })),
  ];
}

/**
 * Platform roles these grants may hand out (and take away): none without a platform role
 * that manages users; an owner any; anyone else no role above their own. Owner is the
 * only role above admin, so an admin may grant every role but owner.
 */
export function grantablePlatformRoles(grants: Grants): PlatformRole[] {
  if (!platformCan(grants, 'users.manage')) return [];
  return grants.platformRole === 'owner'
    ? [...PLATFORM_ROLES]
    : PLATFORM_ROLES.filter((role) => role !== 'owner');
}

/**
 * Tenant roles these grants may hand out in `tenantId`: all of them for whoever manages
 * users there, since a tenant admin is the highest tenant role and platform roles sit above it.
 */
export function grantableTenantRoles(grants: Grants, tenantId: string): TenantRole[] {
  return can(grants, 'users.manage', tenantId) ? [...TENANT_ROLES] : [];
}

/**
 * Scopes these grants may give a new API key of `role` in `tenantId`: the role's own
 * permissions (a scope narrows a role, never widens it), none when the role is not theirs
 * to grant, and — when the creator is itself a scoped key — only its own scopes, so a key
 * that may make keys cannot make one stronger than itself.
 */
export function grantableKeyScopes(grants: Grants, tenantId: string, role: TenantRole): Permission[] {
  if (!grantableTenantRoles(grants, tenantId).includes(role)) return [];
  const { scopes } = grants;
  return TENANT_GRANTS[role].filter((p) => scopes === undefined || scopes.includes(p));
}
