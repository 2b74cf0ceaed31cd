import type { Transaction } from 'kysely';
import type { z } from 'zod';
import type { planCreateInput, planUpdateInput } from '../../../shared/catalog/schema';
import type { FeatureKind, Plan, PlanFeatureValues } from '../../../shared/catalog/types';
import { newId } from '../../../shared/ids';
import type { CommandScope, EntityChange } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError } from '../../lib/errors';
import { announceDefaultPlanChanged, announcePlanFeaturesChanged } from '../webhooks';
import { assertActive, loadPlan, loadProduct, runCatalogCommand, snapshot } from './catalog-command';
import { checkFeatureValues } from './feature-values';
import { selectFeatureKinds } from './feature-repo';
import {
  findDefaultPlanId,
  findPlanIdByName,
  insertPlan,
  replacePlanFeatures,
  updatePlanIfVersion,
} from './plan-repo';

type CreateInput = z.output<typeof planCreateInput>;
type UpdateInput = z.output<typeof planUpdateInput>;

const ENTITY = 'plan';

async function assertNameFree(trx: Transaction<DB>, tenantId: string, name: string, exceptId?: string) {
  const holder = await findPlanIdByName(trx, tenantId, name);
  if (holder && holder !== exceptId) {
    throw new DomainError('CONFLICT', `A plan named ${name} already exists`, {
      name: ['Another plan already uses this name'],
    });
  }
}

/**
 * The tenant's feature kinds, after checking every value names a feature and suits its
 * kind; problems are reported under `field` (where the values sit in the input).
 */
async function checkedKinds(
  trx: Transaction<DB>,
  tenantId: string,
  values: PlanFeatureValues,
  field: string,
): Promise<Map<string, FeatureKind>> {
  const kinds = await selectFeatureKinds(trx, tenantId);
  const { unknownKeys, fieldErrors } = checkFeatureValues(kinds, values, field);
  if (unknownKeys.length > 0) {
    throw new DomainError(
      'NOT_FOUND',
      `There is no feature with the key ${unknownKeys.join(', ')}`,
      fieldErrors,
    );
  }
  const problems = Object.entries(fieldErrors).map(([path, messages]) => `${path}: ${messages.join('; ')}`);
  if (problems.length > 0) throw new DomainError('INVALID_INPUT', problems.join('. '), fieldErrors);
  return kinds;
}

