import { z } from 'zod';
import { PERMISSIONS, PLATFORM_ROLES, TENANT_ROLES } from '../permissions';

/**
 * Inputs of the administration procedures (tenants, members, invitations, API keys),
 * shared by the server and the console's forms so a field is checked by one rule.
 */

const id = (prefix: string, label: string) =>
  z
    .string({ error: `${label} must be text` })
    .regex(new RegExp(`^${prefix}_[0-9A-Z]{26}$`), { error: `${label} must look like ${prefix}_…` });

export const tenantId = id('ten', 'Tenant id');
export const userId = id('usr', 'User id');
export const invitationId = id('ivt', 'Invitation id');
export const apiKeyId = id('apk', 'API key id');

const trimmed = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .min(1, { error: `${label} is required` })
    .max(max, { error: `${label} must be at most ${max} characters` });

export const tenantName = trimmed('Name', 100);

/** Lowercase letters, digits and single hyphens inside: it appears in addresses. */
export const tenantSlug = z
  .string({ error: 'Slug must be text' })
  .trim()
  .min(2, { error: 'Slug must be at least 2 characters' })
  .max(40, { error: 'Slug must be at most 40 characters' })
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, {
    error: 'Slug may hold lowercase letters, digits and single hyphens inside, like acme-books',
  });

export const tenantRole = z.enum(TENANT_ROLES, { error: 'Role must be admin, billing or viewer' });
export const platformRole = z.enum(PLATFORM_ROLES, {
  error: 'Role must be owner, admin, billing, support or analyst',
});

const email = z
  .string({ error: 'Email must be text' })
  .trim()
  .min(1, { error: 'Email is required' })
  .max(254, { error: 'Email must be at most 254 characters' })
  .toLowerCase()
  .pipe(z.email({ error: 'Email must be a valid address, like ada@example.com' }));

export const tenantCreateInput = z.strictObject({ name: tenantName, slug: tenantSlug });
export type TenantCreateInput = z.input<typeof tenantCreateInput>;

export const tenantRenameInput = z.strictObject({ id: tenantId, name: tenantName });
export const byTenantId = z.strictObject({ id: tenantId });

export const memberRoleInput = z.strictObject({ userId, role: tenantRole });
export const platformMemberRoleInput = z.strictObject({ userId, role: platformRole });
export const byUserId = z.strictObject({ userId });

/**
 * Whom to invite, and where: into a tenant with a tenant role (the current one unless
 * `tenantId` names another the caller manages), or to the platform staff.
 */
export const invitationCreateInput = z.discriminatedUnion(
  'scope',
  [
    z.strictObject({ scope: z.literal('tenant'), email, role: tenantRole, tenantId: tenantId.optional() }),
    z.strictObject({ scope: z.literal('platform'), email, role: platformRole }),
  ],
  { error: 'Scope must be tenant or platform' },
);
export type InvitationCreateInput = z.input<typeof invitationCreateInput>;

export const invitationListInput = z.strictObject({
  scope: z.enum(['tenant', 'platform'], { error: 'Scope must be tenant or platform' }),
});
export const byInvitationId = z.strictObject({ id: invitationId });

const permission = z.enum(PERMISSIONS, { error: 'Each scope must be a permission, e.g. customers.read' });

/**
 * What a key may do, as a subset of its role's permissions. Left out, the key gets every
 * permission of its role (what keys did before scopes existed).
 */
export const apiKeyScopes = z
  .array(permission, { error: 'Scopes must be a list of permissions' })
  .min(1, { error: 'Choose at least one scope' })
  .max(PERMISSIONS.length, { error: 'Name each scope once' })
  .refine((scopes) => new Set(scopes).size === scopes.length, { error: 'Name each scope once' });

export const apiKeyCreateInput = z.strictObject({
  name: trimmed('Name', 100),
  role: tenantRole,
  scopes: apiKeyScopes.optional(),
});
export type ApiKeyCreateInput = z.input<typeof apiKeyCreateInput>;
export const byApiKeyId = z.strictObject({ id: apiKeyId });

/** How long an invitation may be accepted. */
export const INVITATION_TTL_MS = 7 * 24 * 60 * 60 * 1000;
