import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { grantableKeyScopes, grantableTenantRoles, TENANT_ROLE_INFO } from '../../../shared/admin/roles';
import type { apiKeyCreateInput } from '../../../shared/admin/schema';
import { TENANT_GRANTS, type Permission, type TenantRole } from '../../../shared/permissions';
import { forgetApiKey } from '../../auth/api-key-cache';
import {
  parseScopes,
  createApiKey as storeApiKey,
  revokeApiKey as revokeStoredApiKey,
} from '../../auth/api-keys';
import { runCommand } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import type { AdminScope } from '../tenants';

/**
 * A tenant's service API keys, for the platform's own apps: each acts in this tenant with
 * one tenant role, narrowed to the scopes chosen when it was made. The auth module mints and stores it (its format, hash and prefix live
 * there, beside the check); the key is returned here once, when made. Managed by whoever holds users.manage in the tenant: a key
 * is one more principal acting there, like a member.
 */

type Db = Kysely<DB> | Transaction<DB>;
const ENTITY = 'api_key';

export interface ApiKey {
  id: string;
  name: string;
  role: TenantRole;
  /** What the key may do: a subset of its role's permissions. */
  scopes: Permission[];
  prefix: string;
  createdBy: string | null;
  createdAt: number;
  lastUsedAt: number | null;
  /** The client address of that last use, when it came over the network. */
  lastUsedAddress: string | null;
  revokedAt: number | null;
}

const COLUMNS = [
  'k.id',
  'k.name',
  'k.role',
  'k.scopes',
  'k.prefix',
  'k.created_at',
  'k.last_used_at',
  'k.last_used_address',
  'k.revoked_at',
] as const;

function selectKeys(db: Db, tenantId: string) {
  return db
    .selectFrom('api_keys as k')
    .leftJoin('users as u', 'u.id', 'k.created_by')
    .select([...COLUMNS, 'u.name as created_by_name'])
    .where('k.tenant_id', '=', tenantId);
}

type KeyRow = Awaited<ReturnType<ReturnType<typeof selectKeys>['executeTakeFirstOrThrow']>>;

const toApiKey = (row: KeyRow): ApiKey => ({
  id: row.id,
  name: row.name,
  role: row.role,
  scopes: parseScopes(row.scopes),
  prefix: row.prefix,
  createdBy: row.created_by_name,
  createdAt: row.created_at,
  lastUsedAt: row.last_used_at,
  lastUsedAddress: row.last_used_address,
  revokedAt: row.revoked_at,
});

export async function listApiKeys(scope: AdminScope): Promise<ApiKey[]> {
  const rows = await selectKeys(scope.db, scope.tenantId)
    .orderBy('k.created_at', 'desc')
    .orderBy('k.id', 'desc')
    .execute();
  return rows.map(toApiKey);
}

/**
 * The scopes a new key gets: those asked for, each of which the creator must be able to give
 * a key of this role (see grantableKeyScopes); left out, all the creator may give.
 */
function checkedScopes(scope: AdminScope, role: TenantRole, asked: readonly Permission[] | undefined) {
  const grantable = grantableKeyScopes(scope.principal.grants, scope.tenantId, role);
  const scopes = asked ?? grantable;
  const beyondRole = scopes.filter((p) => !TENANT_GRANTS[role].includes(p));
  if (beyondRole.length > 0) {
    const message = `A key with the role ${TENANT_ROLE_INFO[role].label} cannot have ${beyondRole.join(', ')}: scopes narrow a role, never widen it`;
    throw new DomainError('INVALID_INPUT', message, { scopes: [message] });
  }
  const beyondCreator = scopes.filter((p) => !grantable.includes(p));
  if (beyondCreator.length > 0) {
    const message = `You cannot give a key ${beyondCreator.join(', ')}: a key may hold only what you may grant`;
    throw new DomainError('FORBIDDEN', message, { scopes: [message] });
  }
  if (scopes.length === 0) {
    throw new DomainError('FORBIDDEN', 'You may give this key no scope at all', {
      scopes: ['Choose a scope'],
    });
  }
  return scopes;
}

export function createApiKey(
  scope: AdminScope,
  input: z.output<typeof apiKeyCreateInput>,
): Promise<{ apiKey: ApiKey; key: string }> {
  if (!grantableTenantRoles(scope.principal.grants, scope.tenantId).includes(input.role)) {
    throw new DomainError('FORBIDDEN', `You cannot give a key the role ${input.role} here`);
  }
  const scopes = checkedScopes(scope, input.role, input.scopes);
  return runCommand(scope, 'api_key.created', async (trx, now) => {
    const tenant = await trx
      .selectFrom('tenants')
      .select(['name', 'status'])
      .where('id', '=', scope.tenantId)
      .executeTakeFirst();
    if (tenant?.status !== 'active') {
      throw new DomainError(
        'INVALID_STATE',
        `${tenant?.name ?? 'This tenant'} is suspended; reactivate it before making keys`,
      );
    }
    const stored = await storeApiKey(trx, {
      tenantId: scope.tenantId,
      name: input.name,
      role: input.role,
      scopes,
      createdBy: scope.actor.userId,
      now,
    });
    const id = stored.id;
    const apiKey = toApiKey(
      await selectKeys(trx, scope.tenantId).where('k.id', '=', id).executeTakeFirstOrThrow(),
    );
    return {
      result: { apiKey, key: stored.key },
      changes: [{ entityType: ENTITY, entityId: id, before: null, after: { ...apiKey } }],
    };
  });
}

/** Revokes a key; this server refuses it as soon as the revocation commits (see api-key-cache.ts). */
export async function revokeApiKey(scope: AdminScope, id: string): Promise<ApiKey> {
  const revoked = await runCommand(scope, 'api_key.revoked', async (trx, now) => {
    const row = await selectKeys(trx, scope.tenantId).where('k.id', '=', id).executeTakeFirst();
    if (!row) throw notFound('API key');
    const current = toApiKey(row);
    if (current.revokedAt !== null)
      throw new DomainError('INVALID_STATE', `The key ${current.name} is already revoked`);
    await revokeStoredApiKey(trx, { tenantId: scope.tenantId, id, now });
    const next = { ...current, revokedAt: now };
    return {
      result: next,
      changes: [{ entityType: ENTITY, entityId: id, before: { ...current }, after: { ...next } }],
    };
  });
  forgetApiKey(id);
  return revoked;
}
