import type Database from 'better-sqlite3';
import { DomainError } from '../../lib/errors';
import type { LocalEffects } from './optimistic/types';

/**
 * Stand-ins for the customers' optimistic effects (the app's own are in optimistic/effects.ts),
 * so sync's integration tests exercise the command path over real procedures.
 */
interface Row {
  id: string;
  name: string;
  status: string;
  version: number;
}

function row(sqlite: Database.Database, id: string): Row {
  const found = sqlite.prepare('SELECT id, name, status, version FROM customers WHERE id = ?').get(id) as
    Row | undefined;
  if (!found) throw new DomainError('NOT_FOUND', 'No such customer');
  return found;
}

export const CUSTOMER_EFFECTS: LocalEffects = {
  'customers.create': {
    describe: (_sqlite, command) => ({
      label: `Create customer ${(command.input as { name: string }).name}`,
      record: { table: 'customers', key: provisionalId(command.outboxId) },
    }),
    apply: (writer, command) => {
      const input = command.input as { name: string; email: string; country: string; company: string | null };
      const id = provisionalId(command.outboxId);
      writer.insert('customers', {
        id,
        tenant_id: command.tenantId,
        name: input.name,
        sort_name: input.name.toLowerCase(),
        email: input.email,
        country: input.country,
        company: input.company,
        notes: null,
        status: 'active',
        version: 1,
        created_at: command.madeAt,
        updated_at: command.madeAt,
      });
      return { id, name: input.name, email: input.email, status: 'active', version: 1 };
    },
  },
  'customers.update': {
    describe: (sqlite, command) => {
      const input = command.input as { id: string };
      return { label: `Edit ${row(sqlite, input.id).name}`, record: { table: 'customers', key: input.id } };
    },
    apply: (writer, command) => {
      const input = command.input as { id: string; patch: Record<string, unknown> };
      const current = row(writer.sqlite, input.id);
      const name = typeof input.patch.name === 'string' ? input.patch.name : current.name;
      writer.update('customers', input.id, {
        ...input.patch,
        sort_name: name.toLowerCase(),
        version: current.version + 1,
      });
      return { ...current, ...input.patch, version: current.version + 1 };
    },
  },
  'customers.archive': {
    describe: (sqlite, command) => {
      const input = command.input as { id: string };
      return {
        label: `Archive ${row(sqlite, input.id).name}`,
        record: { table: 'customers', key: input.id },
      };
    },
    apply: (writer, command) => {
      const input = command.input as { id: string };
      const current = row(writer.sqlite, input.id);
      if (current.status !== 'active') throw new DomainError('INVALID_STATE', 'Already archived');
      writer.update('customers', input.id, {
        status: 'archived',
        archived_at: command.madeAt,
        version: current.version + 1,
      });
      return { ...current, status: 'archived' };
    },
  },
};

function provisionalId(outboxId: number): string {
  return `cus_ZZ${String(outboxId).padStart(24, '0')}`;
}
