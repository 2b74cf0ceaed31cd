import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { tenantCreateInput } from '../../../shared/admin/schema';
import { newId } from '../../../shared/ids';
import { runCommand } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { insertTenant, updateTenant, type Tenant } from './repo';
import { forgetTenantStatus } from '../../trpc/tenant-status';
import { requirePlatform, type AdminScope } from './platform';

/**
 * The platform's tenants: listed, created, renamed, suspended and reactivated by platform
 * staff holding tenants.manage. Each change is audited in the tenant's own chain, so the
 * tenant's audit log shows who suspended it, and reaches its replicas through the change log.
 */

type Db = Kysely<DB> | Transaction<DB>;
const ENTITY = 'tenant';

export interface TenantSummary extends Tenant {
  memberCount: number;
  apiKeyCount: number;
}

const toTenant = (row: {
  id: string;
  name: string;
  slug: string;
  status: Tenant['status'];
  created_at: number;
}) => ({
  id: row.id,
  name: row.name,
  slug: row.slug,
  status: row.status,
  createdAt: row.created_at,
});

export async function listTenants(scope: AdminScope): Promise<TenantSummary[]> {
  requirePlatform(scope.principal, 'tenants.manage');
  const rows = await scope.db
    .selectFrom('tenants as t')
    .select((eb) => [
      't.id',
      't.name',
      't.slug',
      't.status',
      't.created_at',
      eb
        .selectFrom('memberships as m')
        .select((m) => m.fn.countAll<number>().as('n'))
        .whereRef('m.tenant_id', '=', 't.id')
        .as('member_count'),
      eb
        .selectFrom('api_keys as k')
        .select((k) => k.fn.countAll<number>().as('n'))
        .whereRef('k.tenant_id', '=', 't.id')
        .where('k.revoked_at', 'is', null)
        .as('api_key_count'),
    ])
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
  return rows.map((row) => ({
    ...toTenant(row),
    memberCount: Number(row.member_count ?? 0),
    apiKeyCount: Number(row.api_key_count ?? 0),
  }));
}

async function findTenant(db: Db, id: string): Promise<Tenant | undefined> {
  const row = await db
    .selectFrom('tenants')
    .select(['id', 'name', 'slug', 'status', 'created_at'])
    .where('id', '=', id)
    .executeTakeFirst();
  return row && toTenant(row);
}

export async function createTenant(
  scope: AdminScope,
  input: z.output<typeof tenantCreateInput>,
): Promise<Tenant> {
  requirePlatform(scope.principal, 'tenants.manage');
  const id = newId('ten', scope.clock.now());
  return runCommand({ ...scope, tenantId: id }, 'tenant.created', async (trx, now) => {
    const taken = await trx
      .selectFrom('tenants')
      .select('id')
      .where('slug', '=', input.slug)
      .executeTakeFirst();
    if (taken) {
      throw new DomainError('CONFLICT', `The slug ${input.slug} is taken`, {
        slug: ['Another tenant already uses this slug'],
      });
    }
    const tenant = await insertTenant(trx, { id, name: input.name, slug: input.slug, now });
    return {
      result: tenant,
      changes: [{ entityType: ENTITY, entityId: id, before: null, after: { ...tenant } }],
    };
  });
}

/** Loads the tenant, applies `change`, and saves it; a change that changes nothing is refused. */
async function changeTenant(
  scope: AdminScope,
  id: string,
  action: string,
  change: (tenant: Tenant) => Tenant,
): Promise<Tenant> {
  requirePlatform(scope.principal, 'tenants.manage');
  const changed = await runCommand({ ...scope, tenantId: id }, action, async (trx) => {
    const current = await findTenant(trx, id);
    if (!current) throw notFound('Tenant');
    const next = change(current);
    await updateTenant(trx, id, { name: next.name, status: next.status });
    return {
      result: next,
      changes: [{ entityType: ENTITY, entityId: id, before: { ...current }, after: { ...next } }],
    };
  });
  // After the commit: a reader that saw the old status in between cannot keep it.
  forgetTenantStatus(id);
  return changed;
}

export function renameTenant(scope: AdminScope, id: string, name: string): Promise<Tenant> {
  return changeTenant(scope, id, 'tenant.renamed', (tenant) => ({ ...tenant, name }));
}

export function suspendTenant(scope: AdminScope, id: string): Promise<Tenant> {
  return changeTenant(scope, id, 'tenant.suspended', (tenant) => {
    if (tenant.status === 'suspended')
      throw new DomainError('INVALID_STATE', `${tenant.name} is already suspended`);
    return { ...tenant, status: 'suspended' };
  });
}

export function reactivateTenant(scope: AdminScope, id: string): Promise<Tenant> {
  return changeTenant(scope, id, 'tenant.reactivated', (tenant) => {
    if (tenant.status === 'active')
      throw new DomainError('INVALID_STATE', `${tenant.name} is already active`);
    return { ...tenant, status: 'active' };
  });
}
