import type { RecoveryStatus } from '../../shared/billing/recovery-schema';

/** Tables of migration 0003_recovery, as Kysely sees them. */
export interface RecoveryTables {
  recovery_policies: {
    tenant_id: string;
    retry_base_hours: number;
    backoff_factor: number;
    max_attempts: number;
    grace_days: number;
    final_action: 'cancel' | 'unpaid';
    updated_at: number;
  };
  invoice_recoveries: {
    invoice_id: string;
    tenant_id: string;
    customer_id: string;
    subscription_id: string | null;
    started_at: number;
    failed_amount: number;
    currency: string;
    attempts: number;
    next_attempt_at: number | null;
    grace_ends_at: number;
    last_failure_code: string | null;
    status: RecoveryStatus;
    recovered_at: number | null;
    recovered_amount: number | null;
    recovered_attempt: number | null;
    ended_at: number | null;
    created_at: number;
    updated_at: number;
  };
  recovery_pauses: {
    tenant_id: string;
    customer_id: string;
    paused_at: number;
    paused_by: string;
  };
}
