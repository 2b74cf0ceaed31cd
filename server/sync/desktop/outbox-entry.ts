import type { FieldConflict } from '../../../shared/errors';
import { withheldOf } from '../../trpc/secrets';
import type { CommandRecord } from './optimistic/types';

/*
 * An outbox command's stored row and how it is shown: the shapes the Connect page, the
 * rebase and the outbox itself read. What the outbox does with them is in outbox.ts.
 */

/** A command as the Connect page shows it: waiting, or what the server made of it. */
export interface OutboxEntry {
  id: number;
  tenantId: string;
  path: string;
  /** What the command does to which record ("Refund $5.00 on INV-000001"). */
  label: string;
  record: CommandRecord | null;
  status: OutboxStatus;
  /** Sent and not yet answered: too late to cancel. */
  inFlight: boolean;
  errorCode: string | null;
  errorMessage: string | null;
  /** A refusal's fields someone else changed, with both values. */
  conflicts: FieldConflict[] | null;
  /** A refusal the user has dealt with (retried, edited, discarded): no longer a notice. */
  acknowledged: boolean;
  /** For a command done whose secret (a key, a code) was shown once and is not kept here. */
  withheld: string | null;
  createdAt: number;
  settledAt: number | null;
}

export type OutboxStatus = 'pending' | 'ok' | 'error' | 'cancelled';

/** A command whose effect is on the replica until the server's rows for it arrive: pending, or done and not yet pulled. */
export interface ReplayedCommand {
  id: number;
  tenantId: string;
  path: string;
  input: unknown;
  createdAt: number;
}

export interface OutboxRow {
  id: number;
  tenant_id: string;
  path: string;
  input: string | null;
  command_key: string | null;
  label: string;
  record_table: string | null;
  record_key: string | null;
  provisional: string | null;
  status: OutboxStatus;
  result: string | null;
  error_code: string | null;
  error_message: string | null;
  conflicts: string | null;
  acknowledged: number;
  awaiting_pull: number;
  created_at: number;
  settled_at: number | null;
}

export function entryOf(row: OutboxRow, inFlight: boolean): OutboxEntry {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    path: row.path,
    label: row.label,
    record:
      row.record_table !== null && row.record_key !== null
        ? { table: row.record_table, key: row.record_key }
        : null,
    status: row.status,
    inFlight,
    errorCode: row.error_code,
    errorMessage: row.error_message,
    conflicts: row.conflicts === null ? null : (JSON.parse(row.conflicts) as FieldConflict[]),
    acknowledged: row.acknowledged === 1,
    withheld: row.result === null ? null : (withheldOf(JSON.parse(row.result))?.message ?? null),
    createdAt: row.created_at,
    settledAt: row.settled_at,
  };
}
