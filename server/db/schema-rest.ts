/** Tables of migration 0014_rest_idempotency, as Kysely sees them. */
export interface RestTables {
  rest_idempotency_keys: {
    tenant_id: string;
    principal_id: string;
    idempotency_key: string;
    request_hash: string;
    status: number | null;
    body: string | null;
    created_at: number;
  };
}
