import type { Generated } from 'kysely';

/** Tables of migration 0010_sync, as Kysely sees them. */
export interface SyncTables {
  sync_counter: { id: number; seq: number };
  sync_rows: {
    tbl: string;
    pk: string;
    tenant_id: string | null;
    seq: number;
    op: 'upsert' | 'delete';
    row: string | null;
  };
  sync_clients: { client_id: string; user_id: string; last_mutation_id: number; updated_at: number };
  sync_mutations: {
    client_id: string;
    mutation_id: number;
    path: string;
    status: 'ok' | 'error';
    result: string | null;
    error_code: string | null;
    error_message: string | null;
    applied_at: number;
  };
  sync_outbox: {
    id: Generated<number>;
    tenant_id: string;
    path: string;
    input: string | null;
    command_key: string | null;
    label: string;
    record_table: string | null;
    record_key: string | null;
    provisional: string | null;
    status: 'pending' | 'ok' | 'error' | 'cancelled';
    result: string | null;
    error_code: string | null;
    error_message: string | null;
    conflicts: string | null;
    acknowledged: Generated<number>;
    awaiting_pull: Generated<number>;
    created_at: number;
    settled_at: number | null;
  };
  /** Migration 0018: the server's version of each row a pending command changed on a replica. */
  sync_overlay: { table_name: string; row_key: string; base_row: string | null };
  /** Migration 0018: which pending command changed which replica row and fields. */
  sync_pending_marks: {
    outbox_id: number;
    table_name: string;
    row_key: string;
    op: 'insert' | 'update' | 'remove';
    fields: string;
  };
  sync_state: { key: string; value: string };
}
