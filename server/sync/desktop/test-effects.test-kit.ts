import type Database from 'better-sqlite3';
import { DomainError } from '../../lib/errors';
import type { LocalEffects } from './optimistic/types';

/**
 * Effects over the replica's customers table for sync's own tests (the app's real effects
 * live in optimistic/effects.ts): an append to the name that reads before it writes (so the
 * order of re-applying matters), a create with a provisional id, and an archive that refuses
 * a customer already archived or gone.
 */
export interface AppendInput {
  id: string;
  suffix: string;
}
export interface CreateInput {
  email: string;
  name: string;
}
export interface ArchiveInput {
  id: string;
}

export interface CustomerRow {
  id: string;
  tenant_id: string;
  name: string;
  sort_name: string;
  email: string;
  country: string;
  company: string | null;
  notes: string | null;
  status: 'active' | 'archived';
  version: number;
  created_at: number;
  updated_at: number;
  archived_at: number | null;
  test_clock_id: string | null;
  gateway_customer_ref: string | null;
  default_payment_method_id: string | null;
}

export function customerRow(tenantId: string, id: string, fields: Partial<CustomerRow>): CustomerRow {
  return {
    id,
    tenant_id: tenantId,
    name: id,
    sort_name: id,
    email: `${id}@test.example`,
    country: 'FR',
    company: null,
    notes: null,
    status: 'active',
    version: 1,
    created_at: 1,
    updated_at: 1,
    archived_at: null,
    test_clock_id: null,
    gateway_customer_ref: null,
    default_payment_method_id: null,
    ...fields,
  };
}

/** The provisional id a create gets on the replica (the server's own id differs). */
export const localCustomerId = (outboxId: number) => `cus_local_${String(outboxId).padStart(6, '0')}`;

function activeCustomer(sqlite: Database.Database, id: string): CustomerRow {
  const row = sqlite.prepare('SELECT * FROM customers WHERE id = ?').get(id) as CustomerRow | undefined;
  if (!row) throw new DomainError('NOT_FOUND', 'No such customer');
  if (row.status !== 'active') throw new DomainError('INVALID_STATE', 'This customer is archived');
  return row;
}

export const TEST_EFFECTS: LocalEffects = {
  'test.append': {
    describe: (_sqlite, command) => {
      const input = command.input as AppendInput;
      return { label: `Append to ${input.id}`, record: { table: 'customers', key: input.id } };
    },
    apply: (writer, command) => {
      const input = command.input as AppendInput;
      const row = activeCustomer(writer.sqlite, input.id);
      const name = `${row.name}${input.suffix}`;
      writer.update('customers', input.id, { name, sort_name: name, version: row.version + 1 });
      return { ...row, name, version: row.version + 1 };
    },
  },
  'test.create': {
    describe: (_sqlite, command) => ({
      label: `Create ${(command.input as CreateInput).name}`,
      record: null,
    }),
    apply: (writer, command) => {
      const input = command.input as CreateInput;
      const row = customerRow(command.tenantId, localCustomerId(command.outboxId), {
        name: input.name,
        sort_name: input.name,
        email: input.email,
        created_at: command.madeAt,
        updated_at: command.madeAt,
      });
      writer.insert('customers', { ...row });
      return row;
    },
  },
  'test.archive': {
    describe: (_sqlite, command) => {
      const input = command.input as ArchiveInput;
      return { label: `Archive ${input.id}`, record: { table: 'customers', key: input.id } };
    },
    apply: (writer, command) => {
      const input = command.input as ArchiveInput;
      const row = activeCustomer(writer.sqlite, input.id);
      writer.update('customers', input.id, { status: 'archived', version: row.version + 1 });
      return { ...row, status: 'archived' };
    },
  },
};
