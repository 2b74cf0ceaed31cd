import type { Selectable } from 'kysely';
import type { FieldConflict } from '../../../shared/errors';
import type { SyncTables } from '../../db/schema-sync';
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

export type OutboxStatus = SyncTables['sync_outbox']['status'];

/** A command whose effect is on the replica until the server's rows for it arrive: pending, or done and not yet pulled. */
export interface ReplayedCommand {
  id: number;
  tenantId: string;
  path: string;
  input: unknown;
  createdAt: number;
}

/** An outbox row as the replica's database holds it (read with raw SQL, so Kysely's Generated columns are plain). */
export type OutboxRow = Selectable<SyncTables['sync_outbox']>;

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
