/** Tables of migration 0029_account_admins, as Kysely sees them. */
export interface AccountAdminTables {
  /** A person administering one customer's account of a tenant (never a tenant role). */
  account_members: {
    id: string;
    tenant_id: string;
    customer_id: string;
    user_id: string;
    created_by: string | null;
    created_at: number;
  };
  account_invitations: {
    id: string;
    tenant_id: string;
    customer_id: string;
    email: string;
    token_hash: string;
    created_by: string | null;
    created_at: number;
    expires_at: number;
    accepted_at: number | null;
    revoked_at: number | null;
  };
}
