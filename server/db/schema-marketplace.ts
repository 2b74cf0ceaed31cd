/** Tables of migration 0036_marketplace, as Kysely sees them (server/modules/marketplace owns them). */

export type CourseStatus = 'draft' | 'in_review' | 'published' | 'unpublished' | 'archived';
export type CourseLevel = 'beginner' | 'intermediate' | 'advanced' | 'all_levels';
export type CourseDecisionKind =
  'submitted' | 'approved' | 'rejected' | 'unpublished' | 'republished' | 'archived';
export type PurchaseStatus = 'pending' | 'requires_action' | 'paid' | 'failed' | 'refunded';
export type EarningsKind = 'sale' | 'refund' | 'adjustment' | 'payout';
export type EarningsState = 'pending' | 'available' | 'paid';
export type ReviewReportReason =
  'off_topic' | 'abusive' | 'incentivised' | 'conflict_of_interest' | 'duplicate' | 'other';

export interface MarketplaceTables {
  /** A workspace's marketplace rules; a workspace without a row has the defaults. */
  marketplace_settings: {
    tenant_id: string;
    /** The instructor's share of a sale's net amount, in basis points (7000 = 70 %). */
    default_share_bps: number;
    /** JSON: { [channel]: bps }, a share per sales channel overriding the default. */
    channel_shares: string;
    refund_window_days: number;
    /** Days a sale's share stays pending before it becomes available to pay out. */
    hold_days: number;
    payout_day_of_month: number;
    /** JSON: { [currency]: minor units }, the smallest balance paid out in each currency. */
    minimum_payouts: string;
    version: number;
    updated_at: number;
  };
  instructors: {
    id: string;
    tenant_id: string;
    name: string;
    email: string;
    /** The customer the instructor also is, when they buy courses too. */
    customer_id: string | null;
    /** The gateway's account paid out to (a Stripe connected account, acct_…). */
    payout_account_id: string | null;
    payout_details_complete: 0 | 1;
    /** The instructor's own share, over the workspace's default; null: the default. */
    share_bps: number | null;
    /** 1: staff hold the instructor's payouts. Incomplete payout details hold them as well. */
    payout_hold: 0 | 1;
    version: number;
    created_at: number;
    updated_at: number;
  };
  courses: {
    id: string;
    tenant_id: string;
    instructor_id: string;
    title: string;
    subtitle: string;
    description: string;
    /** A slug (programming, design, …). */
    category: string;
    level: CourseLevel;
    /** A BCP 47 language tag (en, pt-BR). */
    language: string;
    status: CourseStatus;
    /** Why the course is where it is: a rejection's or an unpublishing's reason. */
    status_reason: string | null;
    /** The course's own share, over the instructor's; null: the instructor's. */
    share_bps: number | null;
    cover_image_key: string | null;
    /** The content package new enrollments get (course_versions.id). */
    current_version_id: string | null;
    /** Stars of the published reviews, summed, and their count: the weighted rating's inputs. */
    rating_sum: number;
    rating_count: number;
    /** Active enrollments: the "popular" sort. */
    enrollment_count: number;
    published_at: number | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  course_prices: {
    tenant_id: string;
    course_id: string;
    currency: string;
    /** Minor units. */
    amount: number;
  };
  /** A content package: kept as uploaded, so an enrollment pinned to it never breaks. */
  course_versions: {
    id: string;
    tenant_id: string;
    course_id: string;
    number: number;
    byte_size: number;
    /** SHA-256 of the bytes, hex. */
    sha256: string;
    content_type: string;
    /** Where the content store keeps it. */
    storage_key: string;
    uploaded_at: number;
    uploaded_by: string;
  };
  /** Each publishing step (decision 167): what the instructor's app is told, with its reason. */
  course_decisions: {
    id: string;
    tenant_id: string;
    course_id: string;
    instructor_id: string;
    decision: CourseDecisionKind;
    from_status: CourseStatus;
    to_status: CourseStatus;
    reason: string | null;
    actor_name: string;
    decided_at: number;
  };
  course_purchases: {
    id: string;
    tenant_id: string;
    customer_id: string;
    course_id: string;
    instructor_id: string;
    invoice_id: string | null;
    amount: number;
    currency: string;
    /** How the sale came (storefront, instructor_link, …): picks the channel's share. */
    channel: string;
    /** The instructor's share the sale was split by, fixed when it was made. */
    share_bps: number;
    /** The storefront's key, unique per workspace. Never replicated. */
    idempotency_key: string;
    status: PurchaseStatus;
    failure_reason: string | null;
    paid_at: number | null;
    refunded_at: number | null;
    created_at: number;
    updated_at: number;
  };
  enrollments: {
    id: string;
    tenant_id: string;
    customer_id: string;
    course_id: string;
    /** The content package the learner keeps, whatever is uploaded after. */
    course_version_id: string | null;
    purchase_id: string | null;
    status: 'active' | 'revoked';
    granted_at: number;
    revoked_at: number | null;
    revoke_reason: string | null;
  };
  payout_runs: {
    id: string;
    tenant_id: string;
    /** The month paid (2026-12), one run per month. */
    period: string;
    status: 'running' | 'completed' | 'failed';
    scheduled_for: number;
    started_at: number | null;
    finished_at: number | null;
    created_by: string;
    created_at: number;
  };
  payouts: {
    id: string;
    tenant_id: string;
    run_id: string;
    instructor_id: string;
    currency: string;
    amount: number;
    /** Per instructor and run, so a rerun never pays twice. Never replicated. */
    idempotency_key: string;
    status: 'pending' | 'paid' | 'failed';
    gateway_transfer_id: string | null;
    failure_reason: string | null;
    created_at: number;
    paid_at: number | null;
    failed_at: number | null;
  };
  /** The instructor's ledger: a balance is the sum of its lines. */
  earnings_lines: {
    id: string;
    tenant_id: string;
    instructor_id: string;
    course_id: string | null;
    purchase_id: string | null;
    payout_id: string | null;
    kind: EarningsKind;
    /** Signed minor units: a sale's share is positive, a clawback or a payout negative. */
    amount: number;
    currency: string;
    state: EarningsState;
    available_at: number;
    memo: string | null;
    created_at: number;
  };
  course_reviews: {
    id: string;
    tenant_id: string;
    course_id: string;
    customer_id: string;
    enrollment_id: string;
    stars: number;
    body: string;
    status: 'published' | 'removed';
    removal_reason: string | null;
    removed_at: number | null;
    removed_by: string | null;
    instructor_reply: string | null;
    replied_at: number | null;
    version: number;
    created_at: number;
    updated_at: number;
  };
  course_review_reports: {
    id: string;
    tenant_id: string;
    review_id: string;
    reporter_customer_id: string;
    reason: ReviewReportReason;
    note: string | null;
    status: 'open' | 'upheld' | 'dismissed';
    decision_reason: string | null;
    decided_by: string | null;
    decided_at: number | null;
    created_at: number;
  };
}
