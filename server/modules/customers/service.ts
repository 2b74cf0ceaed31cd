import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type {
  Customer,
  CustomerBase,
  customerCreateInput,
  customerUpdateInput,
} from '../../../shared/customers/schema';
import { newId } from '../../../shared/ids';
import { runCommand, type CommandOutcome, type CommandScope } from '../../commands/run-command';
import type { DB } from '../../db/schema';
import { DomainError, notFound } from '../../lib/errors';
import { conflictError, mergeCustomerEdit, type CustomerPatch } from './merge';
import {
  findCustomer,
  findCustomerIdByEmail,
  insertCustomer,
  selectCustomerPage,
  updateCustomerIfVersion,
  type CustomerPage,
  type CustomerQuery,
} from './repo';

type CreateInput = z.output<typeof customerCreateInput>;
type UpdateInput = z.output<typeof customerUpdateInput>;

const ENTITY = 'customer';

const snapshot = (customer: Customer) => ({ ...customer }) as Record<string, unknown>;

async function assertEmailFree(trx: Transaction<DB>, tenantId: string, email: string, exceptId?: string) {
  const holder = await findCustomerIdByEmail(trx, tenantId, email);
  if (holder && holder !== exceptId) {
    throw new DomainError('CONFLICT', `A customer with the email ${email} already exists`, {
      email: ['Another customer already uses this email'],
    });
  }
}

async function loadForChange(trx: Transaction<DB>, tenantId: string, id: string, expectedVersion?: number) {
  const customer = await findCustomer(trx, tenantId, id);
  if (!customer) throw notFound('Customer');
  if (expectedVersion !== undefined && customer.version !== expectedVersion) {
    throw new DomainError(
      'CONFLICT',
      'This customer was changed by someone else since you opened it. Reload to see their change, then edit again.',
    );
  }
  return customer;
}

/** Saves `next` over `current`, failing if another writer got there first. */
async function save(trx: Transaction<DB>, tenantId: string, current: Customer, next: Customer) {
  if (!(await updateCustomerIfVersion(trx, tenantId, next, current.version))) {
    throw new DomainError('CONFLICT', 'This customer changed while saving; reload and try again.');
  }
  return {
    result: next,
    changes: [{ entityType: ENTITY, entityId: next.id, before: snapshot(current), after: snapshot(next) }],
  };
}

export function createCustomer(scope: CommandScope, input: CreateInput): Promise<Customer> {
  return runCommand(scope, 'customer.created', async (trx, now) => {
    await assertEmailFree(trx, scope.tenantId, input.email);
    const customer: Customer = {
      id: newId('cus', now),
      ...input,
      status: 'active',
      version: 1,
      createdAt: now,
      updatedAt: now,
      archivedAt: null,
    };
    await insertCustomer(trx, scope.tenantId, customer);
    return {
      result: customer,
      changes: [{ entityType: ENTITY, entityId: customer.id, before: null, after: snapshot(customer) }],
    };
  });
}

export function updateCustomer(scope: CommandScope, input: UpdateInput): Promise<Customer> {
  return runCommand(scope, 'customer.updated', (trx, now) => patchCustomer(trx, scope.tenantId, input, now));
}

/**
 * updateCustomer's work inside the caller's transaction (a Stripe customer.updated event orders
 * and applies in one). With `base`, a per-field three-way merge decides what applies; without
 * it, the whole customer's version must still be the one the caller started from.
 */
export async function patchCustomer(
  trx: Transaction<DB>,
  tenantId: string,
  input: UpdateInput,
  now: number,
): Promise<CommandOutcome<Customer>> {
  const current = await loadForChange(
    trx,
    tenantId,
    input.id,
    input.base ? undefined : input.expectedVersion,
  );
  if (current.status === 'archived') {
    throw new DomainError('INVALID_STATE', 'This customer is archived; unarchive it before editing');
  }
  const patch = input.base ? mergedPatch(current, input.patch, input.base) : input.patch;
  if (Object.keys(patch).length === 0) return { result: current, changes: [] };
  if (patch.email !== undefined) await assertEmailFree(trx, tenantId, patch.email, current.id);
  const next: Customer = { ...current, ...patch, version: current.version + 1, updatedAt: now };
  return save(trx, tenantId, current, next);
}

/** The fields of an edit that apply over what the server holds now; refused when someone else changed one. */
function mergedPatch(current: Customer, patch: CustomerPatch, base: CustomerBase): CustomerPatch {
  const { apply, conflicts } = mergeCustomerEdit(current, patch, base);
  if (conflicts.length > 0) throw conflictError(conflicts);
  return apply;
}

export function archiveCustomer(scope: CommandScope, id: string): Promise<Customer> {
  return runCommand(scope, 'customer.archived', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, id);
    if (current.status !== 'active') {
      throw new DomainError('INVALID_STATE', `This customer is already ${current.status}`);
    }
    const next: Customer = {
      ...current,
      status: 'archived',
      archivedAt: now,
      version: current.version + 1,
      updatedAt: now,
    };
    return save(trx, scope.tenantId, current, next);
  });
}

export function unarchiveCustomer(scope: CommandScope, id: string): Promise<Customer> {
  return runCommand(scope, 'customer.unarchived', async (trx, now) => {
    const current = await loadForChange(trx, scope.tenantId, id);
    if (current.status !== 'archived') {
      throw new DomainError('INVALID_STATE', `This customer is ${current.status}, not archived`);
    }
    const next: Customer = {
      ...current,
      status: 'active',
      archivedAt: null,
      version: current.version + 1,
      updatedAt: now,
    };
    return save(trx, scope.tenantId, current, next);
  });
}

export async function getCustomer(db: Kysely<DB>, tenantId: string, id: string): Promise<Customer> {
  const customer = await findCustomer(db, tenantId, id);
  if (!customer) throw notFound('Customer');
  return customer;
}

export function listCustomers(db: Kysely<DB>, tenantId: string, query: CustomerQuery): Promise<CustomerPage> {
  return selectCustomerPage(db, tenantId, query);
}
