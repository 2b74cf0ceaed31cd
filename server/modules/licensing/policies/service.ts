import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import { newId } from '../../../../shared/ids';
import {
  policyFields,
  type PolicyFields,
  type policyListInput,
  type policyUpdateInput,
} from '../../../../shared/licensing/schema';
import { runCommand, type CommandScope, type EntityChange } from '../../../commands/run-command';
import type { DB } from '../../../db/schema';
import { DomainError, notFound } from '../../../lib/errors';
import type { PolicyRow } from '../rows';
import { fieldsOf, policyColumns, toPolicy, type LicensePolicy } from './row';

/**
 * License policies (issue 15): what a license of a product (and optionally one of its plans)
 * allows — duration, machines, seats, expiry, check-ins, heartbeats, overage, usage limits.
 * Fields are checked by shared/licensing/schema.ts, again after an edit is merged, so a rule
 * between fields (NODE_LOCKED with 3 machines) cannot be reached one field at a time. Edits
 * carry the version they started from (decision 8). Archived policies issue no new licenses;
 * their licenses keep them.
 */

type Db = Kysely<DB> | Transaction<DB>;
type UpdateInput = z.output<typeof policyUpdateInput>;
type ListInput = z.output<typeof policyListInput>;

const ENTITY = 'license_policy';
const change = (before: LicensePolicy | null, after: LicensePolicy): EntityChange => ({
  entityType: ENTITY,
  entityId: after.id,
  before: before && { ...before },
  after: { ...after },
});

/** The tenant's policy row, or not found (another tenant's is none of this one's business). */
export async function findPolicyRow(db: Db, tenantId: string, id: string): Promise<PolicyRow> {
  const row = await db
    .selectFrom('license_policies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) throw notFound('License policy');
  return row;
}

export async function findPolicy(db: Db, tenantId: string, id: string): Promise<LicensePolicy> {
  return toPolicy(await findPolicyRow(db, tenantId, id));
}

/** The product must be the tenant's, and the plan (when named) one of that product's. */
async function assertCatalog(db: Db, tenantId: string, fields: PolicyFields): Promise<void> {
  const product = await db
    .selectFrom('products')
    .select(['id', 'status'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fields.productId)
    .executeTakeFirst();
  if (!product) {
    throw new DomainError('NOT_FOUND', 'Product was not found', { productId: ['No such product'] });
  }
  if (fields.planId === null) return;
  const plan = await db
    .selectFrom('plans')
    .select(['id', 'product_id'])
    .where('tenant_id', '=', tenantId)
    .where('id', '=', fields.planId)
    .executeTakeFirst();
  if (!plan) throw new DomainError('NOT_FOUND', 'Plan was not found', { planId: ['No such plan'] });
  if (plan.product_id !== fields.productId) {
    throw new DomainError('INVALID_INPUT', 'Plan must be a plan of the policy’s product', {
      planId: ['Not a plan of this product'],
    });
  }
}

/** The merged fields checked by the same rules as a new policy, the message naming each field. */
function checkedFields(fields: PolicyFields): PolicyFields {
  const parsed = policyFields.safeParse(fields);
  if (parsed.success) return parsed.data;
  const fieldErrors: Record<string, string[]> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? 'policy');
    (fieldErrors[field] ??= []).push(issue.message);
  }
  const first = parsed.error.issues[0];
  throw new DomainError('INVALID_INPUT', first?.message ?? 'The policy is not valid', fieldErrors);
}

export function listPolicies(db: Db, tenantId: string, input: ListInput): Promise<LicensePolicy[]> {
  return db
    .selectFrom('license_policies')
    .selectAll()
    .where('tenant_id', '=', tenantId)
    .$if(!input.includeArchived, (qb) => qb.where('archived_at', 'is', null))
    .$if(Boolean(input.productId), (qb) => qb.where('product_id', '=', input.productId ?? ''))
    .orderBy('name')
    .orderBy('id')
    .execute()
    .then((rows) => rows.map(toPolicy));
}

export function createPolicy(scope: CommandScope, fields: PolicyFields): Promise<LicensePolicy> {
  return runCommand(scope, 'license_policy.created', async (trx, now) => {
    await assertCatalog(trx, scope.tenantId, fields);
    const row = {
      id: newId('lpo', now),
      tenant_id: scope.tenantId,
      ...policyColumns(fields),
      archived_at: null,
      version: 1,
      created_at: now,
      updated_at: now,
    };
    await trx.insertInto('license_policies').values(row).execute();
    const policy = toPolicy(row);
    return { result: policy, changes: [change(null, policy)] };
  });
}

async function loadForChange(trx: Transaction<DB>, tenantId: string, id: string, expectedVersion: number) {
  const current = await findPolicy(trx, tenantId, id);
  if (current.version !== expectedVersion) {
    throw new DomainError(
      'CONFLICT',
      'This policy was changed by someone else since you opened it. Reload to see their change, then edit again.',
    );
  }
  if (current.archivedAt !== null) throw new DomainError('INVALID_STATE', 'This policy is archived');
  return current;
}

async function save(trx: Transaction<DB>, tenantId: string, current: LicensePolicy, next: LicensePolicy) {
  const updated = await trx
    .updateTable('license_policies')
    .set({
      ...policyColumns(next),
      archived_at: next.archivedAt,
      version: next.version,
      updated_at: next.updatedAt,
    })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', current.id)
    .where('version', '=', current.version)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) {
    throw new DomainError('CONFLICT', 'This policy changed while saving; reload and try again.');
  }
  return { result: next, changes: [change(current, next)] };
}

export function updatePolicy(scope: CommandScope, input: UpdateInput): Promise<LicensePolicy> {
  return runCommand(scope, 'license_policy.updated', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    const fields = checkedFields({ ...fieldsOf(current), ...input.patch });
    if (input.patch.planId !== undefined) await assertCatalog(trx, scope.tenantId, fields);
    const next: LicensePolicy = { ...current, ...fields, version: current.version + 1, updatedAt: now };
    return save(trx, scope.tenantId, current, next);
  });
}

export function archivePolicy(
  scope: CommandScope,
  input: { id: string; expectedVersion: number },
): Promise<LicensePolicy> {
  return runCommand(scope, 'license_policy.archived', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, input.id, input.expectedVersion);
    const next: LicensePolicy = { ...current, archivedAt: now, version: current.version + 1, updatedAt: now };
    return save(trx, scope.tenantId, current, next);
  });
}