/** Values in key order, as plans are read back. */
const inKeyOrder = (values: PlanFeatureValues): PlanFeatureValues =>
  Object.fromEntries(Object.entries(values).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

function planChange(before: Plan | null, after: Plan): EntityChange {
  return {
    entityType: ENTITY,
    entityId: after.id,
    before: before && snapshot(before),
    after: snapshot(after),
  };
}

/** Saves `next` over `current`, failing if another writer got there first. */
async function save(
  trx: Transaction<DB>,
  tenantId: string,
  current: Plan,
  next: Plan,
): Promise<EntityChange> {
  if (!(await updatePlanIfVersion(trx, tenantId, next, current.version))) {
    throw new DomainError('CONFLICT', 'This plan changed while saving; reload and try again.');
  }
  return planChange(current, next);
}

/** For webhooks: the new default plan and the one it replaced (the plan `unsetDefault` changed). */
const defaultChange = (scope: CommandScope, planId: string, unset: EntityChange[]) => ({
  tenantId: scope.tenantId,
  planId,
  previousPlanId: unset[0]?.entityId ?? null,
});

/** Takes the default away from the tenant's current default plan, if it is not `keepId`. */
async function unsetDefault(trx: Transaction<DB>, tenantId: string, now: number, keepId?: string) {
  const currentId = await findDefaultPlanId(trx, tenantId);
  if (!currentId || currentId === keepId) return [];
  const current = await loadPlan(trx, tenantId, currentId);
  return [
    await save(trx, tenantId, current, {
      ...current,
      isDefault: false,
      version: current.version + 1,
      updatedAt: now,
    }),
  ];
}

export function createPlan(scope: CommandScope, input: CreateInput): Promise<Plan> {
  return runCatalogCommand(scope, 'plan.created', async (trx, now) => {
    const product = await loadProduct(trx, scope.tenantId, input.productId);
    assertActive(product, 'product', 'add plans to it');
    await assertNameFree(trx, scope.tenantId, input.name);
    const kinds = await checkedKinds(trx, scope.tenantId, input.features, 'features');
    const changes = input.isDefault ? await unsetDefault(trx, scope.tenantId, now) : [];
    const plan: Plan = {
      id: newId('pln', now),
      ...input,
      features: inKeyOrder(input.features),
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
    };
    await insertPlan(trx, scope.tenantId, plan);
    await replacePlanFeatures(trx, scope.tenantId, plan.id, plan.features, kinds);
    if (plan.isDefault) await announceDefaultPlanChanged(trx, defaultChange(scope, plan.id, changes), now);
    return { result: plan, changes: [...changes, planChange(null, plan)] };
  });
}

/** Edits a plan's name, description, order or feature values; subscribers get the new values at once. */
export function updatePlan(scope: CommandScope, input: UpdateInput): Promise<Plan> {
  return runCatalogCommand(scope, 'plan.updated', async (trx, now) => {
    const current = await loadPlan(trx, scope.tenantId, input.id);
    if (current.version !== input.expectedVersion) {
      throw new DomainError(
        'CONFLICT',
        'This plan was changed by someone else since you opened it. Reload to see their change, then edit again.',
      );
    }
    assertActive(current, 'plan', 'edit it');
    const { features, ...fields } = input.patch;
    if (fields.name !== undefined) await assertNameFree(trx, scope.tenantId, fields.name, current.id);
    const next: Plan = {
      ...current,
      ...fields,
      features: features ? inKeyOrder(features) : current.features,
      version: current.version + 1,
      updatedAt: now,
    };
    if (features) {
      const kinds = await checkedKinds(trx, scope.tenantId, features, 'patch.features');
      await replacePlanFeatures(trx, scope.tenantId, current.id, next.features, kinds);
      if (JSON.stringify(next.features) !== JSON.stringify(current.features)) {
        await announcePlanFeaturesChanged(
          trx,
          { tenantId: scope.tenantId, planId: current.id, isDefault: current.isDefault },
          now,
        );
      }
    }
    return { result: next, changes: [await save(trx, scope.tenantId, current, next)] };
  });
}

/**
 * Archives a plan: its prices take no new subscribers, while existing subscriptions keep
 * its features. The default plan cannot be archived, since it is what applies to everyone
 * without a subscription.
 */
export function archivePlan(scope: CommandScope, id: string): Promise<Plan> {
  return runCatalogCommand(scope, 'plan.archived', async (trx, now) => {
    const current = await loadPlan(trx, scope.tenantId, id);
    if (current.status === 'archived') {
      throw new DomainError('INVALID_STATE', `The plan ${current.name} is already archived`);
    }
    if (current.isDefault) {
      throw new DomainError(
        'INVALID_STATE',
        `${current.name} is the workspace's default plan; make another plan the default before archiving it`,
      );
    }
    const next: Plan = { ...current, status: 'archived', version: current.version + 1, updatedAt: now };
    return { result: next, changes: [await save(trx, scope.tenantId, current, next)] };
  });
}

/** Makes a plan the tenant's default, taking the default from the previous one in the same transaction. */
export function setDefaultPlan(scope: CommandScope, id: string): Promise<Plan> {
  return runCatalogCommand(scope, 'plan.default_set', async (trx, now) => {
    const current = await loadPlan(trx, scope.tenantId, id);
    if (current.isDefault) return { result: current, changes: [] };
    assertActive(current, 'plan', 'make it the default');
    assertActive(
      await loadProduct(trx, scope.tenantId, current.productId),
      'product',
      'make its plans the default',
    );
    const changes = await unsetDefault(trx, scope.tenantId, now, id);
    await announceDefaultPlanChanged(trx, defaultChange(scope, id, changes), now);
    const next: Plan = { ...current, isDefault: true, version: current.version + 1, updatedAt: now };
    changes.push(await save(trx, scope.tenantId, current, next));
    return { result: next, changes };
  });
}
