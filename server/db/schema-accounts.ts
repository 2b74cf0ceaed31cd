/** Tables of migration 0009_accounts, as Kysely sees them. */
export interface AccountTables {
  user_credentials: {
    user_id: string;
    password_hash: string;
    failed_attempts: number;
    locked_until: number | null;
    password_changed_at: number;
  };
  /** One row per refresh token; rows of one sign-in share family_id. */
  sessions: {
    id: string;
    family_id: string;
    user_id: string;
    refresh_hash: string;
    /** `kind:id` of the client that signed in, as in the audit trail. */
    client: string;
    created_at: number;
    expires_at: number;
    last_used_at: number;
    revoked_at: number | null;
    replaced_by: string | null;
  };
  api_keys: {
    id: string;
    tenant_id: string;
    name: string;
    role: 'admin' | 'billing' | 'viewer';
    prefix: string;
    key_hash: string;
    created_by: string | null;
    created_at: number;
    last_used_at: number | null;
    revoked_at: number | null;
    /** JSON array of permissions (migration 13). */
    scopes: string;
    last_used_address: string | null;
  };
  /** tenant_id null: an invitation to the platform staff with a platform role. */
  invitations: {
    id: string;
    tenant_id: string | null;
    email: string;
    role: string;
    token_hash: string;
    created_by: string | null;
    created_at: number;
    expires_at: number;
    accepted_at: number | null;
    revoked_at: number | null;
  };
}
