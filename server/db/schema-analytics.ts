/** Tables of migration 0025_analytics, as Kysely sees them (server/modules/analytics owns them). */

export type MovementKind = 'new' | 'expansion' | 'contraction' | 'churn' | 'reactivation';
export type RevenueSource = 'tollgate' | 'stripe';

export interface AnalyticsTables {
  mrr_states: {
    id: string;
    tenant_id: string;
    seq: number;
    subscription_id: string;
    customer_id: string;
    effective_at: number;
    status: string;
    currency: string;
    plan_id: string;
    price_id: string;
    interval: string;
    quantity: number;
    /** The subscription's recurring value under the base rules, minor units per month. */
    mrr: number;
    past_due_since: number | null;
    source: RevenueSource;
    country: string;
    cause_type: string;
    cause_id: string | null;
    recorded_at: number;
  };
  mrr_movements: {
    id: string;
    tenant_id: string;
    customer_id: string;
    subscription_id: string;
    state_id: string;
    kind: MovementKind;
    currency: string;
    /** The leg's signed change, minor units per month. */
    amount: number;
    amount_reporting: number | null;
    subscription_mrr_before: number;
    subscription_mrr_after: number;
    customer_mrr_before: number;
    customer_mrr_after: number;
    /** +1 new and reactivation, −1 churn, 0 otherwise. */
    customer_delta: number;
    effective_at: number;
    /** 'YYYY-MM' of effective_at in UTC. */
    month: string;
    /** 'YYYY-MM' of the customer's first paying month in this currency. */
    cohort: string;
    plan_id: string;
    interval: string;
    source: RevenueSource;
    country: string;
    cause_type: string;
    cause_id: string | null;
  };
  mrr_monthly: {
    tenant_id: string;
    currency: string;
    month: string;
    kind: MovementKind;
    plan_id: string;
    interval: string;
    source: RevenueSource;
    country: string;
    amount: number;
    amount_reporting: number;
    movements: number;
    customers: number;
  };
  /** mrr_monthly summed per plan, interval and source; kept by triggers (migration 28). */
  mrr_monthly_plans: {
    tenant_id: string;
    plan_id: string;
    interval: string;
    source: RevenueSource;
    month: string;
    currency: string;
    kind: MovementKind;
    amount: number;
    amount_reporting: number;
    movements: number;
    customers: number;
  };
  /** mrr_monthly summed per country; kept by triggers (migration 28). */
  mrr_monthly_countries: {
    tenant_id: string;
    country: string;
    month: string;
    currency: string;
    kind: MovementKind;
    amount: number;
    amount_reporting: number;
    movements: number;
    customers: number;
  };
  mrr_cohorts: {
    tenant_id: string;
    currency: string;
    cohort: string;
    month: string;
    amount: number;
    amount_reporting: number;
    customers: number;
    /** How many movements the row sums (0 → the row is deleted). */
    movements: number;
  };
  fx_rates: {
    tenant_id: string;
    base_currency: string;
    quote_currency: string;
    /** 'YYYY-MM-DD'. */
    day: string;
    /** Decimal string: units of quote_currency per unit of base_currency. */
    rate: string;
    source: 'entered' | 'imported';
    updated_at: number;
  };
  analytics_settings: {
    tenant_id: string;
    reporting_currency: string;
    past_due_churn_days: number | null;
    /** JSON array of email addresses. */
    finance_pack_recipients: string;
    rebuild_status: 'idle' | 'running' | 'failed';
    rebuild_done: number;
    rebuild_total: number;
    rebuild_error: string | null;
    rebuilt_at: number | null;
    /** Movement rows the last rebuild found different (and rewrote); 0 expected. */
    rebuild_differences: number | null;
    version: number;
    updated_at: number;
  };
}
