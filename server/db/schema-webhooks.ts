import type { Generated } from 'kysely';

export type WebhookEndpointStatus = 'enabled' | 'disabled';
export type WebhookDeliveryStatus = 'pending' | 'succeeded' | 'failed';

/** Tables of migration 0015_webhooks, as Kysely sees them (owned by server/modules/webhooks). */
export interface WebhookTables {
  webhook_endpoints: {
    id: string;
    tenant_id: string;
    url: string;
    description: string;
    event_types: string;
    status: WebhookEndpointStatus;
    disabled_reason: 'staff' | 'failing' | null;
    secret_hint: string;
    failing_since: number | null;
    /** JSON [{hint, expires_at}] of older secrets still signing (migration 0017); null for none. */
    expiring_secrets: string | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  /** Signing secrets (migration 0017): the current one (expires_at null) and older ones still signing until they expire. */
  webhook_secrets: {
    id: string;
    endpoint_id: string;
    tenant_id: string;
    secret: string;
    created_at: number;
    expires_at: number | null;
  };
  webhook_events: {
    id: string;
    tenant_id: string;
    type: string;
    object_id: string;
    object_seq: number;
    data: string;
    created_at: number;
  };
  webhook_deliveries: {
    id: string;
    tenant_id: string;
    endpoint_id: string;
    event_id: string;
    object_id: string;
    object_seq: number;
    status: WebhookDeliveryStatus;
    attempts: Generated<number>;
    attempts_before_replay: Generated<number>;
    next_attempt_at: number | null;
    last_response_code: number | null;
    last_error: string | null;
    created_at: number;
    updated_at: number;
    finished_at: number | null;
  };
  webhook_attempts: {
    id: string;
    tenant_id: string;
    delivery_id: string;
    endpoint_id: string;
    attempt: number;
    at: number;
    duration_ms: number;
    outcome: 'succeeded' | 'failed';
    response_code: number | null;
    response_excerpt: string | null;
    error: string | null;
  };
}
