import type { Generated } from 'kysely';

export type StripeImportStatus = 'running' | 'done' | 'failed';
export const STRIPE_SUBSCRIPTION_ACTIONS = [
  'cancel_now',
  'cancel_at_period_end',
  'undo_cancel',
  'pause_collection',
  'resume_collection',
  'change_price',
] as const;
export type StripeSubscriptionAction = (typeof STRIPE_SUBSCRIPTION_ACTIONS)[number];
export type StripeRequestStatus = 'sending' | 'sent' | 'failed' | 'confirmed';

/** Tables of migration 0006_stripe_mirror (besides stripe_object_versions and new columns), as Kysely sees them. */
export interface StripeBillingTables {
  stripe_imports: {
    id: string;
    tenant_id: string;
    status: StripeImportStatus;
    cursor: string | null;
    pages: Generated<number>;
    subscriptions: Generated<number>;
    invoices: Generated<number>;
    errors: Generated<number>;
    last_error: string | null;
    requested_by: string;
    started_at: number;
    finished_at: number | null;
    updated_at: number;
  };
  stripe_subscription_requests: {
    id: string;
    tenant_id: string;
    subscription_id: string;
    action: StripeSubscriptionAction;
    /** JSON of what was asked (price, resume date…), for the console and the confirmation check. */
    params: string;
    idempotency_key: string;
    status: StripeRequestStatus;
    error: string | null;
    requested_by: string;
    requested_at: number;
    updated_at: number;
  };
}
