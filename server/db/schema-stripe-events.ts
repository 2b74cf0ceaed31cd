import type { Generated } from 'kysely';

export type StripeEventStatus = 'pending' | 'processed' | 'ignored' | 'stale' | 'failed' | 'dead';
export type StripeEventSource = 'webhook' | 'events_api';
export type StripeEventAttemptOutcome = 'processed' | 'ignored' | 'stale' | 'failed' | 'dead' | 'replayed';

/** Tables of migration 0005_stripe_events, as Kysely sees them. */
export interface StripeEventTables {
  stripe_events: {
    tenant_id: string;
    event_id: string;
    type: string;
    object_id: string | null;
    created: number;
    livemode: 0 | 1;
    payload: string;
    source: StripeEventSource;
    status: Generated<StripeEventStatus>;
    attempts: Generated<number>;
    next_attempt_at: number;
    last_error: string | null;
    received_at: number;
    processed_at: number | null;
  };
  stripe_event_attempts: {
    tenant_id: string;
    event_id: string;
    at: number;
    outcome: StripeEventAttemptOutcome;
    error: string | null;
    actor_name: string | null;
  };
  stripe_webhook_endpoints: { tenant_id: string; secret: string; updated_at: number };
  stripe_event_cursors: { tenant_id: string; last_event_id: string; updated_at: number };
}
