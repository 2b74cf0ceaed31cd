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
    id: number;
    tenant_id: string;
    path: string;
    input: string | null;
    status: 'pending' | 'ok' | 'error';
    result: string | null;
    error_code: string | null;
    error_message: string | null;
    created_at: number;
    settled_at: number | null;
  };
  sync_state: { key: string; value: string };
}
