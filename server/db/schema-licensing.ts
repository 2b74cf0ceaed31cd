/** Tables of migration 0031_licensing, as Kysely sees them (server/modules/licensing owns them). */

export type LicenseStatus = 'ACTIVE' | 'SUSPENDED' | 'REVOKED';

export interface LicensingTables {
  /** A license policy (shared/licensing/policy.ts's Policy, as stored). */
  license_policies: {
    id: string;
    tenant_id: string;
    name: string;
    product_id: string;
    plan_id: string | null;
    duration_kind: 'FIXED' | 'SUBSCRIPTION';
    duration_days: number | null;
    machine_mode: 'NONE' | 'NODE_LOCKED' | 'FLOATING';
    max_machines: number | null;
    max_users: number | null;
    expiration_strategy: 'RESTRICT' | 'REVOKE' | 'MAINTAIN' | 'ALLOW';
    check_in_interval_seconds: number | null;
    heartbeat_ttl_seconds: number | null;
    overage_strategy: 'NONE' | 'X1_25' | 'X1_5' | 'X2' | 'ALWAYS';
    past_due_action: 'OVERDUE' | 'SUSPEND';
    /** JSON: UsageLimit[] (shared/licensing/policy.ts). */
    usage_limits: string;
    /** JSON: string[], the entitlements every license of the policy has. */
    entitlements: string;
    archived_at: number | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  licenses: {
    id: string;
    tenant_id: string;
    customer_id: string;
    policy_id: string;
    subscription_id: string | null;
    name: string;
    /** SHA-256 (hex) of the key's text: how a validation finds its license. Never replicated. */
    key_hash: string;
    /** The key sealed with the server's box (server/backend/seal-secrets.ts). Never replicated. */
    key_sealed: string;
    /** The key's last characters, so people can tell keys apart. */
    key_hint: string;
    status: LicenseStatus;
    suspended_reason: string | null;
    issued_at: number;
    expires_at: number | null;
    renewed_at: number | null;
    revoked_at: number | null;
    last_check_in_at: number | null;
    past_due_grace_ends_at: number | null;
    /** JSON: string[], entitlements beyond the policy's. */
    entitlements: string;
    /** The smallest reminder (30, 7, 1 days) sent for the current expiry; null after a renewal. */
    expiry_reminded_days: number | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  license_machines: {
    id: string;
    tenant_id: string;
    customer_id: string;
    license_id: string;
    fingerprint: string;
    name: string | null;
    platform: string | null;
    activated_via: 'api' | 'offline' | 'console';
    activated_at: number;
    last_heartbeat_at: number | null;
    created_by: string | null;
  };
  license_seats: {
    id: string;
    tenant_id: string;
    customer_id: string;
    license_id: string;
    /** The platform's id for the user (what `validate`'s scope.user names). */
    user_ref: string;
    email: string | null;
    name: string | null;
    assigned_at: number;
    assigned_by: string | null;
  };
  /** Units used per license, metric and billing period ('YYYY-MM' or the subscription's period start). */
  license_usage: {
    tenant_id: string;
    customer_id: string;
    license_id: string;
    metric: string;
    period: string;
    quantity: number;
    /** The highest alert threshold (80, 100) already sent for this period. */
    alerted_percent: number | null;
    /** Units over the limit already added to an invoice. */
    billed_quantity: number;
    updated_at: number;
  };
  license_usage_events: {
    id: string;
    tenant_id: string;
    customer_id: string;
    license_id: string;
    /** The client's id for the event: a replay with the same id is stored once. */
    event_id: string;
    metric: string;
    quantity: number;
    occurred_at: number;
    period: string;
    received_at: number;
  };
  /** The validation log: a ring of slots per license, rewritten in place (bounded). */
  license_validations: {
    tenant_id: string;
    customer_id: string;
    license_id: string;
    slot: number;
    validated_at: number;
    /** 1 or 0. */
    valid: number;
    code: string;
    fingerprint: string | null;
    user_ref: string | null;
    /** Who asked: 'license-key' or an API key's id. */
    client: string;
    address: string | null;
    /** How many identical validations in a row this slot stands for (decision 164). */
    repeats: number;
    /** The first of them; `validated_at` is the latest. */
    first_validated_at: number;
  };
  /** A tenant's Ed25519 signing keys (shared/licensing/keys.ts); never replicated. */
  license_signing_keys: {
    kid: string;
    tenant_id: string;
    /** The 32-byte public key, base64url (the JWK's x). */
    public_key: string;
    private_key_sealed: string;
    status: 'active' | 'retired' | 'removed';
    created_at: number;
    retired_at: number | null;
    removed_at: number | null;
  };
}
