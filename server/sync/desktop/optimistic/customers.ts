import type Database from 'better-sqlite3';
import { z } from 'zod';
import {
  customerCreateInput,
  customerId,
  customerUpdateInput,
  type Customer,
  type CustomerBase,
  type CustomerEditableField,
} from '../../../../shared/customers/schema';
import { DomainError } from '../../../lib/errors';
import {
  conflictError,
  fieldsInWords,
  mergeCustomerEdit,
  type CustomerPatch,
} from '../../../modules/customers/merge';
import { toCustomer } from '../../../modules/customers/repo';
import { nameSortKey } from '../../../modules/customers/sort-key';
import { provisionalId } from './provisional-id';
import { findRow, loadRow, type ReplicaRow } from './replica-rows';
import type { LocalCommand, LocalEffect, LocalWriter } from './types';

/**
 * Customers' commands as the server runs them (server/modules/customers/service.ts), on the
 * replica: the same checks, so what the server would refuse is refused here at once, and the
 * same writes, so every screen shows the change while it is queued.
 */

const byId = z.strictObject({ id: customerId });

const record = (key: string) => ({ table: 'customers', key });

function loadCustomer(sqlite: Database.Database, command: LocalCommand, id: string) {
  return loadRow(sqlite, 'customers', command.tenantId, id, 'Customer');
}

/** A customer's name for a label, or its id when the replica does not hold it. */
function customerName(sqlite: Database.Database, tenantId: string, id: string): string {
  return findRow(sqlite, 'customers', tenantId, id)?.name ?? id;
}

function assertEmailFree(sqlite: Database.Database, tenantId: string, email: string, exceptId?: string) {
  const holder = sqlite
    .prepare('SELECT id FROM customers WHERE tenant_id = ? AND email = ?')
    .get(tenantId, email) as { id: string } | undefined;
  if (holder && holder.id !== exceptId) {
    throw new DomainError('CONFLICT', `A customer with the email ${email} already exists`, {
      email: ['Another customer already uses this email'],
    });
  }
}

/** Writes new values over a customer row and answers the customer as the procedure would. */
function writeCustomer(
  writer: LocalWriter,
  row: ReplicaRow<'customers'>,
  fields: Partial<ReplicaRow<'customers'>>,
  command: LocalCommand,
): Customer {
  const changes = { ...fields, version: row.version + 1, updated_at: command.madeAt };
  writer.update('customers', row.id, changes);
  return toCustomer({ ...row, ...changes });
}

export const createCustomerEffect: LocalEffect = {
  describe(_sqlite, command) {
    const input = customerCreateInput.parse(command.input);
    return { label: `Create customer ${input.name}`, record: record(provisionalId('cus', command.outboxId)) };
  },
  apply(writer, command) {
    const input = customerCreateInput.parse(command.input);
    assertEmailFree(writer.sqlite, command.tenantId, input.email);
    const row: ReplicaRow<'customers'> = {
      id: provisionalId('cus', command.outboxId),
      tenant_id: command.tenantId,
      name: input.name,
      sort_name: nameSortKey(input.name),
      email: input.email,
      country: input.country,
      company: input.company,
      notes: input.notes,
      status: 'active',
      version: 1,
      created_at: command.madeAt,
      updated_at: command.madeAt,
      archived_at: null,
      test_clock_id: null,
      gateway_customer_ref: null,
      default_payment_method_id: null,
    };
    writer.insert('customers', row);
    return toCustomer(row);
  },
};

/**
 * The fields an edit writes over the replica's customer: merged per field against its base
 * (a field someone else changed is the server's CONFLICT, raised here), or, from an editor
 * without a base, the whole patch once the version still matches.
 */
function editedFields(current: Customer, input: z.output<typeof customerUpdateInput>): CustomerPatch {
  if (input.base) {
    const { apply, conflicts } = mergeCustomerEdit(current, input.patch, input.base);
    if (conflicts.length > 0) throw conflictError(conflicts);
    return apply;
  }
  if (input.expectedVersion !== undefined && input.expectedVersion !== current.version) {
    throw new DomainError(
      'CONFLICT',
      'This customer was changed by someone else since you opened it. Reload to see their change, then edit again.',
    );
  }
  return input.patch;
}

export const updateCustomerEffect: LocalEffect = {
  describe(sqlite, command) {
    const input = customerUpdateInput.parse(command.input);
    const name = customerName(sqlite, command.tenantId, input.id);
    const fields = Object.keys(input.patch) as CustomerEditableField[];
    // A form may send every field; those still at their base are not part of the change.
    const changed = fields.filter((field) => !input.base || input.base[field] !== input.patch[field]);
    return {
      label: `Change ${fieldsInWords(changed.length > 0 ? changed : fields)} of ${name}`,
      record: record(input.id),
    };
  },
  apply(writer, command) {
    const input = customerUpdateInput.parse(command.input);
    const row = loadCustomer(writer.sqlite, command, input.id);
    const current = toCustomer(row);
    if (current.status === 'archived') {
      throw new DomainError('INVALID_STATE', 'This customer is archived; unarchive it before editing');
    }
    const patch = editedFields(current, input);
    if (Object.keys(patch).length === 0) return current;
    if (patch.email !== undefined) assertEmailFree(writer.sqlite, command.tenantId, patch.email, current.id);
    return writeCustomer(
      writer,
      row,
      { ...patch, ...(patch.name !== undefined ? { sort_name: nameSortKey(patch.name) } : {}) },
      command,
    );
  },
  /** "Keep mine": the same patch, with the values the user now sees (theirs) as its base. */
  refreshInput(sqlite, input) {
    const parsed = customerUpdateInput.parse(input);
    const row = sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(parsed.id) as
      ReplicaRow<'customers'> | undefined;
    if (!row) return input;
    const current = toCustomer(row);
    const base: CustomerBase = {};
    for (const field of Object.keys(parsed.patch) as CustomerEditableField[]) {
      base[field] = current[field] as never;
    }
    return { id: parsed.id, base, patch: parsed.patch };
  },
};

function statusEffect(to: 'archived' | 'active'): LocalEffect {
  const verb = to === 'archived' ? 'Archive' : 'Unarchive';
  return {
    describe(sqlite, command) {
      const { id } = byId.parse(command.input);
      return { label: `${verb} customer ${customerName(sqlite, command.tenantId, id)}`, record: record(id) };
    },
    apply(writer, command) {
      const { id } = byId.parse(command.input);
      const row = loadCustomer(writer.sqlite, command, id);
      if (to === 'archived' && row.status !== 'active') {
        throw new DomainError('INVALID_STATE', `This customer is already ${row.status}`);
      }
      if (to === 'active' && row.status !== 'archived') {
        throw new DomainError('INVALID_STATE', `This customer is ${row.status}, not archived`);
      }
      return writeCustomer(
        writer,
        row,
        { status: to, archived_at: to === 'archived' ? command.madeAt : null },
        command,
      );
    },
  };
}

export const archiveCustomerEffect = statusEffect('archived');
export const unarchiveCustomerEffect = statusEffect('active');
