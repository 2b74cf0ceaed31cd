import type { Generated } from 'kysely';

/** Kysely's view of the tables. Column names are the database's (snake_case); repos map them. */
export interface DB {
  schema_migrations: { version: number; name: string; applied_at: number };
  settings: { key: string; value: string };
  tenants: { id: string; name: string; slug: string; status: 'active' | 'suspended'; created_at: number };
  users: { id: string; email: string; name: string; created_at: number };
  memberships: {
    id: string;
    user_id: string;
    tenant_id: string | null;
    role: string;
    created_at: number;
  };
  customers: {
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
  };
  audit_log: {
    id: string;
    tenant_id: string | null;
    actor_id: string | null;
    actor_name: string;
    client: string;
    action: string;
    entity_type: string;
    entity_id: string;
    before: string | null;
    after: string | null;
    at: number;
  };
  change_log: {
    seq: Generated<number>;
    tenant_id: string;
    entity_type: string;
    entity_id: string;
    op: 'upsert' | 'delete';
    data: string | null;
    at: number;
  };
}
